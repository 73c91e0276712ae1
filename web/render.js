/**
 * Drawing the status card and the program list (the program itself is
 * `program.js`'s).
 *
 * This module decides layout and wording on screen; it receives plain data
 * (a {@link StatusView}, list rows) and never talks to the server or decides
 * what happens next. The list row of the program on the card is always drawn
 * from the card's own state, so the two never disagree.
 * @module
 */

import { byId, h } from "./dom.js";
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
  byId("status-percent").textContent = view.percent === null
    ? ""
    : `${view.percent}%`;
  byId("status-stage").textContent = view.stage;
  const failed = view.failure !== null;
  byId("status-error").hidden = !failed;
  byId("retry-button").hidden = !failed;
  if (failed) {
    byId("status-error-text").textContent = view.failure.summary;
    byId("status-error-detail").textContent = view.failure.detail;
  }
  const ended = !GENERATION_STATES.has(view.state);
  progress.parentElement.hidden = view.state === "failed" || ended ||
    view.state === "completed";
  byId("status-stage").hidden = view.stage === "" || ended ||
    view.state === "completed";
  const action = byId("state-action");
  action.hidden = !view.action;
  action.textContent = view.action?.label ?? "";
  action.dataset.kind = view.action?.kind ?? "";
  // What can be done with a program the server has.
  const known = view.state === "completed" || view.state === "failed";
  byId("print-button").hidden = view.state !== "completed";
  byId("regenerate-button").hidden = view.state !== "completed";
  byId("rename-button").hidden = !known;
  byId("delete-button").hidden = !known;
  if (!known) {
    byId("rename-form").hidden = true;
    byId("delete-confirm").hidden = true;
  }
}

/** States of a generation, as opposed to the page's final states. */
const GENERATION_STATES = new Set([
  "loading",
  "queued",
  "generating",
  "completed",
  "failed",
]);

/**
 * Draw one list row's state: its badge word and colour. The row of the
 * program on the card is drawn from the card's view, every other row from
 * the list's data.
 * @param {HTMLElement} row
 * @param {string} state A {@link StatusView} state, or a wire status.
 * @param {string} badgeText
 */
function paintRowState(row, state, badgeText) {
  row.dataset.status = state;
  const badge = row.querySelector(".badge");
  badge.className = `badge badge-${state === "pending" ? "queued" : state}`;
  badge.textContent = badgeText;
}

/**
 * Make the list row of the program on the card show the card's state.
 * @param {string | null} programId
 * @param {StatusView} view
 */
export function syncListRow(programId, view) {
  if (!programId || !GENERATION_STATES.has(view.state)) return;
  const row = byId("programs-list").querySelector(
    `li[data-program-id="${CSS.escape(programId)}"]`,
  );
  if (row) paintRowState(row, view.state, view.badge);
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
 * Draw the "my programs" list.
 * @param {{programId: string, title: string, status: string, updatedAt: string}[]} programs
 * @param {string | null} currentId
 * @param {(programId: string) => void} open
 * @param {boolean} append Add below the rows already shown.
 * @param {StatusView | null} [currentView] The card's state, which the current row shows.
 */
export function renderProgramList(
  programs,
  currentId,
  open,
  append,
  currentView = null,
) {
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
    if (row.programId === currentId && currentView) {
      syncListRow(currentId, currentView);
    }
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

function shortTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return date.toLocaleString(undefined, {
    dateStyle: "medium",
    timeStyle: "short",
  });
}
