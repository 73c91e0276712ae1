/**
 * A seeded fuzz run against the real stack: thousands of random or malformed
 * requests (bad JSON, wrong types, huge strings, SQL metacharacters, forged
 * or expired tokens, other users' ids) must never get a 5xx, never reveal
 * another user's data, and never change a row the caller does not own.
 * `FUZZ_SEED` replays a run; `FUZZ_REQUESTS` sets its size (default 2400).
 */

import assert from "node:assert/strict";
import type postgres from "postgres";
import { signToken } from "../../supabase/functions/_dev/token.ts";
import { mulberry32 } from "../deno/profiles.ts";
import {
  call,
  finished,
  fixture,
  HAVE_STACK,
  JWT_SECRET,
  newUser,
  openSql,
  pollUntil,
  type Server,
  startServer,
  type User,
} from "./_stack.ts";

const SEED = Number(Deno.env.get("FUZZ_SEED") ?? Date.now() % 2 ** 31);
const REQUESTS = Number(Deno.env.get("FUZZ_REQUESTS") ?? 2400);
const PARALLEL = 16;

/** Every row not owned by `owner`, as canonical text, to compare before and after. */
async function snapshotOthers(
  sql: postgres.Sql,
  owner: string,
): Promise<string[]> {
  const rows = await sql`
    select row_to_json(t)::text as row from public.training_programs t
    where user_id <> ${owner}::uuid order by id`;
  return rows.map((r) => r.row as string);
}

type Request = {
  method: string;
  query?: string;
  body?: string;
  headers: Record<string, string>;
  path?: string;
};

Deno.test({
  name:
    `fuzzed_requests_never_5xx_and_never_touch_rows_the_caller_does_not_own (seed ${SEED})`,
  ignore: !HAVE_STACK,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const server = await startServer({ LEASE_SECONDS: "30" });
    const sql = openSql();
    try {
      // Victims with rows in every stable state.
      const victim = await newUser();
      const done = await createCompleted(server, victim);
      const [failedRow] = await sql`
        select id from public.create_training_program(${victim.id}::uuid, 'failed', ${
        sql.json(fixture("small") as postgres.JSONValue)
      })`;
      await sql`update public.training_programs set generation_status = 'failed',
                generation_error = 'old failure' where id = ${failedRow.id}`;
      const [pendingRow] = await sql`
        select id from public.create_training_program(${victim.id}::uuid, 'pending', ${
        sql.json(fixture("typical") as postgres.JSONValue)
      })`;
      const victimIds = [done, failedRow.id as string, pendingRow.id as string];
      const attacker = await newUser();
      const before = await snapshotOthers(sql, attacker.id);
      assert(before.length >= 3);

      const tokens = await tokenPool(attacker, victim);
      const random = mulberry32(SEED);
      const statuses = new Map<number, number>();
      const leaks: string[] = [];
      const serverErrors: string[] = [];
      let next = 0;
      const worker = async () => {
        while (next < REQUESTS) {
          next++;
          const request = makeRequest(random, tokens, victimIds, victim.id);
          const response = await send(server, request);
          statuses.set(
            response.status,
            (statuses.get(response.status) ?? 0) + 1,
          );
          if (response.status >= 500) {
            serverErrors.push(
              `${response.status} ${describe(request)}: ${response.text}`,
            );
          }
          // The API never echoes input, so any victim id in an answer is a leak.
          if (
            [...victimIds, victim.id].some((id) => response.text.includes(id))
          ) {
            leaks.push(`${describe(request)} → ${response.text.slice(0, 200)}`);
          }
        }
      };
      await Promise.all(Array.from({ length: PARALLEL }, worker));
      console.log(
        `fuzz seed ${SEED}: ${REQUESTS} requests, statuses ${
          JSON.stringify(Object.fromEntries(statuses))
        }`,
      );

      assert.deepEqual(serverErrors, [], `5xx answers (seed ${SEED})`);
      assert.deepEqual(
        leaks,
        [],
        `another user's program was revealed (seed ${SEED})`,
      );
      // Let the attacker's own runs settle, then compare everything else.
      await settle(sql, attacker.id);
      assert.deepEqual(
        await snapshotOthers(sql, attacker.id),
        before,
        `seed ${SEED}`,
      );
      const total = [...statuses.values()].reduce((a, b) => a + b, 0);
      assert.equal(total, REQUESTS);
      for (const status of [400, 401, 404, 405, 413]) {
        assert(
          (statuses.get(status) ?? 0) > 0,
          `the fuzz never produced a ${status}`,
        );
      }
    } finally {
      await sql.end();
      await server.stop();
    }
  },
});

