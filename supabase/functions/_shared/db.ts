/**
 * The database: one small pool over `DATABASE_URL` and one method per SQL call.
 *
 * This module decides how the function talks to PostgreSQL: through
 * postgres.js without prepared statements (Supabase's transaction pooler
 * cannot keep them), with at most a couple of short-lived connections per
 * isolate, connect and statement timeouts, with the state transitions done by
 * the SQL functions of the migrations (each one atomic statement whose `WHERE`
 * encodes the allowed transition), with reads run as the caller under
 * row-level security and naming their columns (a status read never loads the
 * profile, and loads the program only when asked), and with bounded,
 * backed-off retries on connection errors. Every call is safe to retry: the
 * creating and claiming calls carry ids chosen here, so a retry after a lost
 * reply finds its own commit. Which transition to make when is left to the
 * handlers and the runner.
 *
 * @module
 */

import postgres from "postgres";
import type { Database } from "./database.types.ts";

/** Generation state of a program; the values of `generation_status`. */
export type GenerationStatus =
  | "pending"
  | "generating"
  | "completed"
  | "failed";

/** A progress report stored in `generation_progress`. */
export interface Progress {
  stage: string;
  percent: number;
}

type GeneratedRow = Database["public"]["Tables"]["training_programs"]["Row"];
type Timestamp =
  | "created_at"
  | "updated_at"
  | "generation_started_at"
  | "generation_finished_at"
  | "generation_lease_until";

/**
 * A row of `public.training_programs` as postgres.js returns it: the generated
 * type (so a schema change breaks the build here), with timestamps as `Date`
 * and the status and progress narrowed to what the constraints allow. The
 * large columns are present only where a call reads them: `profile` on the
 * rows that start a run, `program` on status reads that ask for it.
 */
export type ProgramRow =
  & Omit<
    GeneratedRow,
    | Timestamp
    | "generation_status"
    | "generation_progress"
    | "profile"
    | "program"
  >
  & { [K in Timestamp]: null extends GeneratedRow[K] ? Date | null : Date }
  & {
    generation_status: GenerationStatus;
    generation_progress: Progress | null;
    profile?: GeneratedRow["profile"];
    program?: GeneratedRow["program"];
  };

/** One line of the caller's program list: a row without its profile or program. */
export type ProgramSummary = Omit<ProgramRow, "profile" | "program">;

/** Thrown by {@link Db.claim} when another of the user's programs is generating. */
export class AnotherGeneratingError extends Error {
  override name = "AnotherGeneratingError";
}

/** Bounds of the retry loop for transient errors. */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  readonly attempts: number;
  /** Delay before the first retry; doubles each time, with jitter. */
  readonly baseDelayMs: number;
}

/**
 * The default: five tries over about 1.5 s (plus jitter), long enough for a
 * failover or a restart to hand out fresh connections.
 */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 100 };

/** Settings of the database client. */
export interface DbOptions {
  /** PostgreSQL connection string. */
  readonly url: string;
  /** Most connections this worker opens (default 2). */
  readonly poolSize?: number;
  /** Seconds an idle connection is kept (default 10). */
  readonly idleTimeoutSeconds?: number;
  /** Seconds a connection lives at most (default 300). */
  readonly maxLifetimeSeconds?: number;
  /** Seconds to wait for a new connection (default 5). */
  readonly connectTimeoutSeconds?: number;
  /** Longest a statement may run on the server, in ms (default 15000). */
  readonly statementTimeoutMs?: number;
  /** Retry bounds for connection errors. */
  readonly retry?: RetryPolicy;
}

/** Columns every read returns: the row without its two large JSON values. */
const STATUS_COLUMNS = [
  "id",
  "user_id",
  "title",
  "generation_status",
  "generation_error",
  "generation_attempts",
  "generation_job_id",
  "generation_progress",
  "generation_started_at",
  "generation_finished_at",
  "generation_lease_until",
  "created_at",
  "updated_at",
] as const;
/** Columns of a row that starts a run: the status plus the profile it runs on. */
const RUN_COLUMNS = [...STATUS_COLUMNS, "profile"];
/** Columns of a full status read: the status plus the last completed program. */
const READ_COLUMNS = [...STATUS_COLUMNS, "program"];

