/**
 * Human words for the wire vocabulary.
 *
 * The profile and program JSON use snake_case enum names (see `src/profile.rs`,
 * `src/program.rs`, `src/anatomy.rs`). This module decides how each one reads
 * on the page and in which order the form offers them; it knows nothing about
 * the DOM.
 * @module
 */

/** Goals, in the order the form offers them. */
export const GOALS = [
  ["hypertrophy", "Build muscle"],
  ["strength", "Get stronger"],
  ["general_fitness", "General fitness"],
  ["muscular_endurance", "Muscular endurance"],
  ["fat_loss", "Lose fat"],
];

/** Experience levels. */
export const EXPERIENCE = [
  ["beginner", "Beginner (under a year)"],
  ["intermediate", "Intermediate (1–3 years)"],
  ["advanced", "Advanced (3+ years)"],
];

/** Equipment; bodyweight is implicit and never listed. */
export const EQUIPMENT = [
  ["barbell", "Barbell"],
  ["rack", "Squat rack"],
  ["bench", "Bench"],
  ["dumbbells", "Dumbbells"],
  ["kettlebell", "Kettlebell"],
  ["pullup_bar", "Pull-up bar"],
  ["dip_bars", "Dip bars"],
  ["cable", "Cable station"],
  ["machine", "Machines"],
  ["bands", "Resistance bands"],
  ["band_anchor", "Band anchor"],
  ["ez_bar", "EZ bar"],
  ["rings", "Rings"],
  ["box", "Box or step"],
];

/** Injured regions. */
export const INJURIES = [
  ["knee", "Knee"],
  ["lower_back", "Lower back"],
  ["shoulder", "Shoulder"],
  ["wrist", "Wrist"],
  ["elbow", "Elbow"],
  ["hip", "Hip"],
  ["ankle", "Ankle"],
  ["neck", "Neck"],
];

/** Weekdays, Monday first like the generator. */
export const WEEKDAYS = [
  ["monday", "Monday"],
  ["tuesday", "Tuesday"],
  ["wednesday", "Wednesday"],
  ["thursday", "Thursday"],
  ["friday", "Friday"],
  ["saturday", "Saturday"],
  ["sunday", "Sunday"],
];

/** Lifts whose 1RM the profile accepts, keyed by their JSON field. */
export const LIFTS = [
  ["squat", "Squat"],
  ["benchPress", "Bench press"],
  ["deadlift", "Deadlift"],
  ["overheadPress", "Overhead press"],
];

/** Volume groups in the generator's canonical order. */
export const VOLUME_GROUPS = [
  ["chest", "Chest"],
  ["back", "Back"],
  ["shoulders", "Shoulders"],
  ["quads", "Quads"],
  ["hamstrings", "Hamstrings"],
  ["glutes", "Glutes"],
  ["biceps", "Biceps"],
  ["triceps", "Triceps"],
  ["calves", "Calves"],
  ["abs", "Abs"],
];

const SPLITS = new Map([
  ["full_body", "Full body"],
  ["upper_lower", "Upper / lower"],
  ["upper_lower_push_pull_legs", "Upper / lower + push / pull / legs"],
  ["push_pull_legs", "Push / pull / legs"],
]);

const PERIODIZATION = new Map([
  ["linear", "Linear: loads rise week by week"],
  ["double_progression", "Double progression: add reps, then load"],
  ["undulating", "Undulating: heavy and light days alternate"],
  ["block", "Block: accumulation, then intensification, then realization"],
]);

const STAGES = new Map([
  ["load_profile", "Reading your profile"],
  ["validate_profile", "Checking your profile"],
  ["analyze", "Looking at your strengths and weak points"],
  ["plan", "Planning the split and weekly volume"],
  ["select", "Choosing exercises"],
  ["allocate", "Fitting sets into your time"],
  ["prescribe", "Setting reps, effort and loads"],
  ["progress", "Laying out the weeks"],
  ["validate_program", "Double-checking the program"],
  ["save", "Saving"],
]);

const STATUSES = new Map([
  ["queued", "Queued"],
  ["pending", "Queued"],
  ["generating", "Generating"],
  ["completed", "Ready"],
  ["failed", "Failed"],
]);

const MAPS = {
  split: SPLITS,
  periodization: PERIODIZATION,
  stage: STAGES,
  status: STATUSES,
  goal: new Map(GOALS),
  experience: new Map(EXPERIENCE),
  equipment: new Map(EQUIPMENT),
  injury: new Map(INJURIES),
  day: new Map(WEEKDAYS),
  group: new Map(VOLUME_GROUPS),
};

/**
 * The page's words for `value` of the given `kind`; unknown values are
 * humanized so a newer generator never shows a blank.
 * @param {keyof typeof MAPS} kind
 * @param {string} value
 * @returns {string}
 */
export function label(kind, value) {
  return MAPS[kind]?.get(value) ?? humanize(value);
}

/**
 * `lower_back` → `Lower back`.
 * @param {string} value
 * @returns {string}
 */
export function humanize(value) {
  const words = String(value ?? "").replaceAll("_", " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
