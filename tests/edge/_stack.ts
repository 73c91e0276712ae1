/**
 * The real stack for the edge tests: dev servers as child processes over the
 * database that `scripts/test-edge.sh` started, a superuser SQL handle for
 * snapshots, and an HTTP client with real tokens.
 *
 * Each server gets its own free port and its own knobs (lease, delay, failure
 * injection), and its stdout is collected so tests can read the telemetry
 * lines. Nothing here is mocked: requests go over loopback HTTP to the same
 * `serve.ts` that `scripts/dev.sh` runs.
 *
 * @module
 */

import postgres from "postgres";
import { signToken } from "../../supabase/functions/_dev/token.ts";
import type { TransitionEvent } from "../../supabase/functions/_shared/telemetry.ts";

/** The database of the test stack, from `scripts/test-edge.sh`. */
export const DB_URL = Deno.env.get("TEST_DB_URL") ?? "";
/** The JWT secret every test server and token uses. */
export const JWT_SECRET = Deno.env.get("TEST_JWT_SECRET") ??
  "test-secret-with-at-least-32-characters-for-hs256";
/** The test cluster's folder and port, for stopping and restarting it (scripts/lib/pg.sh). */
export const DB_DIR = Deno.env.get("TEST_DB_DIR") ?? "";
/** The test cluster's port. */
export const DB_PORT = Deno.env.get("TEST_DB_PORT") ?? "";
/** Whether the stack is available; tests are skipped (and the script fails) otherwise. */
export const HAVE_STACK = DB_URL !== "";

const ROOT = new URL("../../", import.meta.url).pathname;
const SERVE = `${ROOT}supabase/functions/_dev/serve.ts`;

/** The path of the function on every server. */
export const FUNCTION_PATH = "/functions/v1/generate-program";

/** A profile from `tests/fixtures/profile-<name>.json`. */
export function fixture(
  name: "small" | "typical" | "largest",
): Record<string, unknown> {
  return JSON.parse(
    Deno.readTextFileSync(`${ROOT}tests/fixtures/profile-${name}.json`),
  );
}

/** A running dev server. */
export interface Server {
  readonly port: number;
  readonly baseUrl: string;
  readonly functionUrl: string;
  readonly pid: number;
  /** Every stdout line so far. */
  readonly lines: string[];
  /** The telemetry transitions logged so far. */
  transitions(): TransitionEvent[];
  /** Waits until a logged transition satisfies `match` (log lines trail the database). */
  waitForTransition(
    match: (event: TransitionEvent) => boolean,
    timeoutMs?: number,
  ): Promise<void>;
  /** Sends `signal` and waits for the process to exit. */
  stop(signal?: Deno.Signal): Promise<Deno.CommandStatus>;
}

/** Knobs of a test server, as environment variables. */
export type ServerEnv = Record<string, string>;

/** Starts `serve.ts` with `env` on a free port and waits until it answers. */
export async function startServer(
  env: ServerEnv = {},
  port?: number,
): Promise<Server> {
  const chosen = port ?? freePort();
  const command = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net",
      "--allow-env",
      "--allow-read",
      "--allow-sys",
      SERVE,
    ],
    env: {
      DATABASE_URL: DB_URL,
      JWT_SECRET,
      PORT: String(chosen),
      LEASE_SECONDS: "2",
      MAX_ATTEMPTS: "3",
      ...env,
    },
    stdout: "piped",
    stderr: "piped",
  });
  const child = command.spawn();
  const lines: string[] = [];
  const errors: string[] = [];
  const pumps = [collect(child.stdout, lines), collect(child.stderr, errors)];
  const baseUrl = `http://127.0.0.1:${chosen}`;
  const status = child.status;
  let exited = false;
  status.then(() => exited = true);
  for (let i = 0; i < 300; i++) {
    if (exited) break;
    const response = await fetch(`${baseUrl}/dev/health`).catch(() => null);
    await response?.body?.cancel();
    if (response?.status === 200) {
      return {
        port: chosen,
        baseUrl,
        functionUrl: `${baseUrl}${FUNCTION_PATH}`,
        pid: child.pid,
        lines,
        transitions: () => parseTransitions(lines),
        async waitForTransition(match, timeoutMs = 5000) {
          const deadline = Date.now() + timeoutMs;
          while (!parseTransitions(lines).some(match)) {
            if (Date.now() > deadline) {
              throw new Error("the expected transition was never logged");
            }
            await sleep(20);
          }
        },
        async stop(signal: Deno.Signal = "SIGTERM") {
          try {
            child.kill(signal);
          } catch {
            // already gone
          }
          const result = await status;
          await Promise.all(pumps);
          return result;
        },
      };
    }
    await sleep(100);
  }
  try {
    child.kill("SIGKILL");
  } catch {
    // already gone
  }
  await status;
  await Promise.all(pumps);
  throw new Error(`server did not start:\n${errors.join("\n")}`);
}

