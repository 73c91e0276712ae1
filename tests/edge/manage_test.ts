/**
 * Renaming, deleting and the exercise library over HTTP against the real
 * stack: typed errors, row-level security (a user never touches another's
 * program), the running-program guard of the delete policy, and the same
 * calls made through supabase-js's `functions.invoke`, as the function's
 * README shows them for an app.
 */

import assert from "node:assert/strict";
import { createClient } from "@supabase/supabase-js";
import {
  call,
  finished,
  fixture,
  HAVE_STACK,
  newUser,
  openSql,
  pollUntil,
  type Reply,
  type Server,
  startServer,
  type User,
} from "./_stack.ts";

function assertError(reply: Reply, status: number, code: string): void {
  assert.equal(
    reply.status,
    status,
    `expected ${status} ${code}, got ${reply.status} ${
      JSON.stringify(reply.body)
    }`,
  );
  assert.equal(reply.body?.error?.code, code);
  assert.equal(typeof reply.body.error.message, "string");
  assert(Array.isArray(reply.body.error.issues));
  assert.equal(reply.headers.get("access-control-allow-origin"), "*");
}

async function createCompleted(server: Server, user: User, title: string) {
  const reply = await call(server, user, {
    body: { title, profile: fixture("small") },
  });
  assert.equal(reply.status, 202, JSON.stringify(reply.body));
  const body = await pollUntil(server, user, reply.body.programId, finished);
  assert.equal(body.status, "completed", JSON.stringify(body));
  return reply.body.programId as string;
}

/** A supabase-js client for `user` against `server`, as an app builds one. */
function clientFor(server: Server, user: User) {
  return createClient(server.baseUrl, "dev-anon-key-unused-by-the-function", {
    accessToken: () => Promise.resolve(user.token),
  });
}

