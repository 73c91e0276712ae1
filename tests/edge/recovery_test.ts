/**
 * Correctness when workers die or fall behind, against the real stack: a
 * SIGKILLed server's work is reclaimed and finished (or failed after the last
 * attempt), a stale worker is fenced out, deterministic errors fail at once,
 * a WASM trap fails the run and its retry runs on a fresh instance, SIGTERM
 * drains running work, and dropped database connections are retried.
 */

import assert from "node:assert/strict";
import type postgres from "postgres";
import { validateProgram } from "../../supabase/functions/_shared/generator.ts";
import {
  call,
  finished,
  fixture,
  HAVE_STACK,
  newUser,
  openSql,
  pollUntil,
  type Server,
  sleep,
  startServer,
  type User,
} from "./_stack.ts";

const options = {
  ignore: !HAVE_STACK,
  sanitizeOps: false,
  sanitizeResources: false,
};

async function startBatch(
  server: Server,
  count: number,
): Promise<{ user: User; programId: string; jobId: string }[]> {
  const users = await Promise.all(
    Array.from({ length: count }, () => newUser()),
  );
  return await Promise.all(users.map(async (user) => {
    const reply = await call(server, user, {
      body: { profile: fixture("typical") },
    });
    assert.equal(reply.status, 202, JSON.stringify(reply.body));
    return { user, programId: reply.body.programId, jobId: reply.body.jobId };
  }));
}

async function rowsOf(sql: postgres.Sql, ids: string[]) {
  return await sql`
    select id, user_id, generation_status, generation_job_id, generation_attempts, generation_error
    from public.training_programs where id = any(${ids}::uuid[])`;
}

Deno.test({
  ...options,
  name:
    "killed_server_work_is_reclaimed_by_polling_and_every_program_completes_once",
  async fn() {
    const lease = 2;
    const pollMs = 250;
    const knobs = {
      GENERATION_DELAY_MS: "150",
      LEASE_SECONDS: String(lease),
      MAX_ATTEMPTS: "3",
    };
    const first = await startServer(knobs);
    const sql = openSql();
    let second: Server | null = null;
    try {
      const batch = await startBatch(first, 12);
      await sleep(400);
      const status = await first.stop("SIGKILL");
      assert.equal(status.signal, "SIGKILL");
      const killedAt = Date.now();
      const ids = batch.map((b) => b.programId);
      assert(
        !first.transitions().some((e) =>
          e.transition === "completed" && ids.includes(e.programId)
        ),
        "a run finished before the kill: the test proved nothing",
      );
      const midRun = await rowsOf(sql, batch.map((b) => b.programId));
      assert(midRun.every((row) => row.generation_status === "generating"));

      second = await startServer(knobs, first.port);
      const server = second;
      // Clients keep polling at their usual pace; the restarted server heals on read.
      const recoveredAt = new Map<string, number>();
      const results = await Promise.all(
        batch.map(async ({ user, programId, jobId }) => {
          return await pollUntil(
            server,
            user,
            programId,
            (body) => {
              if (
                body.jobId !== jobId && !recoveredAt.has(programId)
              ) recoveredAt.set(programId, Date.now());
              return finished(body);
            },
            20_000,
            pollMs,
          );
        }),
      );
      for (const body of results) {
        assert.equal(body.status, "completed", JSON.stringify(body));
      }
      // Recovery began within one lease plus one poll of the kill (plus restart time).
      const restartSlackMs = 3000;
      for (const at of recoveredAt.values()) {
        assert(
          at - killedAt <= lease * 1000 + pollMs + restartSlackMs,
          `recovered after ${at - killedAt} ms`,
        );
      }
      const rows = await rowsOf(sql, batch.map((b) => b.programId));
      assert.equal(rows.length, batch.length, "a program was lost");
      assert(rows.every((row) => row.generation_status === "completed"));
      for (const b of batch) {
        const row = rows.find((r) => r.id === b.programId)!;
        assert.notEqual(row.generation_job_id, b.jobId);
        assert.equal(row.generation_attempts, 2);
      }
      // One program per user, each completed by exactly one run.
      const perUser = await sql`
        select count(*)::int as n from public.training_programs
        where user_id = any(${
        batch.map((b) => b.user.id)
      }::uuid[]) group by user_id`;
      assert(perUser.every((row) => row.n === 1));
      for (const { programId } of batch) {
        await second.waitForTransition((e) =>
          e.transition === "completed" && e.programId === programId
        );
      }
      const completions = second.transitions().filter((e) =>
        e.transition === "completed"
      );
      assert.equal(completions.length, batch.length);
      assert.equal(
        new Set(completions.map((e) => e.programId)).size,
        batch.length,
      );
    } finally {
      await sql.end();
      await second?.stop();
    }
  },
});

