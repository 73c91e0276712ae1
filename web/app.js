/**
 * The page's shell: wires the form, the API, the poller and the renderers.
 *
 * This module decides the flow: which view shows (form, or a program being
 * watched), when a request is sent, that only one request is ever in flight
 * per button, and that the program id lives in `?programId=` so a reload or a
 * later visit resumes where the person left off. Everything it shows is
 * worded in `messages.js` and drawn in `render.js`.
 * @module
 */

import { ApiError, createClient, loadConfig, NetworkError } from "./api.js";
import { byId, h, replaceChildren } from "./dom.js";
import {
  applyPreset,
  buildForm,
  fieldOf,
  profileFromValues,
  readValues,
  showIssues,
  syncDerived,
} from "./form.js";
import { wireExclusions } from "./exclusions.js";
import { label } from "./labels.js";
import {
  endStateOf,
  endView,
  fatalText,
  isProgramId,
  isTerminal,
  MAX_POLL_FAILURES,
  problemText,
  State,
  statusView,
} from "./messages.js";
import { watchStatus } from "./poll.js";
import { clearProgram, renderProgram } from "./program.js";
import {
  markCurrentProgram,
  paintProblem,
  paintStatus,
  renderProgramList,
  syncListRow,
} from "./render.js";
import { forgetSwaps } from "./swaps.js";

const APP_TITLE = "Training program generator";
const LIST_PAGE = 20;

const form = /** @type {HTMLFormElement} */ (byId("profile-form"));
const submitButton = /** @type {HTMLButtonElement} */ (byId("submit-button"));
const retryButton = /** @type {HTMLButtonElement} */ (byId("retry-button"));

/** Mutable shell state; everything else is derived from it or from the server. */
const page = {
  client: /** @type {ReturnType<typeof createClient> | null} */ (null),
  programId: /** @type {string | null} */ (null),
  title: "",
  poller: /** @type {{stop(): void, pollNow(): void} | null} */ (null),
  lastState: "",
  lastAnnouncement: "",
  sawUnfinished: false,
  submitting: false,
  retrying: false,
  touched: new Set(),
  sentProfile: /** @type {object | undefined} */ (undefined),
  lastBody: /** @type {object | null} */ (null),
  lastView: /** @type {import("./messages.js").StatusView | null} */ (null),
  cleanupProgram: () => {},
  listCursor: /** @type {string | null} */ (null),
};

main();

async function main() {
  buildForm(form);
  wireForm();
  byId("retry-button").addEventListener("click", () => start({ force: false }));
  byId("regenerate-button").addEventListener(
    "click",
    () => start({ force: true }),
  );
  byId("state-action").addEventListener("click", stateAction);
  byId("print-button").addEventListener("click", () => globalThis.print());
  wireRename();
  wireDelete();
  byId("new-button").addEventListener("click", () => navigate(null));
  byId("notice-close").addEventListener("click", hideNotice);
  byId("programs-refresh").addEventListener("click", () => refreshList());
  byId("programs-more").addEventListener("click", () => refreshList(true));
  byId("home-link").addEventListener("click", (event) => {
    event.preventDefault();
    navigate(null);
  });
  globalThis.addEventListener("popstate", () => route());

  try {
    page.client = createClient(await loadConfig());
  } catch (error) {
    const banner = byId("config-error");
    banner.textContent =
      `Cannot load the page's settings from dev/config.json (${error.message}). ` +
      "Start the stack with scripts/dev.sh and reload.";
    banner.hidden = false;
    submitButton.disabled = true;
    return;
  }
  wireExclusions(form, async () => (await page.client.library()).body);
  route();
  refreshList();
}

/** Show what the URL asks for: a program to watch, or the form. */
function route() {
  const programId = new URLSearchParams(location.search).get("programId");
  if (programId === null) showForm();
  else if (!isProgramId(programId.trim())) showEnd(State.BadLink, programId);
  else watch(programId.trim().toLowerCase(), { firstDelayMs: 0 });
}

/**
 * Change the URL and the view together.
 * @param {string | null} programId
 */
function navigate(programId) {
  const url = new URL(location.href);
  if (programId) url.searchParams.set("programId", programId);
  else url.searchParams.delete("programId");
  if (url.href !== location.href) history.pushState(null, "", url);
  route();
  if (!programId) byId("form-heading").focus?.();
}

function showForm() {
  stopWatching();
  page.programId = null;
  page.lastView = null;
  page.lastBody = null;
  hideNotice();
  byId("watch-view").hidden = true;
  clearProgram();
  byId("form-view").hidden = false;
  submitButton.disabled = false;
  page.submitting = false;
  document.title = APP_TITLE;
  markCurrentProgram(null);
}

