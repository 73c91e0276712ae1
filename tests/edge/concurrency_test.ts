/**
 * Concurrency against the real stack: racing starts of one program claim it
 * exactly once, and many users with many programs never run two of one
 * user's programs at once, yet all end completed.
 */

import assert from "node:assert/strict";
import type postgres from "postgres";
import {
  call,
  finished,
  fixture,
  HAVE_STACK,
  newUser,
  openSql,
  pollUntil,
  type Reply,
  sleep,
  startServer,
  type User,
} from "./_stack.ts";

Deno.test({
  name: "two_hundred_simultaneous_starts_claim_once_and_run_the_pipeline_once",
  ignore: !HAVE_STACK,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    // Each run takes about three seconds, so the burst lands while it is live.
    const server = await startServer({
      GENERATION_DELAY_MS: "300",
      LEASE_SECONDS: "10",
    });
    const sql = openSql();
    try {
      const user = await newUser();
      const [row] = await sql`
        select id from public.create_training_program(${user.id}::uuid, 'race', ${
        sql.json(fixture("typical") as postgres.JSONValue)
      })`;
      const programId = row.id as string;
      const replies = await Promise.all(
        Array.from(
          { length: 200 },
          () => call(server, user, { body: { programId } }),
        ),
      );
      const byStatus = new Map<number, number>();
      for (const reply of replies) {
        byStatus.set(reply.status, (byStatus.get(reply.status) ?? 0) + 1);
      }
      assert.equal(byStatus.get(202), 1, JSON.stringify([...byStatus]));
      assert.equal(byStatus.get(409), 199, JSON.stringify([...byStatus]));
      for (const reply of replies) {
        if (reply.status === 409) {
          assert.equal(reply.body.error.code, "already_generating");
        }
      }
      const winner = replies.find((reply) => reply.status === 202)!;

      const body = await pollUntil(server, user, programId, finished, 20_000);
      assert.equal(body.status, "completed");
      assert.equal(body.attempts, 1);
      assert.equal(body.jobId, winner.body.jobId);
      const runs = server.transitions().filter((e) =>
        e.programId === programId && e.transition === "started"
      );
      assert.deepEqual(runs.map((e) => e.jobId), [winner.body.jobId]);
    } finally {
      await sql.end();
      await server.stop();
    }
  },
});

Deno.test({
  name:
    "twenty_users_with_five_programs_each_never_generate_two_at_once_and_all_complete",
  ignore: !HAVE_STACK,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    // Every program's first run fails, so each needs a retry to complete.
    const server = await startServer({
      GENERATION_DELAY_MS: "5",
      GENERATION_FAIL_FIRST_RUNS: "1",
      LEASE_SECONDS: "10",
    });
    const sql = openSql();
    const users = await Promise.all(
      Array.from({ length: 20 }, () => newUser()),
    );
    const ids = users.map((user) => user.id);
    let sampling = true;
    let samples = 0;
    let overlaps = 0;
    let maxGenerating = 0;
    const sampler = (async () => {
      while (sampling) {
        const [row] = await sql`
          select coalesce(max(n), 0)::int as most, count(*) filter (where n > 1)::int as over
          from (select count(*) as n from public.training_programs
                where user_id = any(${ids}::uuid[]) and generation_status = 'generating'
                group by user_id) per_user`;
        const [all] = await sql`
          select count(*)::int as n from public.training_programs
          where user_id = any(${ids}::uuid[]) and generation_status = 'generating'`;
        overlaps += row.over;
        maxGenerating = Math.max(maxGenerating, all.n);
        samples++;
        await sleep(5);
      }
    })();
    let refusals = 0;
    let retries = 0;
    const profiles = [fixture("small"), fixture("typical"), fixture("largest")];

    const oneProgram = async (user: User, index: number): Promise<string> => {
      let programId: string | null = null;
      for (let tries = 0; tries < 2000; tries++) {
        const reply: Reply = programId === null
          ? await call(server, user, {
            body: {
              title: `p${index}`,
              profile: profiles[index % profiles.length],
            },
          })
          : await call(server, user, { body: { programId } });
        if (reply.status === 409) {
          assert.equal(reply.body.error.code, "another_generating");
          refusals++;
          await sleep(20 + Math.random() * 40);
          continue;
        }
        assert.equal(reply.status, 202, JSON.stringify(reply.body));
        programId = reply.body.programId as string;
        const body = await pollUntil(
          server,
          user,
          programId,
          finished,
          30_000,
          25,
        );
        if (body.status === "completed") return programId;
        assert.deepEqual(body.error, {
          code: "internal",
          message: "injected failure",
        });
        retries++;
      }
      throw new Error("gave up");
    };

    try {
      const done = await Promise.all(
        users.flatMap((user) =>
          Array.from({ length: 5 }, (_, i) => oneProgram(user, i))
        ),
      );
      sampling = false;
      await sampler;
      assert.equal(new Set(done).size, 100);
      assert.equal(
        overlaps,
        0,
        `two programs of one user generated at once in ${overlaps} samples`,
      );
      assert(samples > 10, `only ${samples} samples`);
      assert(
        maxGenerating > 1,
        "users never generated in parallel: the test proved nothing",
      );
      assert(refusals > 0, "no POST was refused: the test proved nothing");
      assert.equal(retries, 100);
      const [counts] = await sql`
        select count(*)::int as total,
               count(*) filter (where generation_status = 'completed')::int as completed
        from public.training_programs where user_id = any(${ids}::uuid[])`;
      assert.deepEqual({ ...counts }, { total: 100, completed: 100 });
    } finally {
      sampling = false;
      await sampler;
      await sql.end();
      await server.stop();
    }
  },
});
