// The program at the gym, on a 390×844 phone: the first exercise of the
// session within half a screen of scrolling, exercise rows of at most 120 px,
// each note shown once, the week and day bar in view while scrolling, jumping
// to a day, and a ready notice that covers nothing.
import assert from "node:assert/strict";
import { test } from "node:test";
import { measurePhone } from "./phone-measure.mjs";
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
} from "./support.mjs";

const PHONE = { width: 390, height: 844 };
const browser = useBrowser(PHONE);

test("a ready program meets the phone bounds", async () => {
  const { page } = browser;
  await openForm(page);
  await fillForm(page, { title: "Phone", days: 3, preset: "Full gym" });
  await submitForm(page);
  await waitForState(page, "generating");
  await screenshot(page, "phone-generating");
  await waitForState(page, "completed");
  await page.locator("#notice").waitFor();

  const m = await measurePhone(page);
  assert.ok(
    m.scrollToFirstExercise <= PHONE.height / 2,
    `the first exercise needs ${m.scrollToFirstExercise} px of scrolling`,
  );
  assert.ok(m.rowHeights.length > 0);
  for (const height of m.rowHeights) {
    assert.ok(height <= 120, `an exercise row is ${height} px tall`);
  }
  assert.equal(m.stickyBarTopAfterScroll, 0, "the bar sticks to the top");
  assert.ok(m.barVisibleAfterScroll, "nothing covers the bar");
  assert.deepEqual(m.noticeCovers, [], "the notice covers nothing");
  assert.ok(
    !["fixed", "sticky", "absolute"].includes(m.noticePosition),
    `the notice is in the flow, not ${m.noticePosition}`,
  );
  await screenshot(page, "phone-program");
  assert.deepEqual(browser.errors, []);
});

test("each note is shown once per session and no exercise id is shown", async () => {
  const { page } = browser;
  const body = await programStatus(BASE_URL, programIdOf(page));
  const week = body.program.weeks[0];
  const days = page.locator("#day-nav button");
  for (const [i, session] of week.sessions.entries()) {
    await days.nth(i).click();
    const slot = page.locator("#session-slot");
    const text = await slot.innerText();
    // One note may contain another ("…; stop at the target RIR. Reps are
    // per side."), so count the list items, not substrings.
    const items = (await slot.locator(".session-notes li").allInnerTexts())
      .map((item) => item.replace(/^Exercises? [\d, ]+: /, "").trim());
    for (const note of new Set(session.exercises.map((e) => e.notes))) {
      if (!note) continue;
      assert.equal(
        items.filter((item) => item === note.trim()).length,
        1,
        `“${note}” appears once in ${session.day}`,
      );
    }
    for (const exercise of session.exercises) {
      assert.ok(
        !text.includes(exercise.exerciseId),
        `the id ${exercise.exerciseId} is not shown`,
      );
    }
  }
});

test("the day buttons jump to a day and the week can change while scrolled", async () => {
  const { page } = browser;
  const body = await programStatus(BASE_URL, programIdOf(page));
  const [week1, week2] = body.program.weeks;
  const last = week1.sessions.length - 1;
  const days = page.locator("#day-nav button");
  await days.nth(last).click();
  const heading = page.locator("#session-slot h3");
  assert.match(
    await heading.innerText(),
    new RegExp(week1.sessions[last].day, "i"),
  );
  assert.equal(await days.nth(last).getAttribute("aria-pressed"), "true");
  // Jumping brings the session's start under the bar, and focus to its heading.
  const headingTop = await heading.evaluate((el) =>
    el.getBoundingClientRect().top
  );
  assert.ok(headingTop >= 0 && headingTop < 422, `heading at ${headingTop}`);
  assert.ok(await heading.evaluate((el) => el === document.activeElement));
  // Scrolled down, the next week is one tap away.
  await page.evaluate(() => scrollTo(0, document.body.scrollHeight / 3));
  await page.getByRole("button", { name: "Next week" }).click();
  await page.locator("#week-select").evaluate((select) => select.value)
    .then((value) => assert.equal(value, "1"));
  assert.equal(
    await page.locator("#session-slot li.exercise").count(),
    week2.sessions[0].exercises.length,
  );
  // The place is remembered for this program.
  await page.reload();
  await waitForState(page, "completed");
  assert.equal(
    await page.locator("#week-select").evaluate((select) => select.value),
    "1",
  );
});

test("Next session moves on through the week and into the next one", async () => {
  const { page } = browser;
  const body = await programStatus(BASE_URL, programIdOf(page));
  const [week1, week2] = body.program.weeks;
  await page.locator("#week-select").selectOption({ index: 0 });
  const next = page.locator("#next-session");
  for (let i = 1; i < week1.sessions.length; i++) {
    await next.click();
    assert.equal(
      await page.locator("#day-nav button").nth(i).getAttribute("aria-pressed"),
      "true",
    );
  }
  assert.match(await next.innerText(), /^Next session: week 2, /);
  await next.click();
  assert.equal(
    await page.locator("#week-select").evaluate((select) => select.value),
    "1",
  );
  assert.equal(
    await page.locator("#session-slot li.exercise").count(),
    week2.sessions[0].exercises.length,
  );
});

test("an exercise row opens to show its muscles and equipment in words", async () => {
  const { page } = browser;
  const row = page.locator("#session-slot li.exercise").first();
  const before = await row.evaluate((el) => el.getBoundingClientRect().height);
  await row.locator("summary").click();
  await row.locator(".muscles").waitFor();
  assert.match(await row.locator(".muscles").innerText(), /^Works .+Equipment/);
  const after = await row.evaluate((el) => el.getBoundingClientRect().height);
  assert.ok(after > before, "the details open below the row");
});