function wireForm() {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
  });
  form.addEventListener("click", (event) => {
    const preset = event.target.closest?.("[data-preset]");
    if (!preset) return;
    applyPreset(form, preset.dataset.preset);
    page.touched.add("equipment");
  });
  const revalidate = (event) => {
    const field = fieldOf(event.target);
    if (field) page.touched.add(field);
    syncDerived(form);
    // Inline validation: only fields the person has been in, so a fresh form is not all red.
    const { issues } = profileFromValues(readValues(form));
    showIssues(form, issues, { only: relatedFields(page.touched) });
  };
  form.addEventListener("change", revalidate);
  form.addEventListener("focusout", (event) => {
    if (event.target.matches?.("input[type=number], input[type=text]")) {
      revalidate(event);
    }
  });
}

/** Days per week and preferred days constrain each other, so touching one rechecks both. */
function relatedFields(touched) {
  const fields = new Set(touched);
  if (fields.has("daysPerWeek") || fields.has("preferredDays")) {
    fields.add("daysPerWeek");
    fields.add("preferredDays");
  }
  return fields;
}

async function submit() {
  // A second click while the first request is in flight must start nothing.
  if (page.submitting || !page.client) return;
  const values = readValues(form);
  const { profile, issues } = profileFromValues(values);
  const firstInvalid = showIssues(form, issues);
  if (issues.length > 0) {
    announce(
      `Please fix ${
        issues.length === 1 ? "one field" : `${issues.length} fields`
      } before continuing.`,
    );
    firstInvalid?.focus();
    return;
  }
  page.submitting = true;
  submitButton.disabled = true;
  const title = values.title || defaultTitle(profile);
  page.title = title;
  page.sentProfile = profile;
  page.lastState = "";
  page.sawUnfinished = false;

  // Optimistic: the person sees their request queued before the server answers.
  hideNotice();
  clearProgram();
  paintProblem("");
  showStatus({ status: State.Queued });
  byId("form-view").hidden = true;
  byId("status-heading").focus();

  try {
    const reply = await page.client.create(profile, title);
    const { programId } = reply.body;
    history.pushState(null, "", `?programId=${encodeURIComponent(programId)}`);
    page.programId = programId;
    showStatus(reply.body);
    watch(programId, {
      firstDelayMs: (reply.retryAfterSeconds ?? 1) * 1000,
      keepCard: true,
    });
    refreshList();
  } catch (error) {
    page.submitting = false;
    submitButton.disabled = false;
    byId("watch-view").hidden = true;
    byId("form-view").hidden = false;
    document.title = APP_TITLE;
    handleStartError(error, { fromForm: true });
  }
}

/**
 * Retry a failed program, or regenerate a completed one (`force`): the card
 * and its list row go to Queued at once, then follow the new run.
 * @param {{force: boolean}} options
 */
async function start(options) {
  if (page.retrying || !page.programId || !page.client) return;
  page.retrying = true;
  retryButton.disabled = true;
  byId("regenerate-button").disabled = true;
  const programId = page.programId;
  hideNotice();
  paintProblem("");
  showStatus({ status: "pending", attempts: 1 });
  try {
    const reply = await page.client.start(programId, options);
    if (reply.body?.status !== "completed") showStatus(reply.body);
    watch(programId, {
      firstDelayMs: reply.status === 202
        ? (reply.retryAfterSeconds ?? 1) * 1000
        : 0,
      keepCard: true,
    });
  } catch (error) {
    if (error instanceof ApiError && error.code === "already_generating") {
      watch(programId, { firstDelayMs: 0, keepCard: true });
    } else {
      // Put the last known state back so the buttons stay available, then say why nothing started.
      if (page.lastBody) showStatus(page.lastBody);
      handleStartError(error, { fromForm: false });
    }
  } finally {
    page.retrying = false;
    retryButton.disabled = false;
    byId("regenerate-button").disabled = false;
  }
}

/** The final card's main button: sign in again, or check again. */
async function stateAction() {
  const kind = byId("state-action").dataset.kind;
  if (!page.programId) return;
  if (kind === "sign-in") {
    try {
      // The dev stack signs a fresh token; an app would call supabase.auth here.
      const config = await loadConfig();
      page.client.setAccessToken(config.accessToken);
    } catch (error) {
      paintProblem(`Could not sign in again (${error.message}).`);
      return;
    }
    refreshList();
  }
  watch(page.programId, { firstDelayMs: 0 });
}

