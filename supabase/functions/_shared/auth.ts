/**
 * Who is calling: the user id from a verified JWT.
 *
 * This module decides whether a bearer token is trustworthy. The function is
 * deployed with `verify_jwt = false` (the platform's gate does not accept the
 * new asymmetric signing keys), so this is the only check: the signature
 * (HS256 with the legacy secret, or the project's JWKS, refetched from the
 * auth server when a token names a key the snapshot lacks), the expiry, `sub`
 * a uuid, and `aud` and `role` both `authenticated`. A bad, expired or
 * unverifiable token is 401, always with the same message per cause class, so
 * a caller cannot tell a forged token from an expired one by probing; a valid
 * token that is not a signed-in user's (the anon or service key, another
 * audience) is 403.
 *
 * @module
 */

import {
  base64url,
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  type JSONWebKeySet,
  type JWK,
  jwtVerify,
  type JWTVerifyGetKey,
} from "jose";
import { HttpError } from "./http.ts";

/** The authenticated caller. */
export interface Caller {
  /** The user's id, from the token's `sub`. */
  readonly userId: string;
  /** The verified claims, for running queries under the caller's RLS. */
  readonly claims: Readonly<Record<string, unknown>>;
}

/** Where the keys that sign user tokens come from. */
export interface KeySource {
  /** `JWT_SECRET`: the legacy HS256 secret; else the JWKS's `oct` key is used. */
  readonly jwtSecret: string | null;
  /** `SUPABASE_JWKS`: the project's key set, as `{keys: […]}` or a bare array. */
  readonly jwks: string | null;
  /** `SUPABASE_URL`: where `/auth/v1/.well-known/jwks.json` serves the current keys. */
  readonly supabaseUrl?: string | null;
}

/** Checks a request's bearer token and returns the caller, or throws a 401 or 403 {@link HttpError}. */
export type Authenticate = (request: Request) => Promise<Caller>;

/** The only `aud` and `role` a user's access token carries. */
export const USER_ROLE = "authenticated";

/** Algorithms of the asymmetric signing keys Supabase issues. */
const ASYMMETRIC = ["ES256", "RS256", "EdDSA"];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a uuid in its canonical text form. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/**
 * Parses `SUPABASE_JWKS` (`{keys: […]}` or a bare array of JWKs); throws a
 * plain Error naming the problem.
 */
export function parseJwks(text: string): JWK[] {
  const parsed: unknown = JSON.parse(text);
  const keys = Array.isArray(parsed)
    ? parsed
    : (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) {
    throw new Error('expected {"keys": [...]} or an array of keys');
  }
  if (!keys.every((key) => typeof key === "object" && key !== null)) {
    throw new Error("every key must be a JSON object");
  }
  return keys as JWK[];
}

/** Builds the authenticator for `keys`; the key material is parsed once, here. */
export function createAuthenticator(keys: KeySource): Authenticate {
  const verify = verifierFor(keys);
  return async (request) => {
    const token = bearerToken(request);
    let claims: Record<string, unknown>;
    try {
      claims = (await verify(token)).payload;
    } catch {
      throw unauthorized("the access token is invalid or expired");
    }
    if (typeof claims.exp !== "number") {
      throw unauthorized("the access token has no expiry");
    }
    if (!isUuid(claims.sub)) {
      throw unauthorized("the access token names no user");
    }
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(USER_ROLE)) {
      throw forbidden(
        `the access token's audience must be "${USER_ROLE}"`,
      );
    }
    if (claims.role !== USER_ROLE) {
      throw forbidden(
        `the access token must be a signed-in user's (role "${USER_ROLE}")`,
      );
    }
    return { userId: claims.sub.toLowerCase(), claims };
  };
}

type Verify = (token: string) => Promise<{ payload: Record<string, unknown> }>;

function verifierFor(keys: KeySource): Verify {
  const jwks = keys.jwks === null ? [] : parseJwks(keys.jwks);
  // The CLI's JWKS carries the HS256 secret as an `oct` key, which a JWK set
  // does not accept: it is the secret when no JWT_SECRET is set.
  const octet = jwks.find((key) =>
    key.kty === "oct" && typeof key.k === "string"
  );
  const secretBytes: Uint8Array<ArrayBuffer> | null = keys.jwtSecret !== null
    ? new TextEncoder().encode(keys.jwtSecret)
    : octet === undefined
    ? null
    : base64url.decode(octet.k as string) as Uint8Array<ArrayBuffer>;
  // Imported once: verifying with the raw bytes would import the key per request.
  const secret = secretBytes === null ? null : crypto.subtle.importKey(
    "raw",
    secretBytes,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  const publicKeys = jwks.filter((key) => key.kty !== "oct");
  const local: JWTVerifyGetKey | null = publicKeys.length === 0
    ? null
    : createLocalJWKSet({ keys: publicKeys } as JSONWebKeySet);
  const supabaseUrl = keys.supabaseUrl?.replace(/\/+$/, "") ?? null;
  // Fetched on first need, cached, refetched at most every 30 s on an unknown kid.
  const remote: JWTVerifyGetKey | null = supabaseUrl === null
    ? null
    : createRemoteJWKSet(
      new URL(`${supabaseUrl}/auth/v1/.well-known/jwks.json`),
      {
        cacheMaxAge: 10 * 60_000,
        cooldownDuration: 30_000,
        timeoutDuration: 3000,
      },
    );
  const options = { algorithms: ASYMMETRIC };
  return async (token) => {
    // Legacy projects sign with the HS256 secret, newer ones with asymmetric
    // keys from the JWKS; during a key rotation both are valid.
    const { alg } = decodeProtectedHeader(token);
    if (alg === "HS256") {
      if (secret === null) throw new Error("no HS256 secret");
      return await jwtVerify(token, await secret, { algorithms: ["HS256"] });
    }
    if (local !== null) {
      try {
        return await jwtVerify(token, local, options);
      } catch (error) {
        // A key newer than the snapshot: ask the auth server.
        if (!(error instanceof errors.JWKSNoMatchingKey) || remote === null) {
          throw error;
        }
      }
    }
    if (remote === null) throw new Error("no key for this token");
    return await jwtVerify(token, remote, options);
  };
}

function bearerToken(request: Request): string {
  const header = request.headers.get("authorization");
  if (header === null) throw unauthorized("missing Authorization header");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (match === null) {
    throw unauthorized("the Authorization header must be 'Bearer <token>'");
  }
  return match[1];
}

function unauthorized(message: string): HttpError {
  return new HttpError("unauthorized", message, undefined, undefined, {
    "WWW-Authenticate": 'Bearer realm="generate-program"',
  });
}

function forbidden(message: string): HttpError {
  return new HttpError("forbidden", message, undefined, undefined, {
    "WWW-Authenticate":
      'Bearer realm="generate-program", error="insufficient_scope"',
  });
}
