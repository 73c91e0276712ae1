/**
 * Watching one program until it reaches a terminal state.
 *
 * This module decides *when* to ask again: never sooner than the server's
 * `Retry-After`, a little later after each unchanged answer (gentle backoff, so
 * a long generation costs few requests), and with doubling delays while the
 * server is unreachable or failing, yet at once when the browser comes back
 * online or the tab becomes visible. What a status means is left to the caller,
 * which supplies `isTerminal`.
 * @module
 */

import { ApiError } from "./api.js";

/** The first poll's delay and the unit of the backoff, in ms. */
export const BASE_DELAY_MS = 1000;
/** Slowest pace while the server answers normally. */
export const MAX_DELAY_MS = 5000;
/** Slowest pace while the server cannot be reached. */
export const MAX_FAILURE_DELAY_MS = 30_000;
const GROWTH = 1.15;

/**
 * How long to wait before the next poll.
 * @param {object} state
 * @param {number | null} [state.retryAfterSeconds] The server's floor, if any.
 * @param {number} state.polls Successful polls so far.
 * @param {number} state.failures Consecutive failed polls.
 * @returns {number} milliseconds
 */
export function nextDelayMs({ retryAfterSeconds = null, polls, failures }) {
  const floor = (retryAfterSeconds ?? 0) * 1000;
  const backoff = failures > 0
    ? Math.min(MAX_FAILURE_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - 1))
    : Math.min(MAX_DELAY_MS, BASE_DELAY_MS * GROWTH ** polls);
  return Math.round(Math.max(floor, backoff));
}

/**
 * Whether an error from a poll is worth polling through: network trouble and
 * 5xx/429 are; any other answer (401, 404, ...) will not change by waiting.
 * @param {unknown} error
 */
export function isTransient(error) {
  return !(error instanceof ApiError) || error.transient;
}

/**
 * Poll until `isTerminal(body)` or `stop()`.
 * @param {object} options
 * @param {(signal: AbortSignal) => Promise<{body: any, retryAfterSeconds: number | null}>} options.fetchStatus
 * @param {(body: any) => boolean} options.isTerminal
 * @param {(body: any) => void} options.onUpdate Every successful answer, terminal included.
 * @param {(error: unknown, next: {failures: number, delayMs: number}) => void} options.onProblem A transient failure; polling goes on.
 * @param {(error: unknown) => void} options.onFatal A permanent failure; polling has stopped.
 * @param {number} [options.firstDelayMs] Wait before the first poll (the 202's `Retry-After`).
 * @returns {{stop(): void, pollNow(): void}}
 */
export function watchStatus(options) {
  const { fetchStatus, isTerminal, onUpdate, onProblem, onFatal } = options;
  let polls = 0;
  let failures = 0;
  let timer = 0;
  let inFlight = false;
  let stopped = false;
  let controller = new AbortController();

  const schedule = (delayMs) => {
    clearTimeout(timer);
    timer = setTimeout(tick, delayMs);
  };

  async function tick() {
    if (stopped || inFlight) return;
    inFlight = true;
    controller = new AbortController();
    try {
      const reply = await fetchStatus(controller.signal);
      if (stopped) return;
      polls += 1;
      failures = 0;
      onUpdate(reply.body);
      if (isTerminal(reply.body)) {
        stop();
        return;
      }
      schedule(
        nextDelayMs({
          retryAfterSeconds: reply.retryAfterSeconds,
          polls,
          failures,
        }),
      );
    } catch (error) {
      if (stopped) return;
      if (!isTransient(error)) {
        stop();
        onFatal(error);
        return;
      }
      failures += 1;
      const delayMs = nextDelayMs({
        retryAfterSeconds: error?.retryAfterSeconds,
        polls,
        failures,
      });
      onProblem(error, { failures, delayMs });
      schedule(delayMs);
    } finally {
      inFlight = false;
    }
  }

  // Coming back online or to the tab is the moment a person looks: ask now.
  const pollNow = () => {
    if (!stopped && !inFlight) schedule(0);
  };
  const onVisible = () => {
    if (document.visibilityState === "visible" && failures > 0) pollNow();
  };
  globalThis.addEventListener("online", pollNow);
  document.addEventListener("visibilitychange", onVisible);

  function stop() {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    controller.abort();
    globalThis.removeEventListener("online", pollNow);
    document.removeEventListener("visibilitychange", onVisible);
  }

  schedule(options.firstDelayMs ?? 0);
  return { stop, pollNow };
}
