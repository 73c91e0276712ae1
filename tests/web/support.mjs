/**
 * Shared set-up for the browser tests, so each test file holds only its tests:
 * a fresh headless Chromium per file ({@link useBrowser}) or per test
 * ({@link withBrowser}), the stack URLs `scripts/test-web.sh` exports, a
 * recorder of the status card's states and live-region announcements, form
 * helpers, and direct API calls for checking results.
 * @module
 */

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";

const require = createRequire(import.meta.url);
const { chromium } = require(
  process.env.PLAYWRIGHT_CORE ??
    new URL("../../.tools/node_modules/playwright-core", import.meta.url)
      .pathname,
);

/** Base URL of the stack with a short per-stage delay. */
export const BASE_URL = required("WEB_BASE_URL");
/** Base URL of the stack whose first run of each program fails. */
export const FAIL_BASE_URL = process.env.WEB_FAIL_BASE_URL ?? "";
/** Where screenshots go. */
export const ARTIFACTS = process.env.WEB_ARTIFACTS ??
  new URL("../artifacts", import.meta.url).pathname;

/** How long a generation may take on a loaded 2-core machine. */
export const GENERATION_TIMEOUT_MS = 60_000;

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Launch Chromium with a fresh profile and open a page that records every
 * status-card state and announcement into `globalThis.__seen`.
 * @param {{width?: number, height?: number}} [viewport]
 * @returns {Promise<{context: any, page: any, close(): Promise<void>}>}
 */
