import assert from "node:assert/strict";
import { createBackground } from "./background.ts";

const later = (ms: number, fail = false) =>
  new Promise<void>((resolve, reject) =>
    setTimeout(() => (fail ? reject(new Error("x")) : resolve()), ms)
  );

Deno.test("tracked_work_is_counted_until_it_settles_and_drain_waits_for_it", async () => {
  const background = createBackground(undefined);
  let finished = 0;
  background.spawn(later(30).then(() => finished++));
  background.spawn(later(10, true));
  assert.equal(background.pending(), 2);
  assert.equal(await background.drain(1000), true);
  assert.equal(finished, 1);
  assert.equal(background.pending(), 0);
});

Deno.test("drain_gives_up_after_its_timeout", async () => {
  const background = createBackground(undefined);
  let release!: () => void;
  background.spawn(new Promise<void>((resolve) => release = resolve));
  assert.equal(await background.drain(20), false);
  release();
  assert.equal(await background.drain(1000), true);
});

Deno.test("edge_runtime_wait_until_receives_the_work_when_present", async () => {
  const handed: Promise<unknown>[] = [];
  const background = createBackground({
    waitUntil: (promise) => handed.push(promise),
  });
  background.spawn(later(5, true));
  assert.equal(handed.length, 1);
  await handed[0]; // a rejection is swallowed, so the runtime never sees it
  assert.equal(background.pending(), 0);
});
