// Print: the whole program as compact tables, one week per page, without the
// form, the list or any control; the screen shows none of the print copy.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BASE_URL,
  fillForm,
  openForm,
  programIdOf,
  programStatus,
  screenshot,
  submitForm,
  useBrowser,
  waitForState,
  withBrowser,
} from "./support.mjs";

const browser = useBrowser();

test("printing shows every week and session and no form, list or control", async () => {
  const { page } = browser;
  await openForm(page);
  await fillForm(page, { title: "On paper", days: 3, weeks: 4, bench: 80 });
  await submitForm(page);
  await waitForState(page, "completed");
  const { program } = await programStatus(BASE_URL, programIdOf(page));

  // On screen the print copy is not shown.
  assert.ok(await page.locator("#print-view").isHidden());
  assert.ok(await page.getByRole("button", { name: "Print" }).isVisible());

  await page.emulateMedia({ media: "print" });
  try {
    assert.ok(await page.locator("#print-view").isVisible());
    for (
      const hidden of [
        "#form-view",
        "#programs",
        "#watch-view",
        ".program-bar",
        "#program-view > .card",
      ]
    ) {
      assert.ok(
        await page.locator(hidden).first().isHidden(),
        `${hidden} is not printed`,
      );
    }
    // No control of any kind is printed.
    const controls = await page.evaluate(() =>
      [...document.querySelectorAll("button, input, select, a, summary")]
        .filter((el) => el.checkVisibility()).map((el) => el.outerHTML)
    );
    assert.deepEqual(controls, []);
    // Every week, on its own page, every session as a table, every exercise a row.
    const weeks = page.locator(".print-week");
    assert.equal(await weeks.count(), program.weeks.length);
    for (const [i, week] of program.weeks.entries()) {
      const section = weeks.nth(i);
      assert.equal(
        await section.locator("table.print-session").count(),
        week.sessions.length,
      );
      assert.equal(
        await section.locator("tbody tr").count(),
        week.sessions.reduce((n, s) => n + s.exercises.length, 0),
      );
      const breakBefore = await section.evaluate((el) =>
        getComputedStyle(el).breakBefore
      );
      assert.equal(breakBefore, i === 0 ? "auto" : "page");
    }
    assert.match(
      await page.locator(".print-legend").innerText(),
      /RIR: Reps in reserve/,
    );
    await screenshot(page, "desktop-print");
    // A real PDF: one page per week at least.
    const pdf = await page.pdf({ format: "A4" });
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? [];
    assert.ok(
      pages.length >= program.weeks.length,
      `${pages.length} pages for ${program.weeks.length} weeks`,
    );
  } finally {
    await page.emulateMedia({ media: "screen" });
  }
  assert.deepEqual(browser.errors, []);
});

test("a phone prints the same compact tables", async () => {
  const { page } = browser;
  const url = page.url();
  await withBrowser({ width: 390, height: 844 }, async (phone) => {
    await phone.page.goto(url);
    await waitForState(phone.page, "completed");
    await phone.page.emulateMedia({ media: "print" });
    assert.ok(await phone.page.locator("#print-view").isVisible());
    assert.ok(await phone.page.locator("#form-view").isHidden());
    await screenshot(phone.page, "phone-print");
    assert.deepEqual(phone.errors, []);
  });
});
