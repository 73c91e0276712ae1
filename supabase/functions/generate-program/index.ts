/**
 * The `generate-program` Edge Function: authenticate, claim, answer 202, and
 * generate the training program in the background.
 *
 * Routing and behaviour live in `_shared/`; this entry point only builds the
 * app from the environment and serves it, so the same code runs deployed on
 * Supabase, under the local dev server, and bundled into one file
 * (`deno bundle`, as scripts/test.sh checks).
 *
 * @module
 */

import { createApp } from "../_shared/app.ts";
import { onShutdownSignal } from "../_shared/background.ts";
import { loadConfig } from "../_shared/config.ts";
import * as generator from "../_shared/generator.ts";

const app = createApp(loadConfig(), generator);
onShutdownSignal(() => app.shutdown());
// Deployed, the runtime owns the listener; PORT serves a local bundle.
const port = Deno.env.get("PORT");
if (port === undefined) Deno.serve(app.handle);
else Deno.serve({ hostname: "127.0.0.1", port: Number(port) }, app.handle);
