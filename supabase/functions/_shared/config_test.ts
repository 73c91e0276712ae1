import assert from "node:assert/strict";
import { ConfigError, loadConfig } from "./config.ts";

const env = (values: Record<string, string>) => (name: string) => values[name];
const base = {
  SUPABASE_DB_URL: "postgresql://u@127.0.0.1:5432/db",
  JWT_SECRET: "s".repeat(32),
};

Deno.test("defaults_apply_when_only_the_required_settings_are_set", () => {
  const config = loadConfig(env(base));
  assert.equal(config.port, 54321);
  assert.equal(config.leaseSeconds, 30);
  assert.equal(config.maxAttempts, 3);
  assert.equal(config.generationDelayMs, 0);
  assert.equal(config.generationFailFirstRuns, 0);
  assert.equal(config.generationTrapFirstRuns, 0);
  assert.equal(config.jwks, null);
  assert.equal(config.publicFunctionUrl, null);
  // Serverless: a couple of connections per isolate, through the pooler.
  assert.equal(config.dbPoolSize, 2);
  assert.equal(config.sweepIntervalSeconds, 15);
  assert.equal(config.bodyTimeoutMs, 10_000);
});

Deno.test("database_url_wins_over_supabase_db_url", () => {
  const pooler =
    "postgresql://postgres.ref:pw@aws-0-eu.pooler.supabase.com:6543/postgres";
  assert.equal(
    loadConfig(env({ ...base, DATABASE_URL: pooler })).dbUrl,
    pooler,
  );
  assert.equal(loadConfig(env(base)).dbUrl, base.SUPABASE_DB_URL);
});

Deno.test("every_numeric_setting_is_read_from_its_variable", () => {
  const config = loadConfig(env({
    ...base,
    PORT: "8000",
    LEASE_SECONDS: "2",
    MAX_ATTEMPTS: "5",
    GENERATION_DELAY_MS: "150",
    GENERATION_FAIL_FIRST_RUNS: "1",
    GENERATION_TRAP_FIRST_RUNS: "2",
    PROGRESS_INTERVAL_MS: "0",
    DB_POOL_SIZE: "4",
  }));
  assert.deepEqual(
    [
      config.port,
      config.leaseSeconds,
      config.maxAttempts,
      config.generationDelayMs,
    ],
    [8000, 2, 5, 150],
  );
  assert.deepEqual([
    config.generationFailFirstRuns,
    config.generationTrapFirstRuns,
    config.progressIntervalMs,
    config.dbPoolSize,
  ], [1, 2, 0, 4]);
});

Deno.test("out_of_range_or_non_integer_values_are_rejected_naming_the_variable", () => {
  for (
    const [name, value] of [["LEASE_SECONDS", "0"], ["MAX_ATTEMPTS", "2.5"], [
      "PORT",
      "http",
    ]]
  ) {
    assert.throws(
      () => loadConfig(env({ ...base, [name]: value })),
      (error: Error) =>
        error instanceof ConfigError && error.message.includes(name),
    );
  }
});

Deno.test("a_missing_database_url_or_key_is_a_startup_error", () => {
  assert.throws(() => loadConfig(env({ JWT_SECRET: "x" })), /DATABASE_URL/);
  assert.throws(
    () => loadConfig(env({ SUPABASE_DB_URL: "postgresql://x" })),
    /JWT_SECRET/,
  );
  assert.throws(
    () => loadConfig(env({ ...base, SUPABASE_JWKS: "{not json" })),
    /SUPABASE_JWKS/,
  );
  assert.throws(
    () => loadConfig(env({ ...base, SUPABASE_JWKS: '{"key": []}' })),
    /SUPABASE_JWKS/,
  );
  // A bare array is a key set too; the project URL alone is enough (remote JWKS).
  assert.equal(
    loadConfig(env({ ...base, SUPABASE_JWKS: "[]" })).jwks,
    "[]",
  );
  assert.equal(
    loadConfig(env({
      SUPABASE_DB_URL: base.SUPABASE_DB_URL,
      SUPABASE_URL: "https://abc.supabase.co",
    })).supabaseUrl,
    "https://abc.supabase.co",
  );
});

Deno.test("supabase_secret_name_and_url_are_honoured", () => {
  const config = loadConfig(env({
    SUPABASE_DB_URL: base.SUPABASE_DB_URL,
    SUPABASE_JWT_SECRET: "legacy",
    SUPABASE_URL: "https://abc.supabase.co/",
  }));
  assert.equal(config.jwtSecret, "legacy");
  assert.equal(
    config.publicFunctionUrl,
    "https://abc.supabase.co/functions/v1/generate-program",
  );
});
