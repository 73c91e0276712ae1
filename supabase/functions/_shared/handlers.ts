/**
 * What each route answers.
 *
 * This module decides the API's behaviour per route: a POST validates, claims
 * atomically and only then answers 202 (the run goes to the background); a
 * program that cannot be claimed gets the 409 or 200 that says why; a status
 * read is one RLS-checked query, and one that finds a run whose worker is gone
 * reclaims and restarts it. Response shapes are built here, with one
 * vocabulary (`attempts`, `status`, `error: {code, message}`) everywhere;
 * errors are thrown as {@link HttpError}s for the router to render.
 *
 * @module
 */

import type { Authenticate } from "./auth.ts";
import { AnotherGeneratingError, type Db, type ProgramRow } from "./db.ts";
import {
  type BodyLimits,
  CORS_HEADERS,
  HttpError,
  type Issue,
  json,
  readJson,
} from "./http.ts";
import {
  type Fields,
  parseReadRequest,
  parseRenameRequest,
  parseStartRequest,
  type StartRequest,
} from "./requests.ts";
import type { Runner } from "./runner.ts";

/** The WASM validator the handlers use before creating a program. */
export interface ProfileValidator {
  validateProfile(
    input: unknown,
  ):
    | { valid: boolean; issues: Issue[] }
    | Promise<{ valid: boolean; issues: Issue[] }>;
}

/** The generator's exercise library export, as `GET …/library` serves it. */
export interface LibrarySource {
  exerciseLibrary(): unknown | Promise<unknown>;
}

/** Everything the handlers need, built once per worker. */
export interface Context {
  readonly db: Db;
  readonly authenticate: Authenticate;
  readonly runner: Runner;
  readonly validator: ProfileValidator;
  readonly library: LibrarySource;
  readonly leaseSeconds: number;
  readonly maxAttempts: number;
  /** Absolute URL of the function for status links; `null` derives it from the request. */
  readonly publicFunctionUrl: string | null;
  /** Size and time limits of a request body. */
  readonly bodyLimits: BodyLimits;
}

/** Seconds a client should wait before polling a started generation. */
const RETRY_AFTER_SECONDS = 1;
/** Claim tries when the row changes state between a failed claim and the read that explains it. */
const CLAIM_TRIES = 3;
/** Largest stored profile, as JSON text; the database refuses more. */
export const MAX_PROFILE_BYTES = 16 * 1024;

/** `POST`: create-and-start (`{profile, title?}`) or start/retry (`{programId, force?}`). */
export async function handlePost(
  ctx: Context,
  request: Request,
): Promise<Response> {
  const since = performance.now();
  const caller = await ctx.authenticate(request);
  const body = parseStartRequest(await readJson(request, ctx.bodyLimits));
  const statusBase = functionUrl(ctx, request);
  const row = body.kind === "create"
    ? await createAndClaim(ctx, caller.userId, body)
    : await claimExisting(ctx, caller.userId, body);
  if (!(row instanceof Response)) {
    ctx.runner.start(row, body.kind === "create" ? "create" : "start", since);
    return started(row, statusBase);
  }
  return row;
}

/**
 * `GET` and `HEAD`: one program's status (`/<id>` or `?programId=`, with
 * `fields=status` to leave out the program) or a page of the caller's
 * programs. HEAD answers the same status and headers without a body, and
 * never reads the program.
 */
export async function handleRead(
  ctx: Context,
  request: Request,
  pathId: string | null,
): Promise<Response> {
  const since = performance.now();
  const head = request.method === "HEAD";
  const caller = await ctx.authenticate(request);
  const query = parseReadRequest(new URL(request.url).searchParams, pathId);
  if (query.kind === "list") {
    // The list shows the caller's work as it is: runs whose worker is gone restart first.
    await reclaimFor(ctx, caller.userId, since);
    // One extra row tells whether another page exists.
    const page = await ctx.db.listAsUser(
      caller.claims,
      query.limit + 1,
      query.before,
    );
    const more = page.length > query.limit;
    const programs = page.slice(0, query.limit);
    return reply(head, 200, {
      programs: programs.map((row) => statusBody(row, "status")),
      next: more ? programs[programs.length - 1].id : null,
    });
  }
  const fields: Fields = head ? "status" : query.fields;
  let row = await ctx.db.readAsUser(
    caller.claims,
    query.programId,
    fields === "all",
  );
  if (row === null) throw notFound();
  if (workerGone(row)) {
    const reclaimed = await ctx.db.reclaim(
      row.id,
      ctx.leaseSeconds,
      ctx.maxAttempts,
    );
    if (reclaimed !== null) {
      ctx.runner.resume(reclaimed, "poll", since);
      row = { ...reclaimed, program: row.program };
    }
  }
  const waiting = row.generation_status === "pending" ||
    row.generation_status === "generating";
  return reply(
    head,
    200,
    statusBody(row, fields),
    waiting ? { "Retry-After": String(RETRY_AFTER_SECONDS) } : {},
  );
}

