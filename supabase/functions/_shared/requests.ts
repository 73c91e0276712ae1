/**
 * Typed extraction of the API's inputs: the POST body and the GET query.
 *
 * This module decides which request shapes are accepted and turns everything
 * else into a 400 with one issue per offending field, so the handlers only see
 * typed values. Whether a profile is valid is the WASM validator's call, made
 * by the handler.
 *
 * @module
 */

import { isUuid } from "./auth.ts";
import { HttpError, type Issue } from "./http.ts";

/** Longest accepted program title, in characters. */
export const MAX_TITLE_LENGTH = 200;
/** Largest page of the program list. */
export const MAX_PAGE_SIZE = 50;
/** Page size when `limit` is absent. */
export const DEFAULT_PAGE_SIZE = 20;
/** Deepest accepted nesting of the body; a profile needs 3, and deeper input could exhaust a stack. */
export const MAX_DEPTH = 16;

// PostgreSQL text cannot hold NUL, and no title needs a control character.
// deno-lint-ignore no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** A POST body: create a program from a profile, or start an existing one. */
export type StartRequest =
  | { kind: "create"; profile: unknown; title: string }
  | { kind: "start"; programId: string; force: boolean };

/** Which members of a status read are sent: all, or everything but the program. */
export type Fields = "all" | "status";

/** A GET: one program's status, or a page of the caller's programs. */
export type ReadRequest =
  | { kind: "status"; programId: string; fields: Fields }
  | { kind: "list"; limit: number; before: string | null };

/** Checks a parsed POST body. */
export function parseStartRequest(body: unknown): StartRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw invalid([{ path: "", message: "expected a JSON object" }]);
  }
  if (depthExceeds(body, MAX_DEPTH)) {
    return fail([{
      path: "",
      message: `nested deeper than ${MAX_DEPTH} levels`,
    }]);
  }
  const fields = body as Record<string, unknown>;
  const issues: Issue[] = [];
  const hasProfile = "profile" in fields;
  const hasProgramId = "programId" in fields;
  const allowed = hasProfile ? ["profile", "title"] : ["programId", "force"];
  for (const key of Object.keys(fields)) {
    if (!allowed.includes(key)) {
      issues.push({
        path: key,
        message: hasProfile || hasProgramId
          ? "unknown or misplaced field"
          : "unknown field",
      });
    }
  }
  if (hasProfile && hasProgramId) {
    return fail([{
      path: "",
      message: "send either profile or programId, not both",
    }]);
  }
  if (hasProfile) {
    const title = fields.title ?? "";
    const problem = titleProblem(title);
    if (problem !== null) issues.push({ path: "title", message: problem });
    if (issues.length > 0) return fail(issues);
    return { kind: "create", profile: fields.profile, title: title as string };
  }
  if (hasProgramId) {
    if (!isUuid(fields.programId)) {
      issues.push({ path: "programId", message: "expected a uuid" });
    }
    const force = fields.force ?? false;
    if (typeof force !== "boolean") {
      issues.push({ path: "force", message: "expected a boolean" });
    }
    if (issues.length > 0) return fail(issues);
    return {
      kind: "start",
      programId: (fields.programId as string).toLowerCase(),
      force: force as boolean,
    };
  }
  return fail([...issues, {
    path: "",
    message: "expected profile or programId",
  }]);
}

/** A PATCH body: the program's new title. */
export interface RenameRequest {
  title: string;
}

/** Checks a parsed PATCH body: exactly `{title}`, a string of at most {@link MAX_TITLE_LENGTH} characters. */
export function parseRenameRequest(body: unknown): RenameRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return fail([{ path: "", message: "expected a JSON object" }]);
  }
  const fields = body as Record<string, unknown>;
  const issues: Issue[] = Object.keys(fields)
    .filter((key) => key !== "title")
    .map((key) => ({ path: key, message: "unknown field" }));
  if (!("title" in fields)) {
    issues.push({ path: "title", message: "required" });
  } else {
    const problem = titleProblem(fields.title);
    if (problem !== null) issues.push({ path: "title", message: problem });
  }
  if (issues.length > 0) return fail(issues);
  return { title: fields.title as string };
}

