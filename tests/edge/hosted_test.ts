/**
 * What the hosted platform does to a worker, against the real stack: the
 * runtime's `beforeunload` (dispatched through the dev server, as the edge
 * runtime would), a PostgreSQL restart in the middle of runs (a failover), a
 * worker killed with no one polling afterwards, and a user whose expired
 * lease must not block the next create.
 */

import assert from "node:assert/strict";
import {
  call,
  DB_DIR,
  DB_PORT,
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
  ignore: !HAVE_STACK || DB_DIR === "",
  sanitizeOps: false,
  sanitizeResources: false,
};

const ROOT = new URL("../../", import.meta.url).pathname;

/** Runs a function of scripts/lib/pg.sh on the test cluster. */
async function pg(command: "pg_stop" | "pg_start"): Promise<void> {
  const args = command === "pg_stop" ? `"${DB_DIR}"` : `${DB_PORT} "${DB_DIR}"`;
  const { code, stderr } = await new Deno.Command("bash", {
    args: ["-c", `source "${ROOT}scripts/lib/pg.sh" && ${command} ${args}`],
    stdout: "null",
    stderr: "piped",
  }).output();
  assert.equal(code, 0, new TextDecoder().decode(stderr));
}

/** Dispatches the runtime's `beforeunload` with `reason` inside the server. */
async function unload(server: Server, reason: string): Promise<void> {
  const response = await fetch(
    `${server.baseUrl}/dev/unload?reason=${reason}`,
    {
      method: "POST",
    },
  );
  await response.body?.cancel();
  assert.equal(response.status, 202);
}

/** Creates a program and returns its 202 body. */
// deno-lint-ignore no-explicit-any -- the 202 body is checked by the caller
async function create(server: Server, user: User): Promise<any> {
  const reply = await call(server, user, {
    body: { profile: fixture("small") },
  });
  assert.equal(reply.status, 202, JSON.stringify(reply.body));
  return reply.body;
}

/** Statuses and attempts of `ids`, read with SQL (not through the function). */
async function states(
  ids: string[],
): Promise<Map<string, { status: string; attempts: number }>> {
  const sql = openSql();
  try {
    const rows = await sql`
      select id, generation_status as status, generation_attempts as attempts
        from public.training_programs where id = any(${ids}::uuid[])`;
    return new Map(
      rows.map((r) => [r.id, { status: r.status, attempts: r.attempts }]),
    );
  } finally {
    await sql.end();
  }
}

/** Waits until every program is completed or failed, reading only SQL. */
async function settled(ids: string[], timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const now = await states(ids);
    if (
      [...now.values()].every((s) =>
        s.status === "completed" || s.status === "failed"
      )
    ) {
      return Date.now() - started;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(
        `not settled after ${timeoutMs} ms: ${JSON.stringify([...now])}`,
      );
    }
    await sleep(100);
  }
}

Deno.test({
  ...options,
  name: "beforeunload_on_a_resource_limit_hands_runs_back_at_once",
  async fn() {
    // A lease of 60 s: waiting it out would fail the test.
    const dying = await startServer({
      LEASE_SECONDS: "60",
      GENERATION_DELAY_MS: "300",
      SWEEP_INTERVAL_SECONDS: "3600",
    });
    const taker = await startServer({
      LEASE_SECONDS: "60",
      SWEEP_INTERVAL_SECONDS: "1",
    });
    try {
      const user = await newUser();
      const started = await create(dying, user);
      await dying.waitForTransition((e) =>
        e.transition === "started" && e.programId === started.programId
      );
      await unload(dying, "wall_clock");
      await dying.waitForTransition((e) =>
        e.transition === "released" && e.programId === started.programId
      );
      // No GET: the other worker's sweep takes the handed-back run.
      await settled([started.programId], 10_000);
      const body = await pollUntil(taker, user, started.programId, finished);
      assert.equal(body.status, "completed");
      assert.equal(body.attempts, 2);
      assert.notEqual(body.jobId, started.jobId);
      // A worker that is going away starts nothing new.
      const late = await call(dying, user, {
        body: { programId: started.programId, force: true },
      });
      assert.equal(late.status, 202);
      await sleep(500);
      assert(
        !dying.transitions().some((e) =>
          e.transition === "started" && e.jobId === late.body.jobId
        ),
        "a stopping worker started a run",
      );
      await settled([started.programId], 10_000);
    } finally {
      await dying.stop();
      await taker.stop();
    }
  },
});

Deno.test({
  ...options,
  name: "beforeunload_early_drop_closes_the_pool",
  async fn() {
    const server = await startServer();
    try {
      const health = await fetch(`${server.baseUrl}/dev/health`);
      await health.body?.cancel();
      assert.equal(health.status, 200);
      await unload(server, "early_drop");
      await sleep(200);
      const after = await fetch(`${server.baseUrl}/dev/health`);
      await after.body?.cancel();
      assert.equal(after.status, 503, "the pool still answers");
    } finally {
      await server.stop();
    }
  },
});

