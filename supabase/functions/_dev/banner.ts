/**
 * The dev server's start-up banner: where everything is, every setting that
 * differs from its default, a loud warning when a test knob is on, and a
 * first request to try.
 *
 * This module decides what a newcomer sees when `scripts/dev.sh` is up. The
 * function's settings, their names and defaults stay in `_shared/config.ts`;
 * the dev stack's own settings and defaults are listed here, next to
 * `scripts/dev.sh` which applies them.
 *
 * @module
 */

import { type Config, type EnvGetter, loadConfig } from "../_shared/config.ts";

/** A setting whose value differs from its default. */
export interface ChangedSetting {
  /** The environment variable, e.g. `LEASE_SECONDS`. */
  readonly name: string;
  /** Its value as the server uses it. */
  readonly value: string;
  /** Its default, as shown to the reader. */
  readonly fallback: string;
  /** For a test knob: what it does to generation; `null` for a plain setting. */
  readonly knob: string | null;
}

/** The environment variable behind each field of {@link Config}. */
const CONFIG_NAMES: Readonly<Record<keyof Config, string>> = {
  port: "PORT",
  dbUrl: "DATABASE_URL",
  jwtSecret: "JWT_SECRET",
  jwks: "SUPABASE_JWKS",
  supabaseUrl: "SUPABASE_URL",
  leaseSeconds: "LEASE_SECONDS",
  maxAttempts: "MAX_ATTEMPTS",
  progressIntervalMs: "PROGRESS_INTERVAL_MS",
  backgroundMaxWaitMs: "BACKGROUND_MAX_WAIT_MS",
  dbPoolSize: "DB_POOL_SIZE",
  dbStatementTimeoutMs: "DB_STATEMENT_TIMEOUT_MS",
  sweepIntervalSeconds: "SWEEP_INTERVAL_SECONDS",
  bodyTimeoutMs: "BODY_TIMEOUT_MS",
  publicFunctionUrl: "PUBLIC_FUNCTION_URL",
  generationDelayMs: "GENERATION_DELAY_MS",
  generationFailFirstRuns: "GENERATION_FAIL_FIRST_RUNS",
  generationTrapFirstRuns: "GENERATION_TRAP_FIRST_RUNS",
};

/** Fields the banner prints on lines of their own, whatever their value. */
const ALWAYS_SHOWN: ReadonlySet<keyof Config> = new Set([
  "dbUrl",
  "jwtSecret",
]);

/** Progress stages a generation reports; each waits `GENERATION_DELAY_MS`. */
const PROGRESS_STAGES = 10;

/** What each test knob does, given its value. */
const KNOBS: Readonly<Partial<Record<keyof Config, (n: number) => string>>> = {
  generationDelayMs: (ms) =>
    `each of the ~${PROGRESS_STAGES} stages waits ${ms} ms more: ` +
    `a program takes about ${
      formatSeconds(ms * PROGRESS_STAGES)
    } instead of well under a second`,
  generationFailFirstRuns: (n) =>
    `the first ${n} run(s) of every program fail on purpose`,
  generationTrapFirstRuns: (n) =>
    `the first ${n} run(s) of every program trap the WASM instance on purpose`,
};

/** The settings `scripts/dev.sh` reads itself, with the defaults it applies. */
export function devScriptDefaults(
  repoRoot: string,
): Readonly<Record<string, string>> {
  return {
    PGPORT: "54322",
    DATA_DIR: `${repoRoot}/.local/dev-pg`,
    SKIP_SETUP: "0",
    SKIP_WASM: "0",
    PG_BIN: "/usr/lib/postgresql/15/bin",
  };
}

/**
 * The settings that differ from their defaults: the function's (by comparing
 * `config` with the defaults of `loadConfig`) and the dev stack's (by
 * comparing `env` with `defaults`), test knobs marked.
 */
