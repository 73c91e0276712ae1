/**
 * The edge benchmark: prints figures, asserts nothing. Run by
 * `scripts/bench-edge.sh`, which provides the database (`TEST_DB_URL`).
 *
 * 1. 202 latency, p50/p99, at 1 and 32 concurrent clients, against a floor
 *    server answering 202 after one `select 1`, measured in the same run.
 * 2. End-to-end throughput, programs/s from POST to `completed`, against a
 *    raw postgres.js floor making the function's statements (create_and_claim,
 *    complete) with a program-sized payload.
 * 3. Trigger → generation start, p50/p99, from the function's telemetry.
 *
 * Env: `BENCH_REQUESTS` (per latency run, default 400), `BENCH_PROGRAMS`
 * (per throughput run, default 300).
 *
 * @module
 */

import postgres from "postgres";
import { signToken } from "../../supabase/functions/_dev/token.ts";
import { generateProgram } from "../../supabase/functions/_shared/generator.ts";
import {
  DB_URL,
  fixture,
  freePort,
  JWT_SECRET,
  type Server,
  sleep,
  startServer,
} from "../../tests/edge/_stack.ts";

const REQUESTS = Number(Deno.env.get("BENCH_REQUESTS") ?? 400);
const PROGRAMS = Number(Deno.env.get("BENCH_PROGRAMS") ?? 300);
const THROUGHPUT_CLIENTS = 16;
const profile = fixture("typical");
const body = JSON.stringify({ title: "bench", profile });

/** The `q` quantile of `values` (nearest rank). */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

/** Tokens for `count` fresh users, so no POST waits on another's generation. */
async function tokens(count: number): Promise<string[]> {
  return await Promise.all(
    Array.from(
      { length: count },
      () => signToken(JWT_SECRET, crypto.randomUUID()),
    ),
  );
}

