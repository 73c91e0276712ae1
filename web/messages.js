/**
 * What the person is told about a generation and about trouble reaching it.
 *
 * This module turns a status body from the API (or the page's own optimistic
 * "queued" state) into a plain view model, and turns error text and transport
 * errors into plain words. It is pure: painting the result is `render.js`'s job.
 * @module
 */

import { ApiError, NetworkError } from "./api.js";
import { label } from "./labels.js";

/**
 * The states the status card can show; `loading` is the page's own, before
 * the first answer. The last four are final states of the page (not of the
 * generation): each says what happened and offers a next action.
 */
export const State = Object.freeze({
  Loading: "loading",
  Queued: "queued",
  Generating: "generating",
  Completed: "completed",
  Failed: "failed",
  BadLink: "bad-link",
  NotFound: "not-found",
  SignedOut: "signed-out",
  Unreachable: "unreachable",
});

/** How many polls in a row may fail to reach the server before the page stops and says so. */
export const MAX_POLL_FAILURES = 4;

/**
 * The card for a final state of the page: what happened, and the next action
 * (`action` names what the card's main button does; `null` when "Make
 * another program" is the way on).
 * @param {"bad-link" | "not-found" | "signed-out" | "unreachable"} state
 * @param {unknown} [error] The error that ended the watch, for the details.
 * @returns {StatusView & {action: {kind: "sign-in" | "check-again", label: string} | null}}
 */
export function endView(state, error) {
  const detail = error instanceof ApiError
    ? `HTTP ${error.status} ${error.code}: ${error.message}`
    : error instanceof Error
    ? error.message
    : "";
  const common = {
    state,
    stage: "",
    percent: null,
    failure: null,
  };
  switch (state) {
    case State.BadLink:
      return {
        ...common,
        badge: "Bad link",
        message:
          "This link does not name a program: the id in it is incomplete or mistyped. Open one from “My programs”, or make a new one.",
        announcement: "This link does not name a program.",
        documentTitle: "Bad link",
        action: null,
      };
    case State.NotFound:
      return {
        ...common,
        badge: "Not found",
        message:
          "This program was not found. It may have been deleted, or belong to another account. Open one from “My programs”, or make a new one.",
        announcement: "This program was not found.",
        documentTitle: "Not found",
        action: null,
      };
    case State.SignedOut:
      return {
        ...common,
        badge: "Signed out",
        message:
          "Your session has expired or is not valid, so we cannot show this program. Sign in again to continue.",
        announcement: "Your session has expired. Sign in again to continue.",
        documentTitle: "Signed out",
        action: { kind: "sign-in", label: "Sign in again" },
        detail,
      };
    default:
      return {
        ...common,
        state: State.Unreachable,
        badge: "Offline",
        message:
          "We cannot reach the server, so we stopped checking. Your program is safe and keeps being made on the server. Check again when you are back online.",
        announcement: "Cannot reach the server. We stopped checking.",
        documentTitle: "Offline",
        action: { kind: "check-again", label: "Check again" },
        detail,
      };
  }
}

/** The final state a permanent watch error leads to. */
export function endStateOf(error) {
  if (error instanceof ApiError) {
    if (error.status === 401 || error.status === 403) return State.SignedOut;
    if (error.status === 404) return State.NotFound;
    if (error.status === 400) return State.BadLink;
  }
  return State.Unreachable;
}

/** Whether `id` looks like a program id (a UUID) before asking the server. */
export function isProgramId(id) {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
    .test(id);
}

/**
 * @typedef {object} StatusView
 * @property {string} state One of {@link State}.
 * @property {string} badge Short label for the badge.
 * @property {string} message One sentence about where things stand.
 * @property {string} stage The current stage in words, or "".
 * @property {number | null} percent 0–100, or null for "not known yet".
 * @property {string} announcement What the live region says; changes only when something worth saying changed.
 * @property {string} documentTitle Prefix for the tab title.
 * @property {{summary: string, detail: string} | null} failure
 */

/**
 * The status card's content for a status body (`GET ?programId=`), a 202 body,
 * or `{status: "queued"}` before the server has answered.
 * @param {{status: string, progress?: {stage: string, percent: number} | null, error?: {code: string, message: string} | string | null, attempts?: number, attempt?: number}} body
 * @returns {StatusView}
 */
