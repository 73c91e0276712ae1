/**
 * The exclusions picker: find exercises by name in the generator's library
 * and leave them out, with each one's equipment shown.
 *
 * This module decides how the picker looks and behaves. It keeps the chosen
 * ids in the form's `excludedExercises` field (comma-separated, as
 * `form.js` reads it), so validation and the profile stay where they are.
 * The library comes from the function (`GET …/library`).
 * @module
 */

import { h, replaceChildren } from "./dom.js";
import { label } from "./labels.js";

/** Most matches listed at once. */
export const MAX_MATCHES = 8;

/**
 * Exercises whose name (or id) contains every word of `query`, best first:
 * names that start with the query, then the rest, alphabetically.
 * @param {{id: string, name: string}[]} exercises
 * @param {string} query
 * @param {Set<string>} [skip] ids already chosen
 */
export function searchExercises(exercises, query, skip = new Set()) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const q = words.join(" ");
  return exercises
    .filter((e) => !skip.has(e.id))
    .filter((e) => {
      const hay = `${e.name} ${e.id.replaceAll("_", " ")}`.toLowerCase();
      return words.every((w) => hay.includes(w));
    })
    .sort((a, b) => {
      const aStarts = a.name.toLowerCase().startsWith(q) ? 0 : 1;
      const bStarts = b.name.toLowerCase().startsWith(q) ? 0 : 1;
      return aStarts - bStarts || a.name.localeCompare(b.name);
    })
    .slice(0, MAX_MATCHES);
}

/** `Barbell, Rack` or `Bodyweight`. */
export function equipmentText(exercise) {
  return exercise.equipment?.length
    ? exercise.equipment.map((e) => label("equipment", e)).join(", ")
    : "Bodyweight";
}

/**
 * Wire the picker to the form.
 * @param {HTMLFormElement} form
 * @param {() => Promise<{exercises: {id: string, name: string, equipment: string[]}[]}>} loadLibrary
 * @returns {{reset(): void}} `reset` redraws the chips from the field (after the form was reset).
 */
export function wireExclusions(form, loadLibrary) {
  const field = /** @type {HTMLInputElement} */ (
    form.elements.namedItem("excludedExercises")
  );
  const search = /** @type {HTMLInputElement} */ (
    form.querySelector("#exclude-search")
  );
  const results = form.querySelector("#exclude-results");
  const chosenList = form.querySelector("#exclude-chosen");
  const status = form.querySelector("#exclude-status");
  /** @type {Map<string, {id: string, name: string, equipment: string[]}>} */
  let byId = new Map();
  let exercises = [];

  const chosen = () => field.value.split(/[\s,]+/).filter(Boolean);
  const setChosen = (ids) => {
    field.value = [...new Set(ids)].join(", ");
    field.dispatchEvent(new Event("change", { bubbles: true }));
    drawChosen();
    drawResults();
  };
  const drawChosen = () => {
    replaceChildren(
      chosenList,
      ...chosen().map((id) => {
        const exercise = byId.get(id);
        const name = exercise?.name ?? id;
        return h(
          "li",
          { "data-exercise-id": id },
          h("span", {}, name),
          exercise
            ? h("span", { class: "equipment" }, ` · ${equipmentText(exercise)}`)
            : null,
          " ",
          h("button", {
            type: "button",
            class: "link-button",
            "aria-label": `Include ${name} again`,
            onclick: () => {
              setChosen(chosen().filter((other) => other !== id));
              search.focus();
            },
          }, "Remove"),
        );
      }),
    );
  };
  const drawResults = () => {
    const query = search.value.trim();
    const matches = searchExercises(exercises, query, new Set(chosen()));
    replaceChildren(
      results,
      ...matches.map((exercise) =>
        h(
          "li",
          { "data-exercise-id": exercise.id },
          h("button", {
            type: "button",
            class: "secondary small",
            "aria-label": `Leave out ${exercise.name}`,
            onclick: () => {
              setChosen([...chosen(), exercise.id]);
              search.value = "";
              drawResults();
              search.focus();
            },
          }, "Leave out"),
          " ",
          h("span", { class: "exercise-name" }, exercise.name),
          h("span", { class: "equipment" }, ` · ${equipmentText(exercise)}`),
        )
      ),
    );
    status.textContent = query === "" || exercises.length === 0
      ? status.dataset.base ?? ""
      : matches.length === 0
      ? `No exercise matches “${query}”.`
      : `${matches.length === MAX_MATCHES ? "First " : ""}${matches.length} ${
        matches.length === 1 ? "match" : "matches"
      }.`;
  };
  search.addEventListener("input", drawResults);
  // Enter in the search box picks the first match instead of submitting the form.
  search.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    results.querySelector("button")?.click();
  });

  status.dataset.base = "Loading the exercise list…";
  status.textContent = status.dataset.base;
  loadLibrary().then((library) => {
    exercises = library.exercises ?? [];
    byId = new Map(exercises.map((e) => [e.id, e]));
    status.dataset.base = `${exercises.length} exercises to search.`;
    drawChosen();
    drawResults();
  }).catch(() => {
    // Without the library the ids can still be typed, as before.
    status.dataset.base =
      "The exercise list could not be loaded; type exercise ids separated by commas instead.";
    status.textContent = status.dataset.base;
    field.type = "text";
    search.hidden = true;
  });
  return { reset: drawChosen };
}
