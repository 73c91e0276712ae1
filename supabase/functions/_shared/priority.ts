/**
 * Requests before background work, on the one event loop they share.
 *
 * A generation is CPU work split into stages; between stages it asks for a
 * turn here. This module decides when that turn comes: at once while no
 * request is being handled, otherwise when the last one finishes, but never
 * later than `maxWaitMs`, so background work slows under load without
 * stalling past its lease. The 202s stay fast while a backlog of runs drains.
 *
 * @module
 */

import { setImmediate } from "node:timers";

/** Orders request handling before background stages. */
export interface Priority {
  /** Runs a request's handling, counting it as in flight. */
  request<T>(work: () => Promise<T>): Promise<T>;
  /** Resolves when background work may take its next step. */
  backgroundTurn(): Promise<void>;
  /** Requests being handled now. */
  inFlight(): number;
}

/** A priority gate; a background turn waits at most `maxWaitMs` for requests to finish. */
export function createPriority(maxWaitMs: number): Priority {
  let inFlight = 0;
  let waiting: (() => void)[] = [];
  const wakeAll = () => {
    const ready = waiting;
    waiting = [];
    for (const resolve of ready) resolve();
  };
  return {
    async request(work) {
      inFlight++;
      try {
        return await work();
      } finally {
        inFlight--;
        // setImmediate: after the response's own I/O has been queued.
        if (inFlight === 0 && waiting.length > 0) setImmediate(wakeAll);
      }
    },
    backgroundTurn() {
      return new Promise<void>((resolve) => {
        if (inFlight === 0 || maxWaitMs === 0) {
          // Even when idle, yield once so freshly arrived I/O is seen first.
          setImmediate(resolve);
          return;
        }
        let done = false;
        const once = () => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(once, maxWaitMs);
        waiting.push(once);
      });
    },
    inFlight: () => inFlight,
  };
}
