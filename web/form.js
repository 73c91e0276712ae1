/**
 * The profile form: its options, defaults, presets and validation.
 *
 * This module decides how form controls map onto the profile JSON of
 * `src/profile.rs` and back: {@link profileFromValues} turns raw values into a
 * profile plus issues addressed by the same paths the server uses
 * (`oneRepMaxes.squat`, `preferredDays[2]`), and {@link showIssues} puts any
 * such issue, the server's or ours, next to its field. The server stays the
 * authority; the checks here only save a round trip.
 * @module
 */

import { h } from "./dom.js";
import {
  EQUIPMENT,
  EXPERIENCE,
  GOALS,
  INJURIES,
  LIFTS,
  ONE_REP_MAX_BOUNDS,
  UNITS,
  WEEKDAYS,
} from "./labels.js";

/** Equipment presets; bodyweight is implicit, so its preset is empty. */
export const PRESETS = [
  ["bodyweight", "Bodyweight", []],
  ["home_dumbbells", "Home dumbbells", ["dumbbells", "bench"]],
  ["bands", "Bands", ["bands", "band_anchor"]],
  ["full_gym", "Full gym", [
    "barbell",
    "rack",
    "bench",
    "dumbbells",
    "kettlebell",
    "pullup_bar",
    "dip_bars",
    "cable",
    "machine",
    "ez_bar",
    "box",
  ]],
];

/** Values a fresh form starts with. */
export const DEFAULTS = {
  title: "",
  goal: "hypertrophy",
  experience: "intermediate",
  daysPerWeek: "3",
  sessionMinutes: "60",
  weeks: "8",
  equipment: PRESETS[3][2],
  injuries: [],
  preferredDays: [],
  units: UNITS[0][0],
  oneRepMaxes: {},
  age: "",
  seed: "",
  excludedExercises: "",
};

const MAX_SEED = 2 ** 53 - 1;

/**
 * Fill the option lists the form draws from `labels.js`, then the defaults.
 * @param {HTMLFormElement} form
 */
export function buildForm(form) {
  const select = (id, options) =>
    form.querySelector(`#${id}`).replaceChildren(
      ...options.map(([value, text]) => h("option", { value }, text)),
    );
  select("goal", GOALS);
  select("experience", EXPERIENCE);
  checkboxes(form.querySelector("#equipment-options"), "equipment", EQUIPMENT);
  checkboxes(form.querySelector("#injuries-options"), "injuries", INJURIES);
  checkboxes(
    form.querySelector("#preferredDays-options"),
    "preferredDays",
    WEEKDAYS,
  );
  form.querySelector("#units-options").replaceChildren(
    ...UNITS.map(([value, text]) =>
      h(
        "label",
        {},
        h("input", { type: "radio", name: "units", value }),
        ` ${text}`,
      )
    ),
  );
  form.querySelector("#equipment-presets").replaceChildren(
    ...PRESETS.map(([key, text]) =>
      h(
        "button",
        {
          type: "button",
          class: "preset",
          "data-preset": key,
          "aria-pressed": "false",
        },
        text,
      )
    ),
  );
  form.querySelector("#oneRepMaxes-options").replaceChildren(
    ...LIFTS.map(([key, text]) =>
      h(
        "div",
        { class: "field", "data-field": `oneRepMaxes.${key}` },
        h(
          "label",
          { for: `orm-${key}` },
          text,
          " ",
          h(
            "span",
            { class: "sr-only", "data-unit": "" },
            `(${DEFAULTS.units})`,
          ),
        ),
        h(
          "div",
          { class: "with-unit" },
          h("input", {
            id: `orm-${key}`,
            name: `orm-${key}`,
            type: "number",
            inputmode: "decimal",
            // The widest bounds of any unit; `profileFromValues` checks the chosen one.
            min: String(
              Math.min(...[...ONE_REP_MAX_BOUNDS.values()].map((b) => b[0])),
            ),
            max: String(
              Math.max(...[...ONE_REP_MAX_BOUNDS.values()].map((b) => b[1])),
            ),
            step: "any",
            autocomplete: "off",
          }),
          h("span", {
            class: "unit-suffix",
            "data-unit-suffix": "",
            "aria-hidden": "true",
          }, DEFAULTS.units),
        ),
        h("p", { class: "field-error", id: `orm-${key}-error`, hidden: true }),
      )
    ),
  );
  setValues(form, DEFAULTS);
}

