import assert from "node:assert/strict";
import { createPriority } from "./priority.ts";

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

Deno.test("background_turns_wait_for_requests_in_flight_to_finish", async () => {
  const priority = createPriority(1000);
  const events: string[] = [];
  const request = priority.request(async () => {
    await later(30);
    events.push("request done");
  });
  assert.equal(priority.inFlight(), 1);
  await priority.backgroundTurn().then(() => events.push("background turn"));
  await request;
  assert.deepEqual(events, ["request done", "background turn"]);
  assert.equal(priority.inFlight(), 0);
});

Deno.test("a_background_turn_comes_after_max_wait_even_under_constant_load", async () => {
  const priority = createPriority(20);
  let release!: () => void;
  const busy = priority.request(() =>
    new Promise<void>((resolve) => release = resolve)
  );
  const started = performance.now();
  await priority.backgroundTurn();
  const waited = performance.now() - started;
  assert(waited >= 15 && waited < 500, `waited ${waited} ms`);
  release();
  await busy;
});

Deno.test("an_idle_gate_grants_turns_at_once", async () => {
  const priority = createPriority(1000);
  const started = performance.now();
  for (let i = 0; i < 100; i++) await priority.backgroundTurn();
  assert(performance.now() - started < 100);
});

Deno.test("background_slices_let_a_waiting_request_in", async () => {
  const priority = createPriority(1000);
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => new Response("ok"),
  );
  let stop = false;
  const busy = (async () => {
    while (!stop) {
      const end = performance.now() + 0.3;
      while (performance.now() < end) { /* CPU-bound stage */ }
      await priority.backgroundTurn();
    }
  })();
  try {
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await (await fetch(`http://127.0.0.1:${server.addr.port}/`)).text();
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    assert(
      latencies[10] < 20,
      `median request waited ${latencies[10]} ms behind background work`,
    );
  } finally {
    stop = true;
    await busy;
    await server.shutdown();
  }
});