/** Every database call the function makes. */
export interface Db {
  /**
   * Creates a program owned by `userId` already claimed (`create_and_claim_generation`,
   * one INSERT). Throws {@link AnotherGeneratingError}, and then creates nothing.
   */
  createAndClaim(
    userId: string,
    title: string,
    profile: unknown,
    leaseSeconds: number,
    maxAttempts?: number,
  ): Promise<ProgramRow>;
  /**
   * Claims a program for generation (`claim_generation`), after releasing the
   * user's expired leases; `null` when it is not claimable or not the user's.
   * Throws {@link AnotherGeneratingError}.
   */
  claim(
    programId: string,
    userId: string,
    force: boolean,
    leaseSeconds: number,
    maxAttempts?: number,
  ): Promise<ProgramRow | null>;
  /** The user's program with its last program, read with service rights but filtered by owner. */
  ownedProgram(programId: string, userId: string): Promise<ProgramRow | null>;
  /** The id of the user's program that is generating, if any. */
  generatingProgramId(userId: string): Promise<string | null>;
  /**
   * A program read as the caller under RLS (`claims` are the caller's
   * verified JWT claims); with its last completed program when `withProgram`.
   */
  readAsUser(
    claims: Readonly<Record<string, unknown>>,
    programId: string,
    withProgram: boolean,
  ): Promise<ProgramRow | null>;
  /** Up to `limit` of the caller's programs under RLS, newest first, created before `before`. */
  listAsUser(
    claims: Readonly<Record<string, unknown>>,
    limit: number,
    before: string | null,
  ): Promise<ProgramSummary[]>;
  /**
   * Renames the caller's program under RLS (the `title` column grant and the
   * "owners rename" policy); the renamed row, or `null` when the caller has
   * no such program.
   */
  renameAsUser(
    claims: Readonly<Record<string, unknown>>,
    programId: string,
    title: string,
  ): Promise<ProgramSummary | null>;
  /**
   * Deletes the caller's program under RLS (the "owners delete idle
   * programs" policy): true when deleted, false when the caller has no such
   * program or it is generating.
   */
  deleteAsUser(
    claims: Readonly<Record<string, unknown>>,
    programId: string,
  ): Promise<boolean>;
  /** Extends the lease from now while `jobId` holds the claim; false when it does not. */
  renewLease(
    programId: string,
    jobId: string,
    leaseSeconds: number,
  ): Promise<boolean>;
  /** Hands a run back (pending, attempts kept) while `jobId` holds the claim; false when it does not. */
  release(programId: string, jobId: string): Promise<boolean>;
  /** Stores progress and extends the lease while `jobId` holds the claim; false when it does not. */
  reportProgress(
    programId: string,
    jobId: string,
    progress: Progress,
    leaseSeconds: number,
  ): Promise<boolean>;
  /**
   * Stores the program, given as JSON text, and completes the job, fenced by
   * `jobId`; false when the job lost its claim.
   */
  complete(
    programId: string,
    jobId: string,
    programJson: string,
  ): Promise<boolean>;
  /** Fails the job with `error`, fenced by `jobId`; false when the job lost its claim. */
  fail(programId: string, jobId: string, error: string): Promise<boolean>;
  /**
   * Re-claims (or fails, after `maxAttempts`) one program whose lease expired
   * or that was released; `null` if it is neither.
   */
  reclaim(
    programId: string,
    leaseSeconds: number,
    maxAttempts: number,
  ): Promise<ProgramRow | null>;
  /** The same for up to `limit` such programs, of `userId` or of anyone. */
  reclaimExpired(
    leaseSeconds: number,
    maxAttempts: number,
    limit: number,
    userId?: string | null,
  ): Promise<ProgramRow[]>;
  /** A trivial round trip, for health checks and the benchmark floor. */
  ping(): Promise<void>;
  /** Closes every connection, waiting up to `timeoutSeconds` for running queries. */
  close(timeoutSeconds?: number): Promise<void>;
}

