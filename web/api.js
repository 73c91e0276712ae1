/**
 * The generate-program HTTP API, as the page sees it.
 *
 * This module decides how a request is sent (bearer token from the dev
 * config, JSON bodies) and how a response is read back: every call resolves to
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
 * @property {string} functionUrl Absolute or page-relative URL of the function.
 * @property {string} accessToken Bearer token for the demo user.
 * @property {string} [userId]
 */

/**
 * @typedef {object} Reply
 * @property {number} status
 * @property {any} body
 * @property {string | null} location Absolute URL from `Location`, if sent.
 * @property {number | null} retryAfterSeconds From `Retry-After`, if sent and numeric.
 */

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Fetch the dev stack's `/dev/config.json`, which names the function URL and
 * the demo user's token (never a service key).
 * @param {typeof fetch} [fetchImpl]
 * @returns {Promise<Config>}
 */
export async function loadConfig(fetchImpl = fetch) {
  const reply = await send(
    fetchImpl,
    new URL("dev/config.json", document.baseURI).href,
    {},
  );
  const { functionUrl, accessToken, userId } = reply.body ?? {};
  if (typeof functionUrl !== "string" || typeof accessToken !== "string") {
    throw new ApiError(
      reply.status,
      "bad_config",
      "dev/config.json lacks functionUrl or accessToken",
      [],
      reply.body,
    );
  }
  return {
    functionUrl: new URL(functionUrl, document.baseURI).href,
    accessToken,
    userId,
  };
}

/**
 * A client bound to one function URL and token.
 * @param {Config} config
 * @param {typeof fetch} [fetchImpl]
 */
export function createClient(config, fetchImpl = fetch) {
  const base = config.functionUrl;
  const auth = { Authorization: `Bearer ${config.accessToken}` };
  const post = (payload) =>
    send(fetchImpl, base, {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify(payload),
    });
  return {
    /** The URL to poll for one program. */
    statusUrl(programId) {
      const url = new URL(base);
      url.searchParams.set("programId", programId);
      return url.href;
    },
    /**
     * Create a program and start generating it (202).
     * @param {object} profile
     * @param {string} [title]
     */
    create(profile, title) {
      return post(title ? { profile, title } : { profile });
    },
    /**
     * Start or retry an existing program (202, or 200 when already completed).
     * @param {string} programId
     * @param {{force?: boolean}} [options]
     */
    start(programId, options = {}) {
      return post(options.force ? { programId, force: true } : { programId });
    },
    /**
     * Read one program's status, by id or by the status URL from `Location`.
     * @param {string} idOrUrl
     * @param {AbortSignal} [signal]
     */
    status(idOrUrl, signal) {
      const url = /^[a-z]+:/i.test(idOrUrl) ? idOrUrl : this.statusUrl(idOrUrl);
      return send(fetchImpl, url, { headers: auth, signal });
    },
    /**
     * The caller's programs, newest first.
     * @param {{limit?: number, before?: string | null}} [page]
     */
    list(page = {}) {
      const url = new URL(base);
      if (page.limit) url.searchParams.set("limit", String(page.limit));
      if (page.before) url.searchParams.set("before", page.before);
      return send(fetchImpl, url.href, { headers: auth });
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

/** @returns {Promise<Reply>} */
async function send(fetchImpl, url, init) {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const signal = init.signal
    ? AbortSignal.any([init.signal, timeout])
    : timeout;
  let response;
  try {
    response = await fetchImpl(url, { ...init, signal, cache: "no-store" });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new NetworkError(
      navigator.onLine === false
        ? "You are offline."
        : `Could not reach the server (${error.message}).`,
    );
  }
  const body = await readJson(response);
  const location = response.headers.get("Location");
  const reply = {
    status: response.status,
    body,
    location: location ? new URL(location, url).href : null,
    retryAfterSeconds: parseRetryAfter(response.headers.get("Retry-After")),
  };
  if (!response.ok) {
    const error = body?.error ?? {};
    throw new ApiError(
      response.status,
      typeof error.code === "string" ? error.code : `http_${response.status}`,
      typeof error.message === "string"
        ? error.message
        : `The server answered ${response.status}.`,
      Array.isArray(error.issues) ? error.issues : [],
      body,
      reply.retryAfterSeconds,
    );
  }
  return reply;
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