/**
 * Put `values` (the shape {@link readValues} returns) into the form.
 * @param {HTMLFormElement} form
 * @param {typeof DEFAULTS} values
 */
export function setValues(form, values) {
  const el = form.elements;
  for (
    const name of [
      "title",
      "goal",
      "experience",
      "daysPerWeek",
      "sessionMinutes",
      "weeks",
      "age",
      "seed",
    ]
  ) {
    el.namedItem(name).value = values[name] ?? "";
  }
  el.namedItem("excludedExercises").value = values.excludedExercises ?? "";
  for (const name of ["equipment", "injuries", "preferredDays"]) {
    const chosen = new Set(values[name] ?? []);
    for (const box of form.querySelectorAll(`input[name="${name}"]`)) {
      box.checked = chosen.has(box.value);
    }
  }
  for (const radio of form.querySelectorAll('input[name="units"]')) {
    radio.checked = radio.value === values.units;
  }
  for (const [key] of LIFTS) {
    el.namedItem(`orm-${key}`).value = values.oneRepMaxes?.[key] ?? "";
  }
  syncDerived(form);
}

/**
 * The raw form values: strings for inputs, arrays for checkbox groups.
 * @param {HTMLFormElement} form
 * @returns {typeof DEFAULTS}
 */
export function readValues(form) {
  const data = new FormData(form);
  const text = (name) => String(data.get(name) ?? "").trim();
  return {
    title: text("title"),
    goal: text("goal"),
    experience: text("experience"),
    daysPerWeek: text("daysPerWeek"),
    sessionMinutes: text("sessionMinutes"),
    weeks: text("weeks"),
    equipment: data.getAll("equipment").map(String),
    injuries: data.getAll("injuries").map(String),
    preferredDays: data.getAll("preferredDays").map(String),
    units: text("units") || DEFAULTS.units,
    oneRepMaxes: Object.fromEntries(
      LIFTS.map(([key]) => [key, text(`orm-${key}`)]),
    ),
    age: text("age"),
    seed: text("seed"),
    excludedExercises: text("excludedExercises"),
  };
}

/**
 * Turn raw values into a profile, checking what can be checked here.
 * @param {typeof DEFAULTS} values
 * @returns {{profile: object, issues: {path: string, message: string}[]}}
 */