export async function openBrowser(viewport = { width: 1280, height: 900 }) {
  const userDataDir = mkdtempSync(join(tmpdir(), "web-test-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  await context.addInitScript(recordStatusChanges);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One browser for the whole test file: launched before its first test and
 * closed after its last. Read `page`, `context` and `errors` (uncaught page
 * errors) from the returned handle inside a test.
 * @param {{width?: number, height?: number}} [viewport]
 * @returns {{readonly page: any, readonly context: any, readonly errors: string[]}}
 */
export function useBrowser(viewport) {
  let session;
  before(async () => {
    session = await openBrowser(viewport);
  });
  after(async () => {
    await session?.close();
  });
  const live = () => {
    if (!session) throw new Error("the browser starts before the first test");
    return session;
  };
  return {
    get page() {
      return live().page;
    },
    get context() {
      return live().context;
    },
    get errors() {
      return live().errors;
    },
  };
}

/**
 * Run `use` with a browser of its own, closed however `use` ends.
 * @template T
 * @param {{width?: number, height?: number}} viewport
 * @param {(browser: {context: any, page: any, errors: string[]}) => Promise<T>} use
 * @returns {Promise<T>}
 */
export async function withBrowser(viewport, use) {
  const browser = await openBrowser(viewport);
  try {
    return await use(browser);
  } finally {
    await browser.close();
  }
}

/** Runs in the page before its own scripts: observe the status card and the live region. */
function recordStatusChanges() {
  const seen = { states: [], announcements: [], stages: [] };
  Object.defineProperty(globalThis, "__seen", { value: seen });
  document.addEventListener("DOMContentLoaded", () => {
    const card = document.getElementById("watch-view");
    const announcer = document.getElementById("announcer");
    const stage = document.getElementById("status-stage");
    const progress = document.getElementById("status-progress");
    new MutationObserver(() => {
      const entry = {
        stage: stage.textContent,
        percent: progress.getAttribute("value"),
      };
      const last = seen.stages.at(-1);
      if (
        !last || last.stage !== entry.stage || last.percent !== entry.percent
      ) seen.stages.push(entry);
    }).observe(document.getElementById("watch-view"), {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ["value"],
    });
    new MutationObserver(() => {
      const state = card.dataset.state;
      if (state && seen.states.at(-1) !== state) seen.states.push(state);
    }).observe(card, { attributes: true, attributeFilter: ["data-state"] });
    new MutationObserver(() => {
      const text = announcer.textContent;
      if (text && seen.announcements.at(-1) !== text) {
        seen.announcements.push(text);
      }
    }).observe(announcer, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
}

/**
 * What the recorder saw since the page loaded.
 * @returns {Promise<{states: string[], announcements: string[], stages: {stage: string, percent: string | null}[]}>}
 */
export function seen(page) {
  return page.evaluate(() => ({
    states: [...globalThis.__seen.states],
    announcements: [...globalThis.__seen.announcements],
    stages: [...globalThis.__seen.stages],
  }));
}

/**
 * Wait until the status card shows `state`.
 * @param {any} page
 * @param {string} state
 * @param {number} [timeout]
 */
export async function waitForState(
  page,
  state,
  timeout = GENERATION_TIMEOUT_MS,
) {
  await page.waitForSelector(`#watch-view[data-state="${state}"]`, { timeout });
}

/**
 * Open the page and wait until the form is ready (config loaded, options drawn).
 * @param {any} page
 * @param {string} [base]
 */
export async function openForm(page, base = BASE_URL) {
  await page.goto(base);
  await page.waitForSelector('#equipment-options input[value="barbell"]');
  await page.waitForFunction(() =>
    !document.getElementById("submit-button").disabled
  );
}

/**
 * Fill the form the way a person would, by label.
 * @param {any} page
 * @param {{title?: string, days?: number, minutes?: number, weeks?: number, preset?: string, preferredDays?: string[], squat?: number, bench?: number}} values
 */
export async function fillForm(page, values) {
  if (values.title !== undefined) {
    await page.getByLabel("Program name").fill(values.title);
  }
  if (values.days !== undefined) {
    await page.getByLabel("Days per week").fill(String(values.days));
  }
  if (values.minutes !== undefined) {
    await page.getByLabel("Minutes per session").fill(String(values.minutes));
  }
  if (values.weeks !== undefined) {
    await page.getByLabel("Program length, weeks").fill(String(values.weeks));
  }
  if (values.preset) {
    await page.getByRole("button", { name: values.preset }).click();
  }
  for (const day of values.preferredDays ?? []) {
    await page.locator("#preferredDays-options").getByLabel(day).check();
  }
  if (values.squat !== undefined) {
    await page.getByLabel(/^Squat \(/).fill(String(values.squat));
  }
  if (values.bench !== undefined) {
    await page.getByLabel(/^Bench press/).fill(String(values.bench));
  }
}

/**
 * Send the form with its submit button, as a person would.
 * @param {any} page
 */
export async function submitForm(page) {
  await page.getByRole("button", { name: "Make my program" }).click();
}

/**
 * The page's own API credentials, read the way the page reads them.
 * @param {string} base
 */
export async function devConfig(base) {
  const response = await fetch(new URL("/dev/config.json", base));
  const config = await response.json();
  return { ...config, functionUrl: new URL(config.functionUrl, base).href };
}

/**
 * Every program of the stack's demo user, newest first, through the public API.
 * @param {string} base
 * @returns {Promise<{programId: string, title: string, status: string}[]>}
 */
export async function listPrograms(base) {
  const { functionUrl, accessToken } = await devConfig(base);
  const programs = [];
  let before = null;
  do {
    const url = new URL(functionUrl);
    url.searchParams.set("limit", "50");
    if (before) url.searchParams.set("before", before);
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    if (!response.ok) {
      throw new Error(
        `list failed: ${response.status} ${await response.text()}`,
      );
    }
    const body = await response.json();
    programs.push(...body.programs);
    before = body.next;
  } while (before);
  return programs;
}

/**
 * The demo user's programs that are not in `earlier` (a {@link listPrograms}
 * result from before), newest first.
 * @param {string} base
 * @param {{programId: string}[]} earlier
 */
export async function programsCreatedSince(base, earlier) {
  const known = new Set(earlier.map((p) => p.programId));
  return (await listPrograms(base)).filter((p) => !known.has(p.programId));
}

/**
 * One program's status body through the public API.
 * @param {string} base
 * @param {string} programId
 */
export async function programStatus(base, programId) {
  const { functionUrl, accessToken } = await devConfig(base);
  const url = new URL(functionUrl);
  url.searchParams.set("programId", programId);
  const response = await fetch(url, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  if (!response.ok) {
    throw new Error(
      `status failed: ${response.status} ${await response.text()}`,
    );
  }
  return response.json();
}

/**
 * Save a full-page screenshot under tests/artifacts/.
 * @param {any} page
 * @param {string} name file name without extension
 * @returns {Promise<string>} the path
 */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The program id in the page's URL. */
export function programIdOf(page) {
  return new URL(page.url()).searchParams.get("programId");
}

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set; run the browser tests through scripts/test-web.sh`,
    );
  }
  return value;
}

/**
 * Create a program through the public API (for tests about something other
 * than the form) and wait until it is completed; returns its status body.
 * @param {string} base
 * @param {string} title
 * @param {object} [profile]
 */
export async function createCompletedProgram(
  base,
  title,
  profile = {
    goal: "hypertrophy",
    experience: "intermediate",
    daysPerWeek: 3,
    sessionMinutes: 60,
    weeks: 4,
    equipment: ["barbell", "rack", "bench", "dumbbells", "cable"],
  },
) {
  const { functionUrl, accessToken } = await devConfig(base);
  const response = await fetch(functionUrl, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${accessToken}`,
      "Content-Type": "application/json",
    },
    body: JSON.stringify({ profile, title }),
  });
  if (response.status !== 202) {
    throw new Error(
      `create failed: ${response.status} ${await response.text()}`,
    );
  }
  const { programId } = await response.json();
  const deadline = Date.now() + GENERATION_TIMEOUT_MS;
  for (;;) {
    const body = await programStatus(base, programId);
    if (body.status === "completed") return body;
    if (body.status === "failed" || Date.now() > deadline) {
      throw new Error(`program ${programId} ended ${body.status}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
