/**
 * Drawing the status card, the finished program and the program list.
 *
 * This module decides layout and wording on screen; it receives plain data
 * (a {@link StatusView}, a program JSON as in `src/program.rs`, list rows)
 * and never talks to the server or decides what happens next.
 * @module
 */

import { byId, h, replaceChildren } from "./dom.js";
import { volumeFigure } from "./chart.js";
import { label } from "./labels.js";

/** @typedef {import("./messages.js").StatusView} StatusView */

/**
 * Paint the status card.
 * @param {StatusView} view
 * @param {string} title The program's title, if known.
 */
export function paintStatus(view, title) {
  const card = byId("watch-view");
  card.hidden = false;
  card.dataset.state = view.state;
  const badge = byId("status-badge");
  badge.textContent = view.badge;
  badge.className = `badge badge-${view.state}`;
  byId("status-title").textContent = title;
  byId("status-title").hidden = !title;
  byId("status-message").textContent = view.message;
  const progress = byId("status-progress");
  if (view.percent === null) progress.removeAttribute("value");
  else progress.value = view.percent;
  progress.parentElement.hidden = view.state === "failed";
  byId("status-percent").textContent = view.percent === null
    ? ""
    : `${view.percent}%`;
  byId("status-stage").textContent = view.stage;
  byId("status-stage").hidden = view.stage === "";
  const failed = view.failure !== null;
  byId("status-error").hidden = !failed;
  byId("retry-button").hidden = !failed;
  if (failed) {
    byId("status-error-text").textContent = view.failure.summary;
    byId("status-error-detail").textContent = view.failure.detail;
  }
}

/**
 * Show or clear the "cannot reach the server" line under the status card.
 * @param {string} text Empty to clear.
 */
export function paintProblem(text) {
  const line = byId("status-problem");
  line.textContent = text;
  line.hidden = text === "";
}

/**
 * Render a finished program into `#program-view`.
 * @param {object} program The program JSON.
 * @param {{title: string, programId: string}} meta
 * @returns {() => void} cleanup (releases the download URL and resize watcher)
 */
