/**
 * The function's wiring: settings, database, authenticator, generator and
 * runner built once per worker, and the router in front of them.
 *
 * This module decides what one worker owns and in which order it starts: it
 * connects lazily, loads the WASM generator, and on startup reclaims leases
 * that a killed worker left behind, so their work resumes without waiting for
 * a poll. The routes' behaviour lives in `handlers.ts`.
 *
 * @module
 */

import { createAuthenticator } from "./auth.ts";
import { type Background, createBackground } from "./background.ts";
import type { Config } from "./config.ts";
import { createDb, type Db, sqlState } from "./db.ts";
import {
  type Context,
  handleGet,
  handlePost,
  type ProfileValidator,
} from "./handlers.ts";
import { errorResponse, HttpError, preflight } from "./http.ts";
import { createPriority } from "./priority.ts";
import { createRunner, type Pipeline } from "./runner.ts";
import { createTelemetry, type Telemetry } from "./telemetry.ts";

/** The generator functions the function uses, as `generator.ts` exports them. */
export type Generator = Pipeline & ProfileValidator;

/** A running instance of the function. */
export interface App {
  /** Answers one request; never throws. */
  handle(request: Request): Promise<Response>;
  /** The background tracker, for draining on shutdown. */
  readonly background: Background;
  /** The database client, for closing on shutdown. */
  readonly db: Db;
  /** Finishes background work (up to `timeoutMs`) and closes the database. */
  shutdown(timeoutMs?: number): Promise<void>;
}

/** Builds the function for `config`, running startup recovery in the background. */
export function createApp(
  config: Config,
  generator: Generator,
  telemetry: Telemetry = createTelemetry(),
): App {
  const db = createDb({ url: config.dbUrl, poolSize: config.dbPoolSize });
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
    leaseSeconds: config.leaseSeconds,
    maxAttempts: config.maxAttempts,
    publicFunctionUrl: config.publicFunctionUrl,
  };
  background.spawn(
    runner.reclaimExpired("startup").catch((error) => {
      console.error(
        JSON.stringify({
          event: "startup_reclaim_failed",
          detail: String(error),
        }),
      );
    }),
  );
  return {
    handle: (request) => priority.request(() => route(ctx, request)),
    background,
    db,
    async shutdown(timeoutMs = 10_000) {
      await background.drain(timeoutMs);
      // Nothing runs any more: do not wait on connections the server already dropped.
      await db.close(0);
    },
  };
}

/** Routes one request by method, rendering any thrown error as a typed JSON error. */
export async function route(ctx: Context, request: Request): Promise<Response> {
  try {
    switch (request.method) {
      case "OPTIONS":
        return preflight();
      case "POST":
        return await handlePost(ctx, request);
      case "GET":
        return await handleGet(ctx, request);
      default:
        throw new HttpError(
          "method_not_allowed",
          `${request.method} is not allowed`,
          undefined,
          undefined,
          {
            Allow: "GET, POST, OPTIONS",
          },
        );
    }
  } catch (error) {
    // A value the database refuses to store (class 22, data exception) is the
    // input's fault; the checks above should catch it first, this is the backstop.
    if (sqlState(error)?.startsWith("22")) {
      return errorResponse(
        new HttpError(
          "invalid_request",
          "the request contains a value that cannot be stored",
        ),
      );
    }
    return errorResponse(error);
  }
}