function wireRename() {
  const renameForm = byId("rename-form");
  const input = /** @type {HTMLInputElement} */ (byId("rename-input"));
  const error = byId("rename-error");
  byId("rename-button").addEventListener("click", () => {
    byId("delete-confirm").hidden = true;
    renameForm.hidden = false;
    error.hidden = true;
    input.value = page.title;
    input.focus();
    input.select();
  });
  byId("rename-cancel").addEventListener("click", () => {
    renameForm.hidden = true;
    byId("rename-button").focus();
  });
  renameForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const programId = page.programId;
    if (!programId || !page.client) return;
    try {
      const reply = await page.client.rename(programId, input.value.trim());
      page.title = reply.body.title;
      renameForm.hidden = true;
      if (page.lastView) paintStatus(page.lastView, page.title);
      const heading = document.querySelector("#program-view .program-title");
      if (heading) heading.textContent = page.title;
      announce(`Renamed to ${page.title}.`);
      byId("rename-button").focus();
      refreshList();
    } catch (failure) {
      error.textContent = failure instanceof ApiError && failure.issues.length
        ? failure.issues.map((i) => i.message).join(" ")
        : failure instanceof ApiError && failure.status === 404
        ? fatalText(failure)
        : problemText(failure);
      error.hidden = false;
      announce(error.textContent);
    }
  });
}

function wireDelete() {
  const confirm = byId("delete-confirm");
  byId("delete-button").addEventListener("click", () => {
    byId("rename-form").hidden = true;
    confirm.hidden = false;
    byId("delete-no").focus();
  });
  byId("delete-no").addEventListener("click", () => {
    confirm.hidden = true;
    byId("delete-button").focus();
  });
  byId("delete-yes").addEventListener("click", async () => {
    const programId = page.programId;
    if (!programId || !page.client) return;
    const title = page.title || "The program";
    try {
      await page.client.remove(programId);
    } catch (error) {
      confirm.hidden = true;
      const text = error instanceof ApiError &&
          error.code === "already_generating"
        ? "It is still being made; delete it once it has finished."
        : error instanceof ApiError && error.status === 404
        ? fatalText(error)
        : problemText(error);
      paintProblem(text);
      announce(text);
      return;
    }
    forgetSwaps(programId);
    localStorage.removeItem(`program-position:${programId}`);
    confirm.hidden = true;
    navigate(null);
    announce(`${title} was deleted.`);
    refreshList();
  });
}

/**
 * Explain a failed POST, next to the form fields or on the status card.
 * @param {unknown} error
 * @param {{fromForm: boolean}} where
 */
function handleStartError(error, where) {
  const banner = byId("form-error");
  const say = (nodes, text) => {
    if (where.fromForm) {
      replaceChildren(banner, ...nodes);
      banner.hidden = false;
      banner.scrollIntoView?.({ block: "nearest" });
    } else {
      paintProblem(text);
    }
    announce(text);
  };
  if (
    error instanceof ApiError && error.code === "invalid_profile" &&
    where.fromForm
  ) {
    const first = showIssues(form, error.issues, { profile: page.sentProfile });
    if (banner.hidden) {
      banner.textContent =
        "The generator did not accept some fields; see the messages next to them.";
      banner.hidden = false;
    }
    announce(
      `The generator did not accept ${error.issues.length || "some"} fields.`,
    );
    first?.focus();
    return;
  }
  if (error instanceof ApiError && error.code === "another_generating") {
    const other = error.body?.error?.programId;
    const text =
      "Another of your programs is still being made. Wait for it to finish, then try again.";
    const open = other ? openLink(other, "Watch that program") : null;
    say([text, " ", open], text);
    return;
  }
  if (
    error instanceof NetworkError ||
    (error instanceof ApiError && error.transient)
  ) {
    const text = where.fromForm
      ? `${
        problemText(error)
      } Your request may not have been sent; check “My programs”, then try again.`
      : `${problemText(error)} Press Retry to try again.`;
    say([text], text);
    return;
  }
  const text = fatalText(error);
  say([text], text);
}

/**
 * Watch one program until it is completed or failed, or until the watch
 * ends in a final state (not found, signed out, unreachable).
 * @param {string} programId
 * @param {{firstDelayMs?: number, keepCard?: boolean}} options
 */
