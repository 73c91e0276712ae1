// States that always end: a malformed or unknown programId, a 401 and a
// persistent network failure each end in a final card with a next action,
// never a spinner; and the card and its row in "My programs" show the same
// state at every moment, right after submitting and during Retry.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BASE_URL,
  createCompletedProgram,
  FAIL_BASE_URL,
  fillForm,
  openForm,
  screenshot,
  submitForm,
  waitForState,
  withBrowser,
} from "./support.mjs";

const DESKTOP = { width: 1280, height: 900 };

/** Every moment the card or the current row changed: `[card, row]` badge words. */
function recordAgreement() {
  const pairs = [];
  Object.defineProperty(globalThis, "__pairs", { value: pairs });
  document.addEventListener("DOMContentLoaded", () => {
    new MutationObserver(() => {
      const card = document.getElementById("watch-view");
      if (card.hidden) return;
      const row = document.querySelector(
        '#programs-list a[aria-current="page"]',
      )?.parentElement;
      if (!row) return;
      const pair = [
        document.getElementById("status-badge").textContent,
        row.querySelector(".badge").textContent,
      ];
      const last = pairs.at(-1);
      if (!last || last[0] !== pair[0] || last[1] !== pair[1]) pairs.push(pair);
    }).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
  });
}

test("a malformed programId ends at once in a clear state, without asking the server", async () => {
  await withBrowser(DESKTOP, async ({ page, errors }) => {
    const asked = [];
    page.on("request", (request) => {
      // The exercise library loads for the form; no status is asked for.
      if (
        request.url().includes("/generate-program/") &&
        !request.url().endsWith("/library")
      ) {
        asked.push(request.url());
      }
    });
    await page.goto(`${BASE_URL}/?programId=not-a-real-id`);
    await waitForState(page, "bad-link", 5000);
    assert.match(
      await page.locator("#status-message").innerText(),
      /does not name a program/,
    );
    assert.ok(
      await page.getByRole("button", { name: "Make another program" })
        .isVisible(),
    );
    assert.ok(await page.locator("#status-progress").isHidden());
    assert.deepEqual(asked, []);
    await page.getByRole("button", { name: "Make another program" }).click();
    await page.locator("#form-view").waitFor();
    assert.deepEqual(errors, []);
  });
});

test("an unknown programId ends as not found, with a way on", async () => {
  await withBrowser(DESKTOP, async ({ page, errors }) => {
    await page.goto(`${BASE_URL}/?programId=${crypto.randomUUID()}`);
    await waitForState(page, "not-found", 10_000);
    const message = await page.locator("#status-message").innerText();
    assert.match(message, /not found/);
    assert.doesNotMatch(message, /no such program/, "no raw server message");
    assert.ok(await page.locator("#status-progress").isHidden());
    assert.ok(
      await page.getByRole("button", { name: "Make another program" })
        .isVisible(),
    );
    assert.deepEqual(errors, []);
  });
});

test("a 401 ends as signed out, and Sign in again recovers", async () => {
  const program = await createCompletedProgram(BASE_URL, "Signed out");
  await withBrowser(DESKTOP, async ({ page, errors }) => {
    // A token the function cannot verify: the one the stack issues, tampered.
    await page.route("**/dev/config.json", async (route) => {
      const response = await route.fetch();
      const config = await response.json();
      config.accessToken = config.accessToken.slice(0, -4) + "AAAA";
      await route.fulfill({ response, json: config });
    });
    await page.goto(`${BASE_URL}/?programId=${program.programId}`);
    await waitForState(page, "signed-out", 10_000);
    assert.match(
      await page.locator("#status-message").innerText(),
      /session has expired/,
    );
    const action = page.getByRole("button", { name: "Sign in again" });
    assert.ok(await action.isVisible());
    await screenshot(page, "desktop-signed-out");
    await page.unroute("**/dev/config.json");
    await action.click();
    await waitForState(page, "completed", 30_000);
    await page.locator("#program-view #session-slot").waitFor();
    assert.deepEqual(errors, []);
  });
});

