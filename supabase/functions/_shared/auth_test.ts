import assert from "node:assert/strict";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { signToken } from "../_dev/token.ts";
import { createAuthenticator, isUuid, parseJwks } from "./auth.ts";
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
const rejects403 = (promise: Promise<unknown>) =>
  assert.rejects(
    promise,
    (e: HttpError) =>
      e instanceof HttpError && e.status === 403 && e.code === "forbidden",
  );

/** An ES256 key pair and its public JWK under `kid`. */
async function keyPair(kid: string) {
  const { publicKey, privateKey } = await generateKeyPair("ES256", {
    extractable: true,
  });
  const jwk = {
    ...(await exportJWK(publicKey)),
    kid,
    alg: "ES256",
    use: "sig",
  };
  return { privateKey, jwk };
}

/** A user token signed with `key` under `kid`. */
function signEs256(
  key: CryptoKey,
  kid: string,
  claims: Record<string, unknown> = { role: "authenticated" },
  audience = "authenticated",
) {
  return new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid })
    .setSubject(user).setAudience(audience).setExpirationTime("1h").sign(key);
}

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
  const sign = (key: CryptoKey, kid: string) => signEs256(key, kid);
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

Deno.test("tokens_of_the_anon_or_service_role_or_another_audience_are_403", async () => {
  const authenticate = createAuthenticator({ jwtSecret: secret, jwks: null });
  for (const role of ["anon", "service_role"]) {
    await rejects403(
      authenticate(
        request(`Bearer ${await signToken(secret, user, { role })}`),
      ),
    );
  }
  const otherAudience = await new SignJWT({ role: "authenticated" })
    .setProtectedHeader({ alg: "HS256" }).setSubject(user)
    .setAudience("someone-else").setExpirationTime("1h")
    .sign(new TextEncoder().encode(secret));
  await rejects403(authenticate(request(`Bearer ${otherAudience}`)));
  const noRole = await new SignJWT({}).setProtectedHeader({ alg: "HS256" })
    .setSubject(user).setAudience("authenticated").setExpirationTime("1h")
    .sign(new TextEncoder().encode(secret));
  await rejects403(authenticate(request(`Bearer ${noRole}`)));
});

Deno.test("a_bare_array_jwks_is_accepted_like_a_keys_object", async () => {
  const { privateKey, jwk } = await keyPair("bare");
  assert.deepEqual(parseJwks(JSON.stringify([jwk])), [jwk]);
  assert.deepEqual(parseJwks(JSON.stringify({ keys: [jwk] })), [jwk]);
  assert.throws(() => parseJwks('{"key": []}'));
  const authenticate = createAuthenticator({
    jwtSecret: null,
    jwks: JSON.stringify([jwk]),
  });
  const token = await signEs256(privateKey, "bare");
  assert.equal((await authenticate(request(`Bearer ${token}`))).userId, user);
});

Deno.test("without_jwt_secret_the_jwks_oct_key_verifies_hs256_tokens", async () => {
  const k = btoa(secret).replace(/\+/g, "-").replace(/\//g, "_").replace(
    /=+$/,
    "",
  );
  const { jwk } = await keyPair("asym");
  const authenticate = createAuthenticator({
    jwtSecret: null,
    jwks: JSON.stringify({ keys: [{ kty: "oct", k, alg: "HS256" }, jwk] }),
  });
  const caller = await authenticate(
    request(`Bearer ${await signToken(secret, user)}`),
  );
  assert.equal(caller.userId, user);
  await rejects401(
    authenticate(request(`Bearer ${await signToken("y".repeat(40), user)}`)),
  );
});

Deno.test({
  name: "an_unknown_kid_is_fetched_from_the_auth_server_jwks_and_cached",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const old = await keyPair("old");
    const rotated = await keyPair("rotated");
    let fetches = 0;
    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      (req) => {
        if (new URL(req.url).pathname !== "/auth/v1/.well-known/jwks.json") {
          return new Response("no", { status: 404 });
        }
        fetches++;
        return Response.json({ keys: [old.jwk, rotated.jwk] });
      },
    );
    try {
      const authenticate = createAuthenticator({
        jwtSecret: null,
        // The snapshot from before the rotation.
        jwks: JSON.stringify({ keys: [old.jwk] }),
        supabaseUrl: `http://127.0.0.1:${server.addr.port}/`,
      });
      const oldToken = await signEs256(old.privateKey, "old");
      assert.equal(
        (await authenticate(request(`Bearer ${oldToken}`))).userId,
        user,
      );
      assert.equal(fetches, 0, "a known kid needs no fetch");
      const fresh = await signEs256(rotated.privateKey, "rotated");
      assert.equal(
        (await authenticate(request(`Bearer ${fresh}`))).userId,
        user,
      );
      assert.equal(
        (await authenticate(request(`Bearer ${fresh}`))).userId,
        user,
      );
      assert.equal(fetches, 1, "the fetched key set is cached");
      const stranger = await keyPair("stranger");
      await rejects401(
        authenticate(
          request(`Bearer ${await signEs256(stranger.privateKey, "stranger")}`),
        ),
      );
    } finally {
      await server.shutdown();
    }
  },
});