function watch(programId, options) {
  stopWatching();
  if (page.programId !== programId) {
    page.programId = programId;
    page.title = "";
    page.sawUnfinished = false;
    page.lastState = "";
    clearProgram();
  }
  byId("form-view").hidden = true;
  markCurrentProgram(programId);
  if (!options.keepCard) showStatus({ status: State.Loading });
  paintProblem("");
  page.poller = watchStatus({
    fetchStatus: (signal) => page.client.status(programId, signal),
    isTerminal,
    firstDelayMs: options.firstDelayMs,
    onUpdate(body) {
      paintProblem("");
      if (body.title) page.title = body.title;
      showStatus(body);
    },
    onProblem(error, next) {
      if (next.failures >= MAX_POLL_FAILURES) {
        // Waiting longer would be a spinner that never ends: stop and say so.
        showEnd(State.Unreachable, programId, error);
        return;
      }
      const text = problemText(error, next.delayMs);
      paintProblem(text);
      if (next.failures === 1) announce(text);
    },
    onFatal(error) {
      showEnd(endStateOf(error), programId, error);
    },
  });
}

/**
 * End the watch in a final state that says what happened and offers a next action.
 * @param {string} state One of the final {@link State}s.
 * @param {string} programId
 * @param {unknown} [error]
 */
function showEnd(state, programId, error) {
  stopWatching();
  page.programId = programId;
  byId("form-view").hidden = true;
  paintProblem("");
  hideNotice();
  if (state !== State.Unreachable && state !== State.SignedOut) {
    page.cleanupProgram();
    page.cleanupProgram = () => {};
    clearProgram();
  }
  const view = endView(state, error);
  page.lastState = view.state;
  page.lastView = view;
  paintStatus(view, page.title);
  document.title = `${view.documentTitle} · ${APP_TITLE}`;
  announce(view.announcement);
  if (state === State.SignedOut) byId("programs-message").textContent = "";
}

function stopWatching() {
  page.poller?.stop();
  page.poller = null;
}

/**
 * Paint a status and react to transitions: render the program, notify, update the list.
 * @param {object} body
 */
function showStatus(body) {
  const view = statusView(body);
  if (body.programId) page.lastBody = body;
  page.lastView = view;
  paintStatus(view, page.title);
  // The list row of this program shows what the card shows, always.
  syncListRow(page.programId, view);
  document.title = `${view.documentTitle} · ${APP_TITLE}`;
  if (view.announcement && view.announcement !== page.lastAnnouncement) {
    announce(view.announcement);
  }
  const changed = view.state !== page.lastState;
  page.lastState = view.state;
  if (view.state === State.Queued || view.state === State.Generating) {
    page.sawUnfinished = true;
  }
  if (!changed) return;
  if (view.state === State.Completed && body.program) {
    page.cleanupProgram();
    page.cleanupProgram = renderProgram(body.program, {
      title: page.title,
      programId: page.programId,
    });
    if (page.sawUnfinished) {
      document.title = `✓ Program ready · ${APP_TITLE}`;
      showNotice("Your program is ready. Today’s session is just below.");
    }
    refreshList();
  } else if (view.state === State.Failed) {
    refreshList();
  }
}

async function refreshList(more = false) {
  if (!page.client) return;
  const message = byId("programs-message");
  try {
    const reply = await page.client.list({
      limit: LIST_PAGE,
      before: more ? page.listCursor : null,
    });
    const programs = reply.body?.programs ?? [];
    page.listCursor = reply.body?.next ?? null;
    renderProgramList(
      programs,
      page.programId,
      (id) => navigate(id),
      more,
      page.lastView,
    );
    // The list read the database after the card did: if it saw this program
    // further along, the card asks now instead of at its next poll.
    const mine = programs.find((p) => p.programId === page.programId);
    if (mine && isTerminal(mine) && !isTerminal(page.lastBody ?? {})) {
      page.poller?.pollNow();
    }
    byId("programs-more").hidden = !page.listCursor;
    message.textContent = !more && programs.length === 0
      ? "No programs yet. Make your first one with the form."
      : "";
  } catch (error) {
    message.textContent = error instanceof NetworkError
      ? "Cannot load your programs right now."
      : error instanceof ApiError && error.status === 401
      ? "Sign in again to see your programs."
      : `Cannot load your programs (${error.message}).`;
  }
}

function openLink(programId, text) {
  return h("a", {
    href: `?programId=${encodeURIComponent(programId)}`,
    onclick: (event) => {
      event.preventDefault();
      navigate(programId);
    },
  }, text);
}

function defaultTitle(profile) {
  return `${
    label("goal", profile.goal)
  } · ${profile.daysPerWeek} days · ${profile.weeks} weeks`;
}

/** Say something through the live region, once per distinct message. */
function announce(text) {
  page.lastAnnouncement = text;
  byId("announcer").textContent = text;
}

function showNotice(text) {
  byId("notice-text").textContent = text;
  byId("notice").hidden = false;
}

function hideNotice() {
  byId("notice").hidden = true;
}
