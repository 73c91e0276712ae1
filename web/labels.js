/**
 * Human words for the wire vocabulary.
 *
 * The profile and program JSON use snake_case enum names. Their values, their
 * words and the order the form offers them in come from `vocabulary.json`,
 * which is generated from `src/boundary/vocabulary.rs`; this module only
 * looks them up, and keeps the words for the function's own statuses. It
 * knows nothing about the DOM.
 * @module
 */

import vocabulary from "./vocabulary.json" with { type: "json" };

/**
 * The generator's vocabulary, generated from Rust (`program-gen vocabulary`,
 * checked by `tests/vocabulary.rs`): enum values with their words, volume
 * groups, muscles, set-counting weights and landmark bands.
 */
export const VOCABULARY = vocabulary;

/** `[{value, label}]` → `[[value, label]]`, the shape the form draws from. */
const pairs = (terms) => terms.map(({ value, label }) => [value, label]);

/** Goals, in the order the form offers them. */
export const GOALS = pairs(vocabulary.goals);

/** Experience levels. */
export const EXPERIENCE = pairs(vocabulary.experience);

/** Equipment; bodyweight is implicit and never listed. */
export const EQUIPMENT = pairs(vocabulary.equipment);

/** Injured regions. */
export const INJURIES = pairs(vocabulary.injuries);

/** Weekdays, Monday first like the generator. */
export const WEEKDAYS = pairs(vocabulary.weekdays);

/** Load units, the default first. */
export const UNITS = pairs(vocabulary.units);

/** Lifts whose 1RM the profile accepts, keyed by their JSON field. */
export const LIFTS = pairs(vocabulary.lifts);

/** The lightest and heaviest 1RM the profile accepts, by unit. */
export const ONE_REP_MAX_BOUNDS = new Map(
  vocabulary.oneRepMaxBounds.map((b) => [b.units, [b.lightest, b.heaviest]]),
);

/** Volume groups in the generator's canonical order. */
export const VOLUME_GROUPS = pairs(vocabulary.volumeGroups);

/** A program's status as the function reports it; not generator vocabulary. */
const STATUSES = new Map([
  ["queued", "Queued"],
  ["pending", "Queued"],
  ["generating", "Generating"],
  ["completed", "Ready"],
  ["failed", "Failed"],
]);

const MAPS = {
  split: new Map(pairs(vocabulary.splits)),
  periodization: new Map(pairs(vocabulary.periodizations)),
  stage: new Map(pairs(vocabulary.stages)),
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