export function profileFromValues(values) {
  const issues = [];
  const problem = (path, message) => issues.push({ path, message });
  const integer = (path, raw, min, max, required) => {
    if (raw === "") {
      if (required) {
        problem(path, `Enter a whole number from ${min} to ${max}.`);
      }
      return undefined;
    }
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
      problem(path, `Enter a whole number from ${min} to ${max}.`);
      return undefined;
    }
    return n;
  };

  const profile = {
    goal: values.goal,
    experience: values.experience,
    daysPerWeek: integer("daysPerWeek", values.daysPerWeek, 1, 6, true),
    sessionMinutes: integer(
      "sessionMinutes",
      values.sessionMinutes,
      20,
      120,
      true,
    ),
    weeks: integer("weeks", values.weeks, 1, 16, true),
    equipment: [...values.equipment],
    injuries: [...values.injuries],
    units: values.units,
  };
  if (!GOALS.some(([g]) => g === values.goal)) {
    problem("goal", "Choose a goal.");
  }
  if (!EXPERIENCE.some(([e]) => e === values.experience)) {
    problem("experience", "Choose your experience.");
  }

  if (values.preferredDays.length > 0) {
    profile.preferredDays = [...values.preferredDays];
    const wanted = profile.daysPerWeek;
    if (wanted !== undefined && values.preferredDays.length !== wanted) {
      problem(
        "preferredDays",
        `Pick exactly ${wanted} ${
          wanted === 1 ? "day" : "days"
        } to match days per week, or none (you picked ${values.preferredDays.length}).`,
      );
    }
  }

  const maxes = {};
  for (const [key] of LIFTS) {
    const raw = values.oneRepMaxes[key] ?? "";
    if (raw === "") continue;
    const n = Number(raw);
    const [lightest, heaviest] = ONE_REP_MAX_BOUNDS.get(values.units) ??
      ONE_REP_MAX_BOUNDS.get(DEFAULTS.units);
    if (!Number.isFinite(n) || n < lightest || n > heaviest) {
      problem(
        `oneRepMaxes.${key}`,
        `Enter a weight from ${lightest} (the empty bar) to ${heaviest} ${values.units}, or leave it empty.`,
      );
    } else {
      maxes[key] = n;
    }
  }
  if (Object.keys(maxes).length > 0) profile.oneRepMaxes = maxes;

  const age = integer("age", values.age, 13, 100, false);
  if (age !== undefined) profile.age = age;
  const seed = integer("seed", values.seed, 0, MAX_SEED, false);
  if (seed !== undefined) profile.seed = seed;

  const excluded = values.excludedExercises.split(/[\s,]+/).map((id) =>
    id.toLowerCase()
  ).filter(
    Boolean,
  );
  if (excluded.length > 0) profile.excludedExercises = [...new Set(excluded)];

  for (const [key, value] of Object.entries(profile)) {
    if (value === undefined) delete profile[key];
  }
  return { profile, issues };
}

/**
 * An issue path relative to the profile: the function reports paths inside
 * the request body (`profile.preferredDays[2]`, `profile` for the whole
 * profile), the generator inside the profile itself.
 * @param {string} path
 * @returns {string}
 */
export function profilePath(path) {
  if (path === "profile") return "";
  return path.startsWith("profile.") ? path.slice("profile.".length) : path;
}

/**
 * The form field an issue path belongs to: `preferredDays[2]` → `preferredDays`,
 * `profile.oneRepMaxes.squat` → `oneRepMaxes.squat`; null for whole-input issues.
 * @param {string} path
 * @returns {string | null}
 */
export function fieldForPath(path) {
  const field = profilePath(path ?? "").replace(/\[\d+\]$/, "");
  return FIELDS.has(field) ? field : null;
}

const FIELDS = new Set([
  "title",
  "goal",
  "experience",
  "daysPerWeek",
  "sessionMinutes",
  "weeks",
  "equipment",
  "injuries",
  "preferredDays",
  "oneRepMaxes",
  ...LIFTS.map(([key]) => `oneRepMaxes.${key}`),
  "units",
  "age",
  "seed",
  "excludedExercises",
]);

/**
 * Name the offending list item in an indexed issue: `excludedExercises[1]`
 * about `["dips", "foo"]` reads `"foo": unknown exercise id`.
 * @param {{path: string, message: string}} issue
 * @param {object} [profile] The profile the issue is about.
 * @returns {string}
 */
export function describeIssue(issue, profile) {
  const match = /^(\w+)\[(\d+)\]$/.exec(profilePath(issue.path));
  const item = match ? profile?.[match[1]]?.[Number(match[2])] : undefined;
  const message = capitalize(issue.message);
  return item === undefined ? message : `“${item}”: ${message}`;
}

/**
 * Show issues next to their fields (whole-input ones at the top of the form)
 * and mark the fields invalid. Fields without an issue are cleared.
 * @param {HTMLFormElement} form
 * @param {{path: string, message: string}[]} issues
 * @param {{profile?: object, only?: Set<string>}} [options] `only` limits which fields change.
 * @returns {HTMLElement | null} the first invalid control, to focus
 */
