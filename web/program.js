/**
 * The finished program, drawn for a trainee at the gym and for paper.
 *
 * This module decides how a program reads: a sticky bar to pick the week and
 * jump to a day, one session at a time as short rows (name and dose; the rest
 * behind a tap), each session's repeated notes shown once, the legend of the
 * notation, the summary and the volume chart below the session, and a
 * print-only copy of every week as compact tables. It renders the fields of
 * schemaVersion 2 (`warmUp`, `substitutes`, `progression`, `glossary`) when a
 * program has them and reads older programs without them. Swaps come from
 * `swaps.js`; where the person is in the program is remembered per program.
 * @module
 */

import { byId, h, replaceChildren } from "./dom.js";
import { volumeFigure } from "./chart.js";
import { label } from "./labels.js";
import { applySwap, loadSwaps, saveSwaps } from "./swaps.js";

/**
 * The legend when a program carries no `glossary`: what the notation means.
 * Each entry is `{term, meaning}`, like the program's own glossary.
 */
export const BUILT_IN_GLOSSARY = Object.freeze([
  {
    term: "3 × 8–12",
    meaning:
      "Sets × reps: 3 sets of 8 to 12 repetitions. “Each side” means per arm or per leg.",
  },
  {
    term: "RIR",
    meaning:
      "Reps in reserve: how many more clean reps you could still do when you end the set. RIR 2 means stop two reps short of failure; RIR 0 means the last rep you can complete.",
  },
  {
    term: "90 kg (75% 1RM)",
    meaning:
      "A load worked out from your one-rep max (1RM), the most you can lift once: here 75% of it, rounded to the nearest plate step.",
  },
  {
    term: "By effort",
    meaning:
      "No 1RM applies, so no weight is given: pick the heaviest load with which you finish the reps at the RIR shown. If you reach the top of the rep range with reps to spare, go heavier next time.",
  },
  {
    term: "Rest",
    meaning: "The pause between two sets of the same exercise.",
  },
  {
    term: "Deload",
    meaning:
      "A lighter week with fewer sets, so fatigue clears before the next block.",
  },
]);

const RELATION = {
  alternative: "alternative",
  easier: "easier",
  harder: "harder",
};

/**
 * Render a finished program into `#program-view`.
 * @param {object} program The program JSON.
 * @param {{title: string, programId: string}} meta
 * @returns {() => void} cleanup (releases the download URL and resize watcher)
 */
