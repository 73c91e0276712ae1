/**
 * Dev-only access tokens: HS256 JWTs shaped like Supabase Auth's.
 *
 * The local stack and the tests need tokens a real client would send; this
 * module signs them with the dev secret. Never deployed: the function only
 * verifies tokens. Run as a script it prints one token:
 * `deno run --allow-env token.ts <user-uuid> [ttl-seconds]` (secret from `JWT_SECRET`).
 *
 * @module
 */

import { SignJWT } from "jose";

/** Claims of a token beyond the standard ones. */
export interface TokenOptions {
  /** Lifetime in seconds from now; negative gives an already expired token. */
  ttlSeconds?: number;
  /** Database role claim (default `authenticated`). */
  role?: string;
}

/** Signs a Supabase-style user token for `userId` with the HS256 `secret`. */
export async function signToken(
  secret: string,
  userId: string,
  options: TokenOptions = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const ttl = options.ttlSeconds ?? 24 * 3600;
  return await new SignJWT({ role: options.role ?? "authenticated" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setAudience("authenticated")
    .setIssuedAt(Math.min(now, now + ttl))
    .setExpirationTime(now + ttl)
    .sign(new TextEncoder().encode(secret));
}

if (import.meta.main) {
  const [userId, ttl] = Deno.args;
  const secret = Deno.env.get("JWT_SECRET");
  if (userId === undefined || secret === undefined) {
    console.error(
      "usage: JWT_SECRET=... deno run --allow-env token.ts <user-uuid> [ttl-seconds]",
    );
    Deno.exit(2);
  }
  console.log(
    await signToken(secret, userId, {
      ttlSeconds: ttl === undefined ? undefined : Number(ttl),
    }),
  );
}
