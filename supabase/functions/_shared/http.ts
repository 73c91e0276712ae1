/**
 * The HTTP edge of the function: CORS, JSON responses, typed errors and a
 * bounded body reader.
 *
 * This module decides the wire shape of every response: each carries the CORS
 * headers, each error is `{error: {code, message, issues, issueCount, ...context}}`
 * with the status its code implies and at most {@link MAX_ISSUES} issues, and
 * nothing internal (a stack trace, SQL text, a driver message) ever reaches a
 * client. A body must be declared JSON, arrive within a time limit and fit a
 * size limit. What the handlers answer is left to them.
 *
 * @module
 */

/** Largest accepted request body; a larger one is answered with 413. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Most issues an error lists; `issueCount` tells how many there were. */
export const MAX_ISSUES = 20;
/** Default longest wait for a request body to arrive in full; then 408. */
export const BODY_TIMEOUT_MS = 10_000;

/** One problem with one field of the request, addressed by a dotted path. */
export interface Issue {
  /** Dotted path to the field (`profile.weeks`); empty for the whole body. */
  path: string;
  /** What is wrong and what would be accepted. */
  message: string;
}

/** Every error code the API answers with, and the HTTP status it implies. */
export const ERROR_STATUS = {
  invalid_json: 400,
  invalid_request: 400,
  invalid_profile: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  already_generating: 409,
  another_generating: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
  unavailable: 503,
} as const;

/** A machine-readable error code of the HTTP API. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** An error that becomes a typed JSON error response. */
export class HttpError extends Error {
  override name = "HttpError";
  /** The HTTP status, implied by the code. */
  readonly status: number;

  /**
   * @param code what went wrong, for the client to branch on
   * @param message one sentence for humans; must never contain internals
   * @param issues field-level details, when the error is about input fields
   * @param extra context added inside `error` (e.g. the `programId` it is about)
   * @param headers extra response headers (e.g. `Allow`)
   */
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
    readonly extra?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

/** Headers that let a browser on any origin call the function and read its redirects. */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, POST, PATCH, DELETE, OPTIONS",
  "Access-Control-Allow-Headers":
    "authorization, x-client-info, apikey, content-type",
  "Access-Control-Expose-Headers": "Location, Retry-After",
  "Access-Control-Max-Age": "86400",
};

/** A JSON response with the CORS headers. */
export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      ...CORS_HEADERS,
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      ...headers,
    },
  });
}

/** The answer to a CORS preflight: 204 with the CORS headers. */
export function preflight(): Response {
  return new Response(null, { status: 204, headers: { ...CORS_HEADERS } });
}

/**
 * The response for any thrown value: an {@link HttpError} keeps its code and
 * message; anything else is logged by `log` and answered with a bare 500.
 */
export function errorResponse(
  error: unknown,
  log: (error: unknown) => void = logUnexpected,
): Response {
  if (error instanceof HttpError) {
    const issues = error.issues ?? [];
    const body = {
      error: {
        code: error.code,
        message: error.message,
        issues: issues.slice(0, MAX_ISSUES),
        issueCount: issues.length,
        ...error.extra,
      },
    };
    return json(error.status, body, error.headers);
  }
  log(error);
  return json(500, {
    error: {
      code: "internal",
      message: "internal error",
      issues: [],
      issueCount: 0,
    },
  });
}

function logUnexpected(error: unknown): void {
  const detail = error instanceof Error
    ? `${error.name}: ${error.message}`
    : String(error);
  console.error(JSON.stringify({ event: "unexpected_error", detail }));
}

/** Bounds of {@link readJson}. */
export interface BodyLimits {
  /** Largest body in bytes (413 above). */
  readonly bytes: number;
  /** Longest wait for the whole body in ms (408 after). */
  readonly timeoutMs: number;
}

/** Whether a Content-Type header names JSON (`application/json` or `…+json`). */
export function isJsonContentType(header: string | null): boolean {
  if (header === null) return false;
  const type = header.split(";")[0].trim().toLowerCase();
  return type === "application/json" ||
    /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/**
 * Reads the request body as JSON, refusing a body not declared JSON (415),
 * more than `limits.bytes` bytes (413), one that does not arrive within
 * `limits.timeoutMs` (408) and malformed UTF-8 or JSON (400). The body is
 * streamed, so a huge upload is cut off at the limit instead of being
 * buffered whole.
 */
export async function readJson(
  request: Request,
  limits: BodyLimits = { bytes: MAX_BODY_BYTES, timeoutMs: BODY_TIMEOUT_MS },
): Promise<unknown> {
  if (!isJsonContentType(request.headers.get("content-type"))) {
    await request.body?.cancel().catch(() => {});
    throw new HttpError(
      "unsupported_media_type",
      "send the body as Content-Type: application/json",
    );
  }
  const limit = limits.bytes;
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  const bytes = await readLimited(request, limit, limits.timeoutMs);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError("invalid_json", "the request body is not valid UTF-8");
  }
  if (text.trim() === "") {
    throw new HttpError("invalid_json", "the request body is empty");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError("invalid_json", "the request body is not valid JSON");
  }
}

async function readLimited(
  request: Request,
  limit: number,
  timeoutMs: number,
): Promise<Uint8Array> {
  if (request.body === null) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new HttpError(
          "request_timeout",
          `the request body did not arrive within ${timeoutMs} ms`,
          undefined,
          undefined,
          { Connection: "close" },
        ),
      );
    }, timeoutMs);
  });
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), deadline]);
      if (done) break;
      total += value.byteLength;
      if (total > limit) throw tooLarge(limit);
      chunks.push(value);
    }
  } catch (error) {
    // Stop reading: a body over the limit or too slow is not worth the wait.
    await reader.cancel().catch(() => {});
    if (error instanceof HttpError) throw error;
    throw new HttpError("invalid_json", "the request body could not be read");
  } finally {
    clearTimeout(timer);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(limit: number): HttpError {
  return new HttpError(
    "payload_too_large",
    `the request body exceeds ${limit / 1024} KB`,
  );
}