export function renderProgram(program, meta) {
  const container = byId("program-view");
  const weeks = program.weeks ?? [];
  const units = program.profile?.units;
  const positionKey = `program-position:${meta.programId}`;
  let swaps = loadSwaps(meta.programId);
  let position = readPosition(positionKey, weeks);

  const download = URL.createObjectURL(
    new Blob([JSON.stringify(program, null, 2)], { type: "application/json" }),
  );
  const weekSelect = h(
    "select",
    { id: "week-select" },
    ...weeks.map((week, i) => h("option", { value: i }, weekLabel(week))),
  );
  const prev = h("button", {
    type: "button",
    class: "secondary",
    "aria-label": "Previous week",
  }, "‹");
  const next = h("button", {
    type: "button",
    class: "secondary",
    "aria-label": "Next week",
  }, "›");
  const dayNav = h("div", {
    class: "day-nav",
    role: "group",
    "aria-label": "Jump to a day",
    id: "day-nav",
  });
  const sessionSlot = h("div", { class: "session-slot", id: "session-slot" });
  const chartSlot = h("div", { class: "chart-slot", id: "volume-chart" });
  const printView = h("div", { class: "print-view", id: "print-view" });

  const show = (week, day, { focus = false } = {}) => {
    const chosen = weeks[week];
    if (!chosen) return;
    position = { week, day: Math.min(day, chosen.sessions.length - 1) };
    localStorage.setItem(positionKey, JSON.stringify(position));
    weekSelect.value = String(week);
    prev.disabled = week === 0;
    next.disabled = week === weeks.length - 1;
    replaceChildren(
      dayNav,
      ...chosen.sessions.map((session, i) =>
        h("button", {
          type: "button",
          class: "day-link",
          "data-day": i,
          "aria-pressed": i === position.day ? "true" : "false",
          onclick: () => {
            show(position.week, i, { focus: true });
          },
        }, sessionLabel(session))
      ),
    );
    const session = chosen.sessions[position.day];
    const following = nextSession(weeks, position);
    replaceChildren(
      sessionSlot,
      session
        ? sessionView(session, {
          units,
          swaps,
          onSwap: (exerciseId, substitute) => {
            swaps = { ...swaps };
            if (substitute) swaps[exerciseId] = substitute;
            else delete swaps[exerciseId];
            saveSwaps(meta.programId, swaps);
            show(position.week, position.day);
            replaceChildren(printView, ...printWeeks(program, swaps));
          },
        })
        : h("p", { class: "hint" }, "No sessions this week."),
      following
        ? h(
          "button",
          {
            type: "button",
            class: "secondary next-session",
            id: "next-session",
            onclick: () => show(following.week, following.day, { focus: true }),
          },
          `Next session: ${
            following.week === position.week
              ? ""
              : `week ${following.week + 1}, `
          }${sessionLabel(weeks[following.week].sessions[following.day])} ›`,
        )
        : null,
    );
    replaceChildren(
      chartSlot,
      volumeFigure(
        chosen,
        program.volumeLandmarks ?? {},
        chartWidth(chartSlot),
      ),
    );
    if (focus) {
      const heading = sessionSlot.querySelector("h3");
      heading?.focus({ preventScroll: true });
      // Bring the day's first rows under the sticky bar.
      sessionSlot.scrollIntoView?.({ block: "start" });
    }
  };
  weekSelect.addEventListener(
    "change",
    () => show(Number(weekSelect.value), 0),
  );
  prev.addEventListener("click", () => show(position.week - 1, 0));
  next.addEventListener("click", () => show(position.week + 1, 0));

  const title = meta.title || program.name || "Your program";
  replaceChildren(
    container,
    h(
      "div",
      { class: "card program-sessions" },
      h(
        "h2",
        { id: "program-heading", tabindex: "-1", class: "sr-only" },
        title,
      ),
      h(
        "div",
        { class: "program-bar", id: "program-bar" },
        h(
          "div",
          { class: "week-nav" },
          prev,
          h("label", { for: "week-select", class: "sr-only" }, "Week"),
          weekSelect,
          next,
        ),
        dayNav,
      ),
      sessionSlot,
      legend(program.glossary),
    ),
    h(
      "div",
      { class: "card program-summary" },
      h(
        "div",
        { class: "program-head" },
        h("p", { class: "program-title" }, title),
        h("a", {
          class: "button secondary",
          href: download,
          download: `program-${meta.programId}.json`,
          id: "download-json",
        }, "Download JSON"),
      ),
      meta.title && program.name && meta.title !== program.name
        ? h("p", { class: "hint" }, program.name)
        : null,
      summaryList(program),
      noteList("Warnings", "warnings", program.warnings),
      noteList("Weak points", "weak-points", program.weakPoints),
    ),
    h(
      "div",
      { class: "card program-volume" },
      h("h3", { class: "section-title" }, "Volume against landmarks"),
      chartSlot,
    ),
    printView,
  );
  container.hidden = false;
  replaceChildren(
    printView,
    h("h1", { class: "print-title" }, title),
    ...printWeeks(program, swaps),
  );
  show(position.week, position.day);

  // The chart is drawn in real pixels, so redraw it when its width changes.
  let lastWidth = chartWidth(chartSlot);
  const resize = new ResizeObserver(() => {
    const width = chartWidth(chartSlot);
    if (Math.abs(width - lastWidth) < 8) return;
    lastWidth = width;
    const week = weeks[position.week];
    if (week) {
      replaceChildren(
        chartSlot,
        volumeFigure(week, program.volumeLandmarks ?? {}, width),
      );
    }
  });
  resize.observe(chartSlot);
  return () => {
    resize.disconnect();
    URL.revokeObjectURL(download);
  };
}

