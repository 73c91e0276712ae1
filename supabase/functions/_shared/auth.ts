/**
 * Who is calling: the user id from a verified JWT.
 *
 * This module decides whether a bearer token is trustworthy. It verifies the
 * signature in code (HS256 with the project's secret, or the project's JWKS),
 * the expiry, and that `sub` is a uuid, whether or not the platform's own
 * `verify_jwt` gate ran in front. Every failure is the same 401, so a caller
 * cannot tell a forged token from an expired one by probing.
 *
 * @module
 */

import {
  createLocalJWKSet,
  decodeProtectedHeader,
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
  /** HS256 secret shared with the auth server. */
  readonly jwtSecret: string | null;
  /** JSON Web Key Set of the project; wins over the secret when set. */
  readonly jwks: string | null;
}

/** Checks a request's bearer token and returns the caller, or throws a 401 {@link HttpError}. */
export type Authenticate = (request: Request) => Promise<Caller>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a uuid in its canonical text form. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
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
    return { userId: claims.sub.toLowerCase(), claims };
  };
}

function verifierFor(
  keys: KeySource,
): (token: string) => Promise<{ payload: Record<string, unknown> }> {
  // Imported once: verifying with the raw bytes would import the key per request.
  const secret = keys.jwtSecret === null ? null : crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(keys.jwtSecret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  const keySet: JWTVerifyGetKey | null = keys.jwks === null
    ? null
    : createLocalJWKSet(JSON.parse(keys.jwks));
  return (token) => {
    // Legacy projects sign with the HS256 secret, newer ones with asymmetric
    // keys from the JWKS; during a key rotation both are valid.
    const { alg } = decodeProtectedHeader(token);
    if (alg === "HS256" && secret !== null) {
      return secret.then((key) =>
        jwtVerify(token, key, { algorithms: ["HS256"] })
      );
    }
    if (keySet !== null) {
      return jwtVerify(token, keySet, { algorithms: ["ES256", "RS256"] });
    }
    return Promise.reject(new Error("no key for this algorithm"));
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