export function changedSettings(
  config: Config,
  env: EnvGetter,
  defaults: Readonly<Record<string, string>>,
): ChangedSetting[] {
  const base = loadConfig((name) =>
    name === CONFIG_NAMES.dbUrl || name === CONFIG_NAMES.jwtSecret
      ? "placeholder-that-is-never-a-default"
      : undefined
  );
  const changed: ChangedSetting[] = [];
  for (const key of Object.keys(CONFIG_NAMES) as (keyof Config)[]) {
    if (ALWAYS_SHOWN.has(key) || config[key] === base[key]) continue;
    const knob = KNOBS[key];
    changed.push({
      name: CONFIG_NAMES[key],
      value: shorten(String(config[key])),
      fallback: base[key] === null ? "unset" : String(base[key]),
      knob: knob === undefined ? null : knob(Number(config[key])),
    });
  }
  for (const [name, fallback] of Object.entries(defaults)) {
    const value = env(name)?.trim();
    if (value === undefined || value === "" || value === fallback) continue;
    changed.push({ name, value: shorten(value), fallback, knob: null });
  }
  return changed;
}

/** What the banner shows. */
export interface BannerInput {
  /** Where the server listens, e.g. `http://127.0.0.1:54321`. */
  readonly base: string;
  /** The function's path under `base`. */
  readonly functionPath: string;
  readonly config: Config;
  readonly demoUserId: string;
  /** A dev token for `demoUserId`. */
  readonly token: string;
  /** From {@link changedSettings}. */
  readonly changed: readonly ChangedSetting[];
  /** Colour the knob warning (stderr is a terminal). */
  readonly color: boolean;
}

/** The banner, ready to print. */
export function banner(input: BannerInput): string {
  const { base, config, token, changed } = input;
  const functionUrl = `${base}${input.functionPath}`;
  const lines = [
    "",
    "generate-program dev stack is up",
    `  page          ${base}/`,
    `  function URL  ${functionUrl}`,
    `  database URL  ${config.dbUrl}`,
    `  JWT secret    ${config.jwtSecret ?? "(none: SUPABASE_JWKS)"}`,
    `  demo user     ${input.demoUserId}`,
    `  dev JWT (24h) ${token}`,
    "",
  ];
  const plain = changed.filter((s) => s.knob === null);
  if (plain.length === 0) {
    lines.push("settings: all defaults (see the header of scripts/dev.sh)");
  } else {
    lines.push("settings that differ from the defaults:");
    const width = Math.max(...plain.map((s) => s.name.length + s.value.length));
    for (const s of plain) {
      const pair = `${s.name}=${s.value}`.padEnd(width + 1);
      lines.push(`  ${pair}  (default ${s.fallback})`);
    }
  }
  const knobs = changed.filter((s) => s.knob !== null);
  if (knobs.length > 0) {
    const red = (text: string) =>
      input.color ? `\x1b[1;31m${text}\x1b[0m` : text;
    lines.push(
      "",
      red("!!! TEST KNOBS ARE ON: generation is slowed or broken on purpose"),
      ...knobs.map((s) => red(`!!!   ${s.name}=${s.value}: ${s.knob}`)),
      red(
        `!!! for normal use, restart without them: env -u ${
          knobs.map((s) => s.name).join(" -u ")
        } scripts/dev.sh`,
      ),
    );
  }
  const tryCommand = base === "http://127.0.0.1:54321"
    ? "scripts/try.sh"
    : `BASE_URL=${base} scripts/try.sh`;
  lines.push(
    "",
    "try it: POST a profile, follow Location, print the status until done",
    `  ${tryCommand} [PROFILE.json]    (default tests/fixtures/profile-typical.json)`,
    "by hand:",
    `  TOKEN='${token}'`,
    `  jq '{profile: .}' tests/fixtures/profile-typical.json |`,
    `    curl -si -X POST '${functionUrl}' -H "Authorization: Bearer $TOKEN" \\`,
    `      -H 'Content-Type: application/json' -d @- | grep -i '^location'`,
    `  curl -s '<the Location>' -H "Authorization: Bearer $TOKEN" | jq '{status, progress, error}'`,
    "",
    "Ctrl-C stops everything.",
    "",
  );
  return lines.join("\n");
}

/** A value short enough for one banner line (a JWKS is not). */
function shorten(value: string): string {
  return value.length <= 60 ? value : `${value.slice(0, 57)}...`;
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
