/**
 * What each route answers.
 *
 * This module decides the API's behaviour per route: a POST validates, claims
 * atomically and only then answers 202 (the run goes to the background); a
 * program that cannot be claimed gets the 409 or 200 that says why; a status
 * read is one RLS-checked query, and one that finds an expired lease reclaims
 * and restarts the run, so polling alone heals a killed worker. Response
 * shapes are built here; errors are thrown as {@link HttpError}s for the router
 * to render.
 *
 * @module
 */

import type { Authenticate } from "./auth.ts";
import {
  AnotherGeneratingError,
  type Db,
  type ProgramRow,
  type ProgramSummary,
} from "./db.ts";
import { HttpError, type Issue, json, readJson } from "./http.ts";
import {
  parseReadRequest,
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

/** Everything the handlers need, built once per worker. */
export interface Context {
  readonly db: Db;
  readonly authenticate: Authenticate;
  readonly runner: Runner;
  readonly validator: ProfileValidator;
  readonly leaseSeconds: number;
  readonly maxAttempts: number;
  /** Absolute URL of the function for status links; `null` derives it from the request. */
  readonly publicFunctionUrl: string | null;
}

/** Seconds a client should wait before polling a started generation. */
const RETRY_AFTER_SECONDS = 1;
/** Claim tries when the row changes state between a failed claim and the read that explains it. */
const CLAIM_TRIES = 3;

/** `POST`: create-and-start (`{profile, title?}`) or start/retry (`{programId, force?}`). */
export async function handlePost(
  ctx: Context,
  request: Request,
): Promise<Response> {
  const since = performance.now();
  const caller = await ctx.authenticate(request);
  const body = parseStartRequest(await readJson(request));
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

/** `GET`: one program's status (`?programId=`) or a page of the caller's programs. */
export async function handleGet(
  ctx: Context,
  request: Request,
): Promise<Response> {
  const since = performance.now();
  const caller = await ctx.authenticate(request);
  const query = parseReadRequest(new URL(request.url).searchParams);
  if (query.kind === "list") {
    // One extra row tells whether another page exists.
    const page = await ctx.db.listAsUser(
      caller.claims,
      query.limit + 1,
      query.before,
    );
    const more = page.length > query.limit;
    const programs = page.slice(0, query.limit);
    return json(200, {
      programs: programs.map(summaryBody),
      next: more ? programs[programs.length - 1].id : null,
    });
  }
  let row = await ctx.db.readAsUser(caller.claims, query.programId);
  if (row === null) throw notFound();
  if (leaseExpired(row)) {
    const reclaimed = await ctx.db.reclaim(
      row.id,
      ctx.leaseSeconds,
      ctx.maxAttempts,
    );
    if (reclaimed !== null) {
      ctx.runner.resume(reclaimed, "poll", since);
      row = reclaimed;
    }
  }
  return json(200, statusBody(row));
}

async function createAndClaim(
  ctx: Context,
  userId: string,
  body: Extract<StartRequest, { kind: "create" }>,
): Promise<ProgramRow> {
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
        return json(200, statusBody(row));
      case "generating":
        if (!leaseExpired(row) || attempt >= CLAIM_TRIES) {
          throw new HttpError(
            "already_generating",
            "this program is already generating",
            undefined,
            { status: statusBody(row) },
            { "Retry-After": String(RETRY_AFTER_SECONDS) },
          );
        }
        break;
      case "pending":
      case "failed":
        // It changed between the claim and the read; claim again.
        if (attempt >= CLAIM_TRIES) {
          throw new HttpError("unavailable", "please retry");
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
    { programId: other },
    { "Retry-After": String(RETRY_AFTER_SECONDS) },
  );
}

function started(row: ProgramRow, statusBase: string): Response {
  const statusUrl = statusUrlOf(statusBase, row.id);
  return json(202, {
    programId: row.id,
    jobId: row.generation_job_id,
    status: "generating",
    attempt: row.generation_attempts,
    statusUrl,
  }, { Location: statusUrl, "Retry-After": String(RETRY_AFTER_SECONDS) });
}

/** The status body of a program; the program itself only once completed. */
export function statusBody(row: ProgramRow): Record<string, unknown> {
  return {
    programId: row.id,
    title: row.title,
    status: row.generation_status,
    error: row.generation_error,
    progress: row.generation_progress,
    attempts: row.generation_attempts,
    jobId: row.generation_job_id,
    startedAt: iso(row.generation_started_at),
    finishedAt: iso(row.generation_finished_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    program: row.generation_status === "completed" ? row.program : null,
  };
}

function summaryBody(row: ProgramSummary): Record<string, unknown> {
  return {
    programId: row.id,
    title: row.title,
    status: row.generation_status,
    updatedAt: iso(row.updated_at),
  };
}

function leaseExpired(row: ProgramRow): boolean {
  return row.generation_status === "generating" &&
    (row.generation_lease_until === null ||
      row.generation_lease_until.getTime() <= Date.now());
}

function functionUrl(ctx: Context, request: Request): string {
  if (ctx.publicFunctionUrl !== null) return ctx.publicFunctionUrl;
  const url = new URL(request.url);
  return `${url.origin}${url.pathname}`;
}

function statusUrlOf(base: string, programId: string): string {
  return `${base}?programId=${programId}`;
}

function iso(value: Date | null): string | null {
  return value === null ? null : value.toISOString();
}

function notFound(): HttpError {
  return new HttpError("not_found", "no such program");
}
