import assert from "node:assert/strict";
import { HttpError } from "./http.ts";
import {
  depthExceeds,
  MAX_DEPTH,
  MAX_TITLE_LENGTH,
  parseReadRequest,
  parseRenameRequest,
  parseStartRequest,
  programIdFromPath,
  resourceFromPath,
} from "./requests.ts";

const id = "6f9619ff-8b86-4d01-b42d-00cf4fc964ff";

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    assert(error instanceof HttpError);
    assert.equal(error.status, 400);
    return (error.issues ?? []).map((issue) => issue.path);
  }
  throw new Error("expected a 400");
}

Deno.test("profile_body_becomes_a_create_request_with_an_empty_default_title", () => {
  assert.deepEqual(parseStartRequest({ profile: { goal: "x" } }), {
    kind: "create",
    profile: { goal: "x" },
    title: "",
  });
  assert.equal(
    (parseStartRequest({ profile: {}, title: "Block" }) as { title: string })
      .title,
    "Block",
  );
});

Deno.test("program_id_body_becomes_a_start_request_lowercased_with_force_defaulting_to_false", () => {
  assert.deepEqual(parseStartRequest({ programId: id.toUpperCase() }), {
    kind: "start",
    programId: id,
    force: false,
  });
  assert.equal(
    (parseStartRequest({ programId: id, force: true }) as { force: boolean })
      .force,
    true,
  );
});

Deno.test("bad_bodies_are_400_with_the_offending_paths", () => {
  assert.deepEqual(issuesOf(() => parseStartRequest(null)), [""]);
  assert.deepEqual(issuesOf(() => parseStartRequest([])), [""]);
  assert.deepEqual(issuesOf(() => parseStartRequest({})), [""]);
  assert.deepEqual(
    issuesOf(() => parseStartRequest({ programId: "nope", force: 1 })),
    ["programId", "force"],
  );
  assert.deepEqual(
    issuesOf(() => parseStartRequest({ profile: {}, title: 3 })),
    ["title"],
  );
  assert.deepEqual(
    issuesOf(() => parseStartRequest({ profile: {}, title: "a\u0000b" })),
    ["title"],
  );
  assert.deepEqual(
    issuesOf(() => parseStartRequest({ profile: {}, title: "t".repeat(201) })),
    ["title"],
  );
  assert.deepEqual(
    issuesOf(() => parseStartRequest({ profile: {}, force: true })),
    ["force"],
  );
  assert.deepEqual(
    issuesOf(() => parseStartRequest({ profile: {}, programId: id })),
    [""],
  );
});

Deno.test("bodies_nested_deeper_than_the_limit_are_refused", () => {
  let deep: unknown = 1;
  for (let i = 0; i < MAX_DEPTH; i++) deep = [deep];
  assert.equal(depthExceeds(deep, MAX_DEPTH), false);
  assert.equal(depthExceeds([deep], MAX_DEPTH), true);
  assert.deepEqual(issuesOf(() => parseStartRequest({ profile: [[deep]] })), [
    "",
  ]);
});

Deno.test("queries_parse_to_status_or_list_with_bounded_limits", () => {
  assert.deepEqual(parseReadRequest(new URLSearchParams(`programId=${id}`)), {
    kind: "status",
    programId: id,
    fields: "all",
  });
  assert.deepEqual(parseReadRequest(new URLSearchParams("")), {
    kind: "list",
    limit: 20,
    before: null,
  });
  assert.deepEqual(
    parseReadRequest(new URLSearchParams(`limit=50&before=${id}`)),
    {
      kind: "list",
      limit: 50,
      before: id,
    },
  );
  for (
    const query of [
      "programId=1",
      "limit=0",
      "limit=51",
      "limit=1.5",
      "limit=-1",
      "before=x",
    ]
  ) {
    issuesOf(() => parseReadRequest(new URLSearchParams(query)));
  }
});

Deno.test("a_path_id_names_one_program_and_fields_status_leaves_out_the_program", () => {
  assert.equal(programIdFromPath("/generate-program"), null);
  assert.equal(programIdFromPath("/functions/v1/generate-program/"), null);
  assert.equal(programIdFromPath("/"), null);
  assert.equal(programIdFromPath(`/generate-program/${id.toUpperCase()}`), id);
  assert.equal(
    programIdFromPath(`/functions/v1/generate-program/${id}/`),
    id,
  );
  assert.equal(programIdFromPath("/generate-program/not-a-uuid"), undefined);
  assert.equal(programIdFromPath(`/generate-program/${id}/more`), undefined);
  assert.deepEqual(
    parseReadRequest(new URLSearchParams("fields=status"), id),
    { kind: "status", programId: id, fields: "status" },
  );
  assert.deepEqual(
    issuesOf(() =>
      parseReadRequest(new URLSearchParams(`programId=${id}&fields=program`))
    ),
    ["fields"],
  );
});

Deno.test("a_path_names_the_collection_one_program_or_the_library", () => {
  assert.deepEqual(resourceFromPath("/functions/v1/generate-program"), {
    kind: "collection",
  });
  assert.deepEqual(resourceFromPath(`/generate-program/${id}`), {
    kind: "program",
    programId: id,
  });
  assert.deepEqual(
    resourceFromPath("/functions/v1/generate-program/library/"),
    {
      kind: "library",
    },
  );
  assert.equal(resourceFromPath("/generate-program/library/x"), undefined);
  assert.equal(resourceFromPath("/generate-program/libraries"), undefined);
  assert.equal(resourceFromPath(`/generate-program/${id}/library`), undefined);
});

Deno.test("a_rename_takes_exactly_a_title_the_create_would_accept", () => {
  assert.deepEqual(parseRenameRequest({ title: "Block 2" }), {
    title: "Block 2",
  });
  assert.deepEqual(parseRenameRequest({ title: "" }), { title: "" });
  assert.deepEqual(issuesOf(() => parseRenameRequest({})), ["title"]);
  assert.deepEqual(issuesOf(() => parseRenameRequest({ title: 1 })), ["title"]);
  assert.deepEqual(
    issuesOf(() =>
      parseRenameRequest({ title: "x".repeat(MAX_TITLE_LENGTH + 1) })
    ),
    ["title"],
  );
  assert.deepEqual(issuesOf(() => parseRenameRequest({ title: "a\nb" })), [
    "title",
  ]);
  assert.deepEqual(
    issuesOf(() => parseRenameRequest({ title: "ok", force: true })),
    ["force"],
  );
  assert.deepEqual(issuesOf(() => parseRenameRequest(null)), [""]);
  // The same title rule as a create's.
  assert.deepEqual(
    issuesOf(() =>
      parseStartRequest({
        profile: {},
        title: "x".repeat(MAX_TITLE_LENGTH + 1),
      })
    ),
    ["title"],
  );
});