export function statusView(body) {
  const attempt = body.attempts ?? body.attempt ?? 1;
  const retryNote = attempt > 1 ? ` (attempt ${attempt})` : "";
  switch (body.status) {
    case "completed":
      return {
        state: State.Completed,
        badge: label("status", "completed"),
        message: "Your program is ready. It is shown below.",
        stage: "Done",
        percent: 100,
        announcement: "Your program is ready.",
        documentTitle: "Ready",
        failure: null,
      };
    case "failed": {
      const error = body.error;
      const failure = explainFailure(
        error && typeof error === "object"
          ? `${error.code}: ${error.message}`
          : error ?? "",
      );
      return {
        state: State.Failed,
        badge: label("status", "failed"),
        message: "We could not make this program.",
        stage: "",
        percent: null,
        announcement: `Generation failed. ${failure.summary}`,
        documentTitle: "Failed",
        failure,
      };
    }
    case "generating": {
      const stage = body.progress?.stage
        ? label("stage", body.progress.stage)
        : "Starting";
      const percent = clampPercent(body.progress?.percent ?? 0);
      return {
        state: State.Generating,
        badge: label("status", "generating"),
        message:
          `Making your program${retryNote}. You can leave this page and come back; it keeps going.`,
        stage,
        percent,
        announcement: `Generating: ${stage}.`,
        documentTitle: `${percent}%`,
        failure: null,
      };
    }
    case State.Loading:
      return {
        state: State.Loading,
        badge: "Checking",
        message: "Checking on this program…",
        stage: "",
        percent: null,
        announcement: "",
        documentTitle: "Checking",
        failure: null,
      };
    default:
      return {
        state: State.Queued,
        badge: label("status", "queued"),
        message: body.status === "queued"
          ? "Sending your request…"
          : `Waiting to start${retryNote}.`,
        stage: "Queued",
        percent: null,
        announcement: "Your program is queued.",
        documentTitle: "Queued",
        failure: null,
      };
  }
}

/** Whether a status body is final, so polling can stop. */
export function isTerminal(body) {
  return body?.status === "completed" || body?.status === "failed";
}

/**
 * A failed generation's error text in plain words, plus the raw text as detail.
 * @param {string} text `generation_error` as stored.
 * @returns {{summary: string, detail: string}}
 */
export function explainFailure(text) {
  const detail = String(text ?? "").trim();
  const has = (pattern) => pattern.test(detail);
  let summary;
  if (has(/infeasible|too few exercises|not enough exercises/i)) {
    summary =
      "Too few exercises fit your equipment, injuries and exclusions. Make a new program with more equipment or fewer exclusions.";
  } else if (has(/invalid[_ ]profile/i)) {
    summary =
      "The profile was not accepted. Make a new program and check the highlighted fields.";
  } else if (has(/did not finish/i)) {
    summary =
      "It took too long and was stopped after several tries. Retrying usually works.";
  } else if (has(/dependency_failed|database|connection|timeout/i)) {
    summary =
      "A service the generator relies on did not answer. Retrying usually works.";
  } else {
    summary =
      "Something went wrong while making your program. Retrying usually works.";
  }
  return { summary, detail: detail || "No details were recorded." };
}

/**
 * A transport problem while watching, in plain words.
 * @param {unknown} error
 * @param {number} [delayMs] When the next try is due.
 * @returns {string}
 */
export function problemText(error, delayMs) {
  const when = delayMs === undefined
    ? ""
    : ` Trying again in ${Math.max(1, Math.round(delayMs / 1000))} s.`;
  if (error instanceof NetworkError) {
    return globalThis.navigator?.onLine === false
      ? `You are offline. We will check again when you are back online.${when}`
      : `Cannot reach the server right now.${when}`;
  }
  if (error instanceof ApiError) {
    return `The server had a problem (HTTP ${error.status}).${when}`;
  }
  return `Something went wrong while checking (${
    String(error?.message ?? error)
  }).${when}`;
}

/**
 * A permanent error while loading a program (404, 401, ...), in plain words.
 * @param {unknown} error
 * @returns {string}
 */
export function fatalText(error) {
  if (error instanceof ApiError) {
    if (error.status === 404) {
      return "This program was not found. It may belong to another user or have been deleted.";
    }
    if (error.status === 401 || error.status === 403) {
      return "You are not signed in for this program. Reload the page to get a fresh session.";
    }
    if (error.code === "invalid_request" || error.status === 400) {
      return `The request was refused: ${error.message}`;
    }
    return `The server refused the request (HTTP ${error.status}): ${error.message}`;
  }
  return String(error?.message ?? error);
}

function clampPercent(value) {
  const n = Number(value);
  return Number.isFinite(n) ? Math.max(0, Math.min(100, Math.round(n))) : 0;
}
