import assert from "node:assert/strict";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { signToken } from "../_dev/token.ts";
import { createAuthenticator, isUuid } from "./auth.ts";
import { HttpError } from "./http.ts";

const secret = "a-test-secret-that-is-at-least-32-characters";
const user = "6f9619ff-8b86-4d01-b42d-00cf4fc964ff";
const request = (authorization?: string) =>
  new Request("http://localhost/", {
    headers: authorization === undefined ? {} : { authorization },
  });
const rejects401 = (promise: Promise<unknown>) =>
  assert.rejects(
    promise,
    (e: HttpError) => e instanceof HttpError && e.status === 401,
  );

Deno.test("a_valid_hs256_token_yields_its_lowercased_sub_and_claims", async () => {
  const authenticate = createAuthenticator({ jwtSecret: secret, jwks: null });
  const token = await signToken(secret, user.toUpperCase());
  const caller = await authenticate(request(`Bearer ${token}`));
  assert.equal(caller.userId, user);
  assert.equal(caller.claims.role, "authenticated");
});

Deno.test("missing_malformed_expired_forged_and_subless_tokens_are_401", async () => {
  const authenticate = createAuthenticator({ jwtSecret: secret, jwks: null });
  await rejects401(authenticate(request()));
  await rejects401(authenticate(request("Token abc")));
  await rejects401(authenticate(request("Bearer not.a.jwt")));
  await rejects401(
    authenticate(
      request(`Bearer ${await signToken(secret, user, { ttlSeconds: -1 })}`),
    ),
  );
  await rejects401(
    authenticate(request(`Bearer ${await signToken("x".repeat(40), user)}`)),
  );
  await rejects401(
    authenticate(request(`Bearer ${await signToken(secret, "not-a-uuid")}`)),
  );
  const noExpiry = await new SignJWT({ sub: user }).setProtectedHeader({
    alg: "HS256",
  })
    .sign(new TextEncoder().encode(secret));
  await rejects401(authenticate(request(`Bearer ${noExpiry}`)));
});

Deno.test("tokens_signed_by_a_jwks_key_verify_and_others_do_not", async () => {
  const { publicKey, privateKey } = await generateKeyPair("ES256", {
    extractable: true,
  });
  const jwk = {
    ...(await exportJWK(publicKey)),
    kid: "k1",
    alg: "ES256",
    use: "sig",
  };
  const authenticate = createAuthenticator({
    jwtSecret: null,
    jwks: JSON.stringify({ keys: [jwk] }),
  });
  const sign = (key: CryptoKey, kid: string) =>
    new SignJWT({ role: "authenticated" }).setProtectedHeader({
      alg: "ES256",
      kid,
    }).setSubject(user)
      .setExpirationTime("1h").sign(key);
  assert.equal(
    (await authenticate(request(`Bearer ${await sign(privateKey, "k1")}`)))
      .userId,
    user,
  );
  const stranger = await generateKeyPair("ES256");
  await rejects401(
    authenticate(request(`Bearer ${await sign(stranger.privateKey, "k1")}`)),
  );
  // With only a JWKS configured, an HS256 token has no key to verify against.
  await rejects401(
    authenticate(request(`Bearer ${await signToken(secret, user)}`)),
  );
});

Deno.test("is_uuid_accepts_only_canonical_uuids", () => {
  assert(isUuid(user));
  for (
    const value of ["", "x", `${user}0`, user.replaceAll("-", ""), 5, null]
  ) assert(!isUuid(value));
});
