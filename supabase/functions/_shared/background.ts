/**
 * Background work that outlives the response.
 *
 * This module decides how a promise is kept alive after the handler has
 * answered: inside Supabase's edge runtime through `EdgeRuntime.waitUntil`,
 * and in plain Deno by tracking it in a set that a shutdown drains. Whether the
 * work is correct when it is killed anyway is the database's business: leases
 * expire and are reclaimed.
 *
 * @module
 */

/** The subset of Supabase's `EdgeRuntime` global this module uses. */
interface EdgeRuntimeGlobal {
  waitUntil(promise: Promise<unknown>): void;
}

/** Keeps background promises alive. */
export interface Background {
  /** Runs `work` past the response; its rejection is swallowed after `work` logged it. */
  spawn(work: Promise<unknown>): void;
  /** Promises still running in this process (always 0 under `EdgeRuntime`). */
  pending(): number;
  /** Waits until every tracked promise settled, or `timeoutMs` passed; true when all settled. */
  drain(timeoutMs: number): Promise<boolean>;
}

/** `EdgeRuntime.waitUntil` when the global exists, else a tracked-promise set. */
export function createBackground(
  edgeRuntime: EdgeRuntimeGlobal | undefined =
    (globalThis as { EdgeRuntime?: EdgeRuntimeGlobal })
      .EdgeRuntime,
): Background {
  if (edgeRuntime !== undefined) {
    return {
      spawn: (work) => edgeRuntime.waitUntil(work.catch(() => {})),
      pending: () => 0,
      drain: () => Promise.resolve(true),
    };
  }
  const running = new Set<Promise<unknown>>();
  return {
    spawn(work) {
      const tracked = work.catch(() => {}).finally(() =>
        running.delete(tracked)
      );
      running.add(tracked);
    },
    pending: () => running.size,
    async drain(timeoutMs) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      try {
        while (running.size > 0) {
          const settled = await Promise.race([
            Promise.all([...running]).then(() => true),
            timeout,
          ]);
          if (!settled) return false;
        }
        return true;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * On SIGTERM or SIGINT, runs `shutdown` once and exits with 0 (or 1 if it
 * threw). A second signal exits at once. Does nothing where signals are not
 * available (the edge runtime), where the platform owns the lifecycle.
 */
export function onShutdownSignal(shutdown: () => Promise<void>): void {
  let stopping = false;
  const handler = () => {
    if (stopping) Deno.exit(130);
    stopping = true;
    shutdown().then(() => Deno.exit(0), () => Deno.exit(1));
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    try {
      Deno.addSignalListener(signal, handler);
    } catch {
      return;
    }
  }
}