Deno.test({
  name: "rename, delete and the library",
  ignore: !HAVE_STACK,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const fast = await startServer();
    const slow = await startServer({ GENERATION_DELAY_MS: "300" });
    const sql = openSql();
    try {
      await t.step(
        "rename_stores_the_title_and_answers_the_status_body",
        async () => {
          const user = await newUser();
          const id = await createCompleted(fast, user, "Before");
          const reply = await call(fast, user, {
            method: "PATCH",
            query: `/${id}`,
            body: { title: "After" },
          });
          assert.equal(reply.status, 200, JSON.stringify(reply.body));
          assert.equal(reply.body.programId, id);
          assert.equal(reply.body.title, "After");
          assert.equal(reply.body.status, "completed");
          assert.equal(
            "program" in reply.body,
            false,
            "no program in the reply",
          );
          const [row] = await sql`
          select title, generation_status from public.training_programs where id = ${id}::uuid`;
          assert.deepEqual(row, {
            title: "After",
            generation_status: "completed",
          });
          const listed = await call(fast, user);
          assert.equal(listed.body.programs[0].title, "After");
        },
      );

      await t.step("rename_refuses_bad_titles_with_typed_errors", async () => {
        const user = await newUser();
        const id = await createCompleted(fast, user, "Keep");
        const cases: [unknown, string][] = [
          [{}, "title"],
          [{ title: 7 }, "title"],
          [{ title: "x".repeat(201) }, "title"],
          [{ title: "a\u0000b" }, "title"],
          [{ title: "ok", extra: 1 }, "extra"],
          [[], ""],
        ];
        for (const [body, path] of cases) {
          const reply = await call(fast, user, {
            method: "PATCH",
            query: `/${id}`,
            body,
          });
          assertError(reply, 400, "invalid_request");
          assert(
            reply.body.error.issues.some((i: { path: string }) =>
              i.path === path
            ),
            `${JSON.stringify(body)}: ${JSON.stringify(reply.body)}`,
          );
        }
        const notJson = await call(fast, user, {
          method: "PATCH",
          query: `/${id}`,
          body: "{",
        });
        assertError(notJson, 400, "invalid_json");
        const [row] =
          await sql`select title from public.training_programs where id = ${id}::uuid`;
        assert.equal(row.title, "Keep");
      });

      await t.step(
        "another_users_program_can_be_neither_renamed_nor_deleted",
        async () => {
          const owner = await newUser();
          const intruder = await newUser();
          const id = await createCompleted(fast, owner, "Mine");
          assertError(
            await call(fast, intruder, {
              method: "PATCH",
              query: `/${id}`,
              body: { title: "Yours now" },
            }),
            404,
            "not_found",
          );
          assertError(
            await call(fast, intruder, { method: "DELETE", query: `/${id}` }),
            404,
            "not_found",
          );
          const [row] =
            await sql`select title from public.training_programs where id = ${id}::uuid`;
          assert.equal(row?.title, "Mine", "the row is untouched");
        },
      );

      await t.step("no_token_is_401_and_unknown_ids_are_404", async () => {
        const user = await newUser();
        const id = crypto.randomUUID();
        assertError(
          await call(fast, null, { method: "DELETE", query: `/${id}` }),
          401,
          "unauthorized",
        );
        assertError(
          await call(fast, null, {
            method: "PATCH",
            query: `/${id}`,
            body: { title: "x" },
          }),
          401,
          "unauthorized",
        );
        assertError(
          await call(fast, user, { method: "DELETE", query: `/${id}` }),
          404,
          "not_found",
        );
        assertError(
          await call(fast, user, {
            method: "PATCH",
            query: `/${id}`,
            body: { title: "x" },
          }),
          404,
          "not_found",
        );
        assertError(
          await call(fast, user, { method: "DELETE", query: "/not-a-uuid" }),
          404,
          "not_found",
        );
        // The collection itself is neither renamed nor deleted.
        const collection = await call(fast, user, { method: "DELETE" });
        assertError(collection, 405, "method_not_allowed");
        assert.match(collection.headers.get("allow") ?? "", /POST/);
        const library = await call(fast, user, {
          method: "DELETE",
          query: "/library",
        });
        assertError(library, 405, "method_not_allowed");
      });

      await t.step(
        "delete_removes_the_program_and_a_second_delete_is_404",
        async () => {
          const user = await newUser();
          const id = await createCompleted(fast, user, "Gone soon");
          const reply = await call(fast, user, {
            method: "DELETE",
            query: `/${id}`,
          });
          assert.equal(reply.status, 204);
          assert.equal(reply.body, null);
          assert.equal(reply.headers.get("access-control-allow-origin"), "*");
          assertError(
            await call(fast, user, { query: `/${id}` }),
            404,
            "not_found",
          );
          const rows =
            await sql`select 1 from public.training_programs where id = ${id}::uuid`;
          assert.equal(rows.length, 0);
          assertError(
            await call(fast, user, { method: "DELETE", query: `/${id}` }),
            404,
            "not_found",
          );
        },
      );

      await t.step(
        "a_generating_program_is_not_deleted_under_its_worker",
        async () => {
          const user = await newUser();
          const started = await call(slow, user, {
            body: { profile: fixture("typical") },
          });
          assert.equal(started.status, 202);
          const id = started.body.programId;
          const refused = await call(slow, user, {
            method: "DELETE",
            query: `/${id}`,
          });
          assertError(refused, 409, "already_generating");
          assert.equal(refused.body.error.programId, id);
          assert.equal(refused.headers.get("retry-after"), "1");
          const done = await pollUntil(slow, user, id, finished, 60_000);
          assert.equal(done.status, "completed");
          const reply = await call(slow, user, {
            method: "DELETE",
            query: `/${id}`,
          });
          assert.equal(reply.status, 204);
        },
      );

      await t.step(
        "the_library_lists_exercises_with_names_and_equipment",
        async () => {
          const user = await newUser();
          assertError(
            await call(fast, null, { query: "/library" }),
            401,
            "unauthorized",
          );
          const reply = await call(fast, user, { query: "/library" });
          assert.equal(reply.status, 200);
          assert.equal(typeof reply.body.version, "string");
          assert(reply.body.exercises.length > 100, "the whole library");
          const squat = reply.body.exercises.find((e: { id: string }) =>
            e.id === "back_squat"
          );
          assert.equal(typeof squat?.name, "string");
          assert(squat.equipment.includes("barbell"));
          assert.match(reply.headers.get("cache-control") ?? "", /max-age/);
        },
      );

      await t.step("the_preflight_allows_patch_and_delete", async () => {
        const response = await fetch(
          `${fast.functionUrl}/${crypto.randomUUID()}`,
          {
            method: "OPTIONS",
          },
        );
        await response.body?.cancel();
        assert.equal(response.status, 204);
        const methods = response.headers.get("access-control-allow-methods") ??
          "";
        for (const method of ["GET", "POST", "PATCH", "DELETE"]) {
          assert(methods.includes(method), methods);
        }
      });

      await t.step(
        "supabase_js_functions_invoke_makes_the_readme_calls",
        async () => {
          const user = await newUser();
          const supabase = clientFor(fast, user);
          // Create: POST {profile, title}.
          const created = await supabase.functions.invoke("generate-program", {
            body: { profile: fixture("small"), title: "From supabase-js" },
          });
          assert.equal(created.error, null, String(created.error));
          assert.equal(created.response?.status, 202);
          const { programId } = created.data;
          assert.ok(
            created.response?.headers.get("location")?.endsWith(programId),
          );
          // Status: GET …/<id>?fields=status until it is done.
          let status;
          for (let i = 0; i < 300; i++) {
            status = await supabase.functions.invoke(
              `generate-program/${programId}?fields=status`,
              { method: "GET" },
            );
            assert.equal(status.error, null);
            if (finished(status.data)) break;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          assert.equal(status?.data.status, "completed");
          // The program itself.
          const full = await supabase.functions.invoke(
            `generate-program/${programId}`,
            {
              method: "GET",
            },
          );
          assert.ok(full.data.program.weeks.length > 0);
          // Rename, list, regenerate, library, delete.
          const renamed = await supabase.functions.invoke(
            `generate-program/${programId}`,
            {
              method: "PATCH",
              body: { title: "Renamed" },
            },
          );
          assert.equal(renamed.data.title, "Renamed");
          const list = await supabase.functions.invoke(
            "generate-program?limit=5",
            {
              method: "GET",
            },
          );
          assert.equal(list.data.programs[0].title, "Renamed");
          const forced = await supabase.functions.invoke("generate-program", {
            body: { programId, force: true },
          });
          assert.equal(
            forced.response?.status,
            202,
            JSON.stringify(forced.data),
          );
          await pollUntil(fast, user, programId, finished, 60_000);
          const library = await supabase.functions.invoke(
            "generate-program/library",
            {
              method: "GET",
            },
          );
          assert.ok(library.data.exercises.length > 100);
          const deleted = await supabase.functions.invoke(
            `generate-program/${programId}`,
            {
              method: "DELETE",
            },
          );
          assert.equal(deleted.error, null);
          assert.equal(deleted.response?.status, 204);
          // A typed error arrives as a FunctionsHttpError whose context is the response.
          const missing = await supabase.functions.invoke(
            `generate-program/${programId}`,
            {
              method: "GET",
            },
          );
          assert.equal(missing.error?.name, "FunctionsHttpError");
          assert.equal(missing.response?.status, 404);
          const envelope = await missing.response!.json();
          assert.equal(envelope.error.code, "not_found");
        },
      );
    } finally {
      await sql.end();
      await fast.stop();
      await slow.stop();
    }
  },
});