export function renderProgram(program, meta) {
  const container = byId("program-view");
  const download = URL.createObjectURL(
    new Blob([JSON.stringify(program, null, 2)], { type: "application/json" }),
  );
  const weeks = program.weeks ?? [];
  const weekSelect = h(
    "select",
    { id: "week-select" },
    ...weeks.map((week, i) => h("option", { value: i }, weekLabel(week))),
  );
  const weekBody = h("div", { class: "week-body", id: "week-body" });
  const chartSlot = h("div", { class: "chart-slot", id: "volume-chart" });
  const prev = h(
    "button",
    { type: "button", class: "secondary", "aria-label": "Previous week" },
    "‹ Prev",
  );
  const next = h(
    "button",
    { type: "button", class: "secondary", "aria-label": "Next week" },
    "Next ›",
  );

  const showWeek = (index) => {
    const week = weeks[index];
    if (!week) return;
    weekSelect.value = String(index);
    prev.disabled = index === 0;
    next.disabled = index === weeks.length - 1;
    replaceChildren(
      chartSlot,
      volumeFigure(week, program.volumeLandmarks ?? {}, chartWidth(chartSlot)),
    );
    replaceChildren(
      weekBody,
      ...week.sessions.map((session) =>
        sessionCard(session, program.profile?.units)
      ),
    );
  };
  weekSelect.addEventListener(
    "change",
    () => showWeek(Number(weekSelect.value)),
  );
  prev.addEventListener("click", () => showWeek(Number(weekSelect.value) - 1));
  next.addEventListener("click", () => showWeek(Number(weekSelect.value) + 1));

  replaceChildren(
    container,
    h(
      "div",
      { class: "card program-summary" },
      h(
        "div",
        { class: "program-head" },
        h(
          "h2",
          { id: "program-heading", tabindex: "-1" },
          meta.title || program.name || "Your program",
        ),
        h(
          "a",
          {
            class: "button secondary",
            href: download,
            download: `program-${meta.programId}.json`,
            id: "download-json",
          },
          "Download JSON",
        ),
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
      { class: "card program-weeks" },
      h(
        "div",
        { class: "week-nav" },
        prev,
        h("label", { for: "week-select", class: "sr-only" }, "Week"),
        weekSelect,
        next,
      ),
      h("h3", { class: "section-title" }, "Volume against landmarks"),
      chartSlot,
      h("h3", { class: "section-title" }, "Sessions"),
      weekBody,
    ),
  );
  container.hidden = false;
  showWeek(0);

  // The chart is drawn in real pixels, so redraw it when its width changes.
  let lastWidth = chartWidth(chartSlot);
  const resize = new ResizeObserver(() => {
    const width = chartWidth(chartSlot);
    if (Math.abs(width - lastWidth) < 8) return;
    lastWidth = width;
    const week = weeks[Number(weekSelect.value)];
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
 * Draw the "my programs" list.
 * @param {{programId: string, title: string, status: string, updatedAt: string}[]} programs
 * @param {string | null} currentId
 * @param {(programId: string) => void} open
 * @param {boolean} append Add below the rows already shown.
 */
export function renderProgramList(programs, currentId, open, append) {
  const list = byId("programs-list");
  if (!append) list.replaceChildren();
  for (const row of programs) {
    const link = h(
      "a",
      {
        href: `?programId=${encodeURIComponent(row.programId)}`,
        "aria-current": row.programId === currentId ? "page" : false,
      },
      row.title || "Untitled program",
    );
    link.addEventListener("click", (event) => {
      if (
        event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0
      ) return;
      event.preventDefault();
      open(row.programId);
    });
    list.append(
      h(
        "li",
        { "data-program-id": row.programId, "data-status": row.status },
        link,
        h(
          "span",
          { class: "program-meta" },
          h(
            "span",
            {
              class: `badge badge-${
                row.status === "pending" ? "queued" : row.status
              }`,
            },
            label("status", row.status),
          ),
          " ",
          row.updatedAt
            ? h("time", { datetime: row.updatedAt }, shortTime(row.updatedAt))
            : null,
        ),
      ),
    );
  }
}

/** Mark which list row is open. */
export function markCurrentProgram(currentId) {
  for (const link of byId("programs-list").querySelectorAll("li > a")) {
    const id = link.parentElement.dataset.programId;
    if (id === currentId) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
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
    h("h3", { id: `${id}-heading` }, title),
    items.length === 0
      ? h("p", { class: "hint" }, "None.")
      : h("ul", {}, ...items.map((note) => h("li", {}, note.message))),
  );
}

function sessionCard(session, units) {
  const heading = `${label("day", session.day)} · ${
    label("focus", session.focus)
  }`;
  return h(
    "article",
    { class: "session" },
    h(
      "div",
      { class: "session-head" },
      h("h4", {}, heading),
      h("span", { class: "minutes" }, `about ${session.estimatedMinutes} min`),
    ),
    h(
      "table",
      { class: "session-table" },
      h(
        "caption",
        { class: "sr-only" },
        `${heading}, about ${session.estimatedMinutes} minutes`,
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
        ...session.exercises.map((exercise) => exerciseRow(exercise, units)),
      ),
    ),
  );
}

function exerciseRow(exercise, units) {
  return h(
    "tr",
    {},
    h(
      "th",
      { scope: "row", "data-label": "Exercise" },
      h("span", { class: "exercise-name" }, exercise.name),
      h("span", { class: "exercise-id" }, exercise.exerciseId),
      exercise.notes
        ? h("span", { class: "exercise-notes" }, exercise.notes)
        : null,
    ),
    h("td", { "data-label": "Sets × reps" }, setsReps(exercise)),
    h("td", { "data-label": "RIR" }, String(exercise.rir)),
    h("td", { "data-label": "Rest" }, rest(exercise.restSeconds)),
    h("td", { "data-label": "Load" }, load(exercise, units)),
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

/** `100 kg (75% 1RM)`, `75% 1RM`, or guidance to pick a load by effort. */
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

function chartWidth(slot) {
  return Math.max(
    280,
    Math.floor(slot.clientWidth || slot.parentElement?.clientWidth || 640),
  );
}

function shortTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return date.toLocaleString(undefined, {
    dateStyle: "medium",
    timeStyle: "short",
  });
}
