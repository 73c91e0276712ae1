/**
 * The HTTP API against the real stack: the happy path, every error status,
 * paging, row-level security over HTTP, and CORS.
 */

import assert from "node:assert/strict";
import { signToken } from "../../supabase/functions/_dev/token.ts";
import { validateProgram } from "../../supabase/functions/_shared/generator.ts";
import {
  call,
  finished,
  fixture,
  HAVE_STACK,
  JWT_SECRET,
  newUser,
  openSql,
  pollUntil,
  type Reply,
  type Server,
  sleep,
  startServer,
  type User,
} from "./_stack.ts";

/** A stack frame, a source position, or database wording in a response. */
const LEAK =
  /\\n\s+at |\.[tj]s:\d|sqlstate|postgres|violates|relation |select .* from/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Asserts the typed error envelope and that nothing internal leaks. */
function assertError(reply: Reply, status: number, code: string): void {
  assert.equal(
    reply.status,
    status,
    `expected ${status} ${code}, got ${JSON.stringify(reply.body)}`,
  );
  assert.equal(reply.body?.error?.code, code);
  assert.equal(typeof reply.body.error.message, "string");
  assert(Array.isArray(reply.body.error.issues), "issues is always a list");
  assert(reply.body.error.issues.length <= 20, "at most 20 issues");
  assert(reply.body.error.issueCount >= reply.body.error.issues.length);
  assert.deepEqual(Object.keys(reply.body), ["error"], "one envelope");
  assertNoLeak(reply);
  assertCors(reply);
}

function assertNoLeak(reply: Reply): void {
  const text = JSON.stringify(reply.body);
  assert(!LEAK.test(text), `internal detail leaked: ${text}`);
}

function assertCors(reply: Reply): void {
  assert.equal(reply.headers.get("access-control-allow-origin"), "*");
  assert.match(
    reply.headers.get("access-control-expose-headers") ?? "",
    /Location.*Retry-After/,
  );
}

async function createProgram(
  server: Server,
  user: User,
  title = "mine",
): Promise<string> {
  const reply = await call(server, user, {
    body: { title, profile: fixture("small") },
  });
  assert.equal(reply.status, 202, JSON.stringify(reply.body));
  return reply.body.programId;
}

async function createCompleted(
  server: Server,
  user: User,
  title = "mine",
): Promise<string> {
  const id = await createProgram(server, user, title);
  const body = await pollUntil(server, user, id, finished);
  assert.equal(body.status, "completed", JSON.stringify(body));
  return id;
}