/** Opens a pool; connections are made lazily, on first use. */
export function createDb(options: DbOptions): Db {
  const sql = postgres(options.url, {
    // Supabase's transaction pooler cannot keep prepared statements.
    prepare: false,
    // An isolate serves few requests at once; the pooler multiplexes.
    max: options.poolSize ?? 2,
    idle_timeout: options.idleTimeoutSeconds ?? 10,
    max_lifetime: options.maxLifetimeSeconds ?? 300,
    connect_timeout: options.connectTimeoutSeconds ?? 5,
    // The driver's own reconnect backoff grows to 20 s; the retries below
    // pace reconnects instead.
    backoff: () => 0.05,
    onnotice: () => {},
    connection: { application_name: "generate-program" },
  });
  // The statement timeout is enforced from here (a cancel request once it
  // passes), not as a startup parameter, which poolers may refuse.
  const statementTimeoutMs = options.statementTimeoutMs ?? 15_000;
  const q = (
    strings: TemplateStringsArray,
    ...values: postgres.ParameterOrFragment<never>[]
  ): Promise<postgres.RowList<postgres.Row[]>> => {
    const query: postgres.PendingQuery<postgres.Row[]> = sql(
      strings,
      ...values,
    );
    const timer = setTimeout(() => query.cancel(), statementTimeoutMs);
    return query.finally(() => clearTimeout(timer));
  };
  const retry = options.retry ?? DEFAULT_RETRY;
  // Every call below is idempotent (reads, fenced writes, and creates and
  // claims that carry their own ids), so a connection error is retried.
  const safely = <T>(work: () => Promise<T>) =>
    withRetry(work, retry, isTransient);
  // postgres.js serializes a parameter by the type the server infers, so a
  // jsonb parameter takes the value itself, not its JSON text.
  const asJson = (value: unknown) => sql.json(value as postgres.JSONValue);
  // Plain arrays, not the driver's Result subclass, leave this module.
  const rows = <T>(result: readonly unknown[]) => Array.from(result) as T[];
  const first = <T>(result: readonly unknown[]): T | null => {
    const row = result[0] as T | undefined;
    // A function returning a composite type yields one all-null row for "no row".
    return row === undefined || (row as { id?: unknown }).id === null
      ? null
      : row;
  };

  return {
    createAndClaim: (userId, title, profile, leaseSeconds, maxAttempts = 3) => {
      // Chosen once, so every retry names the same row and job.
      const programId = crypto.randomUUID();
      const jobId = crypto.randomUUID();
      return safely(async () => {
        try {
          const row = first<ProgramRow>(
            await q`select ${
              sql(RUN_COLUMNS)
            } from public.create_and_claim_generation(${userId}::uuid, ${title}, ${
              asJson(profile)
            }::jsonb, ${leaseSeconds}::int, ${maxAttempts}::int, ${programId}::uuid, ${jobId}::uuid)`,
          );
          // An INSERT … RETURNING always returns its row.
          if (row === null) throw new Error("the new program was not returned");
          return row;
        } catch (error) {
          throw asAnotherGenerating(error);
        }
      });
    },

    claim: (programId, userId, force, leaseSeconds, maxAttempts = 3) => {
      const jobId = crypto.randomUUID();
      return safely(async () => {
        try {
          return first<ProgramRow>(
            await q`select ${
              sql(RUN_COLUMNS)
            } from public.claim_generation(${programId}::uuid, ${userId}::uuid, ${force}, ${leaseSeconds}::int, ${maxAttempts}::int, ${jobId}::uuid)`,
          );
        } catch (error) {
          throw asAnotherGenerating(error);
        }
      });
    },

    ownedProgram: (programId, userId) =>
      safely(async () =>
        first<ProgramRow>(
          await q`select ${
            sql(READ_COLUMNS)
          } from public.training_programs where id = ${programId}::uuid and user_id = ${userId}::uuid`,
        )
      ),

    generatingProgramId: (userId) =>
      safely(async () => {
        const result = await q`
          select id from public.training_programs
          where user_id = ${userId}::uuid and generation_status = 'generating' limit 1`;
        return (result[0]?.id as string | undefined) ?? null;
      }),

    readAsUser: (claims, programId, withProgram) =>
      safely(() =>
        asUser(
          sql,
          statementTimeoutMs,
          claims,
          async (tx) =>
            first<ProgramRow>(
              await tx`select ${
                sql(withProgram ? READ_COLUMNS : [...STATUS_COLUMNS])
              } from public.training_programs where id = ${programId}::uuid`,
            ),
        )
      ),

    listAsUser: (claims, limit, before) =>
      safely(() =>
        asUser(
          sql,
          statementTimeoutMs,
          claims,
          async (tx) =>
            rows<ProgramSummary>(
              before === null
                ? await tx`
                select ${sql([...STATUS_COLUMNS])} from public.training_programs
                order by created_at desc, id desc limit ${limit}::int`
                : await tx`
                select ${sql([...STATUS_COLUMNS])} from public.training_programs
                where (created_at, id) < (
                  select created_at, id from public.training_programs where id = ${before}::uuid)
                order by created_at desc, id desc limit ${limit}::int`,
            ),
        )
      ),

    // A retry after a lost reply renames again to the same title: harmless.
    renameAsUser: (claims, programId, title) =>
      safely(() =>
        asUser(
          sql,
          statementTimeoutMs,
          claims,
          async (tx) =>
            first<ProgramSummary>(
              await tx`update public.training_programs set title = ${title}
                where id = ${programId}::uuid returning ${
                sql([...STATUS_COLUMNS])
              }`,
            ),
        )
      ),

    // A retry after a lost reply finds nothing to delete and answers false;
    // the handler then reads the row, finds none, and answers 404, which is
    // the truth about the row.
    deleteAsUser: (claims, programId) =>
      safely(() =>
        asUser(
          sql,
          statementTimeoutMs,
          claims,
          async (tx) =>
            (await tx`delete from public.training_programs
              where id = ${programId}::uuid returning id`).length > 0,
        )
      ),

    renewLease: (programId, jobId, leaseSeconds) =>
      safely(async () => {
        const result = await q`
          select public.renew_generation_lease(${programId}::uuid, ${jobId}::uuid, ${leaseSeconds}::int) as ok`;
        return result[0]?.ok === true;
      }),

    release: (programId, jobId) =>
      safely(async () => {
        const result = await q`
          select public.release_generation(${programId}::uuid, ${jobId}::uuid) as ok`;
        return result[0]?.ok === true;
      }),

    reportProgress: (programId, jobId, progress, leaseSeconds) =>
      safely(async () => {
        const result = await q`
          select public.report_generation_progress(${programId}::uuid, ${jobId}::uuid, ${
          asJson(progress)
        }::jsonb, ${leaseSeconds}::int) as ok`;
        return result[0]?.ok === true;
      }),

    complete: (programId, jobId, programJson) =>
      safely(async () => {
        // Bound as text, so the driver sends the bytes as they are rather
        // than serialising a string into a JSON string.
        const result = await q`
          select public.complete_generation(${programId}::uuid, ${jobId}::uuid, ${programJson}::text::jsonb) as ok`;
        if (result[0]?.ok === true) return true;
        // A retry after a lost reply finds its own commit: that is a success.
        return await finishedBy(sql, programId, jobId, "completed");
      }),

    fail: (programId, jobId, error) =>
      safely(async () => {
        const result = await q`
          select public.fail_generation(${programId}::uuid, ${jobId}::uuid, ${error}) as ok`;
        if (result[0]?.ok === true) return true;
        return await finishedBy(sql, programId, jobId, "failed");
      }),

    // A retry after a lost reply finds nothing to reclaim, and the row it
    // reclaimed waits out one lease before the next reclaim: late, not lost.
    reclaim: (programId, leaseSeconds, maxAttempts) =>
      safely(async () =>
        first<ProgramRow>(
          await q`select ${
            sql(RUN_COLUMNS)
          } from public.reclaim_generation(${programId}::uuid, ${leaseSeconds}::int, ${maxAttempts}::int)`,
        )
      ),

    reclaimExpired: (leaseSeconds, maxAttempts, limit, userId = null) =>
      safely(async () =>
        rows<ProgramRow>(
          await q`select ${
            sql(RUN_COLUMNS)
          } from public.reclaim_expired_generations(${leaseSeconds}::int, ${maxAttempts}::int, ${limit}::int, ${userId}::uuid)`,
        ).filter((row) => row.id !== null)
      ),

    ping: () =>
      safely(async () => {
        await q`select 1`;
      }),

    close: (timeoutSeconds = 5) => sql.end({ timeout: timeoutSeconds }),
  };
}

