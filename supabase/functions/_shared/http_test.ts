import assert from "node:assert/strict";
import {
  errorResponse,
  HttpError,
  MAX_BODY_BYTES,
  preflight,
  readJson,
} from "./http.ts";

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("http://localhost/", { method: "POST", body, headers });

Deno.test("http_error_renders_the_typed_envelope_with_its_status_and_cors", async () => {
  const response = errorResponse(
    new HttpError("another_generating", "busy", undefined, { programId: "p" }, {
      "Retry-After": "1",
    }),
  );
  assert.equal(response.status, 409);
  assert.equal(response.headers.get("retry-after"), "1");
  assert.equal(response.headers.get("access-control-allow-origin"), "*");
  assert.equal(
    response.headers.get("access-control-expose-headers"),
    "Location, Retry-After",
  );
  assert.deepEqual(await response.json(), {
    programId: "p",
    error: { code: "another_generating", message: "busy" },
  });
});

Deno.test("unexpected_errors_become_a_bare_500_without_details", async () => {
  const logged: unknown[] = [];
  const response = errorResponse(
    new Error('syntax error at or near "select"'),
    (e) => logged.push(e),
  );
  assert.equal(response.status, 500);
  assert.deepEqual(await response.json(), {
    error: { code: "internal", message: "internal error" },
  });
  assert.equal(logged.length, 1);
});

Deno.test("preflight_is_204_with_cors", () => {
  const response = preflight();
  assert.equal(response.status, 204);
  assert.match(
    response.headers.get("access-control-allow-headers") ?? "",
    /authorization/,
  );
});

Deno.test("read_json_parses_a_body_within_the_limit", async () => {
  assert.deepEqual(await readJson(post('{"a":[1,2]}')), { a: [1, 2] });
});

Deno.test("read_json_rejects_malformed_empty_and_non_utf8_bodies_with_400", async () => {
  for (const body of ["{", "", "   ", new Uint8Array([0xff, 0xfe, 0x7b])]) {
    await assert.rejects(
      readJson(post(body)),
      (e: HttpError) => e.status === 400 && e.code === "invalid_json",
    );
  }
});

Deno.test("read_json_rejects_bodies_over_the_limit_declared_or_streamed", async () => {
  const big = "x".repeat(MAX_BODY_BYTES + 1);
  await assert.rejects(readJson(post(big)), (e: HttpError) => e.status === 413);
  const chunk = new Uint8Array(1024);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ < 65) controller.enqueue(chunk);
      else controller.close();
    },
  });
  await assert.rejects(
    readJson(post(stream)),
    (e: HttpError) => e.code === "payload_too_large",
  );
  // Exactly at the limit is accepted.
  const exact = JSON.stringify("y".repeat(MAX_BODY_BYTES - 2));
  assert.equal(
    (await readJson(post(exact)) as string).length,
    MAX_BODY_BYTES - 2,
  );
});