Deno.test({
  ...options,
  name: "restarted_server_reclaims_expired_leases_on_startup_without_any_poll",
  async fn() {
    const knobs = { GENERATION_DELAY_MS: "150", LEASE_SECONDS: "1" };
    const first = await startServer(knobs);
    const sql = openSql();
    let second: Server | null = null;
    try {
      const batch = await startBatch(first, 5);
      await sleep(300);
      await first.stop("SIGKILL");
      await sleep(1200);
      second = await startServer(knobs, first.port);
      const ids = batch.map((b) => b.programId);
      const deadline = Date.now() + 15_000;
      let rows = await rowsOf(sql, ids);
      while (
        Date.now() < deadline &&
        !rows.every((row) => row.generation_status === "completed")
      ) {
        await sleep(100);
        rows = await rowsOf(sql, ids);
      }
      assert(
        rows.every((row) => row.generation_status === "completed"),
        JSON.stringify(rows),
      );
      // Other test files may leave expired rows behind; count only this batch.
      const reclaimed = second.transitions().filter((e) =>
        e.transition === "reclaimed" && ids.includes(e.programId)
      );
      assert.deepEqual(
        new Set(reclaimed.map((e) => e.trigger)),
        new Set(["startup"]),
      );
      assert.equal(
        new Set(reclaimed.map((e) => e.programId)).size,
        batch.length,
      );
    } finally {
      await sql.end();
      await second?.stop();
    }
  },
});

Deno.test({
  ...options,
  name: "killed_run_on_its_last_attempt_ends_failed_with_a_clear_message",
  async fn() {
    const knobs = {
      GENERATION_DELAY_MS: "200",
      LEASE_SECONDS: "1",
      MAX_ATTEMPTS: "1",
    };
    const first = await startServer(knobs);
    let second: Server | null = null;
    try {
      const [{ user, programId }] = await startBatch(first, 1);
      await sleep(300);
      await first.stop("SIGKILL");
      second = await startServer(knobs, first.port);
      const body = await pollUntil(
        second,
        user,
        programId,
        finished,
        10_000,
        100,
      );
      assert.equal(body.status, "failed");
      assert.deepEqual(body.error, {
        code: "attempts_exhausted",
        message: "generation did not finish after 1 attempts",
      });
      assert.equal(body.program, null);
      // A user's retry is a new request with a fresh attempt budget.
      const retry = await call(second, user, { body: { programId } });
      assert.equal(retry.status, 202);
      assert.equal(retry.body.attempts, 1);
      assert.equal(
        (await pollUntil(second, user, programId, finished)).status,
        "completed",
      );
    } finally {
      await second?.stop();
    }
  },
});

Deno.test({
  ...options,
  name: "stale_worker_cannot_complete_or_overwrite_the_newer_attempt",
  async fn() {
    // One progress write per run (at its first stage), so the stalled worker
    // cannot renew the lease between the expiry below and the reclaim.
    const server = await startServer({
      GENERATION_DELAY_MS: "250",
      LEASE_SECONDS: "5",
      PROGRESS_INTERVAL_MS: "60000",
    });
    const sql = openSql();
    try {
      const [{ user, programId, jobId: staleJob }] = await startBatch(
        server,
        1,
      );
      await sleep(400);
      // The first worker is alive but its lease has run out (as if it stalled).
      await sql`update public.training_programs set generation_lease_until = now() - interval '1 second'
                where id = ${programId}::uuid`;
      const healed = await call(server, user, {
        query: `?programId=${programId}`,
      });
      const freshJob = healed.body.jobId as string;
      assert.notEqual(freshJob, staleJob);
      assert.equal(healed.body.attempts, 2);
      const body = await pollUntil(server, user, programId, finished, 15_000);
      assert.equal(body.status, "completed");
      assert.equal(body.jobId, freshJob);
      await server.waitForTransition((e) =>
        e.jobId === freshJob && e.transition === "completed"
      );
      await server.waitForTransition((e) =>
        e.jobId === staleJob && e.transition === "superseded"
      );
      const stale = server.transitions().filter((e) => e.jobId === staleJob);
      assert.deepEqual(stale.map((e) => e.transition).slice(-1), [
        "superseded",
      ]);
      const fresh = server.transitions().filter((e) => e.jobId === freshJob);
      assert.deepEqual(fresh.map((e) => e.transition).slice(-1), ["completed"]);
      // And directly: the stale job id can no longer complete, fail or report.
      const [row] = await sql`
        select public.complete_generation(${programId}::uuid, ${staleJob}::uuid, '{"stale":true}'::jsonb) as c,
               public.fail_generation(${programId}::uuid, ${staleJob}::uuid, 'stale') as f,
               public.report_generation_progress(${programId}::uuid, ${staleJob}::uuid,
                 '{"stage":"plan","percent":30}'::jsonb, 5) as p`;
      assert.deepEqual({ ...row }, { c: false, f: false, p: false });
      const after = await call(server, user, {
        query: `?programId=${programId}`,
      });
      assert.deepEqual(after.body.program, body.program);
    } finally {
      await sql.end();
      await server.stop();
    }
  },
});

