/**
 * The function's wiring: settings, database, authenticator, generator and
 * runner built once per worker, and the router in front of them.
 *
 * This module decides what one worker owns and in which order it starts: it
 * connects lazily, loads the WASM generator, reclaims work that killed
 * workers left behind at startup and then on a timer (so it resumes without
 * anyone polling), and hands its own runs back when the runtime announces
 * the worker's end. The routes' behaviour lives in `handlers.ts`.
 *
 * @module
 */

import { createAuthenticator } from "./auth.ts";
import { type Background, createBackground } from "./background.ts";
import type { Config } from "./config.ts";
import { createDb, type Db, isUnavailable, sqlState } from "./db.ts";
import {
  type Context,
  handleDelete,
  handleLibrary,
  handlePost,
  handleRead,
  handleRename,
  type LibrarySource,
  type ProfileValidator,
} from "./handlers.ts";
import { errorResponse, HttpError, MAX_BODY_BYTES, preflight } from "./http.ts";
import { onBeforeUnload } from "./lifecycle.ts";
import { createPriority } from "./priority.ts";
import { resourceFromPath } from "./requests.ts";
import { createRunner, type Pipeline, type Runner } from "./runner.ts";
import { createTelemetry, type Telemetry } from "./telemetry.ts";

/** The generator functions the function uses, as `generator.ts` exports them. */
export type Generator = Pipeline & ProfileValidator & LibrarySource;

/** A running instance of the function. */
export interface App {
  /** Answers one request; never throws. */
  handle(request: Request): Promise<Response>;
  /** The background tracker, for draining on shutdown. */
  readonly background: Background;
  /** The database client, for closing on shutdown. */
  readonly db: Db;
  /** The runner, for its sweep and its runs in progress. */
  readonly runner: Runner;
  /** Finishes background work (up to `timeoutMs`) and closes the database. */
  shutdown(timeoutMs?: number): Promise<void>;
}

/** Seconds a client should wait after a 503. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** Builds the function for `config`, running startup recovery in the background. */
export function createApp(
  config: Config,
  generator: Generator,
  telemetry: Telemetry = createTelemetry(),
): App {
  const db = createDb({
    url: config.dbUrl,
    poolSize: config.dbPoolSize,
    statementTimeoutMs: config.dbStatementTimeoutMs,
  });
  const background = createBackground();
  const priority = createPriority(config.backgroundMaxWaitMs);
  const runner = createRunner({
    db,
    pipeline: generator,
    background,
    telemetry,
    priority,
    options: config,
  });
  const ctx: Context = {
    db,
    authenticate: createAuthenticator(config),
    runner,
    validator: generator,
    library: generator,
    leaseSeconds: config.leaseSeconds,
    maxAttempts: config.maxAttempts,
    publicFunctionUrl: config.publicFunctionUrl,
    bodyLimits: { bytes: MAX_BODY_BYTES, timeoutMs: config.bodyTimeoutMs },
  };
  // One sweep at a time: a slow database must not pile them up.
  let sweeping = false;
  const sweep = (trigger: "startup" | "sweep") => {
    sweeping = true;
    return (trigger === "startup"
      ? runner.reclaimExpired("startup")
      : runner.sweep())
      .catch((error) => {
        console.error(
          JSON.stringify({ event: `${trigger}_failed`, detail: String(error) }),
        );
      })
      .finally(() => sweeping = false);
  };
  background.spawn(sweep("startup"));
  const sweeper = setInterval(() => {
    if (!sweeping) background.spawn(sweep("sweep"));
  }, config.sweepIntervalSeconds * 1000);
  // The sweep must not keep a process alive that has nothing else to do.
  Deno.unrefTimer?.(sweeper);
  const stopListening = onBeforeUnload({
    releaseRuns: () => {
      clearInterval(sweeper);
      const released = runner.releaseAll();
      background.spawn(released);
      return released;
    },
    closePool: () => db.close(5),
  });
  return {
    handle: (request) => priority.request(() => route(ctx, request)),
    background,
    db,
    runner,
    async shutdown(timeoutMs = 10_000) {
      clearInterval(sweeper);
      stopListening();
      await background.drain(timeoutMs);
      // Nothing runs any more: do not wait on connections the server already dropped.
      await db.close(0);
    },
  };
}

/** Routes one request by method and path, rendering any thrown error as a typed JSON error. */
export async function route(ctx: Context, request: Request): Promise<Response> {
  try {
    const resource = resourceFromPath(new URL(request.url).pathname);
    if (resource === undefined) {
      throw new HttpError("not_found", "no such resource");
    }
    if (request.method === "OPTIONS") return preflight();
    switch (resource.kind) {
      case "library":
        return await routeLibrary(ctx, request);
      case "collection":
        return await routeCollection(ctx, request);
      case "program":
        return await routeProgram(ctx, request, resource.programId);
    }
  } catch (error) {
    // A value the database refuses to store (class 22, data exception, or a
    // check) is the input's fault; the checks above should catch it first,
    // this is the backstop.
    const state = sqlState(error);
    if (state?.startsWith("22") || state === "23514") {
      return errorResponse(
        new HttpError(
          "invalid_request",
          "the request contains a value that cannot be stored",
        ),
      );
    }
    if (isUnavailable(error)) {
      return errorResponse(
        new HttpError(
          "unavailable",
          "the database is unavailable; retry shortly",
          undefined,
          undefined,
          { "Retry-After": String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
        ),
      );
    }
    return errorResponse(error);
  }
}

async function routeLibrary(ctx: Context, request: Request) {
  if (request.method === "GET" || request.method === "HEAD") {
    return await handleLibrary(ctx, request);
  }
  throw notAllowed(request.method, "GET, HEAD, OPTIONS");
}

async function routeCollection(ctx: Context, request: Request) {
  switch (request.method) {
    case "POST":
      return await handlePost(ctx, request);
    case "GET":
    case "HEAD":
      return await handleRead(ctx, request, null);
    default:
      throw notAllowed(request.method, "GET, HEAD, POST, OPTIONS");
  }
}

async function routeProgram(
  ctx: Context,
  request: Request,
  programId: string,
) {
  switch (request.method) {
    case "GET":
    case "HEAD":
      return await handleRead(ctx, request, programId);
    case "PATCH":
      return await handleRename(ctx, request, programId);
    case "DELETE":
      return await handleDelete(ctx, request, programId);
    default:
      throw notAllowed(request.method, "GET, HEAD, PATCH, DELETE, OPTIONS");
  }
}

function notAllowed(method: string, allow: string): HttpError {
  return new HttpError(
    "method_not_allowed",
    `${method} is not allowed here`,
    undefined,
    undefined,
    { Allow: allow },
  );
}