/** Append each line `stream` carries to `into`, until it ends. */
export async function collect(
  stream: ReadableStream<Uint8Array>,
  into: string[],
): Promise<void> {
  let rest = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop() ?? "";
    into.push(...parts);
  }
  if (rest !== "") into.push(rest);
}

function parseTransitions(lines: readonly string[]): TransitionEvent[] {
  const events: TransitionEvent[] = [];
  for (const line of lines) {
    if (!line.startsWith("{")) continue;
    const parsed = JSON.parse(line);
    if (parsed.event === "generation") events.push(parsed);
  }
  return events;
}

/** A free loopback TCP port. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A superuser connection to the test database, for setup, snapshots and checks. */
export function openSql(): postgres.Sql {
  return postgres(DB_URL, { prepare: false, max: 4, onnotice: () => {} });
}

/** A new user: an id and a valid token for it. */
export interface User {
  readonly id: string;
  readonly token: string;
}

/** Makes a user with a fresh uuid and a one-hour token. */
export async function newUser(): Promise<User> {
  const id = crypto.randomUUID();
  return { id, token: await signToken(JWT_SECRET, id, { ttlSeconds: 3600 }) };
}

/** An HTTP answer with its body parsed. */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  // deno-lint-ignore no-explicit-any -- test assertions read arbitrary JSON
  readonly body: any;
}

/** Calls the function: `init.body` objects are sent as JSON. */
export async function call(
  server: Server,
  user: User | null,
  init: {
    method?: string;
    query?: string;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...init.headers };
  if (user !== null) headers.Authorization = `Bearer ${user.token}`;
  let body: string | undefined;
  if (init.body !== undefined) {
    headers["Content-Type"] ??= "application/json";
    body = typeof init.body === "string"
      ? init.body
      : JSON.stringify(init.body);
  }
  const response = await fetch(`${server.functionUrl}${init.query ?? ""}`, {
    method: init.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  const text = await response.text();
  let parsed: unknown = null;
  if (text !== "") {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** Polls a program's status until `done` accepts it or `timeoutMs` passes; returns the last body. */
export async function pollUntil(
  server: Server,
  user: User,
  programId: string,
  // deno-lint-ignore no-explicit-any -- status bodies are checked by the caller
  done: (body: any) => boolean,
  timeoutMs = 15_000,
  intervalMs = 50,
  // deno-lint-ignore no-explicit-any -- status bodies are checked by the caller
): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = await call(server, user, {
      query: `?programId=${programId}`,
    });
    if (reply.status !== 200) {
      throw new Error(`status read gave ${reply.status}`);
    }
    if (done(reply.body) || Date.now() > deadline) return reply.body;
    await sleep(intervalMs);
  }
}

/** Whether a status body is terminal. */
// deno-lint-ignore no-explicit-any -- status bodies are checked by the caller
export const finished = (body: any): boolean =>
  body.status === "completed" || body.status === "failed";
