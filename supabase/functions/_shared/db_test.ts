import assert from "node:assert/strict";
import postgres from "postgres";
import {
  AnotherGeneratingError,
  createDb,
  isRolledBack,
  isTransient,
  isUnavailable,
  type ProgramRow,
  sqlState,
  withRetry,
} from "./db.ts";

const url = Deno.env.get("TEST_DB_URL") ?? "";
const options = {
  ignore: url === "",
  sanitizeOps: false,
  sanitizeResources: false,
};
const profile = { goal: "strength" };
const claimsOf = (userId: string) => ({ sub: userId, role: "authenticated" });

async function withDb(
  fn: (db: ReturnType<typeof createDb>, sql: postgres.Sql) => Promise<void>,
) {
  const db = createDb({ url, poolSize: 2 });
  const sql = postgres(url, { prepare: false, max: 1, onnotice: () => {} });
  try {
    await fn(db, sql);
  } finally {
    await db.close(0);
    await sql.end();
  }
}

Deno.test({
  ...options,
  name:
    "create_and_claim_starts_one_program_and_refuses_a_second_while_it_runs",
  fn: () =>
    withDb(async (db, sql) => {
      const user = crypto.randomUUID();
      const row = await db.createAndClaim(user, "t", profile, 30);
      assert.equal(row.generation_status, "generating");
      assert.equal(row.generation_attempts, 1);
      assert.deepEqual(row.profile, profile);
      assert.match(row.generation_job_id ?? "", /^[0-9a-f-]{36}$/);
      await assert.rejects(
        db.createAndClaim(user, "u", profile, 30),
        AnotherGeneratingError,
      );
      const [count] =
        await sql`select count(*)::int as n from public.training_programs where user_id = ${user}`;
      assert.equal(count.n, 1, "the refused create left a row behind");
      assert.equal(await db.generatingProgramId(user), row.id);
    }),
});

Deno.test({
  ...options,
  name: "only_the_current_job_id_can_report_complete_or_fail",
  fn: () =>
    withDb(async (db, sql) => {
      const user = crypto.randomUUID();
      const first = await db.createAndClaim(user, "", profile, 30);
      await sql`update public.training_programs set generation_lease_until = now() - interval '1 s'
                where id = ${first.id}`;
      const second = await db.claim(first.id, user, false, 30) as ProgramRow;
      assert.equal(second.generation_attempts, 2);
      const stale = first.generation_job_id as string;
      const fresh = second.generation_job_id as string;
      assert.equal(
        await db.reportProgress(
          first.id,
          stale,
          { stage: "plan", percent: 30 },
          30,
        ),
        false,
      );
      assert.equal(
        await db.complete(first.id, stale, '{"stale": true}'),
        false,
      );
      assert.equal(await db.fail(first.id, stale, "stale"), false);
      assert.equal(
        await db.reportProgress(
          first.id,
          fresh,
          { stage: "plan", percent: 30 },
          30,
        ),
        true,
      );
      assert.equal(await db.complete(first.id, fresh, '{"fresh": true}'), true);
      // A repeated complete (a retry after a lost reply) finds its own commit.
      assert.equal(await db.complete(first.id, fresh, '{"fresh": true}'), true);
      assert.equal(await db.fail(first.id, fresh, "late"), false);
      const row = await db.ownedProgram(first.id, user) as ProgramRow;
      assert.equal(row.generation_status, "completed");
      assert.deepEqual(row.program, { fresh: true });
    }),
});

Deno.test({
  ...options,
  name: "claim_answers_null_for_a_live_lease_a_completed_program_or_a_stranger",
  fn: () =>
    withDb(async (db) => {
      const user = crypto.randomUUID();
      const row = await db.createAndClaim(user, "", profile, 30);
      assert.equal(await db.claim(row.id, user, false, 30), null);
      assert.equal(await db.claim(row.id, crypto.randomUUID(), true, 30), null);
      await db.complete(
        row.id,
        row.generation_job_id as string,
        '{"done": true}',
      );
      assert.equal(await db.claim(row.id, user, false, 30), null);
      const forced = await db.claim(row.id, user, true, 30);
      assert.equal(forced?.generation_attempts, 1);
    }),
});