test("a persistent network failure ends as offline, and Check again recovers", async () => {
  const program = await createCompletedProgram(BASE_URL, "Offline");
  await withBrowser(DESKTOP, async ({ page, errors }) => {
    await page.route(
      "**/functions/v1/**",
      (route) => route.abort("connectionrefused"),
    );
    const started = Date.now();
    await page.goto(`${BASE_URL}/?programId=${program.programId}`);
    await waitForState(page, "unreachable", 30_000);
    const seconds = (Date.now() - started) / 1000;
    assert.ok(seconds < 20, `it gave up after ${seconds} s`);
    assert.match(
      await page.locator("#status-message").innerText(),
      /cannot reach the server/i,
    );
    assert.ok(await page.locator("#status-progress").isHidden());
    await screenshot(page, "desktop-offline");
    await page.unroute("**/functions/v1/**");
    await page.getByRole("button", { name: "Check again" }).click();
    await waitForState(page, "completed", 30_000);
    assert.deepEqual(errors, []);
  });
});

test("the card and its list row agree right after submit and until ready", async () => {
  await withBrowser(DESKTOP, async ({ page, context, errors }) => {
    await context.addInitScript(recordAgreement);
    await openForm(page);
    await fillForm(page, { title: "Agree", days: 3 });
    await submitForm(page);
    await waitForState(page, "completed");
    // The list refreshes after ready; give it a moment to land.
    await page.waitForFunction(() =>
      globalThis.__pairs.at(-1)?.[1] === "Ready"
    );
    const pairs = await page.evaluate(() => globalThis.__pairs);
    assert.ok(pairs.length > 0);
    for (const [card, row] of pairs) {
      assert.equal(
        row,
        card,
        `card ${card}, list ${row}: ${JSON.stringify(pairs)}`,
      );
    }
    assert.deepEqual(errors, []);
  });
});

test(
  "the card and its list row agree through a failure and Retry",
  { skip: !FAIL_BASE_URL },
  async () => {
    await withBrowser(DESKTOP, async ({ page, context, errors }) => {
      await context.addInitScript(recordAgreement);
      await openForm(page, FAIL_BASE_URL);
      await fillForm(page, { title: "Agree through Retry", days: 3 });
      await submitForm(page);
      await waitForState(page, "failed");
      await page.waitForFunction(() =>
        globalThis.__pairs.at(-1)?.[1] === "Failed"
      );
      await screenshot(page, "desktop-failure");
      await page.getByRole("button", { name: "Retry" }).click();
      await waitForState(page, "completed");
      await page.waitForFunction(() =>
        globalThis.__pairs.at(-1)?.[1] === "Ready"
      );
      const pairs = await page.evaluate(() => globalThis.__pairs);
      const words = pairs.map(([card]) => card);
      assert.ok(words.includes("Failed"), JSON.stringify(pairs));
      const afterFailure = words.slice(words.indexOf("Failed") + 1);
      assert.ok(
        afterFailure.some((w) => w === "Queued" || w === "Generating"),
        JSON.stringify(pairs),
      );
      for (const [card, row] of pairs) {
        assert.equal(
          row,
          card,
          `card ${card}, list ${row}: ${JSON.stringify(pairs)}`,
        );
      }
      assert.deepEqual(errors, []);
    });
  },
);

test("the page talks to the function through supabase-js, served by the stack itself", async () => {
  await withBrowser(DESKTOP, async ({ page, errors }) => {
    const requests = [];
    page.on("request", (request) => requests.push(request));
    await openForm(page);
    await page.locator("#programs-list li").first().waitFor();
    const origin = new URL(BASE_URL).origin;
    const foreign = requests.filter((r) =>
      !r.url().startsWith(origin) && !r.url().startsWith("data:") &&
      !r.url().startsWith("blob:")
    );
    assert.deepEqual(foreign.map((r) => r.url()), [], "no CDN, no other host");
    assert.ok(requests.some((r) => r.url() === `${origin}/vendor/supabase.js`));
    const calls = requests.filter((r) =>
      r.url().startsWith(`${origin}/functions/v1/generate-program`)
    );
    assert.ok(calls.length >= 2, "the list and the library");
    for (const call of calls) {
      const headers = await call.allHeaders();
      assert.match(headers["x-client-info"] ?? "", /^supabase-js/);
      assert.match(headers.authorization ?? "", /^Bearer ey/);
      assert.ok(headers.apikey, "supabase-js sends the project key");
    }
    assert.equal(
      await page.evaluate(() => typeof globalThis.supabase?.createClient),
      "function",
    );
    assert.deepEqual(errors, []);
  });
});
