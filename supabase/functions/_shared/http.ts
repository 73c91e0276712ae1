/**
 * The HTTP edge of the function: CORS, JSON responses, typed errors and a
 * bounded body reader.
 *
 * This module decides the wire shape of every response: each carries the CORS
 * headers, each error is `{error: {code, message, issues?}}` with the status
 * its code implies, and nothing internal (a stack trace, SQL text, a driver
 * message) ever reaches a client. What the handlers answer is left to them.
 *
 * @module
 */

/** Largest accepted request body; a larger one is answered with 413. */
export const MAX_BODY_BYTES = 64 * 1024;

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
  not_found: 404,
  method_not_allowed: 405,
  already_generating: 409,
  another_generating: 409,
  payload_too_large: 413,
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
   * @param extra top-level members to add beside `error` (e.g. the current `status`)
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
  "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
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
    const body: Record<string, unknown> = {
      ...error.extra,
      error: {
        code: error.code,
        message: error.message,
        ...(error.issues === undefined ? {} : { issues: error.issues }),
      },
    };
    return json(error.status, body, error.headers);
  }
  log(error);
  return json(500, { error: { code: "internal", message: "internal error" } });
}

function logUnexpected(error: unknown): void {
  const detail = error instanceof Error
    ? `${error.name}: ${error.message}`
    : String(error);
  console.error(JSON.stringify({ event: "unexpected_error", detail }));
}

/**
 * Reads the request body as JSON, refusing more than `limit` bytes (413) and
 * malformed UTF-8 or JSON (400). The body is streamed, so a huge upload is cut
 * off at the limit instead of being buffered whole.
 */
export async function readJson(
  request: Request,
  limit: number = MAX_BODY_BYTES,
): Promise<unknown> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  const bytes = await readLimited(request, limit);
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
): Promise<Uint8Array> {
  if (request.body === null) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => {});
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError("invalid_json", "the request body could not be read");
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
