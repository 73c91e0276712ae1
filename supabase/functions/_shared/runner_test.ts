import assert from "node:assert/strict";
import postgres from "postgres";
import { createBackground } from "./background.ts";
import { createDb, type Db, type ProgramRow } from "./db.ts";
import * as generator from "./generator.ts";
import { createRunner, type RunnerOptions } from "./runner.ts";
import { createTelemetry } from "./telemetry.ts";

const url = Deno.env.get("TEST_DB_URL") ?? "";
const options = {
  ignore: url === "",
  sanitizeOps: false,
  sanitizeResources: false,
};
const profile = JSON.parse(
  Deno.readTextFileSync(
    new URL("../../../tests/fixtures/profile-small.json", import.meta.url),
  ),
);
const defaults: RunnerOptions = {
  leaseSeconds: 30,
  maxAttempts: 3,
  progressIntervalMs: 0,
  generationDelayMs: 0,
  generationFailFirstRuns: 0,
  generationTrapFirstRuns: 0,
};

/** The real database, with its progress writes counted and optionally broken. */
function counting(db: Db, broken = false): Db & { progressWrites: number } {
  const wrapped = {
    ...db,
    progressWrites: 0,
    reportProgress(...args: Parameters<Db["reportProgress"]>) {
      wrapped.progressWrites++;
      return broken
        ? Promise.reject(
          Object.assign(new Error("reset"), { code: "ECONNRESET" }),
        )
        : db.reportProgress(...args);
    },
  };
  return wrapped;
}

async function scenario(
  fn: (
    tools: {
      db: Db;
      sql: postgres.Sql;
      lines: string[];
      claim: (p?: unknown) => Promise<ProgramRow>;
    },
  ) => Promise<void>,
) {
  const db = createDb({ url, poolSize: 2 });
  const sql = postgres(url, { prepare: false, max: 1, onnotice: () => {} });
  const lines: string[] = [];
  try {
    await fn({
      db,
      sql,
      lines,
      claim: (p = profile) => db.createAndClaim(crypto.randomUUID(), "", p, 30),
    });
  } finally {
    await db.close(0);
    await sql.end();
  }
}

function runnerFor(
  db: Db,
  lines: string[],
  overrides: Partial<RunnerOptions> = {},
) {
  return createRunner({
    db,
    pipeline: generator,
    background: createBackground(undefined),
    telemetry: createTelemetry((line) => lines.push(line)),
    options: { ...defaults, ...overrides },
  });
}

Deno.test({
  ...options,
  name: "progress_writes_are_throttled_by_the_interval",
  fn: () =>
    scenario(async ({ db, lines, claim }) => {
      const every = counting(db);
      assert.equal(
        await runnerFor(every, lines).run(
          await claim(),
          "create",
          performance.now(),
        ),
        "completed",
      );
      const throttled = counting(db);
      const runner = runnerFor(throttled, lines, {
        progressIntervalMs: 60_000,
      });
      assert.equal(
        await runner.run(await claim(), "create", performance.now()),
        "completed",
      );
      // A run shorter than the interval writes no progress: the claim set the lease.
      assert.equal(throttled.progressWrites, 0);
      // Every stage before the save writes when unthrottled; the save's 100 % comes with complete.
      assert.equal(every.progressWrites, 9);
    }),
});

Deno.test({
  ...options,
  name:
    "a_run_whose_claim_was_taken_over_is_superseded_and_leaves_the_new_run_alone",
  fn: () =>
    scenario(async ({ db, sql, lines, claim }) => {
      const row = await claim();
      await sql`update public.training_programs set generation_lease_until = now() - interval '1 s'
                where id = ${row.id}`;
      const newer = await db.reclaim(row.id, 30, 3) as ProgramRow;
      assert.equal(
        await runnerFor(db, lines).run(row, "create", performance.now()),
        "superseded",
      );
      const after = await db.ownedProgram(row.id, row.user_id) as ProgramRow;
      assert.equal(after.generation_status, "generating");
      assert.equal(after.generation_job_id, newer.generation_job_id);
      assert.equal(JSON.parse(lines.at(-1)!).transition, "superseded");
    }),
});

Deno.test({
  ...options,
  name: "an_invalid_stored_profile_fails_the_job_at_once_with_code_and_message",
  fn: () =>
    scenario(async ({ db, lines, claim }) => {
      const row = await claim({ goal: "flying" });
      assert.equal(
        await runnerFor(db, lines).run(row, "start", performance.now()),
        "failed",
      );
      const after = await db.ownedProgram(row.id, row.user_id) as ProgramRow;
      assert.equal(after.generation_status, "failed");
      assert.match(
        after.generation_error ?? "",
        /^invalid_profile: invalid profile/,
      );
      const last = JSON.parse(lines.at(-1)!);
      assert.equal(last.errorCode, "invalid_profile");
      assert(
        !lines.join("\n").includes("flying"),
        "telemetry must not carry profile contents",
      );
    }),
});

Deno.test({
  ...options,
  name: "failed_progress_writes_do_not_stop_a_run",
  fn: () =>
    scenario(async ({ db, lines, claim }) => {
      const row = await claim();
      const broken = counting(db, true);
      assert.equal(
        await runnerFor(broken, lines).run(row, "create", performance.now()),
        "completed",
      );
      assert.ok(broken.progressWrites > 0, "no progress write was tried");
      const after = await db.ownedProgram(row.id, row.user_id) as ProgramRow;
      assert.equal(after.generation_status, "completed");
    }),
});