Deno.test({
  name: "http api",
  ignore: !HAVE_STACK,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const fast = await startServer();
    // Slow enough that a run is observably "generating" for about a second.
    const slow = await startServer({
      GENERATION_DELAY_MS: "120",
      LEASE_SECONDS: "5",
    });
    try {
      await t.step(
        "post_profile_answers_202_then_polling_shows_generating_then_completed",
        async () => {
          const user = await newUser();
          const profile = fixture("typical");
          const reply = await call(slow, user, {
            body: { title: "Block 1", profile },
          });
          assert.equal(reply.status, 202, JSON.stringify(reply.body));
          assertCors(reply);
          const { programId, jobId, status, attempts, statusUrl } = reply.body;
          assert.match(programId, UUID);
          assert.match(jobId, UUID);
          assert.equal(status, "generating");
          assert.equal(attempts, 1);
          assert.equal(statusUrl, `${slow.functionUrl}/${programId}`);
          assert.equal(reply.headers.get("location"), statusUrl);
          assert.equal(reply.headers.get("retry-after"), "1");

          const seen: string[] = [];
          const last = await pollUntil(slow, user, programId, (body) => {
            seen.push(body.status);
            return finished(body);
          });
          assert.equal(seen[0], "generating");
          assert.equal(last.status, "completed");
          assert.equal(last.title, "Block 1");
          assert.equal(last.error, null);
          assert.deepEqual(last.progress, { stage: "save", percent: 100 });
          assert.equal(last.attempts, 1);
          assert.equal(last.jobId, jobId);
          assert(Date.parse(last.finishedAt) >= Date.parse(last.startedAt));
          const verdict = await validateProgram(last.program, profile);
          assert.deepEqual(verdict.violations, []);
          assert.equal(verdict.valid, true);
        },
      );

      await t.step(
        "status_while_generating_has_progress_and_no_program",
        async () => {
          const user = await newUser();
          const id =
            (await call(slow, user, { body: { profile: fixture("small") } }))
              .body.programId;
          const body = await pollUntil(
            slow,
            user,
            id,
            (b) => b.progress !== null || finished(b),
          );
          assert.equal(body.status, "generating");
          assert.equal(typeof body.progress.stage, "string");
          assert(body.progress.percent > 0 && body.progress.percent <= 100);
          assert.equal(body.program, null);
          const polled = await call(slow, user, { query: `/${id}` });
          if (polled.body.status === "generating") {
            assert.equal(polled.headers.get("retry-after"), "1");
          }
          await pollUntil(slow, user, id, finished);
        },
      );

      await t.step(
        "completed_program_answers_200_without_force_and_202_with_force",
        async () => {
          const user = await newUser();
          const id = await createCompleted(fast, user);
          const again = await call(fast, user, { body: { programId: id } });
          assert.equal(again.status, 200);
          assert.equal(again.body.status, "completed");
          assert.equal(again.body.programId, id);
          const forced = await call(fast, user, {
            body: { programId: id, force: true },
          });
          assert.equal(forced.status, 202, JSON.stringify(forced.body));
          assert.equal(forced.body.attempts, 1);
          assert.equal(forced.headers.get("location"), forced.body.statusUrl);
          const body = await pollUntil(fast, user, id, finished);
          assert.equal(body.status, "completed");
          assert.equal(body.jobId, forced.body.jobId);
        },
      );

      await t.step(
        "live_lease_answers_409_already_generating_with_status",
        async () => {
          const user = await newUser();
          const id =
            (await call(slow, user, { body: { profile: fixture("small") } }))
              .body.programId;
          const reply = await call(slow, user, { body: { programId: id } });
          assertError(reply, 409, "already_generating");
          assert.equal(reply.body.error.programId, id);
          assert.equal(reply.body.error.status, "generating");
          assert.equal(reply.headers.get("retry-after"), "1");
          const forced = await call(slow, user, {
            body: { programId: id, force: true },
          });
          assertError(forced, 409, "already_generating");
          await pollUntil(slow, user, id, finished);
        },
      );

      await t.step(
        "second_program_while_one_generates_answers_409_naming_the_other",
        async () => {
          const user = await newUser();
          const first =
            (await call(slow, user, { body: { profile: fixture("small") } }))
              .body.programId;
          const second = await call(slow, user, {
            body: { profile: fixture("typical") },
          });
          assertError(second, 409, "another_generating");
          assert.equal(second.body.error.programId, first);
          assert.equal(second.body.error.status, "generating");
          // Nothing was created by the refused POST.
          const list = await call(slow, user);
          assert.deepEqual(
            list.body.programs.map((p: { programId: string }) => p.programId),
            [first],
          );
          await pollUntil(slow, user, first, finished);
        },
      );

      await t.step("list_pages_newest_first_with_a_before_cursor", async () => {
        const user = await newUser();
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) {
          ids.push(await createCompleted(fast, user, `p${i}`));
        }
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const query: string = `?limit=2${
            cursor === null ? "" : `&before=${cursor}`
          }`;
          const reply = await call(fast, user, { query });
          assert.equal(reply.status, 200);
          assert(reply.body.programs.length <= 2);
          for (const item of reply.body.programs) {
            assert.deepEqual(Object.keys(item).sort(), [
              "attempts",
              "createdAt",
              "error",
              "finishedAt",
              "jobId",
              "programId",
              "progress",
              "startedAt",
              "status",
              "title",
              "updatedAt",
            ]);
            seen.push(item.programId);
          }
          cursor = reply.body.next;
          pages++;
        } while (cursor !== null);
        assert.equal(pages, 3);
        assert.deepEqual(seen, [...ids].reverse());
        const all = await call(fast, user);
        assert.equal(all.body.programs.length, 5);
        assert.equal(all.body.next, null);
      });

      await t.step(
        "one_user_cannot_read_or_start_another_users_program",
        async () => {
          const owner = await newUser();
          const stranger = await newUser();
          const id = await createCompleted(fast, owner);
          assertError(
            await call(fast, stranger, { query: `?programId=${id}` }),
            404,
            "not_found",
          );
          assertError(
            await call(fast, stranger, { body: { programId: id } }),
            404,
            "not_found",
          );
          assertError(
            await call(fast, stranger, {
              body: { programId: id, force: true },
            }),
            404,
            "not_found",
          );
          const list = await call(fast, stranger);
          assert.deepEqual(list.body.programs, []);
          // The owner still sees it, unchanged.
          const mine = await call(fast, owner, { query: `?programId=${id}` });
          assert.equal(mine.status, 200);
          assert.equal(mine.body.status, "completed");
        },
      );

      await t.step("options_answers_204_with_cors", async () => {
        const response = await fetch(fast.functionUrl, {
          method: "OPTIONS",
          headers: {
            Origin: "http://example.test",
            "Access-Control-Request-Method": "POST",
          },
        });
        await response.body?.cancel();
        assert.equal(response.status, 204);
        assert.equal(response.headers.get("access-control-allow-origin"), "*");
        assert.match(
          response.headers.get("access-control-allow-headers") ?? "",
          /authorization/,
        );
        assert.match(
          response.headers.get("access-control-allow-methods") ?? "",
          /POST/,
        );
        assert.match(
          response.headers.get("access-control-expose-headers") ?? "",
          /Location/,
        );
      });

      await t.step(
        "bad_requests_get_typed_errors_with_the_right_status",
        async () => {
          const user = await newUser();
          const other = await newUser();
          const othersProgram = await createCompleted(fast, other);
          const expired = await signToken(JWT_SECRET, user.id, {
            ttlSeconds: -60,
          });
          const forged = await signToken(
            "another-secret-that-is-long-enough-to-sign",
            user.id,
          );
          const noSub = await signToken(JWT_SECRET, "", {});
          const anon = await signToken(JWT_SECRET, user.id, { role: "anon" });
          const serviceRole = await signToken(JWT_SECRET, user.id, {
            role: "service_role",
          });
          const notUuid = await signToken(JWT_SECRET, "admin", {});
          const unsigned = `${b64({ alg: "none", typ: "JWT" })}.${
            b64({ sub: user.id, exp: Math.floor(Date.now() / 1000) + 600 })
          }.`;
          const tooBig = JSON.stringify({
            profile: fixture("small"),
            title: "x".repeat(70_000),
          });
          const random = crypto.randomUUID();
          const valid = fixture("small");
          const as = (token: string): User => ({ id: user.id, token });

          type Case = {
            name: string;
            status: number;
            code: string;
            user?: User | null;
            init: Parameters<typeof call>[2];
            path?: string;
          };
          const cases: Case[] = [
            {
              name: "malformed json",
              status: 400,
              code: "invalid_json",
              init: { body: "{" },
            },
            {
              name: "empty body",
              status: 400,
              code: "invalid_json",
              init: { method: "POST", body: "" },
            },
            {
              name: "array body",
              status: 400,
              code: "invalid_request",
              init: { body: [] },
            },
            {
              name: "no fields",
              status: 400,
              code: "invalid_request",
              init: { body: {} },
            },
            {
              name: "unknown field",
              status: 400,
              code: "invalid_request",
              init: { body: { foo: 1 } },
            },
            {
              name: "profile and programId",
              status: 400,
              code: "invalid_request",
              init: { body: { profile: valid, programId: random } },
            },
            {
              name: "programId not uuid",
              status: 400,
              code: "invalid_request",
              init: { body: { programId: "1" } },
            },
            {
              name: "force not boolean",
              status: 400,
              code: "invalid_request",
              init: { body: { programId: random, force: "yes" } },
            },
            {
              name: "title not string",
              status: 400,
              code: "invalid_request",
              init: { body: { profile: valid, title: 5 } },
            },
            {
              name: "title too long",
              status: 400,
              code: "invalid_request",
              init: { body: { profile: valid, title: "t".repeat(201) } },
            },
            {
              name: "profile not object",
              status: 400,
              code: "invalid_profile",
              init: { body: { profile: "x" } },
            },
            {
              name: "profile empty",
              status: 400,
              code: "invalid_profile",
              init: { body: { profile: {} } },
            },
            {
              name: "profile out of range",
              status: 400,
              code: "invalid_profile",
              init: { body: { profile: { ...valid, weeks: 99 } } },
              path: "profile.weeks",
            },
            {
              name: "status id not uuid",
              status: 400,
              code: "invalid_request",
              init: { query: "?programId=abc" },
            },
            {
              name: "limit zero",
              status: 400,
              code: "invalid_request",
              init: { query: "?limit=0" },
            },
            {
              name: "limit too big",
              status: 400,
              code: "invalid_request",
              init: { query: "?limit=51" },
            },
            {
              name: "limit not a number",
              status: 400,
              code: "invalid_request",
              init: { query: "?limit=ten" },
            },
            {
              name: "before not uuid",
              status: 400,
              code: "invalid_request",
              init: { query: "?before=x" },
            },
            {
              name: "no token",
              status: 401,
              code: "unauthorized",
              user: null,
              init: {},
            },
            {
              name: "basic auth",
              status: 401,
              code: "unauthorized",
              user: null,
              init: { headers: { Authorization: "Basic dXNlcjpwYXNz" } },
            },
            {
              name: "garbage token",
              status: 401,
              code: "unauthorized",
              user: as("garbage"),
              init: {},
            },
            {
              name: "expired token",
              status: 401,
              code: "unauthorized",
              user: as(expired),
              init: {},
            },
            {
              name: "forged token",
              status: 401,
              code: "unauthorized",
              user: as(forged),
              init: {},
            },
            {
              name: "unsigned token",
              status: 401,
              code: "unauthorized",
              user: as(unsigned),
              init: {},
            },
            {
              name: "token without sub",
              status: 401,
              code: "unauthorized",
              user: as(noSub),
              init: {},
            },
            {
              name: "sub not a uuid",
              status: 401,
              code: "unauthorized",
              user: as(notUuid),
              init: {},
            },
            {
              name: "expired token on post",
              status: 401,
              code: "unauthorized",
              user: as(expired),
              init: { body: { profile: valid } },
            },
            {
              name: "unknown program",
              status: 404,
              code: "not_found",
              init: { query: `?programId=${random}` },
            },
            {
              name: "start unknown program",
              status: 404,
              code: "not_found",
              init: { body: { programId: random } },
            },
            {
              name: "other user's program",
              status: 404,
              code: "not_found",
              init: { query: `?programId=${othersProgram}` },
            },
            {
              name: "put",
              status: 405,
              code: "method_not_allowed",
              init: { method: "PUT", body: {} },
            },
            {
              name: "delete",
              status: 405,
              code: "method_not_allowed",
              init: { method: "DELETE" },
            },
            {
              name: "patch",
              status: 405,
              code: "method_not_allowed",
              init: { method: "PATCH", body: {} },
            },
            {
              name: "body over 64 KB",
              status: 413,
              code: "payload_too_large",
              init: { body: tooBig },
            },
            {
              name: "text/plain body",
              status: 415,
              code: "unsupported_media_type",
              init: {
                body: { profile: valid },
                headers: { "Content-Type": "text/plain" },
              },
            },
            {
              name: "form body",
              status: 415,
              code: "unsupported_media_type",
              init: {
                body: "profile=x",
                headers: {
                  "Content-Type": "application/x-www-form-urlencoded",
                },
              },
            },
            {
              name: "anon key",
              status: 403,
              code: "forbidden",
              user: as(anon),
              init: {},
            },
            {
              name: "service role key",
              status: 403,
              code: "forbidden",
              user: as(serviceRole),
              init: { body: { profile: valid } },
            },
            {
              name: "path id not a uuid",
              status: 404,
              code: "not_found",
              init: { query: "/not-a-uuid" },
            },
            {
              name: "path with more segments",
              status: 404,
              code: "not_found",
              init: { query: `/${random}/program` },
            },
            {
              name: "post to a program's path",
              status: 405,
              code: "method_not_allowed",
              init: { query: `/${random}`, body: { programId: random } },
            },
            {
              name: "unknown program by path",
              status: 404,
              code: "not_found",
              init: { query: `/${random}` },
            },
            {
              name: "fields not status or all",
              status: 400,
              code: "invalid_request",
              init: { query: `/${random}?fields=program` },
            },
            {
              name: "profile over 16 KB",
              status: 400,
              code: "invalid_profile",
              init: {
                body: {
                  profile: { ...valid, notes: "n".repeat(17 * 1024) },
                },
              },
              path: "profile",
            },
          ];
          for (const c of cases) {
            const reply = await call(
              fast,
              c.user === undefined ? user : c.user,
              c.init,
            );
            try {
              assertError(reply, c.status, c.code);
            } catch (error) {
              throw new Error(`case "${c.name}": ${(error as Error).message}`);
            }
            if (c.path !== undefined) {
              assert(
                reply.body.error.issues.some((i: { path: string }) =>
                  i.path === c.path
                ),
                c.name,
              );
            }
            if (c.code === "invalid_profile" || c.code === "invalid_request") {
              assert(
                Array.isArray(reply.body.error.issues) &&
                  reply.body.error.issues.length > 0,
                c.name,
              );
            }
          }
          // Nothing above created a program for the caller.
          assert.deepEqual((await call(fast, user)).body.programs, []);
        },
      );

      await t.step(
        "streamed_body_over_64_kb_without_length_answers_413",
        async () => {
          const user = await newUser();
          const chunk = new TextEncoder().encode(" ".repeat(16 * 1024));
          let sent = 0;
          const stream = new ReadableStream<Uint8Array>({
            pull(controller) {
              if (sent++ < 8) controller.enqueue(chunk);
              else controller.close();
            },
          });
          const response = await fetch(fast.functionUrl, {
            method: "POST",
            headers: {
              Authorization: `Bearer ${user.token}`,
              "Content-Type": "application/json",
            },
            body: stream,
          });
          const body = await response.json();
          assert.equal(response.status, 413);
          assert.equal(body.error.code, "payload_too_large");
        },
      );

      await t.step(
        "status_by_path_query_head_and_fields_status_share_one_shape",
        async () => {
          const user = await newUser();
          const id = await createCompleted(fast, user);
          const byQuery = await call(fast, user, { query: `?programId=${id}` });
          const byPath = await call(fast, user, { query: `/${id}` });
          assert.equal(byPath.status, 200);
          assert.deepEqual(byPath.body, byQuery.body);
          assert.notEqual(byPath.body.program, null);
          assert.equal(byPath.headers.get("retry-after"), null);
          const slim = await call(fast, user, {
            query: `/${id}?fields=status`,
          });
          assert.equal(slim.status, 200);
          assert(
            !("program" in slim.body),
            "fields=status shipped the program",
          );
          const { program: _, ...rest } = byPath.body;
          assert.deepEqual(slim.body, rest);
          const head = await fetch(`${fast.functionUrl}/${id}`, {
            method: "HEAD",
            headers: { Authorization: `Bearer ${user.token}` },
          });
          assert.equal(head.status, 200);
          assert.equal(await head.text(), "");
          assert.match(head.headers.get("content-type") ?? "", /json/);
          const missing = await fetch(
            `${fast.functionUrl}/${crypto.randomUUID()}`,
            {
              method: "HEAD",
              headers: { Authorization: `Bearer ${user.token}` },
            },
          );
          await missing.body?.cancel();
          assert.equal(missing.status, 404);
          // While generating, HEAD says when to come back.
          const running = await call(slow, user, {
            body: { profile: fixture("small") },
          });
          const polled = await fetch(running.body.statusUrl, {
            method: "HEAD",
            headers: { Authorization: `Bearer ${user.token}` },
          });
          await polled.body?.cancel();
          assert.equal(polled.status, 200);
          assert.equal(polled.headers.get("retry-after"), "1");
          await pollUntil(slow, user, running.body.programId, finished);
        },
      );

      await t.step(
        "a_forced_regeneration_keeps_serving_the_last_program_and_the_list_keeps_its_order",
        async () => {
          const user = await newUser();
          const older = await createCompleted(slow, user, "older");
          const newer = await createCompleted(slow, user, "newer");
          const before = (await call(slow, user, { query: `/${older}` })).body;
          const forced = await call(slow, user, {
            body: { programId: older, force: true },
          });
          assert.equal(forced.status, 202);
          const running = (await call(slow, user, { query: `/${older}` })).body;
          assert.equal(running.status, "generating");
          assert.deepEqual(running.program, before.program);
          // The list sorts by creation: a regeneration does not reorder it.
          const list = await call(slow, user);
          assert.deepEqual(
            list.body.programs.map((p: { programId: string }) => p.programId),
            [newer, older],
          );
          assert.equal(list.body.programs[1].status, "generating");
          // The run fails (as a crash would make it): the old program stays.
          const sql = openSql();
          try {
            await sql`select public.fail_generation(${older}::uuid, ${forced.body.jobId}::uuid,
                        'internal: the generator crashed')`;
          } finally {
            await sql.end();
          }
          const failed = (await call(slow, user, { query: `/${older}` })).body;
          assert.equal(failed.status, "failed");
          assert.deepEqual(failed.error, {
            code: "internal",
            message: "the generator crashed",
          });
          assert.deepEqual(failed.program, before.program);
          assert.equal(failed.attempts, 1);
        },
      );

      await t.step(
        "oversized_and_issue_heavy_bodies_get_small_typed_answers",
        async () => {
          const user = await newUser();
          // R5: about 64 KB of excludedExercises.
          const flood = {
            profile: {
              ...fixture("small"),
              excludedExercises: Array(31_000).fill(0),
            },
          };
          const text = JSON.stringify(flood);
          assert(text.length < 64 * 1024, `${text.length}`);
          const big = await call(fast, user, { body: text });
          assertError(big, 400, "invalid_profile");
          assert(JSON.stringify(big.body).length < 4096);
          // Many problems: at most 20 listed, all counted.
          const junk: Record<string, unknown> = { ...fixture("small") };
          for (let i = 0; i < 60; i++) junk[`unknown${i}`] = i;
          const many = await call(fast, user, { body: { profile: junk } });
          assertError(many, 400, "invalid_profile");
          assert.equal(many.body.error.issues.length, 20);
          assert(
            many.body.error.issueCount >= 60,
            `${many.body.error.issueCount}`,
          );
          assert.deepEqual((await call(fast, user)).body.programs, []);
        },
      );

      await t.step("a_body_that_stops_arriving_is_408", async () => {
        const impatient = await startServer({ BODY_TIMEOUT_MS: "300" });
        const user = await newUser();
        let stop = () => {};
        const stalled = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"profile": {'));
            stop = () => controller.close();
          },
        });
        try {
          const started = Date.now();
          const response = await fetch(impatient.functionUrl, {
            method: "POST",
            headers: {
              Authorization: `Bearer ${user.token}`,
              "Content-Type": "application/json",
            },
            body: stalled,
          });
          const body = await response.json();
          assert.equal(response.status, 408);
          assert.equal(body.error.code, "request_timeout");
          assert(Date.now() - started < 5000);
        } finally {
          stop();
          await impatient.stop();
        }
      });

      await t.step(
        "polling_heals_an_expired_lease_by_restarting_the_run",
        async () => {
          // A claim whose worker never ran: claim through SQL-free means by
          // POSTing to a server that is killed before it can finish.
          const doomed = await startServer({
            GENERATION_DELAY_MS: "2000",
            LEASE_SECONDS: "1",
          });
          const user = await newUser();
          const first = await call(doomed, user, {
            body: { profile: fixture("small") },
          });
          assert.equal(first.status, 202);
          await doomed.stop("SIGKILL");
          await sleep(1100);
          const healed = await pollUntil(
            fast,
            user,
            first.body.programId,
            finished,
            10_000,
          );
          assert.equal(healed.status, "completed");
          assert.equal(healed.attempts, 2);
          assert.notEqual(healed.jobId, first.body.jobId);
        },
      );
    } finally {
      await fast.stop();
      await slow.stop();
    }
  },
});

function b64(value: unknown): string {
  return btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-")
    .replace(/\//g, "_");
}
