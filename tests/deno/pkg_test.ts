/**
 * Tests of the release build through the Deno loader (the module embedded in
 * `supabase/functions/_shared/wasm/`): it loads and instantiates (a module
 * that builds but cannot load fails here), the API honours its contracts, and
 * a trap is survived with a fresh instance.
 */
import assert from "node:assert/strict";
import {
  exerciseLibrary,
  generateProgram,
  instanceCount,
  isGenerationError,
  runProgramGenerationPipeline,
  validateProfile,
  validateProgram,
  version,
  withGenerator,
} from "../../supabase/functions/_shared/generator.ts";

const fixture = (name: string) =>
  JSON.parse(
    Deno.readTextFileSync(
      new URL(`../fixtures/profile-${name}.json`, import.meta.url),
    ),
  );

const UUID_V4 =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

Deno.test("module loads and reports its versions", async () => {
  const info = await version();
  assert.match(info.version, /^\d+\.\d+\.\d+$/);
  assert.equal(typeof info.libraryVersion, "string");
  assert.equal(info.schemaVersion, 2);
});

Deno.test("generated fixture programs pass validateProgram", async () => {
  for (const name of ["small", "typical", "largest"]) {
    const profile = fixture(name);
    const program = await generateProgram(profile);
    assert.equal(program.weeks.length, profile.weeks);
    const verdict = await validateProgram(program, profile);
    assert.deepEqual(verdict.violations, [], name);
    assert.equal(verdict.valid, true);
  }
});

Deno.test("a tampered program is reported by rule", async () => {
  const profile = fixture("typical");
  const program = await generateProgram(profile);
  program.weeks.pop();
  const verdict = await validateProgram(program, profile);
  assert.equal(verdict.valid, false);
  assert.ok(verdict.violations.some((v) => v.rule === "shape"));
});

Deno.test("invalid profiles throw invalid_profile with field paths", async () => {
  const bad = { ...fixture("small"), daysPerWeek: 9, extra: true };
  const error = await generateProgram(bad).catch((e) => e);
  assert.ok(isGenerationError(error));
  assert.equal(error.code, "invalid_profile");
  assert.deepEqual(error.issues.map((i) => i.path).sort(), [
    "daysPerWeek",
    "extra",
  ]);
  const verdict = await validateProfile(bad);
  assert.equal(verdict.valid, false);
  assert.equal(verdict.issues.length, 2);
  for (const junk of [undefined, null, 42, "x", [], { goal: 1n }]) {
    const v = await validateProfile(junk);
    assert.equal(v.valid, false, `accepted ${String(junk)}`);
  }
});

Deno.test("validateProfile normalizes and derives a stable seed", async () => {
  const first = await validateProfile(fixture("small"));
  const second = await validateProfile(fixture("small"));
  assert.equal(first.valid, true);
  assert.equal(first.profile?.units, "kg");
  assert.equal(typeof first.profile?.seed, "number");
  assert.deepEqual(first, second);
});

Deno.test("library export has the documented shape", async () => {
  const library = await exerciseLibrary();
  assert.equal(typeof library.version, "string");
  const ids = new Set(library.exercises.map((e) => e.id));
  assert.equal(ids.size, library.exercises.length);
  for (const e of library.exercises) {
    assert.equal(e.repRange.length, 2);
    assert.ok(e.repRange[0] <= e.repRange[1]);
  }
});

Deno.test("pipeline awaits callbacks in order and resolves a v4 job id", async () => {
  const calls: string[] = [];
  const delay = () => new Promise((r) => setTimeout(r, 1));
  let saved: unknown;
  const result = await runProgramGenerationPipeline("program-1", {
    async loadProfile(id) {
      calls.push(`load:${id}`);
      await delay();
      return fixture("typical");
    },
    async reportProgress(event) {
      await delay();
      calls.push(`progress:${event.stage}:${event.percent}`);
    },
    async saveProgram(id, program) {
      await delay();
      calls.push(`save:${id}`);
      saved = program;
    },
  });
  assert.equal(calls[0], "load:program-1");
  const saveAt = calls.indexOf("save:program-1");
  assert.equal(calls[saveAt + 1], "progress:save:100");
  assert.equal(calls.length, saveAt + 2);
  const percents = calls.filter((c) => c.startsWith("progress:")).map((c) =>
    Number(c.split(":")[2])
  );
  assert.deepEqual(percents, [...percents].sort((a, b) => a - b));
  assert.equal(result.programId, "program-1");
  assert.match(result.jobId, UUID_V4);
  assert.ok(result.durationMs >= 0);
  // The program arrives as its JSON text, the program generateProgram gives.
  assert.equal(typeof saved, "string");
  assert.deepEqual(
    JSON.parse(saved as string),
    await generateProgram(fixture("typical")),
  );
});

Deno.test("pipeline uses the caller's job id as its fencing token", async () => {
  const jobId = crypto.randomUUID();
  const result = await runProgramGenerationPipeline("p", {
    jobId,
    loadProfile: () => fixture("small"),
    reportProgress: () => {},
    saveProgram: () => {},
  });
  assert.equal(result.jobId, jobId);
});

Deno.test("a rejecting callback surfaces as dependency_failed", async () => {
  for (const failing of ["loadProfile", "reportProgress", "saveProgram"]) {
    const deps = {
      loadProfile: () => fixture("small"),
      reportProgress: () => {},
      saveProgram: () => {},
      [failing]: () => Promise.reject(new Error(`${failing} is down`)),
    };
    const error = await runProgramGenerationPipeline("p", deps).catch((e) => e);
    assert.ok(isGenerationError(error), failing);
    assert.equal(error.code, "dependency_failed");
    assert.equal(error.message, `${failing} is down`);
  }
});

Deno.test("a WASM trap becomes internal and the next call gets a fresh instance", async () => {
  await version();
  const before = instanceCount();
  const oldMemory = await withGenerator((_, raw) => raw.memory);
  // A real panic, which aborts into an `unreachable` trap.
  const error = await withGenerator((api) => api.__trapForTesting()).catch((
    e,
  ) => e);
  assert.ok(isGenerationError(error));
  assert.equal(error.code, "internal");
  const program = await generateProgram(fixture("small"));
  assert.equal(program.weeks.length, 4);
  assert.equal(instanceCount(), before + 1);
  // Re-instantiated in place (__wbg_reset_state), with a memory of its own.
  const newMemory = await withGenerator((_, raw) => raw.memory);
  assert.notStrictEqual(newMemory, oldMemory);
});

Deno.test("the loader reads no file: the module is embedded", async () => {
  const source = await Deno.readTextFile(
    new URL(
      "../../supabase/functions/_shared/generator.ts",
      import.meta.url,
    ),
  );
  assert.doesNotMatch(source, /Deno\.readFile|fetch\(|import\(/);
});
