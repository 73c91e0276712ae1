/**
 * Requests before background work, on the one event loop they share.
 *
 * A generation is CPU work split into stages; between stages it asks for a
 * turn here. This module decides when that turn comes. While requests are
 * being handled, at the latest when the last one finishes, but never later
 * than `maxWaitMs`, so background work slows under load without stalling past
 * its lease. While none is, background work runs in slices of about
 * {@link SLICE_MS} and then yields to the event loop, so a request that has
 * just arrived is read before the next slice.
 *
 * Yields use `setTimeout(0)`: in Deno, `setImmediate` and `MessageChannel`
 * callbacks run before pending I/O is polled, so a chain of them starves
 * incoming requests. Slicing keeps the chain short enough that the timer's
 * 4 ms clamp for deeply nested timeouts never applies.
 *
 * @module
 */

/** Background CPU time between two yields to the event loop, in ms. */
export const SLICE_MS = 1;

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
  // When background work last gave the event loop a chance to poll I/O.
  let lastYield = performance.now();
  const wakeAll = () => {
    lastYield = performance.now();
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
        // On a timer, so the response's own writes go out first.
        if (inFlight === 0 && waiting.length > 0) setTimeout(wakeAll, 0);
      }
    },
    backgroundTurn() {
      if (inFlight === 0 || maxWaitMs === 0) {
        if (performance.now() - lastYield < SLICE_MS) return Promise.resolve();
        return new Promise<void>((resolve) =>
          setTimeout(() => {
            lastYield = performance.now();
            resolve();
          }, 0)
        );
      }
      return new Promise<void>((resolve) => {
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
