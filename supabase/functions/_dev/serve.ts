/**
 * The local dev server: one Deno HTTP server standing in for Supabase's
 * gateway, like `supabase functions serve`.
 *
 * It mounts the unchanged function at `/functions/v1/generate-program`, the
 * status page from `web/` at `/`, and two dev-only routes: `GET
 * /dev/config.json` (the function URL and a ready token for the demo user, so
 * the page never holds a key), `GET /dev/health` (the database answers) and
 * `POST /dev/unload?reason=…`, which dispatches the `beforeunload` event the
 * edge runtime sends before it ends a worker (reason `cpu`, `memory`,
 * `wall_clock`, `early_drop` or `termination`), so the lifecycle can be tested.
 * Settings come from the same environment as the function, plus `DEMO_USER_ID`
 * and `WEB_DIR`. SIGINT/SIGTERM stop accepting, finish background runs, close
 * the database and exit.
 *
 * @module
 */

import { createApp } from "../_shared/app.ts";
import { onShutdownSignal } from "../_shared/background.ts";
import { loadConfig } from "../_shared/config.ts";
import * as generator from "../_shared/generator.ts";
import { json } from "../_shared/http.ts";
import { serveStatic } from "./static.ts";
import { signToken } from "./token.ts";

/** Where the gateway mounts the function, as on a Supabase project. */
export const FUNCTION_PATH = "/functions/v1/generate-program";
/** The demo user of the dev page, unless `DEMO_USER_ID` names another. */
export const DEFAULT_DEMO_USER_ID = "11111111-1111-4111-8111-111111111111";

const config = loadConfig();
const demoUserId = Deno.env.get("DEMO_USER_ID") ?? DEFAULT_DEMO_USER_ID;
const webDir = Deno.env.get("WEB_DIR") ??
  new URL("../../../web", import.meta.url).pathname;
const hostname = Deno.env.get("HOST") ?? "127.0.0.1";
if (config.jwtSecret === null) {
  throw new Error("the dev server signs tokens: set JWT_SECRET");
}
const jwtSecret = config.jwtSecret;

const app = createApp(config, generator);

async function handle(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (pathname === FUNCTION_PATH || pathname.startsWith(`${FUNCTION_PATH}/`)) {
    return await app.handle(request);
  }
  if (pathname === "/dev/config.json") {
    return json(200, {
      functionUrl: FUNCTION_PATH,
      accessToken: await signToken(jwtSecret, demoUserId),
      userId: demoUserId,
    });
  }
  if (pathname === "/dev/health") {
    try {
      await app.db.ping();
      return json(200, { ok: true });
    } catch {
      return json(503, { ok: false });
    }
  }
  if (pathname === "/dev/unload" && request.method === "POST") {
    const reason = new URL(request.url).searchParams.get("reason");
    globalThis.dispatchEvent(
      new CustomEvent("beforeunload", { detail: { reason } }),
    );
    return json(202, { dispatched: reason });
  }
  if (request.method !== "GET" && request.method !== "HEAD") {
    return new Response("method not allowed\n", {
      status: 405,
      headers: { Allow: "GET, HEAD" },
    });
  }
  return await serveStatic(webDir, pathname);
}

const server = Deno.serve({
  hostname,
  port: config.port,
  onListen: async ({ hostname, port }) => {
    const base = `http://${hostname}:${port}`;
    const token = await signToken(jwtSecret, demoUserId);
    console.error(banner(base, token));
  },
}, handle);

onShutdownSignal(async () => {
  await server.shutdown();
  await app.shutdown();
});

function banner(base: string, token: string): string {
  const functionUrl = `${base}${FUNCTION_PATH}`;
  return [
    "",
    "generate-program dev stack is up",
    `  page          ${base}/`,
    `  function URL  ${functionUrl}`,
    `  database URL  ${config.dbUrl}`,
    `  JWT secret    ${jwtSecret}`,
    `  demo user     ${demoUserId}`,
    `  dev JWT (24h) ${token}`,
    "",
    "try:",
    `  curl -i -X POST '${functionUrl}' \\`,
    `    -H 'Authorization: Bearer ${token}' -H 'Content-Type: application/json' \\`,
    `    -d '{"title":"demo","profile":{"goal":"hypertrophy","experience":"intermediate","daysPerWeek":4,"sessionMinutes":60,"weeks":8,"equipment":["barbell","rack","bench","dumbbells"]}}'`,
    `  curl -s '${functionUrl}?programId=<programId>' -H 'Authorization: Bearer ${token}'`,
    "",
    "Ctrl-C stops everything.",
    "",
  ].join("\n");
}