/** Hide and empty the program view. */
export function clearProgram() {
  const container = byId("program-view");
  container.hidden = true;
  container.replaceChildren();
}

/**
 * One session: a heading, its exercises as short rows, and each distinct
 * note once, naming the exercises it is for.
 */
function sessionView(session, { units, swaps, onSwap }) {
  const heading = `${label("day", session.day)} · ${
    label("focus", session.focus)
  }`;
  const notes = sharedNotes(session.exercises);
  return h(
    "article",
    { class: "session", "aria-labelledby": "session-heading" },
    h(
      "div",
      { class: "session-head" },
      h("h3", { id: "session-heading", tabindex: "-1" }, heading),
      h("span", { class: "minutes" }, `about ${session.estimatedMinutes} min`),
    ),
    h(
      "ol",
      { class: "exercise-list" },
      ...session.exercises.map((exercise, i) =>
        exerciseRow(exercise, i + 1, { units, swaps, onSwap })
      ),
    ),
    notes.length === 0 ? null : h(
      "div",
      { class: "session-notes" },
      h("h4", {}, "Notes"),
      h(
        "ul",
        {},
        ...notes.map(({ text, numbers }) =>
          h(
            "li",
            {},
            h("span", { class: "note-for" }, `${numberList(numbers)}: `),
            text,
          )
        ),
      ),
    ),
  );
}

/** An exercise: name and dose on top; progression, warm-up, substitutes and muscles behind a tap. */
function exerciseRow(exercise, number, { units, swaps, onSwap }) {
  const swap = applySwap(exercise, swaps);
  const shown = swap ?? exercise;
  const dose = [
    setsReps(exercise),
    `RIR ${exercise.rir}`,
    `rest ${rest(exercise.restSeconds)}`,
    swap ? "By effort" : load(exercise, units),
  ].join(" · ");
  const more = [];
  if (swap) {
    more.push(h(
      "p",
      { class: "swapped" },
      `Swapped from ${exercise.name}; its load does not carry over, so choose one by effort. `,
      h("button", {
        type: "button",
        class: "link-button",
        onclick: () => onSwap(exercise.exerciseId, null),
      }, `Undo: back to ${exercise.name}`),
    ));
  }
  if (exercise.progression?.description) {
    more.push(
      h(
        "p",
        { class: "progression" },
        h("strong", {}, "How to progress: "),
        exercise.progression.description,
      ),
    );
  }
  if (Array.isArray(exercise.warmUp) && exercise.warmUp.length > 0) {
    more.push(
      h(
        "p",
        { class: "warm-up" },
        h("strong", {}, "Warm-up: "),
        warmUpText(exercise.warmUp, units),
      ),
    );
  }
  const substitutes = (exercise.substitutes ?? []).filter((s) =>
    s.exerciseId !== shown.exerciseId
  );
  if (substitutes.length > 0) {
    more.push(
      h(
        "div",
        { class: "substitutes" },
        h("strong", {}, swap ? "Other substitutes:" : "Substitutes:"),
        h(
          "ul",
          {},
          ...substitutes.map((s) =>
            h(
              "li",
              {},
              `${s.name} (${RELATION[s.relation] ?? s.relation}) `,
              h("button", {
                type: "button",
                class: "secondary small",
                "aria-label": `Use ${s.name} instead of ${exercise.name}`,
                onclick: () =>
                  onSwap(exercise.exerciseId, {
                    exerciseId: s.exerciseId,
                    name: s.name,
                  }),
              }, "Use this"),
            )
          ),
        ),
      ),
    );
  }
  more.push(
    h(
      "p",
      { class: "muscles" },
      `Works ${muscleText(exercise)}. Equipment: ${
        exercise.equipment?.length
          ? exercise.equipment.map((e) => label("equipment", e)).join(", ")
          : "bodyweight"
      }.`,
    ),
  );
  return h(
    "li",
    {
      class: "exercise",
      "data-exercise-id": exercise.exerciseId,
      "data-swapped-to": swap?.exerciseId,
    },
    h(
      "details",
      {},
      h(
        "summary",
        {},
        h("span", { class: "ex-number", "aria-hidden": "true" }, `${number}`),
        h(
          "span",
          { class: "ex-text" },
          h("span", { class: "exercise-name" }, shown.name),
          h("span", { class: "ex-dose" }, dose),
        ),
      ),
      h("div", { class: "ex-more" }, ...more),
    ),
  );
}

