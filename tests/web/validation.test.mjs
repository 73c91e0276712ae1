// Validation: problems the page can see are shown next to their fields before
// anything is sent; problems only the server can see come back as issues with
// paths and are mapped onto the same fields.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BASE_URL,
  fillForm,
  listPrograms,
  openForm,
  programsCreatedSince,
  screenshot,
  submitForm,
  useBrowser,
} from "./support.mjs";

const browser = useBrowser();

test("preferred days that do not match days per week are flagged and nothing is sent", async () => {
  const { page } = browser;
  const before = await listPrograms(BASE_URL);
  await openForm(page);
  await fillForm(page, { days: 3, preferredDays: ["Monday", "Wednesday"] });
  await submitForm(page);

  const error = page.locator("#preferredDays-error");
  await error.waitFor({ state: "visible" });
  assert.match(await error.innerText(), /exactly 3 days/);
  const monday = page.locator("#preferredDays-options").getByLabel("Monday");
  assert.equal(await monday.getAttribute("aria-invalid"), "true");
  assert.match(
    await monday.getAttribute("aria-describedby"),
    /preferredDays-error/,
  );
  assert.ok(
    await monday.evaluate((el) => el === document.activeElement),
    "focus goes to the first bad field",
  );
  assert.ok(
    await page.locator("#watch-view").isHidden(),
    "no queued card for a form that was not sent",
  );

  await screenshot(page, "validation-errors");
  await page.locator("#preferredDays-options").getByLabel("Friday").check();
  await error.waitFor({ state: "hidden" });
  assert.deepEqual(await programsCreatedSince(BASE_URL, before), []);
});

test("an issue reported by the server is shown next to its field", async () => {
  const { page } = browser;
  const before = await listPrograms(BASE_URL);
  await openForm(page);
  await fillForm(page, { title: "Server says no", days: 3 });
  await page.getByText("More options").click();
  await page.getByLabel("Exercises to leave out").fill("push-up");
  await page.getByRole("button", { name: "Leave out Push-up" }).click();
  // An id the server no longer knows (a page older than the library): the
  // picker cannot offer one, so put it in the field the picker fills.
  await page.locator("#excludedExercises").evaluate((field) => {
    field.value = `${field.value}, not_a_real_exercise`;
  });
  await submitForm(page);

  const error = page.locator("#excludedExercises-error");
  await error.waitFor({ state: "visible" });
  assert.match(await error.innerText(), /not_a_real_exercise/);
  const field = page.getByLabel("Exercises to leave out");
  assert.equal(await field.getAttribute("aria-invalid"), "true");
  assert.ok(
    await field.evaluate((el) => el === document.activeElement),
    "focus goes to the field",
  );
  assert.ok(
    await page.locator("#watch-view").isHidden(),
    "the optimistic card is withdrawn",
  );
  assert.ok(
    await page.getByRole("button", { name: "Make my program" }).isEnabled(),
    "the form can be sent again",
  );
  assert.deepEqual(await programsCreatedSince(BASE_URL, before), []);
  assert.deepEqual(browser.errors, []);
});