/** What is wrong with a title, or `null` when it is acceptable. */
function titleProblem(title: unknown): string | null {
  if (typeof title !== "string") return "expected a string";
  if (title.length > MAX_TITLE_LENGTH) {
    return `at most ${MAX_TITLE_LENGTH} characters`;
  }
  if (CONTROL_CHARACTER.test(title)) {
    return "must not contain control characters";
  }
  return null;
}

/** Where the function is mounted; `/<id>` after it names one program. */
const FUNCTION_SEGMENT = "/generate-program";

/** The resource a URL path names: the collection, one program, or the exercise library. */
export type Resource =
  | { kind: "collection" }
  | { kind: "program"; programId: string }
  | { kind: "library" };

/** The path segment of the exercise library, `…/generate-program/library`. */
export const LIBRARY_SEGMENT = "library";

/**
 * The resource a URL path names, or `undefined` for any other path:
 * `…/generate-program` (the collection), `…/generate-program/<id>` (one
 * program) or `…/generate-program/library` (the exercise library).
 */
export function resourceFromPath(pathname: string): Resource | undefined {
  const at = pathname.lastIndexOf(FUNCTION_SEGMENT);
  const rest = at < 0
    ? ""
    : pathname.slice(at + FUNCTION_SEGMENT.length).replace(/\/$/, "");
  if (rest === `/${LIBRARY_SEGMENT}`) return { kind: "library" };
  const programId = programIdFromPath(pathname);
  if (programId === undefined) return undefined;
  return programId === null
    ? { kind: "collection" }
    : { kind: "program", programId };
}

/**
 * The program id a URL path names (`…/generate-program/<id>`), `null` for the
 * function itself (`…/generate-program`), or `undefined` for any other path.
 */
export function programIdFromPath(pathname: string): string | null | undefined {
  const at = pathname.lastIndexOf(FUNCTION_SEGMENT);
  if (at < 0) return null;
  const rest = pathname.slice(at + FUNCTION_SEGMENT.length).replace(/\/$/, "");
  if (rest === "") return null;
  const match = /^\/([^/]+)$/.exec(rest);
  if (match === null || !isUuid(match[1])) return undefined;
  return match[1].toLowerCase();
}

/**
 * Checks a GET or HEAD: the program id from the path (`/<id>`) or the query
 * (`?programId=`), `fields=status` to leave out the program, or the list's
 * `limit` and `before`.
 */
export function parseReadRequest(
  query: URLSearchParams,
  pathId: string | null = null,
): ReadRequest {
  const programId = pathId ?? query.get("programId");
  if (programId !== null) {
    const issues: Issue[] = [];
    if (!isUuid(programId)) {
      issues.push({ path: "programId", message: "expected a uuid" });
    }
    const fields = query.get("fields") ?? "all";
    if (fields !== "all" && fields !== "status") {
      issues.push({ path: "fields", message: 'expected "status" or "all"' });
    }
    if (issues.length > 0) return fail(issues);
    return {
      kind: "status",
      programId: programId.toLowerCase(),
      fields: fields as Fields,
    };
  }
  const issues: Issue[] = [];
  const rawLimit = query.get("limit");
  let limit = DEFAULT_PAGE_SIZE;
  if (rawLimit !== null) {
    limit = Number(rawLimit);
    if (!/^\d+$/.test(rawLimit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      issues.push({
        path: "limit",
        message: `expected an integer in 1..${MAX_PAGE_SIZE}`,
      });
    }
  }
  const before = query.get("before");
  if (before !== null && !isUuid(before)) {
    issues.push({
      path: "before",
      message: "expected a programId from a previous page's next",
    });
  }
  if (issues.length > 0) return fail(issues);
  return { kind: "list", limit, before: before?.toLowerCase() ?? null };
}

/** Whether `value` nests arrays or objects more than `limit` levels deep; iterative, so any input is safe. */
export function depthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== "object" || current === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

function invalid(issues: Issue[]): HttpError {
  const message = issues.length === 1
    ? `invalid request: ${issues[0].path === "" ? "" : `${issues[0].path}: `}${
      issues[0].message
    }`
    : `invalid request: ${issues.length} problems`;
  return new HttpError("invalid_request", message, issues);
}

function fail(issues: Issue[]): never {
  throw invalid(issues);
}