Deno.test({
  ...options,
  name: "a_save_that_never_reaches_the_database_abandons_the_run_to_its_lease",
  fn: () =>
    scenario(async ({ db, lines }) => {
      const row = await db.createAndClaim(crypto.randomUUID(), "", profile, 1);
      const unreachable: Db = {
        ...db,
        complete: () =>
          Promise.reject(
            Object.assign(new Error("reset"), { code: "ECONNRESET" }),
          ),
      };
      const started = Date.now();
      assert.equal(
        await runnerFor(unreachable, lines, { leaseSeconds: 1 }).run(
          row,
          "create",
          performance.now(),
        ),
        "abandoned",
      );
      // It kept trying for two leases before giving up.
      assert.ok(Date.now() - started >= 2000);
      const after = await db.ownedProgram(row.id, row.user_id) as ProgramRow;
      assert.equal(
        after.generation_status,
        "generating",
        "left for the lease to expire and a reclaim",
      );
    }),
});

Deno.test({
  ...options,
  name: "the_heartbeat_keeps_the_lease_of_a_run_slower_than_its_lease",
  fn: () =>
    scenario(async ({ db, sql, lines }) => {
      const row = await db.createAndClaim(crypto.randomUUID(), "", profile, 1);
      // Stages of 300 ms and no progress writes: only the heartbeat renews.
      const runner = runnerFor(db, lines, {
        leaseSeconds: 1,
        generationDelayMs: 300,
        progressIntervalMs: 60_000,
      });
      const running = runner.run(row, "create", performance.now());
      const live: boolean[] = [];
      for (let i = 0; i < 4; i++) {
        await new Promise((resolve) => setTimeout(resolve, 600));
        const [state] = await sql`
          select generation_status = 'completed' or generation_lease_until > now() as live
            from public.training_programs where id = ${row.id}`;
        live.push(state.live);
        assert.equal(await db.reclaim(row.id, 30, 3), null);
      }
      assert.equal(await running, "completed");
      assert.deepEqual(live, [true, true, true, true]);
      const after = await db.ownedProgram(row.id, row.user_id) as ProgramRow;
      assert.equal(after.generation_attempts, 1);
    }),
});

Deno.test({
  ...options,
  name: "release_all_hands_runs_back_at_once_and_starts_no_new_stage",
  fn: () =>
    scenario(async ({ db, lines, claim }) => {
      const row = await claim();
      const runner = runnerFor(db, lines, { generationDelayMs: 200 });
      const running = runner.run(row, "create", performance.now());
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(runner.active(), 1);
      assert.equal(await runner.releaseAll(), 1);
      assert.equal(await running, "released");
      assert.equal(runner.active(), 0);
      const after = await db.ownedProgram(row.id, row.user_id) as ProgramRow;
      assert.equal(after.generation_status, "pending");
      assert.equal(after.generation_lease_until, null);
      // Another worker takes it at once, as the next attempt.
      const taken = await db.reclaim(row.id, 30, 3) as ProgramRow;
      assert.equal(taken.generation_status, "generating");
      assert.equal(taken.generation_attempts, 2);
      // A stopped runner starts nothing more.
      assert.equal(await runner.sweep(), 0);
    }),
});

Deno.test({
  ...options,
  name: "injected_failures_hit_only_the_first_runs_of_each_program",
  fn: () =>
    scenario(async ({ db, lines, claim }) => {
      const runner = runnerFor(db, lines, { generationFailFirstRuns: 1 });
      const row = await claim();
      assert.equal(
        await runner.run(row, "create", performance.now()),
        "failed",
      );
      const failed = await db.ownedProgram(row.id, row.user_id) as ProgramRow;
      assert.equal(failed.generation_error, "internal: injected failure");
      const retry = await db.claim(
        row.id,
        row.user_id,
        false,
        30,
      ) as ProgramRow;
      assert.equal(
        await runner.run(retry, "retry", performance.now()),
        "completed",
      );
    }),
});

Deno.test({
  ...options,
  name: "a_trapped_run_fails_internal_and_the_retry_runs_on_a_fresh_instance",
  fn: () =>
    scenario(async ({ db, lines, claim }) => {
      const runner = runnerFor(db, lines, { generationTrapFirstRuns: 1 });
      const row = await claim();
      assert.equal(
        await runner.run(row, "create", performance.now()),
        "failed",
      );
      const failed = await db.ownedProgram(row.id, row.user_id) as ProgramRow;
      assert.match(
        failed.generation_error ?? "",
        /^internal: the generator crashed \(.+\); the next run uses a fresh instance$/,
      );
      const trapped = JSON.parse(lines.at(-1)!);
      assert.equal(trapped.errorCode, "internal");
      const retry = await db.claim(
        row.id,
        row.user_id,
        false,
        30,
      ) as ProgramRow;
      assert.equal(
        await runner.run(retry, "retry", performance.now()),
        "completed",
      );
      const completed = JSON.parse(lines.at(-1)!);
      assert.equal(
        completed.generatorInstances,
        trapped.generatorInstances + 1,
      );
    }),
});
