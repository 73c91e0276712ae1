import assert from "node:assert/strict";
import {
  BODY_TIMEOUT_MS,
  errorResponse,
  HttpError,
  isJsonContentType,
  MAX_BODY_BYTES,
  MAX_ISSUES,
  preflight,
  readJson,
} from "./http.ts";

const post = (
  body: BodyInit | null,
  headers: Record<string, string> = { "content-type": "application/json" },
) => new Request("http://localhost/", { method: "POST", body, headers });

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
    error: {
      code: "another_generating",
      message: "busy",
      issues: [],
      issueCount: 0,
      programId: "p",
    },
  });
});

Deno.test("an_error_lists_at_most_twenty_issues_and_counts_them_all", async () => {
  const issues = Array.from({ length: 32_000 }, (_, i) => ({
    path: `profile.excludedExercises.${i}`,
    message: "unknown exercise",
  }));
  const response = errorResponse(
    new HttpError("invalid_profile", "invalid profile: 32000 problems", issues),
  );
  const text = await response.text();
  const body = JSON.parse(text);
  assert.equal(body.error.issues.length, MAX_ISSUES);
  assert.equal(body.error.issueCount, 32_000);
  assert.deepEqual(body.error.issues[0], issues[0]);
  assert.ok(text.length < 4096, `the body is ${text.length} bytes`);
});

Deno.test("unexpected_errors_become_a_bare_500_without_details", async () => {
  const logged: unknown[] = [];
  const response = errorResponse(
    new Error('syntax error at or near "select"'),
    (e) => logged.push(e),
  );
  assert.equal(response.status, 500);
  assert.deepEqual(await response.json(), {
    error: {
      code: "internal",
      message: "internal error",
      issues: [],
      issueCount: 0,
    },
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

Deno.test("only_json_content_types_are_read", async () => {
  for (
    const type of [
      "application/json",
      "application/json; charset=utf-8",
      "Application/JSON",
      "application/merge-patch+json",
    ]
  ) assert.ok(isJsonContentType(type), type);
  for (
    const type of [
      null,
      "",
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/jsonp",
    ]
  ) {
    assert.ok(!isJsonContentType(type), String(type));
    await assert.rejects(
      readJson(post("{}", type === null ? {} : { "content-type": type })),
      (e: HttpError) => e.status === 415 && e.code === "unsupported_media_type",
    );
  }
});

Deno.test("a_body_that_does_not_arrive_in_time_is_408", async () => {
  let cancelled = false;
  const stalled = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"profile":'));
    },
    cancel() {
      cancelled = true;
    },
  });
  const started = Date.now();
  await assert.rejects(
    readJson(post(stalled), { bytes: MAX_BODY_BYTES, timeoutMs: 100 }),
    (e: HttpError) => e.status === 408 && e.code === "request_timeout",
  );
  assert.ok(Date.now() - started < 2000);
  assert.ok(cancelled, "the stalled body was not cancelled");
  assert.ok(BODY_TIMEOUT_MS >= 1000);
});