Deno.test({
  ...options,
  name: "reads_as_a_user_see_only_that_users_rows",
  fn: () =>
    withDb(async (db) => {
      const owner = crypto.randomUUID();
      const stranger = crypto.randomUUID();
      const row = await db.createAndClaim(owner, "mine", profile, 30);
      assert.equal(
        (await db.readAsUser(claimsOf(owner), row.id, true))?.title,
        "mine",
      );
      assert.equal(
        await db.readAsUser(claimsOf(stranger), row.id, false),
        null,
      );
      assert.deepEqual(await db.listAsUser(claimsOf(stranger), 50, null), []);
      const mine = await db.listAsUser(claimsOf(owner), 50, null);
      assert.deepEqual(mine.map((r) => r.id), [row.id]);
      assert.deepEqual(await db.listAsUser(claimsOf(owner), 50, row.id), []);
    }),
});

Deno.test({
  ...options,
  name: "reclaim_restarts_an_expired_run_until_the_last_attempt_then_fails_it",
  fn: () =>
    withDb(async (db, sql) => {
      const user = crypto.randomUUID();
      const row = await db.createAndClaim(user, "", profile, 30);
      assert.equal(
        await db.reclaim(row.id, 30, 2),
        null,
        "a live lease is not reclaimed",
      );
      const expire = () =>
        sql`update public.training_programs set generation_lease_until = now() - interval '1 s'
            where id = ${row.id}`;
      await expire();
      const again = await db.reclaim(row.id, 30, 2);
      assert.equal(again?.generation_status, "generating");
      assert.equal(again?.generation_attempts, 2);
      await expire();
      const swept = (await db.reclaimExpired(30, 2, 1000)).filter((r) =>
        r.id === row.id
      );
      assert.equal(swept.length, 1);
      assert.equal(swept[0].generation_status, "failed");
      assert.equal(
        swept[0].generation_error,
        "attempts_exhausted: generation did not finish after 2 attempts",
      );
    }),
});

Deno.test("transient_errors_are_classified_by_sqlstate_or_driver_code", () => {
  for (
    const code of [
      "40001",
      "40P01",
      "57P01",
      "08006",
      "08001",
      "ECONNRESET",
      "CONNECTION_CLOSED",
    ]
  ) {
    assert(isTransient({ code }), code);
  }
  for (const code of ["23505", "22P02", "42883", undefined]) {
    assert(!isTransient({ code }), String(code));
  }
  assert(isRolledBack({ code: "40001" }));
  assert(!isRolledBack({ code: "ECONNRESET" }), "a reset may have committed");
});

Deno.test("with_retry_retries_transient_errors_a_bounded_number_of_times", async () => {
  let calls = 0;
  const flaky = () => {
    calls++;
    return calls < 3
      ? Promise.reject({ code: "40001" })
      : Promise.resolve("ok");
  };
  assert.equal(
    await withRetry(flaky, { attempts: 3, baseDelayMs: 1 }, isTransient),
    "ok",
  );
  assert.equal(calls, 3);
  calls = 0;
  await assert.rejects(withRetry(
    () => {
      calls++;
      return Promise.reject({ code: "08006" });
    },
    { attempts: 4, baseDelayMs: 1 },
    isTransient,
  ));
  assert.equal(calls, 4);
  calls = 0;
  await assert.rejects(withRetry(
    () => {
      calls++;
      return Promise.reject({ code: "23505" });
    },
    { attempts: 4, baseDelayMs: 1 },
    isTransient,
  ));
  assert.equal(calls, 1);
});

Deno.test({
  ...options,
  name: "a_statement_past_the_timeout_is_cancelled_and_reads_as_unavailable",
  fn: async () => {
    const db = createDb({ url, statementTimeoutMs: 300 });
    const locker = postgres(url, {
      prepare: false,
      max: 1,
      onnotice: () => {},
    });
    try {
      const user = crypto.randomUUID();
      const row = await db.createAndClaim(user, "", profile, 30);
      await db.complete(row.id, row.generation_job_id as string, "{}");
      let release = () => {};
      const held = new Promise<void>((resolve) => release = resolve);
      // Another session holds the row, so the claim's UPDATE waits.
      const locking = locker.begin(async (tx) => {
        await tx`select 1 from public.training_programs where id = ${row.id} for update`;
        await held;
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      const error = await db.claim(row.id, user, true, 30).catch((e) => e);
      release();
      await locking;
      assert.equal(sqlState(error), "57014", String(error));
      assert(isUnavailable(error));
      assert(Date.now() - started < 3000, "the statement was not cancelled");
      // The pool still works afterwards.
      assert.equal(
        (await db.claim(row.id, user, true, 30))?.generation_status,
        "generating",
      );
    } finally {
      await db.close(0);
      await locker.end();
    }
  },
});