type Sql = ReturnType<typeof postgres>;
type Tx = postgres.TransactionSql;

/** Runs `work` in a transaction as role `authenticated` with the caller's claims, like PostgREST. */
async function asUser<T>(
  sql: Sql,
  statementTimeoutMs: number,
  claims: Readonly<Record<string, unknown>>,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return await sql.begin(async (tx) => {
    await tx`select set_config('role', 'authenticated', true),
      set_config('statement_timeout', ${String(statementTimeoutMs)}, true),
      set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
      set_config('request.jwt.claim.sub', ${String(claims.sub ?? "")}, true)`;
    return await work(tx);
  }) as T;
}

async function finishedBy(
  sql: Sql,
  programId: string,
  jobId: string,
  status: GenerationStatus,
): Promise<boolean> {
  const result = await sql`
    select 1 from public.training_programs
    where id = ${programId}::uuid and generation_job_id = ${jobId}::uuid
      and generation_status = ${status}`;
  return result.length > 0;
}

function asAnotherGenerating(error: unknown): unknown {
  return sqlState(error) === "23505"
    ? new AnotherGeneratingError("another program of this user is generating")
    : error;
}

/** The SQLSTATE or driver code of a database error, if it has one. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

const CONNECTION_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);

/** Whether the server rolled the statement back, so running it again cannot double it. */
export function isRolledBack(error: unknown): boolean {
  const code = sqlState(error);
  if (code === undefined) return false;
  // serialization failure, deadlock, and "connection refused / never made".
  return code === "40001" || code === "40P01" || code === "ECONNREFUSED" ||
    code === "CONNECT_TIMEOUT" || code === "08001" || code === "08004";
}

