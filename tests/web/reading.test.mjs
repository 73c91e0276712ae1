// The pure parts of reading and controlling a program, straight from web/
// (no browser): notes shown once, warm-ups in words, swaps that only accept a
// listed substitute, the exclusions search, and which final state an error
// leads to.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ApiError, NetworkError } from "../../web/api.js";
import { searchExercises } from "../../web/exclusions.js";
import { endStateOf, endView, isProgramId, State } from "../../web/messages.js";
import { nextSession, sharedNotes, warmUpText } from "../../web/program.js";
import { applySwap, loadSwaps, saveSwaps } from "../../web/swaps.js";

test("a note shared by several exercises is listed once with their numbers", () => {
  const notes = sharedNotes([
    { notes: "Add load at the top." },
    { notes: "Slow and full range." },
    { notes: "Add load at the top." },
    { notes: "" },
  ]);
  assert.deepEqual(notes, [
    { text: "Add load at the top.", numbers: [1, 3] },
    { text: "Slow and full range.", numbers: [2] },
  ]);
});

test("warm-up sets read as reps × percent, with the load when there is one", () => {
  assert.equal(
    warmUpText([
      { reps: 8, percent: 40, load: { value: 40, unit: "kg" } },
      { reps: 3, percent: 75, load: null },
    ], "kg"),
    "8 × 40% (40 kg), 3 × 75% of the working weight",
  );
});

test("a swap applies only to a substitute the exercise still lists", () => {
  const exercise = {
    exerciseId: "back_squat",
    substitutes: [{ exerciseId: "goblet_squat", name: "Goblet Squat" }],
  };
  assert.deepEqual(
    applySwap(exercise, {
      back_squat: { exerciseId: "goblet_squat", name: "Old name" },
    }),
    { exerciseId: "goblet_squat", name: "Goblet Squat" },
  );
  assert.equal(
    applySwap(exercise, {
      back_squat: { exerciseId: "leg_press", name: "Leg Press" },
    }),
    null,
  );
  assert.equal(applySwap({ exerciseId: "dips" }, {}), null);
});

test("swaps are stored per program and an empty set leaves nothing behind", () => {
  const store = new Map();
  const storage = {
    getItem: (k) => store.get(k) ?? null,
    setItem: (k, v) => store.set(k, v),
    removeItem: (k) => store.delete(k),
  };
  const swap = { back_squat: { exerciseId: "goblet_squat", name: "Goblet" } };
  saveSwaps("p1", swap, storage);
  assert.deepEqual(loadSwaps("p1", storage), swap);
  assert.deepEqual(loadSwaps("p2", storage), {});
  saveSwaps("p1", {}, storage);
  assert.equal(store.size, 0);
  store.set("program-swaps:p3", "not json");
  assert.deepEqual(loadSwaps("p3", storage), {});
});

test("the exclusions search matches every word, names first, skipping chosen ones", () => {
  const library = [
    { id: "back_squat", name: "Barbell Back Squat" },
    { id: "front_squat", name: "Barbell Front Squat" },
    { id: "squat_jump", name: "Squat Jump" },
    { id: "goblet_squat", name: "Goblet Squat" },
  ];
  assert.deepEqual(
    searchExercises(library, "squat").map((e) => e.id),
    ["squat_jump", "back_squat", "front_squat", "goblet_squat"],
  );
  assert.deepEqual(
    searchExercises(library, "barbell SQUAT", new Set(["back_squat"])).map((
      e,
    ) => e.id),
    ["front_squat"],
  );
  assert.deepEqual(searchExercises(library, "  "), []);
});

test("every watch error leads to a final state with words and, where useful, an action", () => {
  const api = (status, code) => new ApiError(status, code, "m", [], null);
  assert.equal(endStateOf(api(401, "unauthorized")), State.SignedOut);
  assert.equal(endStateOf(api(403, "forbidden")), State.SignedOut);
  assert.equal(endStateOf(api(404, "not_found")), State.NotFound);
  assert.equal(endStateOf(api(400, "invalid_request")), State.BadLink);
  assert.equal(endStateOf(new NetworkError("down")), State.Unreachable);
  for (const state of Object.values(State).slice(5)) {
    const view = endView(state);
    assert.ok(view.message.length > 20, state);
    assert.equal(view.percent, null, "no progress on a final state");
  }
  assert.equal(endView(State.SignedOut).action.kind, "sign-in");
  assert.equal(endView(State.Unreachable).action.kind, "check-again");
  assert.equal(isProgramId("6f9619ff-8b86-4d01-b42d-00cf4fc964ff"), true);
  assert.equal(isProgramId("6f9619ff-8b86-4d01-b42d"), false);
  assert.equal(isProgramId("<script>"), false);
});

test("the next session follows the week, then the next week, then ends", () => {
  const weeks = [{ sessions: [{}, {}] }, { sessions: [] }, { sessions: [{}] }];
  assert.deepEqual(nextSession(weeks, { week: 0, day: 0 }), {
    week: 0,
    day: 1,
  });
  assert.deepEqual(nextSession(weeks, { week: 0, day: 1 }), {
    week: 2,
    day: 0,
  });
  assert.equal(nextSession(weeks, { week: 2, day: 0 }), null);
});