Deno.test({
  ...options,
  name: "a_killed_worker_leaves_no_job_behind_without_any_poll",
  async fn() {
    const doomed = await startServer({
      LEASE_SECONDS: "2",
      GENERATION_DELAY_MS: "1000",
    });
    const users = await Promise.all(Array.from({ length: 5 }, newUser));
    const ids: string[] = [];
    for (const user of users) ids.push((await create(doomed, user)).programId);
    await doomed.stop("SIGKILL");
    // Restarted before the leases expire, with a sweep every second.
    const restarted = await startServer({
      LEASE_SECONDS: "2",
      SWEEP_INTERVAL_SECONDS: "1",
    });
    try {
      const took = await settled(ids, 2000 + 1000 + 5000);
      const now = await states(ids);
      for (const id of ids) {
        assert.equal(now.get(id)?.status, "completed", id);
        assert.equal(now.get(id)?.attempts, 2, id);
      }
      console.log(
        `settled ${ids.length} orphaned programs in ${took} ms without a poll`,
      );
    } finally {
      await restarted.stop();
    }
  },
});

Deno.test({
  ...options,
  name: "an_expired_lease_never_blocks_its_users_next_create",
  async fn() {
    const doomed = await startServer({
      LEASE_SECONDS: "3",
      GENERATION_DELAY_MS: "1000",
    });
    const server = await startServer({
      LEASE_SECONDS: "3",
      SWEEP_INTERVAL_SECONDS: "3600",
    });
    try {
      const user = await newUser();
      const orphan = (await create(doomed, user)).programId;
      await doomed.stop("SIGKILL");
      // While the lease lives, the user has a generation running.
      const early = await call(server, user, {
        body: { profile: fixture("small") },
      });
      assert.equal(early.status, 409, JSON.stringify(early.body));
      assert.equal(early.body.error.code, "another_generating");
      assert.equal(early.body.error.programId, orphan);
      await sleep(3100);
      // Once it expired, it no longer blocks: the new program starts...
      const next = await create(server, user);
      assert.notEqual(next.programId, orphan);
      // ...and the orphan is resumed after it, by the listing.
      await pollUntil(server, user, next.programId, finished);
      const list = await call(server, user);
      assert.equal(list.status, 200);
      const body = await pollUntil(server, user, orphan, finished);
      assert.equal(body.status, "completed");
      assert.equal(body.attempts, 2);
    } finally {
      await doomed.stop();
      await server.stop();
    }
  },
});

Deno.test({
  ...options,
  name: "a_database_restart_longer_than_the_lease_costs_no_500_and_no_live_run",
  async fn() {
    const sql = openSql();
    // The minute job could release the live runs in the instant after the
    // restart; this test is about the function's own heartbeat.
    const [cron] = await sql`
      select count(*)::int as n from pg_catalog.pg_extension where extname = 'pg_cron'`;
    if (cron.n > 0) {
      await sql`select cron.unschedule('release-expired-generations')`;
    }
    await sql.end();
    const server = await startServer({
      LEASE_SECONDS: "2",
      GENERATION_DELAY_MS: "500",
      SWEEP_INTERVAL_SECONDS: "1",
    });
    try {
      const users = await Promise.all(Array.from({ length: 3 }, newUser));
      const running: string[] = [];
      for (const user of users) {
        running.push((await create(server, user)).programId);
      }
      await pg("pg_stop");
      // Down for longer than the lease.
      const during = await call(server, users[0], { query: `/${running[0]}` });
      assert.equal(during.status, 503, JSON.stringify(during.body));
      assert.equal(during.body.error.code, "unavailable");
      assert.equal(during.headers.get("retry-after"), "5");
      await sleep(2500);
      await pg("pg_start");
      // Every request after the restart answers; none is a 500.
      const fresh = await Promise.all(Array.from({ length: 20 }, newUser));
      const replies = await Promise.all(
        fresh.map((user) =>
          call(server, user, { body: { profile: fixture("small") } })
        ),
      );
      assert.deepEqual(
        replies.map((r) => r.status),
        Array(20).fill(202),
        JSON.stringify(
          replies.filter((r) => r.status !== 202).map((r) => r.body),
        ),
      );
      await settled(
        [...running, ...replies.map((r) => r.body.programId)],
        20_000,
      );
      // The runs alive across the outage finished as their first attempt.
      const now = await states(running);
      for (const id of running) {
        assert.deepEqual(now.get(id), { status: "completed", attempts: 1 }, id);
      }
    } finally {
      await server.stop();
      const again = openSql();
      try {
        const [cron] = await again`
          select count(*)::int as n from pg_catalog.pg_extension where extname = 'pg_cron'`;
        if (cron.n > 0) {
          await again`select cron.schedule('release-expired-generations', '* * * * *',
            'select count(*) from public.release_expired_generations(3)')`;
        }
      } finally {
        await again.end();
      }
    }
  },
});