/** Notes of a session, each once, with the numbers of the exercises they are for. */
export function sharedNotes(exercises) {
  const byText = new Map();
  exercises.forEach((exercise, i) => {
    const text = (exercise.notes ?? "").trim();
    if (text === "") return;
    if (!byText.has(text)) byText.set(text, []);
    byText.get(text).push(i + 1);
  });
  return [...byText].map(([text, numbers]) => ({ text, numbers }));
}

function numberList(numbers) {
  return numbers.length === 1
    ? `Exercise ${numbers[0]}`
    : `Exercises ${numbers.join(", ")}`;
}

/** `8 × 40% (30 kg), 5 × 60% (45 kg)`, with the working load as the reference. */
export function warmUpText(warmUp, units) {
  return warmUp.map((set) => {
    const weight = set.load
      ? ` (${set.load.value} ${set.load.unit ?? units ?? ""})`.replace(
        " )",
        ")",
      )
      : "";
    return `${set.reps} × ${set.percent}%${weight}`;
  }).join(", ") + " of the working weight";
}

function muscleText(exercise) {
  const primary = (exercise.primaryMuscles ?? []).map((m) =>
    label("muscle", m)
  );
  const secondary = (exercise.secondaryMuscles ?? []).map((m) =>
    label("muscle", m)
  );
  const main = primary.join(", ") || "several muscles";
  return secondary.length ? `${main}; also ${secondary.join(", ")}` : main;
}

/**
 * The legend's entries: the program's glossary when it has one, plus the
 * page's own notation it does not explain ("By effort" is the page's word
 * for a load chosen by effort); else the built-in legend.
 */
function legendEntries(glossary) {
  if (!Array.isArray(glossary) || glossary.length === 0) {
    return BUILT_IN_GLOSSARY;
  }
  const terms = new Set(glossary.map(({ term }) => term));
  const pageOnly = BUILT_IN_GLOSSARY.filter(({ term }) =>
    term === "By effort" && !terms.has(term)
  );
  return [...glossary, ...pageOnly];
}

/** The legend, from the program's glossary when it has one. */
function legend(glossary) {
  const entries = legendEntries(glossary);
  return h(
    "details",
    { class: "legend-box", id: "legend" },
    h("summary", {}, "How to read this program: RIR, loads, sets × reps"),
    h(
      "dl",
      {},
      ...entries.flatMap(({ term, meaning }) => [
        h("dt", {}, term),
        h("dd", {}, meaning),
      ]),
    ),
  );
}

/** Every week as compact tables, for print. */
function printWeeks(program, swaps) {
  const units = program.profile?.units;
  const entries = legendEntries(program.glossary);
  return [
    h(
      "p",
      { class: "print-legend" },
      ...entries.flatMap(({ term, meaning }) => [
        h("strong", {}, `${term}: `),
        `${meaning} `,
      ]),
    ),
    ...(program.weeks ?? []).map((week) =>
      h(
        "section",
        { class: "print-week" },
        h("h2", {}, weekLabel(week)),
        ...week.sessions.map((session) =>
          h(
            "table",
            { class: "print-session" },
            h(
              "caption",
              {},
              `${label("day", session.day)} · ${
                label("focus", session.focus)
              } · about ${session.estimatedMinutes} min`,
            ),
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                ...["Exercise", "Sets × reps", "RIR", "Rest", "Load"].map((t) =>
                  h("th", { scope: "col" }, t)
                ),
              ),
            ),
            h(
              "tbody",
              {},
              ...session.exercises.map((exercise) => {
                const swap = applySwap(exercise, swaps);
                return h(
                  "tr",
                  {},
                  h("th", { scope: "row" }, swap?.name ?? exercise.name),
                  h("td", {}, setsReps(exercise)),
                  h("td", {}, String(exercise.rir)),
                  h("td", {}, rest(exercise.restSeconds)),
                  h("td", {}, swap ? "By effort" : load(exercise, units)),
                );
              }),
            ),
          )
        ),
      )
    ),
  ];
}