/** `PATCH /<id>` with `{title}`: renames the caller's program; `200` with its status body. */
export async function handleRename(
  ctx: Context,
  request: Request,
  programId: string,
): Promise<Response> {
  const caller = await ctx.authenticate(request);
  const { title } = parseRenameRequest(
    await readJson(request, ctx.bodyLimits),
  );
  const row = await ctx.db.renameAsUser(caller.claims, programId, title);
  if (row === null) throw notFound();
  return json(200, statusBody(row, "status"));
}

/**
 * `DELETE /<id>`: deletes the caller's program; `204`. A generating program
 * is not deleted under its worker (`409 already_generating`, as the RLS
 * policy decides); an absent or foreign one is `404`.
 */
export async function handleDelete(
  ctx: Context,
  request: Request,
  programId: string,
): Promise<Response> {
  const caller = await ctx.authenticate(request);
  if (await ctx.db.deleteAsUser(caller.claims, programId)) {
    return new Response(null, { status: 204, headers: { ...CORS_HEADERS } });
  }
  // Nothing deleted: say why, from the row as the caller sees it now.
  const row = await ctx.db.readAsUser(caller.claims, programId, false);
  if (row === null) throw notFound();
  throw new HttpError(
    "already_generating",
    "this program is generating; delete it when it has finished",
    undefined,
    { programId: row.id, status: row.generation_status },
    { "Retry-After": String(RETRY_AFTER_SECONDS) },
  );
}

/**
 * `GET /library`: the generator's exercise library export (`{version,
 * exercises}`), for pickers that offer exercises by name. The same for every
 * caller of one deployment, so clients may keep it for an hour.
 */
export async function handleLibrary(
  ctx: Context,
  request: Request,
): Promise<Response> {
  await ctx.authenticate(request);
  const library = await ctx.library.exerciseLibrary();
  const response = json(200, library, {
    "Cache-Control": "private, max-age=3600",
  });
  return request.method === "HEAD"
    ? new Response(null, { status: 200, headers: response.headers })
    : response;
}

async function reclaimFor(
  ctx: Context,
  userId: string,
  since: number,
): Promise<void> {
  const rows = await ctx.db.reclaimExpired(
    ctx.leaseSeconds,
    ctx.maxAttempts,
    10,
    userId,
  );
  for (const row of rows) ctx.runner.resume(row, "list", since);
}

async function createAndClaim(
  ctx: Context,
  userId: string,
  body: Extract<StartRequest, { kind: "create" }>,
): Promise<ProgramRow> {
  if (JSON.stringify(body.profile).length > MAX_PROFILE_BYTES) {
    throw new HttpError("invalid_profile", "invalid profile: too large", [{
      path: "profile",
      message: `at most ${MAX_PROFILE_BYTES / 1024} KB of JSON`,
    }]);
  }
  const verdict = await ctx.validator.validateProfile(body.profile);
  if (!verdict.valid) {
    const issues = verdict.issues.map((issue) => ({
      path: issue.path === "" ? "profile" : `profile.${issue.path}`,
      message: issue.message,
    }));
    const message = issues.length === 1
      ? `invalid profile: ${issues[0].path}: ${issues[0].message}`
      : `invalid profile: ${issues.length} problems`;
    throw new HttpError("invalid_profile", message, issues);
  }
  try {
    return await ctx.db.createAndClaim(
      userId,
      body.title,
      body.profile,
      ctx.leaseSeconds,
      ctx.maxAttempts,
    );
  } catch (error) {
    if (error instanceof AnotherGeneratingError) {
      throw await anotherGenerating(ctx, userId);
    }
    throw error;
  }
}

