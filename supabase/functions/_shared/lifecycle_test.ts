import assert from "node:assert/strict";
import { onBeforeUnload } from "./lifecycle.ts";

/** Dispatches what the edge runtime dispatches before it ends a worker. */
function unload(target: EventTarget, reason?: string) {
  target.dispatchEvent(
    new CustomEvent("beforeunload", {
      detail: reason === undefined ? null : { reason },
    }),
  );
}

function recorder() {
  const calls: string[] = [];
  const logged: Record<string, unknown>[] = [];
  return {
    calls,
    logged,
    actions: {
      releaseRuns: () => {
        calls.push("release");
        return Promise.resolve();
      },
      closePool: () => {
        calls.push("close");
        return Promise.resolve();
      },
      log: (line: Record<string, unknown>) => logged.push(line),
    },
  };
}

Deno.test("resource_limits_and_termination_release_the_runs", () => {
  for (const reason of ["cpu", "memory", "wall_clock", "termination"]) {
    const target = new EventTarget();
    const { calls, logged, actions } = recorder();
    onBeforeUnload(actions, target);
    unload(target, reason);
    assert.deepEqual(calls, ["release"], reason);
    assert.deepEqual(logged, [{ event: "beforeunload", reason }]);
  }
});

Deno.test("early_drop_closes_the_pool_and_keeps_the_runs", () => {
  const target = new EventTarget();
  const { calls, actions } = recorder();
  onBeforeUnload(actions, target);
  unload(target, "early_drop");
  assert.deepEqual(calls, ["close"]);
});

Deno.test("an_event_without_a_known_reason_does_nothing", () => {
  const target = new EventTarget();
  const { calls, actions } = recorder();
  const stop = onBeforeUnload(actions, target);
  unload(target); // Deno's own beforeunload at exit
  unload(target, "something_new");
  assert.deepEqual(calls, []);
  stop();
  unload(target, "cpu");
  assert.deepEqual(calls, [], "a stopped listener still acted");
});
