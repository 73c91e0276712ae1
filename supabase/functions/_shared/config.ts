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

import { parseJwks } from "./auth.ts";

/** The function's settings, all from environment variables. */
export interface Config {
  /** `PORT`: HTTP port of the local dev server (default 54321); unused when deployed. */
  readonly port: number;
  /**
   * `DATABASE_URL`, else `SUPABASE_DB_URL`: PostgreSQL connection string
   * (required). Deployed, set `DATABASE_URL` to the transaction pooler (port 6543).
   */
  readonly dbUrl: string;
  /** `JWT_SECRET` or `SUPABASE_JWT_SECRET`: legacy HS256 secret that signs user JWTs. */
  readonly jwtSecret: string | null;
  /** `SUPABASE_JWKS`: the project's JSON Web Key Set, `{keys}` or a bare array. */
  readonly jwks: string | null;
  /** `SUPABASE_URL`: the project URL; its auth server serves the current JWKS. */
  readonly supabaseUrl: string | null;
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
  /** `DB_POOL_SIZE`: connections per worker (default 2). */
  readonly dbPoolSize: number;
  /** `DB_STATEMENT_TIMEOUT_MS`: longest a statement may run (default 15000). */
  readonly dbStatementTimeoutMs: number;
  /** `SWEEP_INTERVAL_SECONDS`: how often a worker reclaims work others left behind (default 15). */
  readonly sweepIntervalSeconds: number;
  /** `BODY_TIMEOUT_MS`: longest wait for a request body (default 10000). */
  readonly bodyTimeoutMs: number;
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

  const dbUrl = read("DATABASE_URL") ?? read("SUPABASE_DB_URL");
  if (dbUrl === undefined) {
    throw new ConfigError(
      "DATABASE_URL is required (the transaction pooler URL, port 6543); SUPABASE_DB_URL is the fallback",
    );
  }
  const jwtSecret = read("JWT_SECRET") ?? read("SUPABASE_JWT_SECRET") ?? null;
  const jwks = read("SUPABASE_JWKS") ?? null;
  const supabaseUrl = read("SUPABASE_URL") ?? null;
  if (jwtSecret === null && jwks === null && supabaseUrl === null) {
    throw new ConfigError(
      "set SUPABASE_JWKS or SUPABASE_URL (asymmetric keys), or JWT_SECRET (legacy HS256)",
    );
  }
  if (jwks !== null) checkJwks(jwks);
  const publicFunctionUrl = read("PUBLIC_FUNCTION_URL") ??
    functionUrlFrom(supabaseUrl ?? undefined);

  return {
    port: integer("PORT", 54321, 1, 65535),
    dbUrl,
    jwtSecret,
    jwks,
    supabaseUrl,
    leaseSeconds: integer("LEASE_SECONDS", 30, 1, 3600),
    maxAttempts: integer("MAX_ATTEMPTS", 3, 1, 100),
    progressIntervalMs: integer("PROGRESS_INTERVAL_MS", 250, 0, 60_000),
    backgroundMaxWaitMs: integer("BACKGROUND_MAX_WAIT_MS", 50, 0, 10_000),
    dbPoolSize: integer("DB_POOL_SIZE", 2, 1, 20),
    dbStatementTimeoutMs: integer(
      "DB_STATEMENT_TIMEOUT_MS",
      15_000,
      100,
      600_000,
    ),
    sweepIntervalSeconds: integer("SWEEP_INTERVAL_SECONDS", 15, 1, 3600),
    bodyTimeoutMs: integer("BODY_TIMEOUT_MS", 10_000, 100, 120_000),
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
  try {
    parseJwks(jwks);
  } catch (error) {
    throw new ConfigError(
      `SUPABASE_JWKS is not a key set: ${(error as Error).message}`,
    );
  }
}
