// Control over a program: leave exercises out with a picker fed by the
// library (search by name, equipment shown), regenerate a ready program
// (force), rename it and delete it through the function.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BASE_URL,
  createCompletedProgram,
  fillForm,
  listPrograms,
  openForm,
  programIdOf,
  programStatus,
  screenshot,
  seen,
  submitForm,
  useBrowser,
  waitForState,
} from "./support.mjs";

const browser = useBrowser();

test("the exclusions picker finds exercises by name, shows their equipment, and leaves them out", async () => {
  const { page } = browser;
  await openForm(page);
  await fillForm(page, { title: "No back squat", days: 3, preset: "Full gym" });
  await page.getByText("More options").click();
  const search = page.getByLabel("Exercises to leave out");
  await page.locator("#exclude-status", { hasText: "exercises to search" })
    .waitFor();
  await search.fill("back squat");
  const match = page.locator("#exclude-results li", {
    hasText: "Barbell Back Squat",
  });
  assert.match(
    await match.innerText(),
    /Barbell Back Squat · Barbell, .*rack/i,
  );
  await page.getByRole("button", { name: "Leave out Barbell Back Squat" })
    .click();
  const chosen = page.locator("#exclude-chosen li");
  assert.equal(await chosen.count(), 1);
  assert.match(await chosen.innerText(), /Barbell Back Squat/);
  assert.equal(await search.inputValue(), "", "the search clears");

  // Enter picks the first match; Remove puts one back.
  await search.fill("curl");
  await page.locator("#exclude-results li").first().waitFor();
  const firstMatch = await page.locator("#exclude-results li .exercise-name")
    .first().innerText();
  await search.press("Enter");
  assert.equal(await chosen.count(), 2);
  await page.getByRole("button", { name: `Include ${firstMatch} again` })
    .click();
  assert.equal(await chosen.count(), 1);
  await search.fill("zzzz");
  await page.locator("#exclude-status", { hasText: "No exercise matches" })
    .waitFor();
  await search.fill("");
  await screenshot(page, "desktop-form-exclusions");

  await submitForm(page);
  await waitForState(page, "completed");
  const { program } = await programStatus(BASE_URL, programIdOf(page));
  assert.deepEqual(program.profile.excludedExercises, ["back_squat"]);
  const ids = program.weeks.flatMap((w) =>
    w.sessions.flatMap((s) => s.exercises.map((e) => e.exerciseId))
  );
  assert.ok(!ids.includes("back_squat"));
  assert.deepEqual(browser.errors, []);
});

test("Regenerate makes the program again and the card follows the new run", async () => {
  const { page } = browser;
  const programId = programIdOf(page);
  const before = await programStatus(BASE_URL, programId);
  const { states: earlier } = await seen(page);
  await page.getByRole("button", { name: "Regenerate" }).click();
  await page.waitForFunction(
    (count) => globalThis.__seen.states.length > count,
    earlier.length,
  );
  await waitForState(page, "completed");
  const { states } = await seen(page);
  const later = states.slice(earlier.length);
  assert.ok(
    later.includes("queued") || later.includes("generating"),
    `states after Regenerate: ${later}`,
  );
  const after = await programStatus(BASE_URL, programId);
  assert.equal(after.status, "completed");
  assert.notEqual(after.jobId, before.jobId, "a new run");
  assert.equal(programIdOf(page), programId, "the same program");
  await page.locator("#session-slot li.exercise").first().waitFor();
  assert.deepEqual(browser.errors, []);
});

test("Rename changes the title on the card, in the list and on the server", async () => {
  const { page } = browser;
  const programId = programIdOf(page);
  await page.getByRole("button", { name: "Rename" }).click();
  const input = page.getByLabel("New name");
  assert.ok(await input.evaluate((el) => el === document.activeElement));
  await input.fill("Spring block");
  await page.getByRole("button", { name: "Save" }).click();
  await page.locator("#status-title", { hasText: "Spring block" }).waitFor();
  await page.locator(
    `#programs-list li[data-program-id="${programId}"] a`,
    { hasText: "Spring block" },
  ).waitFor();
  assert.equal(
    (await programStatus(BASE_URL, programId)).title,
    "Spring block",
  );
  assert.ok(await page.locator("#rename-form").isHidden());
  assert.deepEqual(browser.errors, []);
});

test("a refused rename says why and keeps the old title", async () => {
  const { page } = browser;
  const programId = programIdOf(page);
  await page.getByRole("button", { name: "Rename" }).click();
  // Control characters are refused by the function (typed invalid_request).
  await page.getByLabel("New name").evaluate((el) => {
    el.value = "tab\there";
  });
  await page.getByRole("button", { name: "Save" }).click();
  const error = page.locator("#rename-error");
  await error.waitFor();
  assert.match(await error.innerText(), /control characters/);
  assert.equal(
    (await programStatus(BASE_URL, programId)).title,
    "Spring block",
  );
  await page.getByRole("button", { name: "Cancel" }).click();
});

test("Delete asks first, then removes the program everywhere", async () => {
  const { page } = browser;
  const doomed = await createCompletedProgram(BASE_URL, "To delete");
  await page.goto(`${BASE_URL}/?programId=${doomed.programId}`);
  await waitForState(page, "completed");
  await page.getByRole("button", { name: "Delete" }).click();
  // Keeping it changes nothing.
  await page.getByRole("button", { name: "Keep it" }).click();
  assert.equal(
    (await programStatus(BASE_URL, doomed.programId)).status,
    "completed",
  );
  await page.getByRole("button", { name: "Delete" }).click();
  await screenshot(page, "desktop-delete-confirm");
  await page.locator("#delete-confirm").getByRole("button", { name: "Delete" })
    .click();
  await page.locator("#form-view").waitFor();
  assert.equal(programIdOf(page), null, "back to the form");
  await page.locator(
    `#programs-list li[data-program-id="${doomed.programId}"]`,
  ).waitFor({ state: "detached" });
  assert.ok(
    !(await listPrograms(BASE_URL)).some((p) =>
      p.programId === doomed.programId
    ),
  );
  // Its old link now ends as not found.
  await page.goto(`${BASE_URL}/?programId=${doomed.programId}`);
  await waitForState(page, "not-found", 10_000);
  assert.deepEqual(browser.errors, []);
});
