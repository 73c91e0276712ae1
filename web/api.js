/**
 * The generate-program HTTP API, as the page sees it.
 *
 * This module decides how a request is sent (through supabase-js's
 * `functions.invoke`, with the user's access token) and how a response is
 * read back: every call resolves to
 * `{status, body, location, retryAfterSeconds}` or rejects with a typed error,
 * an {@link ApiError} when the server answered with an error status or a
 * {@link NetworkError} when it could not be reached. What to do about either is
 * left to the caller.
 * @module
 */

/** The server answered with a non-2xx status. */
export class ApiError extends Error {
  /**
   * @param {number} status HTTP status.
   * @param {string} code `error.code` from the body, or `http_<status>`.
   * @param {string} message `error.message`, or a generic sentence.
   * @param {{path: string, message: string}[]} issues Field problems, if any.
   * @param {unknown} body The whole parsed body (409s carry `status` or `programId`).
   * @param {number | null} [retryAfterSeconds] From `Retry-After`, if sent.
   */
  constructor(status, code, message, issues, body, retryAfterSeconds = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.body = body;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** True for 5xx answers, which are worth retrying later. */
  get transient() {
    return this.status >= 500 || this.status === 429;
  }
}

/** The request never got an answer: offline, DNS, refused, aborted by a timeout. */
export class NetworkError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "NetworkError";
  }
}

/**
 * @typedef {object} Config
 * @property {string} supabaseUrl The project URL (the dev stack's origin locally).
 * @property {string} anonKey The project's public (anon) key, sent as `apikey`.
 * @property {string} accessToken The signed-in user's access token.
 * @property {string} [userId]
 */

/**
 * @typedef {object} Reply
 * @property {number} status
 * @property {any} body
 * @property {string | null} location Absolute URL from `Location`, if sent.
 * @property {number | null} retryAfterSeconds From `Retry-After`, if sent and numeric.
 */

/** The function's name, as `functions.invoke` addresses it. */
export const FUNCTION_NAME = "generate-program";

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Fetch the dev stack's `/dev/config.json`: the project URL, the anon key and
 * the demo user's access token (never a service key). In an app these come
 * from the project settings and `supabase.auth`.
 * @param {typeof fetch} [fetchImpl]
 * @returns {Promise<Config>}
 */