export function showIssues(form, issues, options = {}) {
  const byField = new Map();
  const general = [];
  for (const issue of issues) {
    const field = fieldForPath(issue.path);
    const text = describeIssue(issue, options.profile);
    if (field === null) {
      const path = profilePath(issue.path);
      general.push(path ? `${path}: ${text}` : text);
    } else byField.set(field, [...(byField.get(field) ?? []), text]);
  }
  let first = null;
  for (const container of form.querySelectorAll("[data-field]")) {
    const field = container.dataset.field;
    if (options.only && !options.only.has(field)) continue;
    const messages = byField.get(field) ?? [];
    const slot = container.querySelector(":scope > .field-error");
    const controls = controlsOf(container);
    slot.textContent = messages.join(" ");
    slot.hidden = messages.length === 0;
    container.classList.toggle("invalid", messages.length > 0);
    for (const control of controls) {
      if (messages.length > 0) {
        control.setAttribute("aria-invalid", "true");
        addDescribedBy(control, slot);
      } else {
        control.removeAttribute("aria-invalid");
      }
    }
    if (messages.length > 0 && first === null) first = controls[0] ?? null;
  }
  if (!options.only) {
    const banner = form.querySelector("#form-error");
    banner.textContent = general.join(" ");
    banner.hidden = general.length === 0;
  }
  return first;
}

/**
 * Keep the derived parts of the form in step: preset buttons' pressed state,
 * the unit shown beside each 1RM, and the preferred-days counter.
 * @param {HTMLFormElement} form
 */
export function syncDerived(form) {
  const values = readValues(form);
  const chosen = [...values.equipment].sort().join();
  for (const button of form.querySelectorAll("[data-preset]")) {
    const preset = PRESETS.find(([key]) => key === button.dataset.preset);
    button.setAttribute(
      "aria-pressed",
      String([...preset[2]].sort().join() === chosen),
    );
  }
  for (const unit of form.querySelectorAll("[data-unit]")) {
    unit.textContent = `(${values.units})`;
  }
  for (const unit of form.querySelectorAll("[data-unit-suffix]")) {
    unit.textContent = values.units;
  }
  const count = form.querySelector("#preferredDays-count");
  const days = Number(values.daysPerWeek);
  count.textContent = values.preferredDays.length === 0
    ? ""
    : `${values.preferredDays.length} of ${
      Number.isInteger(days) ? days : "?"
    } chosen.`;
}

/**
 * Tick exactly the preset's equipment.
 * @param {HTMLFormElement} form
 * @param {string} key
 */
export function applyPreset(form, key) {
  const preset = PRESETS.find(([k]) => k === key);
  if (!preset) return;
  const chosen = new Set(preset[2]);
  for (const box of form.querySelectorAll('input[name="equipment"]')) {
    box.checked = chosen.has(box.value);
  }
  syncDerived(form);
}

/**
 * The form field a control belongs to, for validating as the person types.
 * @param {Element} control
 * @returns {string | null}
 */
export function fieldOf(control) {
  return control.closest("[data-field]")?.dataset.field ?? null;
}

function checkboxes(container, name, options) {
  container.replaceChildren(
    ...options.map(([value, text]) =>
      h(
        "label",
        { class: "check" },
        h("input", { type: "checkbox", name, value }),
        h("span", {}, text),
      )
    ),
  );
}

function controlsOf(container) {
  return [...container.querySelectorAll("input, select, textarea")].filter(
    (control) => control.closest("[data-field]") === container,
  );
}

function addDescribedBy(control, slot) {
  if (!slot.id) {
    slot.id = `${control.id || control.name}-${control.value || "field"}-error`
      .replace(
        /[^\w-]/g,
        "-",
      );
  }
  const ids = new Set(
    (control.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(
      Boolean,
    ),
  );
  ids.add(slot.id);
  control.setAttribute("aria-describedby", [...ids].join(" "));
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
