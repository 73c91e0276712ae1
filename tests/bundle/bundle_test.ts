/**
 * The function as it is deployed: bundled by `deno bundle` into one file, run
 * from an empty directory that holds only that file, with `--allow-read`
 * limited to it. Nothing may come from `static_files` or `pkg/`: the WASM
 * module travels inside the bundle. Through the bundle a generation completes,
 * and a run that traps the WASM instance is survived by the next run, on a
 * fresh instance made without any dynamic import.
 *
 * Needs the database of scripts/test-edge.sh (`scripts/test-edge.sh tests/bundle`).
 */

import assert from "node:assert/strict";
import { validateProgram } from "../../supabase/functions/_shared/generator.ts";
import type { TransitionEvent } from "../../supabase/functions/_shared/telemetry.ts";
import {
  call,
  collect,
  DB_URL,
  finished,
  fixture,
  freePort,
  HAVE_STACK,
  JWT_SECRET,
  newUser,
  pollUntil,
  type Server,
  sleep,
} from "../edge/_stack.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const ENTRY = `${ROOT}supabase/functions/generate-program/index.ts`;
const CONFIG = `${ROOT}supabase/functions/generate-program/deno.json`;

/** Runs `deno` with `args`; throws with its stderr when it fails. */
async function deno(args: string[], cwd?: string): Promise<void> {
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    stdout: "null",
    stderr: "piped",
  }).output();
  assert.equal(code, 0, new TextDecoder().decode(stderr));
}

Deno.test({
  name:
    "the_bundled_function_generates_and_survives_a_trap_from_an_empty_directory",
  ignore: !HAVE_STACK,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "bundle-" });
    const bundle = `${dir}/function.js`;
    await deno([
      "bundle",
      "--quiet",
      "--platform",
      "deno",
      "--config",
      CONFIG,
      "--output",
      bundle,
      ENTRY,
    ]);
    // The directory holds the bundle and nothing else.
    const entries = [...Deno.readDirSync(dir)].map((e) => e.name);
    assert.deepEqual(entries, ["function.js"]);
    const source = await Deno.readTextFile(bundle);
    assert(source.includes("WASM_BASE64"), "the module is not embedded");
    assert(!/import\(\s*[`"'][^`"']*\?instance=/.test(source));

    const port = freePort();
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--no-config",
        "--no-lock",
        "--allow-net",
        "--allow-env",
        "--allow-sys",
        `--allow-read=${dir}`,
        "function.js",
      ],
      cwd: dir,
      env: {
        DATABASE_URL: DB_URL,
        JWT_SECRET,
        PORT: String(port),
        LEASE_SECONDS: "5",
        GENERATION_TRAP_FIRST_RUNS: "1",
        DENO_DIR: `${dir}-cache`,
      },
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const lines: string[] = [];
    const errors: string[] = [];
    const pumps = [collect(child.stdout, lines), collect(child.stderr, errors)];
    const functionUrl = `http://127.0.0.1:${port}/generate-program`;
    const server = { functionUrl } as Server;
    try {
      await waitForListener(functionUrl, errors);
      const user = await newUser();
      const profile = fixture("small");
      const created = await call(server, user, { body: { profile } });
      assert.equal(created.status, 202, JSON.stringify(created.body));
      const programId = created.body.programId;
      assert.equal(created.body.statusUrl, `${functionUrl}/${programId}`);

      // Run 1 traps the instance: the program fails with internal.
      const trapped = await pollUntil(server, user, programId, finished);
      assert.equal(trapped.status, "failed", JSON.stringify(trapped));
      assert.equal(trapped.error.code, "internal");
      assert.match(trapped.error.message, /generator crashed/);

      // Run 2, on a fresh instance of the same compiled module, completes.
      const retry = await call(server, user, { body: { programId } });
      assert.equal(retry.status, 202, JSON.stringify(retry.body));
      const done = await pollUntil(server, user, programId, finished);
      assert.equal(done.status, "completed", JSON.stringify(done));
      const verdict = await validateProgram(done.program, profile);
      assert.deepEqual(verdict.violations, []);

      const events = transitions(lines);
      const failed = events.find((e) => e.transition === "failed");
      const completed = events.find((e) => e.transition === "completed");
      assert(failed !== undefined && completed !== undefined, lines.join("\n"));
      assert.equal(
        completed.generatorInstances,
        (failed.generatorInstances ?? 0) + 1,
      );
      assert(
        !errors.some((line) =>
          /Module not found|NotCapable|PermissionDenied/.test(line)
        ),
        errors.join("\n"),
      );
    } finally {
      child.kill("SIGTERM");
      await child.status;
      await Promise.all(pumps);
      await Deno.remove(dir, { recursive: true });
      await Deno.remove(`${dir}-cache`, { recursive: true }).catch(() => {});
    }
  },
});

async function waitForListener(url: string, errors: string[]): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const response = await fetch(url, { method: "OPTIONS" }).catch(() => null);
    await response?.body?.cancel();
    if (response?.status === 204) return;
    await sleep(100);
  }
  throw new Error(`the bundle did not start:\n${errors.join("\n")}`);
}

function transitions(lines: readonly string[]): TransitionEvent[] {
  return lines.filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line))
    .filter((event) => event.event === "generation");
}