/**
 * Whether an error is transient: a rollback ({@link isRolledBack}), a lost
 * connection, an administrator or crash shutdown (57P01, 57P02, 57P03: the
 * server is going down or not yet up) or any connection exception (class 08).
 * Only idempotent calls retry these.
 */
export function isTransient(error: unknown): boolean {
  const code = sqlState(error);
  if (code === undefined) return false;
  return isRolledBack(error) || CONNECTION_CODES.has(code) ||
    code.startsWith("57P") ||
    code.startsWith("08");
}

/**
 * Whether an error means the database cannot be reached right now (a
 * transient error that outlived its retries, or a statement timeout): the
 * caller should answer 503 and come back later.
 */
export function isUnavailable(error: unknown): boolean {
  return isTransient(error) || sqlState(error) === "57014";
}

/** Runs `work`, retrying errors `retryable` accepts up to `policy.attempts` tries with backoff. */
export async function withRetry<T>(
  work: () => Promise<T>,
  policy: RetryPolicy,
  retryable: (error: unknown) => boolean,
): Promise<T> {
  for (let attempt = 1;; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= policy.attempts || !retryable(error)) throw error;
      const delay = policy.baseDelayMs * 2 ** (attempt - 1);
      await new Promise((resolve) =>
        setTimeout(resolve, delay * (0.5 + Math.random()))
      );
    }
  }
}
