/**
 * The local dev server: one Deno HTTP server standing in for Supabase's
 * gateway, like `supabase functions serve`.
 *
 * It mounts the unchanged function at `/functions/v1/generate-program`, the
 * status page from `web/` at `/`, supabase-js's browser build from its npm
 * package at `/vendor/supabase.js` (`SUPABASE_JS_DIR` overrides the folder),
 * and dev-only routes: `GET /dev/config.json` (the project URL, an anon key
 * and a ready token for the demo user, so the page never holds a service
 * key), `GET /dev/health` (the database answers) and
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
import { banner, changedSettings, devScriptDefaults } from "./banner.ts";
import { serveStatic } from "./static.ts";
import { signToken } from "./token.ts";

/** Where the gateway mounts the function, as on a Supabase project. */
export const FUNCTION_PATH = "/functions/v1/generate-program";
/** The demo user of the dev page, unless `DEMO_USER_ID` names another. */
export const DEFAULT_DEMO_USER_ID = "11111111-1111-4111-8111-111111111111";

const config = loadConfig();
const demoUserId = Deno.env.get("DEMO_USER_ID") ?? DEFAULT_DEMO_USER_ID;
const repoRoot = new URL("../../..", import.meta.url).pathname.replace(
  /\/$/,
  "",
);
const defaultWebDir = `${repoRoot}/web`;
/** Where the page loads supabase-js from. */
export const VENDOR_SUPABASE_PATH = "/vendor/supabase.js";
/** The UMD build inside the `@supabase/supabase-js` npm package. */
const SUPABASE_JS_FILE = "supabase.js";
/** Subject of the dev anon key; no user has it. */
const ANON_SUBJECT = "00000000-0000-4000-8000-000000000000";
const defaultSupabaseJsDir =
  `${repoRoot}/.tools/node_modules/@supabase/supabase-js/dist/umd`;
const supabaseJsDir = Deno.env.get("SUPABASE_JS_DIR") ?? defaultSupabaseJsDir;
const defaultHostname = "127.0.0.1";
const webDir = Deno.env.get("WEB_DIR") ?? defaultWebDir;
const hostname = Deno.env.get("HOST") ?? defaultHostname;
if (config.jwtSecret === null) {
  throw new Error("the dev server signs tokens: set JWT_SECRET");
}
const jwtSecret = config.jwtSecret;

const app = createApp(config, generator);

try {
  Deno.statSync(`${supabaseJsDir}/${SUPABASE_JS_FILE}`);
} catch {
  console.error(
    `[dev] supabase-js's browser build is missing (${supabaseJsDir}/${SUPABASE_JS_FILE}); ` +
      "the status page cannot talk to the function without it: run scripts/setup.sh",
  );
}

async function handle(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (pathname === FUNCTION_PATH || pathname.startsWith(`${FUNCTION_PATH}/`)) {
    return await app.handle(request);
  }
  if (pathname === "/dev/config.json") {
    const { origin } = new URL(request.url);
    return json(200, {
      supabaseUrl: origin,
      // The function never reads the apikey; supabase-js needs one to send.
      anonKey: await signToken(jwtSecret, ANON_SUBJECT, { role: "anon" }),
      functionUrl: FUNCTION_PATH,
      accessToken: await signToken(jwtSecret, demoUserId),
      userId: demoUserId,
    });
  }
  if (pathname === VENDOR_SUPABASE_PATH) {
    // supabase-js's own browser build, from the npm package; never a CDN.
    return await serveStatic(
      supabaseJsDir,
      "/" + SUPABASE_JS_FILE,
    );
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
    const changed = changedSettings(config, (name) => Deno.env.get(name), {
      ...devScriptDefaults(repoRoot),
      DEMO_USER_ID: DEFAULT_DEMO_USER_ID,
      WEB_DIR: defaultWebDir,
      SUPABASE_JS_DIR: defaultSupabaseJsDir,
      HOST: defaultHostname,
    });
    console.error(banner({
      base,
      functionPath: FUNCTION_PATH,
      config,
      demoUserId,
      token,
      changed,
      color: Deno.stderr.isTerminal(),
    }));
  },
}, handle);

onShutdownSignal(async () => {
  await server.shutdown();
  await app.shutdown();
});
