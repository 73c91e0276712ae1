// The page's pure parts, imported straight from web/ (no browser needed):
// volume counting, polling delays, form-to-profile mapping, issue paths and
// the wording of failures.
import assert from "node:assert/strict";
import { test } from "node:test";
import { chartRows, weeklyGroupSets, zoneOf } from "../../web/chart.js";
import {
  DEFAULTS,
  describeIssue,
  fieldForPath,
  PRESETS,
  profileFromValues,
} from "../../web/form.js";
import { EQUIPMENT, label } from "../../web/labels.js";
import { explainFailure, isTerminal, statusView } from "../../web/messages.js";
import {
  BASE_DELAY_MS,
  MAX_DELAY_MS,
  MAX_FAILURE_DELAY_MS,
  nextDelayMs,
} from "../../web/poll.js";
import { parseRetryAfter } from "../../web/api.js";
import { load, rest, setsReps } from "../../web/program.js";

const exercise = (sets, primaryMuscles, secondaryMuscles = []) => ({
  sets,
  primaryMuscles,
  secondaryMuscles,
});

test("a set counts fully towards a primary group and half towards a secondary-only group", () => {
  const week = {
    sessions: [
      { exercises: [exercise(3, ["chest"], ["triceps", "front_delts"])] },
      { exercises: [exercise(4, ["triceps"], ["chest"])] },
    ],
  };
  const sets = weeklyGroupSets(week);
  assert.equal(sets.get("chest"), 3 + 2);
  assert.equal(sets.get("triceps"), 1.5 + 4);
  assert.equal(sets.get("shoulders"), 1.5);
});

test("muscles of one group count once per set, and groupless muscles not at all", () => {
  const week = {
    sessions: [{
      exercises: [
        exercise(2, ["lats", "upper_back"], [
          "rear_delts",
          "side_delts",
          "forearms",
        ]),
      ],
    }],
  };
  const sets = weeklyGroupSets(week);
  assert.equal(sets.get("back"), 2);
  assert.equal(sets.get("shoulders"), 1);
  assert.equal(sets.has("forearms"), false);
  assert.equal(sets.size, 2);
});

test("a group that is both primary and secondary in one exercise counts as primary only", () => {
  const sets = weeklyGroupSets({
    sessions: [{ exercises: [exercise(3, ["abs"], ["obliques"])] }],
  });
  assert.equal(sets.get("abs"), 3);
});

test("equipment presets name only equipment the generator knows", () => {
  const known = new Set(EQUIPMENT.map(([value]) => value));
  for (const [key, , equipment] of PRESETS) {
    for (const item of equipment) assert.ok(known.has(item), `${key}: ${item}`);
  }
});

test("labels come from the generated vocabulary, and unknown values are humanized", () => {
  assert.equal(label("equipment", "pullup_bar"), "Pull-up bar");
  assert.equal(label("goal", "hypertrophy"), "Build muscle");
  assert.equal(label("group", "abs"), "Abs");
  assert.equal(label("stage", "select"), "Choosing exercises");
  assert.equal(label("split", "a_new_split"), "A new split");
});

test("zones follow the landmarks, inclusive at MAV and MRV", () => {
  const lm = { mev: 8, mav: 14, mrv: 20 };
  assert.equal(zoneOf(7.5, lm), "below");
  assert.equal(zoneOf(8, lm), "productive");
  assert.equal(zoneOf(14, lm), "productive");
  assert.equal(zoneOf(14.5, lm), "high");
  assert.equal(zoneOf(20, lm), "high");
  assert.equal(zoneOf(21, lm), "over");
  assert.equal(zoneOf(5, undefined), "unknown");
});

test("chart rows include groups with landmarks but no sets, in canonical order", () => {
  const rows = chartRows(new Map([["biceps", 4], ["chest", 10]]), {
    back: { mev: 10, mav: 16, mrv: 22 },
  });
  assert.deepEqual(rows.map((r) => [r.group, r.sets]), [["chest", 10], [
    "back",
    0,
  ], ["biceps", 4]]);
  assert.equal(rows[1].zone, "below");
});

test("polling never asks sooner than Retry-After and slows gently to a cap", () => {
  assert.equal(nextDelayMs({ polls: 0, failures: 0 }), BASE_DELAY_MS);
  assert.equal(
    nextDelayMs({ retryAfterSeconds: 3, polls: 0, failures: 0 }),
    3000,
  );
  const delays = Array.from(
    { length: 40 },
    (_, polls) => nextDelayMs({ retryAfterSeconds: 1, polls, failures: 0 }),
  );
  for (let i = 1; i < delays.length; i++) assert.ok(delays[i] >= delays[i - 1]);
  assert.ok(
    delays[1] < 2 * delays[0],
    "gentle: the second poll is not twice as late",
  );
  assert.equal(delays.at(-1), MAX_DELAY_MS);
});

test("failures back off by doubling up to a cap, and Retry-After still wins", () => {
  assert.equal(nextDelayMs({ polls: 5, failures: 1 }), BASE_DELAY_MS);
  assert.equal(nextDelayMs({ polls: 5, failures: 3 }), 4 * BASE_DELAY_MS);
  assert.equal(nextDelayMs({ polls: 5, failures: 30 }), MAX_FAILURE_DELAY_MS);
  assert.equal(
    nextDelayMs({ retryAfterSeconds: 60, polls: 0, failures: 1 }),
    60_000,
  );
});

test("Retry-After is read as seconds or as an HTTP date", () => {
  assert.equal(parseRetryAfter("2"), 2);
  assert.equal(parseRetryAfter(null), null);
  assert.equal(parseRetryAfter("soon"), null);
  const now = Date.parse("2026-11-21T10:00:00Z");
  assert.equal(parseRetryAfter("Sat, 21 Nov 2026 10:00:05 GMT", now), 5);
  assert.equal(parseRetryAfter("Sat, 21 Nov 2026 09:00:00 GMT", now), 0);
});

