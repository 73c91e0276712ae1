/**
 * The benchmark's floor: a bare `Deno.serve` that answers 202 after one
 * `select 1` over postgres.js with the function's pool settings. Whatever the
 * function spends beyond this is its own cost (auth, validation, the claim).
 * Env: `SUPABASE_DB_URL`, `PORT`, `DB_POOL_SIZE` (default 2, as the function).
 *
 * @module
 */

import postgres from "postgres";

const sql = postgres(Deno.env.get("SUPABASE_DB_URL")!, {
  prepare: false,
  max: Number(Deno.env.get("DB_POOL_SIZE") ?? 2),
  onnotice: () => {},
});
const body = JSON.stringify({ status: "accepted" });

Deno.serve(
  {
    hostname: "127.0.0.1",
    port: Number(Deno.env.get("PORT")),
    onListen: () => {},
  },
  async (request) => {
    if (new URL(request.url).pathname === "/dev/health") {
      return new Response("ok");
    }
    await request.body?.cancel();
    await sql`select 1`;
    return new Response(body, {
      status: 202,
      headers: { "Content-Type": "application/json" },
    });
  },
);
