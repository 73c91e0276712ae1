// Keyboard: the whole flow works without a pointer, focus is visible and
// lands somewhere sensible, and the status region announces each change.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BASE_URL,
  openForm,
  programIdOf,
  programStatus,
  seen,
  useBrowser,
  waitForState,
} from "./support.mjs";

const browser = useBrowser();

const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return {
      id: el?.id ?? "",
      name: el?.getAttribute("name") ?? "",
      value: el?.value ?? "",
      text: el?.textContent?.trim() ?? "",
      outline: el ? getComputedStyle(el).outlineStyle : "none",
    };
  });

/** Press Tab until `match(focused)` holds; fails after `limit` presses. */
async function tabTo(page, match, limit = 80) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    if (match(now)) return now;
  }
  throw new Error("the control was not reachable with Tab");
}

test("the form can be filled and submitted with the keyboard alone, and changes are announced", async () => {
  const { page } = browser;
  await openForm(page);
  const announcer = page.locator("#announcer");
  assert.equal(await announcer.getAttribute("aria-live"), "polite");
  assert.equal(await announcer.getAttribute("role"), "status");

  await tabTo(page, (f) => f.id === "title");
  await page.keyboard.type("Keyboard only");
  await page.keyboard.press("Tab");
  assert.equal((await focused(page)).id, "goal");
  await page.keyboard.type("Get"); // type-ahead picks "Get stronger"
  await tabTo(page, (f) => f.id === "daysPerWeek");

  // Inline validation appears when leaving a bad value and clears when fixed.
  await page.keyboard.press("Control+A");
  await page.keyboard.type("9");
  await page.keyboard.press("Tab");
  const daysError = page.locator("#daysPerWeek-error");
  await daysError.waitFor({ state: "visible" });
  assert.match(await daysError.innerText(), /1 to 6/);
  assert.equal(
    await page.locator("#daysPerWeek").getAttribute("aria-invalid"),
    "true",
  );
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("4");
  await page.keyboard.press("Tab");
  await daysError.waitFor({ state: "hidden" });

  // A preset is a button: Enter applies it.
  const preset = await tabTo(page, (f) => f.text === "Home dumbbells");
  assert.notEqual(preset.outline, "none", "keyboard focus is visible");
  await page.keyboard.press("Enter");
  assert.equal(
    await page.getByRole("button", { name: "Home dumbbells" }).getAttribute(
      "aria-pressed",
    ),
    "true",
  );

  // A checkbox toggles with Space.
  const barbell = await tabTo(
    page,
    (f) => f.name === "equipment" && f.value === "barbell",
  );
  assert.notEqual(
    barbell.outline,
    "none",
    "keyboard focus is visible on checkboxes",
  );
  await page.keyboard.press("Space");
  assert.equal(
    await page.getByRole("button", { name: "Home dumbbells" }).getAttribute(
      "aria-pressed",
    ),
    "false",
  );

  await tabTo(page, (f) => f.id === "submit-button");
  await page.keyboard.press("Enter");

  await page.waitForFunction(() =>
    document.activeElement?.id === "status-heading"
  );
  await waitForState(page, "completed");
  const { announcements } = await seen(page);
  assert.ok(
    announcements.some((a) => /queued/i.test(a)),
    `announced: ${announcements}`,
  );
  assert.ok(
    announcements.some((a) => /generating/i.test(a)),
    `announced: ${announcements}`,
  );
  assert.match(await announcer.textContent(), /ready/i);

  // What was typed is what was generated.
  const { program } = await programStatus(BASE_URL, programIdOf(page));
  assert.equal(program.profile.goal, "strength");
  assert.equal(program.profile.daysPerWeek, 4);
  assert.deepEqual([...program.profile.equipment].sort(), [
    "barbell",
    "bench",
    "dumbbells",
  ]);

  // From the status card, the keyboard reaches the program's actions, then
  // "Make another program", and returns to the form.
  await page.locator("#status-heading").focus();
  const actions = [];
  await tabTo(page, (f) => {
    actions.push(f.text);
    return f.id === "new-button";
  }, 10);
  for (const action of ["Print", "Regenerate", "Rename", "Delete"]) {
    assert.ok(actions.includes(action), `Tab reaches ${action}: ${actions}`);
  }
  await page.keyboard.press("Enter");
  await page.locator("#form-view").waitFor({ state: "visible" });
  assert.equal((await focused(page)).id, "form-heading");
  assert.deepEqual(browser.errors, []);
});

test("the skip link is the first Tab stop and jumps to the content", async () => {
  const { page } = browser;
  await openForm(page);
  await page.keyboard.press("Tab");
  const first = await focused(page);
  assert.equal(first.text, "Skip to content");
  await page.keyboard.press("Enter");
  assert.equal((await focused(page)).id, "main");
});