test("the default form values make a valid profile with bodyweight implicit", () => {
  const { profile, issues } = profileFromValues(structuredClone(DEFAULTS));
  assert.deepEqual(issues, []);
  assert.equal(profile.daysPerWeek, 3);
  assert.equal(profile.units, "kg");
  assert.equal("oneRepMaxes" in profile, false, "empty 1RMs are left out");
  assert.equal(
    "preferredDays" in profile,
    false,
    "no preferred days means no preference",
  );
});

test("form values are checked with the profile's ranges and paths", () => {
  const values = {
    ...structuredClone(DEFAULTS),
    daysPerWeek: "7",
    sessionMinutes: "",
    weeks: "2.5",
    preferredDays: ["monday"],
    oneRepMaxes: {
      squat: "0",
      benchPress: "100.5",
      deadlift: "",
      overheadPress: "2000",
    },
    age: "12",
    seed: "9007199254740992",
  };
  const { profile, issues } = profileFromValues(values);
  assert.deepEqual(issues.map((i) => i.path).sort(), [
    "age",
    "daysPerWeek",
    "oneRepMaxes.overheadPress",
    "oneRepMaxes.squat",
    "seed",
    "sessionMinutes",
    "weeks",
  ]);
  assert.deepEqual(profile.oneRepMaxes, { benchPress: 100.5 });
});

test("preferred days must number exactly days per week", () => {
  const values = {
    ...structuredClone(DEFAULTS),
    daysPerWeek: "2",
    preferredDays: ["monday", "thursday", "friday"],
  };
  const { issues } = profileFromValues(values);
  assert.deepEqual(issues.map((i) => i.path), ["preferredDays"]);
  assert.match(issues[0].message, /exactly 2 days/);
  const fixed = profileFromValues({
    ...values,
    preferredDays: ["monday", "thursday"],
  });
  assert.deepEqual(fixed.issues, []);
  assert.deepEqual(fixed.profile.preferredDays, ["monday", "thursday"]);
});

test("excluded exercises are split, lower-cased and de-duplicated", () => {
  const { profile } = profileFromValues({
    ...structuredClone(DEFAULTS),
    excludedExercises: "Dips, back_squat  dips",
  });
  assert.deepEqual(profile.excludedExercises, ["dips", "back_squat"]);
});

test("server issue paths map onto form fields", () => {
  assert.equal(fieldForPath("profile.preferredDays[2]"), "preferredDays");
  assert.equal(fieldForPath("preferredDays[2]"), "preferredDays");
  assert.equal(fieldForPath("profile.oneRepMaxes.squat"), "oneRepMaxes.squat");
  assert.equal(fieldForPath("profile.equipment[0]"), "equipment");
  assert.equal(fieldForPath("profile"), null);
  assert.equal(fieldForPath(""), null);
  assert.equal(fieldForPath("profile.colour"), null);
  const issue = {
    path: "profile.excludedExercises[1]",
    message: "unknown exercise id",
  };
  assert.equal(
    describeIssue(issue, { excludedExercises: ["dips", "nope"] }),
    "“nope”: Unknown exercise id",
  );
});

test("status bodies become the card's states, and only completed and failed are terminal", () => {
  assert.equal(statusView({ status: "queued" }).state, "queued");
  assert.equal(statusView({ status: "pending" }).state, "queued");
  const generating = statusView({
    status: "generating",
    progress: { stage: "select", percent: 42.4 },
    attempts: 2,
  });
  assert.equal(generating.state, "generating");
  assert.equal(generating.percent, 42);
  assert.match(generating.stage, /choosing exercises/i);
  assert.match(generating.message, /attempt 2/);
  assert.equal(statusView({ status: "completed" }).percent, 100);
  assert.equal(
    statusView({ status: "failed", error: "injected failure" }).failure.detail,
    "injected failure",
  );
  assert.match(
    statusView({
      status: "failed",
      error: { code: "infeasible", message: "too few exercises for chest" },
    }).failure.summary,
    /Too few exercises/,
  );
  assert.deepEqual(
    ["pending", "generating", "completed", "failed"].map((status) =>
      isTerminal({ status })
    ),
    [
      false,
      false,
      true,
      true,
    ],
  );
});

test("failures are explained in plain words by kind", () => {
  assert.match(
    explainFailure("infeasible: too few exercises for squat").summary,
    /equipment/,
  );
  assert.match(
    explainFailure("generation did not finish after 3 attempts").summary,
    /too long/,
  );
  assert.match(
    explainFailure("injected failure").summary,
    /retrying usually works/i,
  );
  assert.equal(explainFailure("").detail, "No details were recorded.");
});

test("prescriptions read as sets × reps, rest and load", () => {
  assert.equal(
    setsReps({ sets: 3, repsMin: 8, repsMax: 12, unilateral: false }),
    "3 × 8–12",
  );
  assert.equal(
    setsReps({ sets: 5, repsMin: 5, repsMax: 5, unilateral: true }),
    "5 × 5 each side",
  );
  assert.equal(rest(45), "45 s");
  assert.equal(rest(120), "2 min");
  assert.equal(rest(150), "2 min 30 s");
  assert.equal(
    load({ load: { value: 92.5, unit: "kg" }, loadPercent1rm: 75 }),
    "92.5 kg (75% 1RM)",
  );
  assert.equal(load({ load: null, loadPercent1rm: 70 }), "70% 1RM");
  assert.equal(load({ load: null, loadPercent1rm: null }), "By effort");
});