function summaryList(program) {
  const profile = program.profile ?? {};
  const item = (term, value) => [h("dt", {}, term), h("dd", {}, value)];
  return h(
    "dl",
    { class: "summary" },
    ...item("Split", label("split", program.split)),
    ...item("Periodization", label("periodization", program.periodization)),
    ...item("Goal", label("goal", profile.goal)),
    ...item("Level", label("experience", profile.experience)),
    ...item(
      "Schedule",
      `${
        program.weeks?.length ?? profile.weeks
      } weeks · ${profile.daysPerWeek} days a week · up to ${profile.sessionMinutes} min`,
    ),
    ...item(
      "Equipment",
      profile.equipment?.length
        ? profile.equipment.map((e) => label("equipment", e)).join(", ")
        : "Bodyweight only",
    ),
  );
}

function noteList(title, id, notes) {
  const items = notes ?? [];
  return h(
    "section",
    { class: `notes notes-${id}`, "aria-labelledby": `${id}-heading` },
    h("h4", { id: `${id}-heading` }, title),
    items.length === 0
      ? h("p", { class: "hint" }, "None.")
      : h("ul", {}, ...items.map((note) => h("li", {}, note.message))),
  );
}

/** `3 × 8–12`, `5 × 5`, with "each side" for unilateral work. */
export function setsReps(exercise) {
  const reps = exercise.repsMin === exercise.repsMax
    ? `${exercise.repsMin}`
    : `${exercise.repsMin}–${exercise.repsMax}`;
  return `${exercise.sets} × ${reps}${exercise.unilateral ? " each side" : ""}`;
}

/** `90 s`, `2 min`, `2 min 30 s`. */
export function rest(seconds) {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rem = seconds % 60;
  return rem === 0 ? `${minutes} min` : `${minutes} min ${rem} s`;
}

/** `100 kg (75% 1RM)`, `75% 1RM`, or "By effort" when no 1RM applies. */
export function load(exercise, units) {
  const percent = exercise.loadPercent1rm;
  if (exercise.load) {
    const text = `${exercise.load.value} ${exercise.load.unit ?? units ?? ""}`
      .trim();
    return percent ? `${text} (${percent}% 1RM)` : text;
  }
  if (percent) return `${percent}% 1RM`;
  return "By effort";
}

function weekLabel(week) {
  const phase = week.deload
    ? "deload"
    : label("phase", week.phase).toLowerCase();
  return `Week ${week.number} · ${phase}`;
}

/** The session after `position`, into the next week after a week's last; `null` at the end. */
export function nextSession(weeks, position) {
  if (position.day + 1 < (weeks[position.week]?.sessions.length ?? 0)) {
    return { week: position.week, day: position.day + 1 };
  }
  for (let week = position.week + 1; week < weeks.length; week++) {
    if (weeks[week].sessions.length > 0) return { week, day: 0 };
  }
  return null;
}

function sessionLabel(session) {
  return `${shortDay(session.day)} · ${label("focus", session.focus)}`;
}

function shortDay(day) {
  return label("day", day).slice(0, 3);
}

function readPosition(key, weeks) {
  try {
    const saved = JSON.parse(localStorage.getItem(key) ?? "null");
    if (
      saved && Number.isInteger(saved.week) && weeks[saved.week] &&
      Number.isInteger(saved.day) && weeks[saved.week].sessions[saved.day]
    ) return saved;
  } catch {
    // A damaged entry just starts at the beginning.
  }
  return { week: 0, day: 0 };
}

function chartWidth(slot) {
  return Math.max(
    280,
    Math.floor(slot.clientWidth || slot.parentElement?.clientWidth || 640),
  );
}
