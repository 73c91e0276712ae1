/**
 * The `generate-program` Edge Function: authenticate, claim, answer 202, and
 * generate the training program in the background.
 *
 * Routing and behaviour live in `_shared/`; this entry point only builds the
 * app from the environment and serves it, so the same code runs deployed on
 * Supabase and under the local dev server.
 *
 * @module
 */

import { createApp } from "../_shared/app.ts";
import { onShutdownSignal } from "../_shared/background.ts";
import { loadConfig } from "../_shared/config.ts";
import * as generator from "../_shared/generator.ts";

const app = createApp(loadConfig(), generator);
onShutdownSignal(() => app.shutdown());
Deno.serve(app.handle);