/** Sends `requests` POSTs to `url` from `clients` concurrent clients; returns per-request latencies. */
async function load(
  url: string,
  bearer: string[],
  clients: number,
): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const client = async () => {
    while (next < bearer.length) {
      const token = bearer[next++];
      const started = performance.now();
      const response = await fetch(url, {
        method: "POST",
        headers: {
          Authorization: `Bearer ${token}`,
          "Content-Type": "application/json",
        },
        body,
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      if (response.status !== 202) {
        throw new Error(`expected 202, got ${response.status}`);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return latencies;
}

async function startFloor(): Promise<
  { url: string; stop: () => Promise<void> }
> {
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net",
      "--allow-env",
      "--allow-read",
      "--allow-sys",
      new URL("./floor.ts", import.meta.url).pathname,
    ],
    env: { SUPABASE_DB_URL: DB_URL, PORT: String(port) },
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    const ok = await fetch(`${url}/dev/health`).then(
      (r) => r.text().then(() => r.ok),
      () => false,
    );
    if (ok) break;
    await sleep(50);
  }
  return {
    url: `${url}/`,
    stop: async () => {
      child.kill("SIGTERM");
      await child.status;
    },
  };
}

function startsSince(server: Server, from: number): number[] {
  return server.transitions().slice(from)
    .filter((e) =>
      e.transition === "started" && e.enqueueToStartMs !== undefined
    )
    .map((e) => e.enqueueToStartMs as number);
}

/** Waits until no program is generating, so one phase's backlog does not leak into the next. */
async function waitForIdle(sql: postgres.Sql): Promise<void> {
  for (;;) {
    const [row] = await sql`
      select count(*)::int as n from public.training_programs where generation_status = 'generating'`;
    if (row.n === 0) return;
    await sleep(20);
  }
}

async function waitUntilDone(
  sql: postgres.Sql,
  since: Date,
  count: number,
): Promise<number> {
  for (;;) {
    const [row] = await sql`
      select count(*)::int as n from public.training_programs
      where created_at >= ${since} and generation_status = 'completed'`;
    if (row.n >= count) return performance.now();
    await sleep(5);
  }
}

async function rawFloor(
  sql: postgres.Sql,
  program: unknown,
  count: number,
  clients: number,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  const client = async () => {
    while (next++ < count) {
      // The statements the function makes: create_and_claim, then complete.
      const [claimed] = await sql`
        select id, generation_job_id from public.create_and_claim_generation(${crypto.randomUUID()}::uuid, 'raw', ${
        sql.json(profile as postgres.JSONValue)
      }, 30)`;
      await sql`
        select public.complete_generation(${claimed.id}::uuid, ${claimed.generation_job_id}::uuid, ${
        sql.json(program as postgres.JSONValue)
      })`;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return count / ((performance.now() - started) / 1000);
}

async function main() {
  if (DB_URL === "") {
    throw new Error("TEST_DB_URL is not set; run scripts/bench-edge.sh");
  }
  const sql = postgres(DB_URL, { prepare: false, max: 10, onnotice: () => {} });
  const server: Server = await startServer({
    LEASE_SECONDS: "30",
    ...(Deno.env.get("BACKGROUND_MAX_WAIT_MS") === undefined
      ? {}
      : { BACKGROUND_MAX_WAIT_MS: Deno.env.get("BACKGROUND_MAX_WAIT_MS")! }),
  });
  const floor = await startFloor();
  const lines: string[] = [];
  const print = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  try {
    print(
      `edge benchmark (${REQUESTS} requests per latency run, ${PROGRAMS} programs per throughput run)`,
    );
    // Warm both servers (JIT, connections, WASM instance).
    await load(server.functionUrl, await tokens(40), 4);
    await load(floor.url, await tokens(40), 4);
    await sleep(500);

    print("\n202 latency (POST {profile} → 202, client side)");
    const startedBefore = server.transitions().length;
    for (const clients of [1, 32]) {
      const fn = await load(
        server.functionUrl,
        await tokens(REQUESTS),
        clients,
      );
      await waitForIdle(sql); // the backlog of runs must not slow the floor's turn
      const base = await load(floor.url, await tokens(REQUESTS), clients);
      const [fn50, fn99, base50, base99] = [
        quantile(fn, 0.5),
        quantile(fn, 0.99),
        quantile(base, 0.5),
        quantile(base, 0.99),
      ];
      print(
        `  ${String(clients).padStart(2)} client(s): function p50 ${
          ms(fn50)
        } p99 ${ms(fn99)} | ` +
          `floor p50 ${ms(base50)} p99 ${ms(base99)} | p50 ratio ${
            (fn50 / base50).toFixed(2)
          }x`,
      );
      await sleep(500);
    }

    const underLoad = startsSince(server, startedBefore);
    print(
      "\ntrigger → generation start (request arrival → run start, server telemetry)",
    );
    await sleep(1000);
    await waitForIdle(sql);
    const quietFrom = server.transitions().length;
    for (const token of await tokens(200)) {
      await load(server.functionUrl, [token], 1);
      await sleep(15); // one trigger at a time, after the previous run is done
    }
    await sleep(500);
    const quiet = startsSince(server, quietFrom);
    print(
      `  one at a time: ${quiet.length} runs, p50 ${
        ms(quantile(quiet, 0.5))
      } p99 ${ms(quantile(quiet, 0.99))}`,
    );
    print(
      `  during the latency runs (queued behind others): p50 ${
        ms(quantile(underLoad, 0.5))
      } ` +
        `p99 ${ms(quantile(underLoad, 0.99))}`,
    );
    const generation = server.transitions().slice(quietFrom)
      .filter((e) => e.transition === "completed")
      .map((e) => e.generationMs as number);
    print(
      `  generation (start → saved, one at a time) p50 ${
        ms(quantile(generation, 0.5))
      } p99 ${ms(quantile(generation, 0.99))}`,
    );

    await waitForIdle(sql);
    print(`\nend-to-end throughput (${THROUGHPUT_CLIENTS} clients)`);
    const program = await generateProgram(profile);
    print(`  program payload ${JSON.stringify(program).length} bytes`);
    const since = (await sql`select now() as now`)[0].now as Date;
    const t0 = performance.now();
    await load(server.functionUrl, await tokens(PROGRAMS), THROUGHPUT_CLIENTS);
    const t1 = await waitUntilDone(sql, since, PROGRAMS);
    const fnRate = PROGRAMS / ((t1 - t0) / 1000);
    const rawRate = await rawFloor(sql, program, PROGRAMS, THROUGHPUT_CLIENTS);
    print(
      `  function POST→completed ${
        fnRate.toFixed(1)
      } programs/s | raw SQL create_and_claim+complete ` +
        `${rawRate.toFixed(1)} programs/s | ratio ${
          (100 * fnRate / rawRate).toFixed(0)
        }%`,
    );
  } finally {
    await server.stop();
    await floor.stop();
    await sql.end();
  }
}

await main();