Deno.test({
  ...options,
  name: "deterministic_errors_fail_at_once_with_code_and_message",
  async fn() {
    const server = await startServer({ GENERATION_FAIL_FIRST_RUNS: "1" });
    const plain = await startServer();
    const sql = openSql();
    try {
      const [{ user, programId }] = await startBatch(server, 1);
      const failed = await pollUntil(server, user, programId, finished);
      assert.equal(failed.status, "failed");
      assert.deepEqual(failed.error, {
        code: "internal",
        message: "injected failure",
      });
      assert.equal(failed.attempts, 1);
      // A profile stored by other means that the generator rejects.
      const other = await newUser();
      const [row] = await sql`
        select id from public.create_training_program(${other.id}::uuid, 'bad', '{"goal":"flying"}'::jsonb)`;
      const start = await call(plain, other, { body: { programId: row.id } });
      assert.equal(start.status, 202);
      const bad = await pollUntil(plain, other, row.id, finished);
      assert.equal(bad.status, "failed");
      assert.equal(bad.error.code, "invalid_profile");
      assert.match(bad.error.message, /^invalid profile/);
      assert.equal(bad.attempts, 1);
      await plain.waitForTransition((e) =>
        e.transition === "failed" && e.programId === row.id
      );
      // Other tests' leftovers that a startup reclaimed may fail here too; count ours.
      const ours = [programId, row.id as string];
      const failures = [...server.transitions(), ...plain.transitions()]
        .filter((e) => e.transition === "failed" && ours.includes(e.programId));
      assert.deepEqual(failures.map((e) => e.errorCode).sort(), [
        "internal",
        "invalid_profile",
      ]);
    } finally {
      await sql.end();
      await server.stop();
      await plain.stop();
    }
  },
});

Deno.test({
  ...options,
  name:
    "a_wasm_trap_fails_the_run_internal_and_a_retry_completes_on_a_fresh_instance",
  async fn() {
    const server = await startServer({ GENERATION_TRAP_FIRST_RUNS: "1" });
    try {
      const [{ user, programId, jobId }] = await startBatch(server, 1);
      const failed = await pollUntil(server, user, programId, finished);
      assert.equal(failed.status, "failed");
      assert.equal(failed.error.code, "internal");
      assert.match(failed.error.message, /^the generator crashed \(/);
      assert.equal(failed.attempts, 1);
      assert.equal(failed.program, null);
      await server.waitForTransition((e) =>
        e.jobId === jobId && e.transition === "failed"
      );
      const trapped = server.transitions().find((e) =>
        e.jobId === jobId && e.transition === "failed"
      )!;
      assert.equal(trapped.errorCode, "internal");

      const retry = await call(server, user, { body: { programId } });
      assert.equal(retry.status, 202, JSON.stringify(retry.body));
      assert.equal(retry.body.attempts, 1);
      assert.notEqual(retry.body.jobId, jobId);
      const done = await pollUntil(server, user, programId, finished);
      assert.equal(done.status, "completed", JSON.stringify(done));
      assert.equal(done.error, null);
      assert.equal(done.jobId, retry.body.jobId);
      const verdict = await validateProgram(done.program, fixture("typical"));
      assert.deepEqual(verdict.violations, []);
      await server.waitForTransition((e) =>
        e.jobId === retry.body.jobId && e.transition === "completed"
      );
      const completed = server.transitions().find((e) =>
        e.jobId === retry.body.jobId && e.transition === "completed"
      )!;
      // The trap retired the instance; the retry ran on one created after it.
      assert(
        completed.generatorInstances! > trapped.generatorInstances!,
        `instances ${trapped.generatorInstances} → ${completed.generatorInstances}`,
      );
    } finally {
      await server.stop();
    }
  },
});

Deno.test({
  ...options,
  name: "sigterm_lets_running_generations_finish_before_exit",
  async fn() {
    const server = await startServer({
      GENERATION_DELAY_MS: "100",
      LEASE_SECONDS: "5",
    });
    const sql = openSql();
    try {
      const batch = await startBatch(server, 3);
      await sleep(200);
      const status = await server.stop("SIGTERM");
      assert.equal(status.code, 0);
      const rows = await rowsOf(sql, batch.map((b) => b.programId));
      assert(
        rows.every((row) => row.generation_status === "completed"),
        JSON.stringify(rows),
      );
    } finally {
      await sql.end();
    }
  },
});

Deno.test({
  ...options,
  name:
    "dropped_database_connections_mid_run_are_retried_and_the_run_completes",
  async fn() {
    const server = await startServer({
      GENERATION_DELAY_MS: "100",
      LEASE_SECONDS: "5",
      PROGRESS_INTERVAL_MS: "0",
    });
    const sql = openSql();
    try {
      const batch = await startBatch(server, 3);
      let terminated = 0;
      for (let i = 0; i < 4; i++) {
        await sleep(150);
        const killed = await sql`
          select pg_terminate_backend(pid) as ok from pg_stat_activity
          where application_name = 'generate-program'`;
        terminated += killed.length;
      }
      assert(
        terminated > 0,
        "no connection was dropped: the test proved nothing",
      );
      const results = await Promise.all(
        batch.map(({ user, programId }) =>
          pollUntil(server, user, programId, finished, 15_000)
        ),
      );
      for (const body of results) {
        assert.equal(body.status, "completed", JSON.stringify(body));
        assert.equal(body.attempts, 1);
      }
    } finally {
      await sql.end();
      await server.stop();
    }
  },
});
