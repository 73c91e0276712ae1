/**
 * Exercise swaps, kept in this browser per program.
 *
 * A trainee may replace an exercise with one of the substitutes the program
 * lists for it. The choice is the trainee's, not the generator's, so it is
 * stored client-side under the program id (`localStorage`,
 * `program-swaps:<programId>`) and applies to every occurrence of the
 * exercise in that program; the program the function stored is never
 * changed, and a regenerated program keeps the swaps whose exercises it
 * still has. This module knows nothing about the DOM.
 * @module
 */

/** The storage key of a program's swaps. */
export function swapsKey(programId) {
  return `program-swaps:${programId}`;
}

/**
 * The swaps of a program: `{[exerciseId]: {exerciseId, name}}`.
 * @param {string} programId
 * @param {Storage} [storage]
 */
export function loadSwaps(programId, storage = globalThis.localStorage) {
  try {
    const saved = JSON.parse(storage.getItem(swapsKey(programId)) ?? "{}");
    return saved && typeof saved === "object" && !Array.isArray(saved)
      ? saved
      : {};
  } catch {
    return {};
  }
}

/**
 * Store a program's swaps; an empty set removes the entry.
 * @param {string} programId
 * @param {Record<string, {exerciseId: string, name: string}>} swaps
 * @param {Storage} [storage]
 */
export function saveSwaps(programId, swaps, storage = globalThis.localStorage) {
  if (Object.keys(swaps).length === 0) storage.removeItem(swapsKey(programId));
  else storage.setItem(swapsKey(programId), JSON.stringify(swaps));
}

/** Forget a program's swaps (when it is deleted). */
export function forgetSwaps(programId, storage = globalThis.localStorage) {
  storage.removeItem(swapsKey(programId));
}

/**
 * The substitute that replaces `exercise`, or `null`. Only a substitute the
 * program still lists for it counts, so a stale swap is ignored.
 * @param {{exerciseId: string, substitutes?: {exerciseId: string, name: string}[]}} exercise
 * @param {Record<string, {exerciseId: string, name: string}>} swaps
 */
export function applySwap(exercise, swaps) {
  const chosen = swaps[exercise.exerciseId];
  if (!chosen) return null;
  const listed = (exercise.substitutes ?? []).find((s) =>
    s.exerciseId === chosen.exerciseId
  );
  return listed ? { exerciseId: listed.exerciseId, name: listed.name } : null;
}
