export type Json = string | number | boolean | null | {
  [key: string]: Json | undefined;
} | Json[];

export type Database = {
  "public": {
    Tables: {
      "training_programs": {
        Row: {
          "created_at": string;
          "generation_attempts": number;
          "generation_error": string | null;
          "generation_finished_at": string | null;
          "generation_job_id": string | null;
          "generation_lease_until": string | null;
          "generation_progress": Json | null;
          "generation_started_at": string | null;
          "generation_status": string;
          "id": string;
          "profile": NonNullable<Json>;
          "program": Json | null;
          "title": string;
          "updated_at": string;
          "user_id": string;
        };
        ComputedFields: never;
        Insert: {
          "created_at"?: string;
          "generation_attempts"?: number;
          "generation_error"?: string | null;
          "generation_finished_at"?: string | null;
          "generation_job_id"?: string | null;
          "generation_lease_until"?: string | null;
          "generation_progress"?: Json | null;
          "generation_started_at"?: string | null;
          "generation_status"?: string;
          "id"?: string;
          "profile": NonNullable<Json>;
          "program"?: Json | null;
          "title"?: string;
          "updated_at"?: string;
          "user_id"?: string;
        };
        Update: {
          "created_at"?: string;
          "generation_attempts"?: number;
          "generation_error"?: string | null;
          "generation_finished_at"?: string | null;
          "generation_job_id"?: string | null;
          "generation_lease_until"?: string | null;
          "generation_progress"?: Json | null;
          "generation_started_at"?: string | null;
          "generation_status"?: string;
          "id"?: string;
          "profile"?: NonNullable<Json>;
          "program"?: Json | null;
          "title"?: string;
          "updated_at"?: string;
          "user_id"?: string;
        };
        Relationships: [];
      };
    };
    Views: {
      [_ in never]: never;
    };
    Functions: {
      "claim_generation": {
        Args: {
          "p_force": boolean;
          "p_job_id"?: string;
          "p_lease_seconds": number;
          "p_max_attempts"?: number;
          "p_program_id": string;
          "p_user_id": string;
        };
        Returns: {
          "created_at": string;
          "generation_attempts": number;
          "generation_error": string | null;
          "generation_finished_at": string | null;
          "generation_job_id": string | null;
          "generation_lease_until": string | null;
          "generation_progress": Json | null;
          "generation_started_at": string | null;
          "generation_status": string;
          "id": string;
          "profile": NonNullable<Json>;
          "program": Json | null;
          "title": string;
          "updated_at": string;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "training_programs";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "complete_generation": {
        Args: { "p_job_id": string; "p_program": Json; "p_program_id": string };
        Returns: boolean;
      };
      "create_and_claim_generation": {
        Args: {
          "p_job_id"?: string;
          "p_lease_seconds": number;
          "p_max_attempts"?: number;
          "p_profile": Json;
          "p_program_id"?: string;
          "p_title": string;
          "p_user_id": string;
        };
        Returns: {
          "created_at": string;
          "generation_attempts": number;
          "generation_error": string | null;
          "generation_finished_at": string | null;
          "generation_job_id": string | null;
          "generation_lease_until": string | null;
          "generation_progress": Json | null;
          "generation_started_at": string | null;
          "generation_status": string;
          "id": string;
          "profile": NonNullable<Json>;
          "program": Json | null;
          "title": string;
          "updated_at": string;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "training_programs";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "create_training_program": {
        Args: { "p_profile": Json; "p_title": string; "p_user_id": string };
        Returns: {
          "created_at": string;
          "generation_attempts": number;
          "generation_error": string | null;
          "generation_finished_at": string | null;
          "generation_job_id": string | null;
          "generation_lease_until": string | null;
          "generation_progress": Json | null;
          "generation_started_at": string | null;
          "generation_status": string;
          "id": string;
          "profile": NonNullable<Json>;
          "program": Json | null;
          "title": string;
          "updated_at": string;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "training_programs";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "fail_generation": {
        Args: { "p_error": string; "p_job_id": string; "p_program_id": string };
        Returns: boolean;
      };
      "reclaim_expired_generations": {
        Args: {
          "p_lease_seconds": number;
          "p_limit": number;
          "p_max_attempts": number;
          "p_program_id"?: string;
          "p_user_id"?: string;
        };
        Returns: {
          "created_at": string;
          "generation_attempts": number;
          "generation_error": string | null;
          "generation_finished_at": string | null;
          "generation_job_id": string | null;
          "generation_lease_until": string | null;
          "generation_progress": Json | null;
          "generation_started_at": string | null;
          "generation_status": string;
          "id": string;
          "profile": NonNullable<Json>;
          "program": Json | null;
          "title": string;
          "updated_at": string;
          "user_id": string;
        }[];
        SetofOptions: {
          from: "*";
          to: "training_programs";
          isOneToOne: false;
          isSetofReturn: true;
        };
      };
      "reclaim_generation": {
        Args: {
          "p_lease_seconds": number;
          "p_max_attempts": number;
          "p_program_id": string;
        };
        Returns: {
          "created_at": string;
          "generation_attempts": number;
          "generation_error": string | null;
          "generation_finished_at": string | null;
          "generation_job_id": string | null;
          "generation_lease_until": string | null;
          "generation_progress": Json | null;
          "generation_started_at": string | null;
          "generation_status": string;
          "id": string;
          "profile": NonNullable<Json>;
          "program": Json | null;
          "title": string;
          "updated_at": string;
          "user_id": string;
        };
        SetofOptions: {
          from: "*";
          to: "training_programs";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      "release_expired_generations": {
        Args: { "p_max_attempts": number; "p_user_id"?: string };
        Returns: {
          "created_at": string;
          "generation_attempts": number;
          "generation_error": string | null;
          "generation_finished_at": string | null;
          "generation_job_id": string | null;
          "generation_lease_until": string | null;
          "generation_progress": Json | null;
          "generation_started_at": string | null;
          "generation_status": string;
          "id": string;
          "profile": NonNullable<Json>;
          "program": Json | null;
          "title": string;
          "updated_at": string;
          "user_id": string;
        }[];
        SetofOptions: {
          from: "*";
          to: "training_programs";
          isOneToOne: false;
          isSetofReturn: true;
        };
      };
      "release_generation": {
        Args: { "p_job_id": string; "p_program_id": string };
        Returns: boolean;
      };
      "renew_generation_lease": {
        Args: {
          "p_job_id": string;
          "p_lease_seconds": number;
          "p_program_id": string;
        };
        Returns: boolean;
      };
      "report_generation_progress": {
        Args: {
          "p_job_id": string;
          "p_lease_seconds": number;
          "p_program_id": string;
          "p_progress": Json;
        };
        Returns: boolean;
      };
    };
    Enums: {
      [_ in never]: never;
    };
    CompositeTypes: {
      [_ in never]: never;
    };
  };
};

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">;

type DefaultSchema =
  DatabaseWithoutInternals[Extract<keyof Database, "public">];

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  } ? keyof (
      & DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]][
        "Tables"
      ]
      & DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]][
        "Views"
      ]
    )
    : never = never,
> = DefaultSchemaTableNameOrOptions extends
  { schema: keyof DatabaseWithoutInternals } ? (
    & DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]][
      "Tables"
    ]
    & DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]][
      "Views"
    ]
  )[TableName] extends {
    Row: infer R;
  } ? R
  : never
  : DefaultSchemaTableNameOrOptions extends
    keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] & DefaultSchema["Views"])[
      DefaultSchemaTableNameOrOptions
    ] extends {
      Row: infer R;
    } ? R
    : never
  : never;

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  } ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]][
      "Tables"
    ]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends
  { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]][
    "Tables"
  ][TableName] extends {
    Insert: infer I;
  } ? I
  : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
      Insert: infer I;
    } ? I
    : never
  : never;

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  } ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]][
      "Tables"
    ]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends
  { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]][
    "Tables"
  ][TableName] extends {
    Update: infer U;
  } ? U
  : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
      Update: infer U;
    } ? U
    : never
  : never;

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  } ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]][
      "Enums"
    ]
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends
  { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][
    EnumName
  ]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
  : never;

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  } ? keyof DatabaseWithoutInternals[
      PublicCompositeTypeNameOrOptions["schema"]
    ]["CompositeTypes"]
    : never = never,
> = PublicCompositeTypeNameOrOptions extends
  { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]][
    "CompositeTypes"
  ][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends
    keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
  : never;

export const Constants = {
  "public": {
    Enums: {},
  },
} as const;