async function createCompleted(server: Server, user: User): Promise<string> {
  const reply = await call(server, user, {
    body: { title: "victim", profile: fixture("small") },
  });
  assert.equal(reply.status, 202);
  const body = await pollUntil(server, user, reply.body.programId, finished);
  assert.equal(body.status, "completed");
  return reply.body.programId;
}

async function settle(sql: postgres.Sql, owner: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const [row] = await sql`
      select count(*)::int as n from public.training_programs
      where user_id = ${owner}::uuid and generation_status = 'generating'`;
    if (row.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type Tokens = { label: string; value: string | null }[];

async function tokenPool(attacker: User, victim: User): Promise<Tokens> {
  const now = Math.floor(Date.now() / 1000);
  const b64 = (value: unknown) =>
    btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(
      /\//g,
      "_",
    );
  const [, payload, signature] = attacker.token.split(".");
  const victimPayload = b64({
    sub: victim.id,
    role: "authenticated",
    exp: now + 600,
  });
  return [
    { label: "attacker", value: `Bearer ${attacker.token}` },
    { label: "attacker", value: `Bearer ${attacker.token}` },
    { label: "attacker", value: `Bearer ${attacker.token}` },
    { label: "none", value: null },
    { label: "empty", value: "" },
    { label: "bearer-only", value: "Bearer " },
    { label: "garbage", value: "Bearer abc.def.ghi" },
    {
      label: "expired",
      value: `Bearer ${await signToken(JWT_SECRET, attacker.id, {
        ttlSeconds: -5,
      })}`,
    },
    {
      label: "forged",
      value: `Bearer ${await signToken("x".repeat(40), victim.id)}`,
    },
    {
      label: "alg-none",
      value: `Bearer ${b64({ alg: "none" })}.${victimPayload}.`,
    },
    {
      label: "swapped-payload",
      value: `Bearer ${
        b64({ alg: "HS256", typ: "JWT" })
      }.${victimPayload}.${signature}`,
    },
    {
      label: "tampered",
      value: `Bearer ${attacker.token.split(".")[0]}.${payload}x.${signature}`,
    },
    {
      label: "sql-sub",
      value: `Bearer ${await signToken(JWT_SECRET, "' or 1=1 --")}`,
    },
    { label: "basic", value: "Basic YWRtaW46YWRtaW4=" },
  ];
}

const NASTY_STRINGS = [
  "'; drop table public.training_programs; --",
  "' or '1'='1",
  '" or ""="',
  "$$; select pg_sleep(10); $$",
  "\\x00",
  "\u0000",
  "😀".repeat(50),
  "%27%20OR%201=1",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "null",
  "-1",
  "1e309",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
];

function makeRequest(
  random: () => number,
  tokens: Tokens,
  victimIds: string[],
  victimUser: string,
): Request {
  const pick = <T>(items: readonly T[]): T =>
    items[Math.floor(random() * items.length)];
  // Most requests authenticate, so they reach the handlers behind the 401.
  const token = random() < 0.6 ? tokens[0] : pick(tokens);
  const headers: Record<string, string> = {};
  if (token.value !== null) headers.Authorization = token.value;
  const anyId = () =>
    pick([...victimIds, victimUser, crypto.randomUUID(), pick(NASTY_STRINGS)]);
  const kind = Math.floor(random() * 12);
  switch (kind) {
    case 0: // bad JSON
      return {
        method: "POST",
        headers,
        body: pick([
          "{",
          "}",
          "[",
          '{"profile":',
          "nul",
          "{'a':1}",
          "\u00ff\u00fe",
          '{"a":1}}',
          "1",
          '"x"',
          "true",
        ]),
      };
    case 1: // random bytes
      return {
        method: "POST",
        headers,
        body: randomText(random, Math.floor(random() * 2000)),
      };
    case 2: // wrong types for known fields
      return {
        method: "POST",
        headers,
        body: JSON.stringify({
          [pick(["profile", "programId", "title", "force"])]: pick(odd(random)),
          ...(random() < 0.5
            ? {
              [pick(["profile", "programId", "title", "force"])]: pick(
                odd(random),
              ),
            }
            : {}),
        }),
      };
    case 3: // other users' programs
      return {
        method: "POST",
        headers,
        body: JSON.stringify({
          programId: pick(victimIds),
          ...(random() < 0.5 ? { force: true } : {}),
        }),
      };
    case 4: // read other users' programs or page with their cursors
      return {
        method: "GET",
        headers,
        query: random() < 0.6
          ? `?programId=${encodeURIComponent(anyId())}`
          : `?before=${encodeURIComponent(anyId())}&limit=${
            pick(["1", "50", "0", "-1", "x", "1e3"])
          }`,
      };
    case 5: // profiles with mutated fields
      return {
        method: "POST",
        headers,
        body: JSON.stringify({
          profile: mutateProfile(random),
          title: pick(NASTY_STRINGS),
        }),
      };
    case 6: // huge strings
      return {
        method: "POST",
        headers,
        body: JSON.stringify({
          profile: fixture("small"),
          title: "x".repeat(pick([199, 200, 201, 10_000, 60_000, 70_000])),
        }),
      };
    case 7: // SQL metacharacters everywhere
      return {
        method: pick(["GET", "POST"]),
        headers,
        query: `?programId=${encodeURIComponent(pick(NASTY_STRINGS))}`,
        body: JSON.stringify({
          programId: pick(NASTY_STRINGS),
          title: pick(NASTY_STRINGS),
        }),
      };
    case 8: // other methods and paths
      return {
        method: pick(["PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "GET"]),
        headers,
        path: pick(["", "/", "/x", "/../dev/config.json", "/%2e%2e/"]),
      };
    case 9: // deep nesting
      return {
        method: "POST",
        headers,
        body: `{"profile":${"[".repeat(5000)}${"]".repeat(5000)}}`,
      };
    case 10: // valid create by the attacker (allowed, and exercises 409s)
      return {
        method: "POST",
        headers,
        body: JSON.stringify({
          title: pick(NASTY_STRINGS),
          profile: fixture(pick(["small", "typical"] as const)),
        }),
      };
    default: // list
      return {
        method: "GET",
        headers,
        query: pick(["", "?limit=50", "?limit=2", `?programId=${anyId()}`]),
      };
  }
}

function odd(random: () => number): unknown[] {
  return [
    null,
    true,
    0,
    -1,
    1.5,
    2 ** 60,
    "",
    "x".repeat(Math.floor(random() * 5000)),
    [],
    [1, 2, 3],
    {},
    { nested: { deeper: [null] } },
    ...NASTY_STRINGS,
  ];
}

function mutateProfile(random: () => number): unknown {
  const profile: Record<string, unknown> = { ...fixture("typical") };
  const keys = [
    ...Object.keys(profile),
    "unknownField",
    "seed",
    "preferredDays",
    "excludedExercises",
  ];
  const values = odd(random);
  const changes = 1 + Math.floor(random() * 3);
  for (let i = 0; i < changes; i++) {
    const key = keys[Math.floor(random() * keys.length)];
    if (random() < 0.2) delete profile[key];
    else profile[key] = values[Math.floor(random() * values.length)];
  }
  return profile;
}

function randomText(random: () => number, length: number): string {
  let text = "";
  for (let i = 0; i < length; i++) {
    text += String.fromCharCode(Math.floor(random() * 0x2ff));
  }
  return text;
}

async function send(
  server: Server,
  request: Request,
): Promise<{ status: number; text: string }> {
  const hasBody = request.body !== undefined && request.method !== "GET" &&
    request.method !== "HEAD";
  const response = await fetch(
    `${server.functionUrl}${request.path ?? ""}${request.query ?? ""}`,
    {
      method: request.method,
      headers: {
        ...request.headers,
        ...(hasBody ? { "Content-Type": "application/json" } : {}),
      },
      body: hasBody ? request.body : undefined,
    },
  );
  return { status: response.status, text: await response.text() };
}

function describe(request: Request): string {
  const body = request.body === undefined
    ? ""
    : ` ${request.body.slice(0, 120)}`;
  return `${request.method} ${request.path ?? ""}${request.query ?? ""}${body}`;
}
