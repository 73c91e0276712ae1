/**
 * The native CLI and the WASM build must emit byte-identical JSON for the same
 * profile: generation is deterministic and platform-independent.
 */
import assert from "node:assert/strict";
import { generateProgram } from "../../supabase/functions/_shared/generator.ts";
import { randomProfiles } from "./profiles.ts";

const cli = Deno.env.get("PROGRAM_GEN_BIN") ??
  new URL("../../target/release/program-gen", import.meta.url).pathname;

async function native(profile: unknown): Promise<string> {
  const child = new Deno.Command(cli, {
    args: ["generate"],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(profile)));
  await writer.close();
  const { stdout } = await child.output();
  return new TextDecoder().decode(stdout).trimEnd();
}

async function wasm(profile: unknown): Promise<string> {
  try {
    return JSON.stringify(await generateProgram(profile));
  } catch (error) {
    const { code, message, issues } = error as {
      code: string;
      message: string;
      issues: unknown[];
    };
    return JSON.stringify({ error: { code, message, issues } });
  }
}

Deno.test("native CLI and WASM give byte-identical JSON for 240 seeded profiles", async () => {
  const profiles = randomProfiles(240, 20261121);
  let programs = 0;
  for (const [i, profile] of profiles.entries()) {
    const [fromCli, fromWasm] = await Promise.all([
      native(profile),
      wasm(profile),
    ]);
    assert.equal(fromWasm, fromCli, `profile #${i} differs`);
    if (fromCli.startsWith('{"schemaVersion"')) programs++;
  }
  // The parity must cover real programs, not only matching errors.
  assert.ok(programs >= 200, `only ${programs} profiles produced programs`);
});

Deno.test("errors are byte-identical too", async () => {
  const bad = { goal: "sprint", daysPerWeek: 0, weeks: 99, equipment: "all" };
  assert.equal(await wasm(bad), await native(bad));
});