export async function loadConfig(fetchImpl = fetch) {
  let response;
  try {
    response = await fetchImpl(
      new URL("dev/config.json", document.baseURI).href,
      { cache: "no-store", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
    );
  } catch (error) {
    throw new NetworkError(`Could not reach the server (${error.message}).`);
  }
  const body = await readJson(response);
  const { supabaseUrl, anonKey, accessToken, userId } = body ?? {};
  if (
    !response.ok || typeof supabaseUrl !== "string" ||
    typeof anonKey !== "string" || typeof accessToken !== "string"
  ) {
    throw new ApiError(
      response.status,
      "bad_config",
      "dev/config.json lacks supabaseUrl, anonKey or accessToken",
      [],
      body,
    );
  }
  return {
    supabaseUrl: new URL(supabaseUrl, document.baseURI).href.replace(/\/$/, ""),
    anonKey,
    accessToken,
    userId,
  };
}

/**
 * A client for the function, through supabase-js's `functions.invoke` (the
 * UMD build of `@supabase/supabase-js`, served from the npm package as
 * `vendor/supabase.js`, defines `globalThis.supabase`).
 * @param {Config} config
 * @param {{createClient: Function}} [sdk] supabase-js; the page's global by default.
 */
export function createClient(config, sdk = globalThis.supabase) {
  if (!sdk?.createClient) {
    throw new Error("supabase-js (vendor/supabase.js) did not load");
  }
  let token = config.accessToken;
  const supabase = sdk.createClient(config.supabaseUrl, config.anonKey, {
    // The dev stack's token stands in for a supabase.auth session.
    accessToken: () => Promise.resolve(token),
  });
  /**
   * @param {string} path `generate-program` plus `/<id>`, `/library` or a query.
   * @param {{method?: string, body?: unknown, signal?: AbortSignal}} [init]
   */
  const invoke = (path, init = {}) =>
    send(supabase, `${FUNCTION_NAME}${path}`, init);
  return {
    /** The supabase-js client, for anything beyond the function. */
    supabase,
    /** Use a fresh access token from now on (after signing in again). */
    setAccessToken(next) {
      token = next;
    },
    /**
     * Create a program and start generating it (202).
     * @param {object} profile
     * @param {string} [title]
     */
    create(profile, title) {
      return invoke("", { body: title ? { profile, title } : { profile } });
    },
    /**
     * Start, retry or (with `force`) regenerate a program (202, or 200 when
     * already completed and not forced).
     * @param {string} programId
     * @param {{force?: boolean}} [options]
     */
    start(programId, options = {}) {
      return invoke("", {
        body: options.force ? { programId, force: true } : { programId },
      });
    },
    /**
     * Read one program's status, with the program once it is completed.
     * @param {string} programId
     * @param {AbortSignal} [signal]
     */
    status(programId, signal) {
      return invoke(`/${encodeURIComponent(programId)}`, {
        method: "GET",
        signal,
      });
    },
    /**
     * The caller's programs, newest first.
     * @param {{limit?: number, before?: string | null}} [page]
     */
    list(page = {}) {
      const query = new URLSearchParams();
      if (page.limit) query.set("limit", String(page.limit));
      if (page.before) query.set("before", page.before);
      const text = query.toString();
      return invoke(text ? `?${text}` : "", { method: "GET" });
    },
    /**
     * Rename a program (200 with its status).
     * @param {string} programId
     * @param {string} title
     */
    rename(programId, title) {
      return invoke(`/${encodeURIComponent(programId)}`, {
        method: "PATCH",
        body: { title },
      });
    },
    /**
     * Delete a program (204); a generating one is refused (409).
     * @param {string} programId
     */
    remove(programId) {
      return invoke(`/${encodeURIComponent(programId)}`, { method: "DELETE" });
    },
    /** The exercise library: `{version, exercises: [{id, name, equipment, ...}]}`. */
    library() {
      return invoke("/library", { method: "GET" });
    },
  };
}

/**
 * Parse `Retry-After` as delta-seconds or an HTTP date.
 * @param {string | null} value
 * @param {number} [now] ms since the epoch
 * @returns {number | null} seconds, never negative
 */
export function parseRetryAfter(value, now = Date.now()) {
  if (value === null || value.trim() === "") return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.round((date - now) / 1000));
}

/**
 * One `functions.invoke` call, as a {@link Reply} or a typed error.
 * @returns {Promise<Reply>}
 */
async function send(supabase, path, init) {
  const { data, error, response } = await supabase.functions.invoke(path, {
    method: init.method ?? "POST",
    body: init.body,
    signal: init.signal,
    timeout: REQUEST_TIMEOUT_MS,
  });
  if (error) {
    if (init.signal?.aborted) throw init.signal.reason ?? error;
    // FunctionsHttpError (and a relay error) carry the response; a fetch
    // error never got one.
    const failed = response ?? error.context;
    if (!(failed instanceof Response)) {
      throw new NetworkError(
        navigator.onLine === false
          ? "You are offline."
          : `Could not reach the server (${
            error.context?.message ?? error.message
          }).`,
      );
    }
    const body = await readJson(failed);
    const problem = body?.error ?? {};
    throw new ApiError(
      failed.status,
      typeof problem.code === "string" ? problem.code : `http_${failed.status}`,
      typeof problem.message === "string"
        ? problem.message
        : `The server answered ${failed.status}.`,
      Array.isArray(problem.issues) ? problem.issues : [],
      body,
      parseRetryAfter(failed.headers.get("Retry-After")),
    );
  }
  const location = response?.headers.get("Location") ?? null;
  return {
    status: response?.status ?? 200,
    body: data === "" ? null : data,
    location: location ? new URL(location, response.url).href : null,
    retryAfterSeconds: parseRetryAfter(
      response?.headers.get("Retry-After") ?? null,
    ),
  };
}

async function readJson(response) {
  const text = await response.text().catch(() => "");
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return { raw: text };
  }
}