async function claimExisting(
  ctx: Context,
  userId: string,
  body: Extract<StartRequest, { kind: "start" }>,
): Promise<ProgramRow | Response> {
  for (let attempt = 1;; attempt++) {
    let claimed: ProgramRow | null;
    try {
      claimed = await ctx.db.claim(
        body.programId,
        userId,
        body.force,
        ctx.leaseSeconds,
        ctx.maxAttempts,
      );
    } catch (error) {
      if (error instanceof AnotherGeneratingError) {
        throw await anotherGenerating(ctx, userId);
      }
      throw error;
    }
    if (claimed !== null) return claimed;
    // Not claimable: find out why, from the row as it is now.
    const row = await ctx.db.ownedProgram(body.programId, userId);
    if (row === null) throw notFound();
    switch (row.generation_status) {
      case "completed":
        return json(200, statusBody(row, "all"));
      case "generating":
        if (!workerGone(row) || attempt >= CLAIM_TRIES) {
          throw new HttpError(
            "already_generating",
            "this program is already generating",
            undefined,
            { programId: row.id, status: row.generation_status },
            { "Retry-After": String(RETRY_AFTER_SECONDS) },
          );
        }
        break;
      case "pending":
      case "failed":
        // It changed between the claim and the read; claim again.
        if (attempt >= CLAIM_TRIES) {
          throw new HttpError("unavailable", "please retry", undefined, {}, {
            "Retry-After": String(RETRY_AFTER_SECONDS),
          });
        }
        break;
    }
  }
}

async function anotherGenerating(
  ctx: Context,
  userId: string,
): Promise<HttpError> {
  const other = await ctx.db.generatingProgramId(userId);
  return new HttpError(
    "another_generating",
    "another of your programs is generating; retry when it has finished",
    undefined,
    { programId: other, status: "generating" },
    { "Retry-After": String(RETRY_AFTER_SECONDS) },
  );
}

function started(row: ProgramRow, statusBase: string): Response {
  const statusUrl = `${statusBase}/${row.id}`;
  return json(202, {
    programId: row.id,
    jobId: row.generation_job_id,
    status: "generating",
    attempts: row.generation_attempts,
    statusUrl,
  }, { Location: statusUrl, "Retry-After": String(RETRY_AFTER_SECONDS) });
}

/** A failed run's error as the API shows it: `{code, message}`. */
export interface RunError {
  code: string;
  message: string;
}

/**
 * Splits a stored `generation_error` (`"<code>: <message>"`, as the runner and
 * the SQL functions write it) into `{code, message}`; text without a code is
 * `internal`.
 */
export function runError(text: string | null): RunError | null {
  if (text === null) return null;
  const match = /^([a-z][a-z_]*): ([\s\S]*)$/.exec(text);
  return match === null
    ? { code: "internal", message: text }
    : { code: match[1], message: match[2] };
}

/**
 * The status body of a program. `status`, `progress`, `attempts` and `error`
 * describe the current (or last) run; `program` is the last completed
 * program, kept while a forced regeneration runs or after it failed, and is
 * left out when `fields` is `status`.
 */
export function statusBody(
  row: ProgramRow,
  fields: Fields,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    programId: row.id,
    title: row.title,
    status: row.generation_status,
    error: runError(row.generation_error),
    progress: row.generation_progress,
    attempts: row.generation_attempts,
    jobId: row.generation_job_id,
    startedAt: iso(row.generation_started_at),
    finishedAt: iso(row.generation_finished_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
  if (fields === "all") body.program = row.program ?? null;
  return body;
}

function reply(
  head: boolean,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  const response = json(status, body, headers);
  return head
    ? new Response(null, { status, headers: response.headers })
    : response;
}

/** Whether the row's worker is gone: an expired lease, or a run handed back. */
function workerGone(row: ProgramRow): boolean {
  if (row.generation_status === "pending") return row.generation_attempts > 0;
  return row.generation_status === "generating" &&
    (row.generation_lease_until === null ||
      row.generation_lease_until.getTime() <= Date.now());
}

function functionUrl(ctx: Context, request: Request): string {
  if (ctx.publicFunctionUrl !== null) return ctx.publicFunctionUrl;
  const url = new URL(request.url);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

function iso(value: Date | null): string | null {
  return value === null ? null : value.toISOString();
}

function notFound(): HttpError {
  return new HttpError("not_found", "no such program");
}
