import assert from "node:assert/strict";
import { loadConfig } from "../_shared/config.ts";
import { banner, changedSettings, devScriptDefaults } from "./banner.ts";

const REQUIRED = {
  SUPABASE_DB_URL: "postgresql://postgres@127.0.0.1:54322/postgres",
  JWT_SECRET: "super-secret-jwt-token-with-at-least-32-characters-long",
};

function render(env: Record<string, string>, base = "http://127.0.0.1:54321") {
  const all: Record<string, string> = { ...REQUIRED, ...env };
  const get = (name: string) => all[name];
  const config = loadConfig(get);
  const changed = changedSettings(config, get, devScriptDefaults("/repo"));
  return {
    changed,
    text: banner({
      base,
      functionPath: "/functions/v1/generate-program",
      config,
      demoUserId: "11111111-1111-4111-8111-111111111111",
      token: "dev-token",
      changed,
      color: false,
    }),
  };
}

Deno.test("banner_with_defaults_says_so_and_warns_about_nothing", () => {
  const { changed, text } = render({
    PORT: "54321",
    DATA_DIR: "/repo/.local/dev-pg",
  });
  assert.deepEqual(changed, []);
  assert.match(text, /settings: all defaults/);
  assert.doesNotMatch(text, /!!!/);
});

Deno.test("banner_lists_each_changed_setting_with_its_default", () => {
  const { text } = render({
    LEASE_SECONDS: "10",
    PGPORT: "55000",
    DB_POOL_SIZE: "2",
  });
  assert.match(text, /LEASE_SECONDS=10 +\(default 30\)/);
  assert.match(text, /PGPORT=55000 +\(default 54322\)/);
  // A variable set to its default is not a change.
  assert.doesNotMatch(text, /DB_POOL_SIZE/);
});

Deno.test("banner_warns_loudly_about_each_test_knob", () => {
  const { text } = render({
    GENERATION_DELAY_MS: "4000",
    GENERATION_FAIL_FIRST_RUNS: "2",
    GENERATION_TRAP_FIRST_RUNS: "1",
  });
  assert.match(text, /!!! TEST KNOBS ARE ON/);
  assert.match(text, /!!! +GENERATION_DELAY_MS=4000: .*about 40 s/);
  assert.match(text, /!!! +GENERATION_FAIL_FIRST_RUNS=2: /);
  assert.match(text, /!!! +GENERATION_TRAP_FIRST_RUNS=1: /);
  assert.match(
    text,
    /env -u GENERATION_DELAY_MS -u GENERATION_FAIL_FIRST_RUNS -u GENERATION_TRAP_FIRST_RUNS scripts\/dev\.sh/,
  );
  // Knobs are not repeated among the plain settings.
  assert.match(text, /settings: all defaults/);
});

Deno.test("banner_example_follows_location_and_prints_only_the_status", () => {
  const { text } = render({});
  assert.match(text, /^ {2}scripts\/try\.sh /m);
  assert.match(text, /grep -i '\^location'/);
  assert.match(text, /jq '\{status, progress, error\}'/);
  assert.doesNotMatch(text, /<programId>/);
});

Deno.test("banner_points_try_at_a_server_on_another_port", () => {
  const { text } = render({ PORT: "60000" }, "http://127.0.0.1:60000");
  assert.match(text, /BASE_URL=http:\/\/127\.0\.0\.1:60000 scripts\/try\.sh/);
  assert.match(text, /PORT=60000 +\(default 54321\)/);
});

Deno.test("banner_shortens_long_values_to_one_line", () => {
  const jwks = JSON.stringify({ keys: [{ kty: "EC", x: "a".repeat(200) }] });
  const { text } = render({ SUPABASE_JWKS: jwks });
  const line = text.split("\n").find((l) => l.includes("SUPABASE_JWKS="));
  assert.ok(line !== undefined && line.length < 120, line);
  assert.match(line, /\.\.\. +\(default unset\)/);
});
