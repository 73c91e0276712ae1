/**
 * Every setting of the function, read once from the environment.
 *
 * This module decides the names, defaults and valid ranges of the settings and
 * rejects a bad value at startup with a message naming the variable, so a
 * misconfigured deployment fails loudly instead of misbehaving under load.
 * It leaves what the settings mean to the modules that use them.
 *
 * @module
 */

/** The function's settings, all from environment variables. */
export interface Config {
  /** `PORT`: HTTP port of the local dev server (default 54321); unused when deployed. */
  readonly port: number;
  /** `SUPABASE_DB_URL`: PostgreSQL connection string (required). */
  readonly dbUrl: string;
  /** `JWT_SECRET` or `SUPABASE_JWT_SECRET`: HS256 secret that signs user JWTs. */
  readonly jwtSecret: string | null;
  /** `SUPABASE_JWKS`: the project's JSON Web Key Set; preferred over the secret when set. */
  readonly jwks: string | null;
  /** `LEASE_SECONDS`: how long a claim lives without a progress write (default 30). */
  readonly leaseSeconds: number;
  /** `MAX_ATTEMPTS`: runs of one request before it is failed for good (default 3). */
  readonly maxAttempts: number;
  /** `PROGRESS_INTERVAL_MS`: least time between two progress writes of a run (default 250). */
  readonly progressIntervalMs: number;
  /**
   * `BACKGROUND_MAX_WAIT_MS`: longest a generation stage yields to requests in
   * flight before it runs anyway (default 50); 0 yields only to ready I/O.
   */
  readonly backgroundMaxWaitMs: number;
  /** `DB_POOL_SIZE`: connections per worker (default 10). */
  readonly dbPoolSize: number;
  /** `PUBLIC_FUNCTION_URL`: absolute URL clients poll; derived from the request when unset. */
  readonly publicFunctionUrl: string | null;
  /** `GENERATION_DELAY_MS`: test knob, extra delay per progress stage (default 0, off). */
  readonly generationDelayMs: number;
  /** `GENERATION_FAIL_FIRST_RUNS`: test knob, first N runs of each program fail (default 0). */
  readonly generationFailFirstRuns: number;
  /**
   * `GENERATION_TRAP_FIRST_RUNS`: test knob, first N runs of each program trap
   * the WASM instance for real, so they fail with `internal` and the next run
   * gets a fresh instance (default 0).
   */
  readonly generationTrapFirstRuns: number;
}

/** A setting that is missing or out of range; thrown at startup. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Reads one environment variable; `undefined` when unset. */
export type EnvGetter = (name: string) => string | undefined;

/** Reads the settings through `get` (default: `Deno.env.get`) and checks every value. */
export function loadConfig(
  get: EnvGetter = (name) => Deno.env.get(name),
): Config {
  const read = (name: string): string | undefined => {
    const value = get(name)?.trim();
    return value === undefined || value === "" ? undefined : value;
  };
  const integer = (
    name: string,
    fallback: number,
    min: number,
    max: number,
  ): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new ConfigError(
        `${name} must be an integer in ${min}..${max}, got "${raw}"`,
      );
    }
    return value;
  };

  const dbUrl = read("SUPABASE_DB_URL");
  if (dbUrl === undefined) throw new ConfigError("SUPABASE_DB_URL is required");
  const jwtSecret = read("JWT_SECRET") ?? read("SUPABASE_JWT_SECRET") ?? null;
  const jwks = read("SUPABASE_JWKS") ?? null;
  if (jwtSecret === null && jwks === null) {
    throw new ConfigError(
      "set JWT_SECRET (or SUPABASE_JWT_SECRET) or SUPABASE_JWKS",
    );
  }
  if (jwks !== null) checkJwks(jwks);
  const publicFunctionUrl = read("PUBLIC_FUNCTION_URL") ??
    functionUrlFrom(read("SUPABASE_URL"));

  return {
    port: integer("PORT", 54321, 1, 65535),
    dbUrl,
    jwtSecret,
    jwks,
    leaseSeconds: integer("LEASE_SECONDS", 30, 1, 3600),
    maxAttempts: integer("MAX_ATTEMPTS", 3, 1, 100),
    progressIntervalMs: integer("PROGRESS_INTERVAL_MS", 250, 0, 60_000),
    backgroundMaxWaitMs: integer("BACKGROUND_MAX_WAIT_MS", 50, 0, 10_000),
    dbPoolSize: integer("DB_POOL_SIZE", 10, 1, 100),
    publicFunctionUrl,
    generationDelayMs: integer("GENERATION_DELAY_MS", 0, 0, 600_000),
    generationFailFirstRuns: integer("GENERATION_FAIL_FIRST_RUNS", 0, 0, 1000),
    generationTrapFirstRuns: integer("GENERATION_TRAP_FIRST_RUNS", 0, 0, 1000),
  };
}

/** The public URL of this function on a Supabase project, e.g. `https://x.supabase.co/functions/v1/generate-program`. */
function functionUrlFrom(supabaseUrl: string | undefined): string | null {
  if (supabaseUrl === undefined) return null;
  return `${supabaseUrl.replace(/\/+$/, "")}/functions/v1/generate-program`;
}

function checkJwks(jwks: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(jwks);
  } catch {
    throw new ConfigError("SUPABASE_JWKS is not valid JSON");
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) {
    throw new ConfigError('SUPABASE_JWKS must be {"keys": [...]}');
  }
}
