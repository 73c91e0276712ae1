/**
 * The hosted worker's end of life.
 *
 * Supabase's edge runtime announces the end of a worker with a `beforeunload`
 * event whose `detail.reason` says why, and then terminates it: no `finally`
 * runs after that. This module decides what the function does with the
 * warning: on a resource limit or a termination (`cpu`, `memory`,
 * `wall_clock`, `termination`) it stops starting stages and hands its runs
 * back so another worker takes them at once instead of after a lease; on an
 * `early_drop` (the runtime retires an idle worker) it closes the pool.
 * Deno's own `beforeunload` at process exit carries no reason and is ignored.
 *
 * @module
 */

/** Why the runtime ends a worker, as `event.detail.reason` says. */
export type UnloadReason =
  | "cpu"
  | "memory"
  | "wall_clock"
  | "early_drop"
  | "termination";

/** What the function does at the end of a worker. */
export interface UnloadActions {
  /** Stops new stages and hands every run back; resolves when the database has answered. */
  releaseRuns(): Promise<unknown>;
  /** Closes the database pool. */
  closePool(): Promise<unknown>;
  /** Records what happened (default: one JSON log line). */
  log?(line: Record<string, unknown>): void;
}

const RELEASING: ReadonlySet<string> = new Set<UnloadReason>([
  "cpu",
  "memory",
  "wall_clock",
  "termination",
]);

/**
 * Listens for `beforeunload` on `target` (the global scope by default) and
 * acts on its reason; returns a function that stops listening.
 */
export function onBeforeUnload(
  actions: UnloadActions,
  target: EventTarget = globalThis,
): () => void {
  const log = actions.log ??
    ((line) => console.error(JSON.stringify(line)));
  const listener = (event: Event) => {
    const reason = (event as CustomEvent<{ reason?: unknown } | null>).detail
      ?.reason;
    if (typeof reason !== "string") return;
    const action = RELEASING.has(reason)
      ? actions.releaseRuns()
      : reason === "early_drop"
      ? actions.closePool()
      : null;
    if (action === null) return;
    log({ event: "beforeunload", reason });
    action.catch((error) =>
      log({ event: "beforeunload_failed", reason, detail: String(error) })
    );
  };
  target.addEventListener("beforeunload", listener);
  return () => target.removeEventListener("beforeunload", listener);
}
