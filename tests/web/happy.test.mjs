// Happy path: fill the form, submit, watch queued → generating → completed,
// read the rendered program and its volume chart.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BASE_URL,
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
  withBrowser,
} from "./support.mjs";
import vocabulary from "../../web/vocabulary.json" with { type: "json" };

// The counting rule written out independently of web/chart.js, from the
// vocabulary the generator exports (muscle → group, and the set weights).
const GROUP = new Map(vocabulary.muscles.map((m) => [m.value, m.group]));
const { primary: PRIMARY, secondary: SECONDARY } = vocabulary.setWeights;

function expectedWeeklySets(week) {
  const totals = {};
  const groupsOf = (muscles) =>
    new Set(muscles.map((m) => GROUP.get(m)).filter(Boolean));
  for (const session of week.sessions) {
    for (const exercise of session.exercises) {
      const primary = groupsOf(exercise.primaryMuscles);
      const secondary = groupsOf(exercise.secondaryMuscles);
      for (const group of primary) {
        totals[group] = (totals[group] ?? 0) + exercise.sets * PRIMARY;
      }
      for (const group of secondary) {
        if (!primary.has(group)) {
          totals[group] = (totals[group] ?? 0) + exercise.sets * SECONDARY;
        }
      }
    }
  }
  return totals;
}

const browser = useBrowser();

test("a submitted profile is queued, generated and rendered with its volume chart", async () => {
  const { page } = browser;
  await openForm(page);
  await fillForm(page, {
    title: "Happy path",
    days: 4,
    minutes: 60,
    weeks: 6,
    preset: "Full gym",
    preferredDays: ["Monday", "Tuesday", "Thursday", "Friday"],
    squat: 120,
    bench: 90,
  });
  await submitForm(page);

  await waitForState(page, "completed");
  const { states, announcements } = await seen(page);
  assert.deepEqual(
    states.slice(0, 2),
    ["queued", "generating"],
    `states seen: ${states}`,
  );
  assert.equal(states.at(-1), "completed");
  assert.ok(
    announcements.some((a) => /ready/i.test(a)),
    `announcements: ${announcements}`,
  );

  const programId = programIdOf(page);
  assert.match(programId ?? "", /^[0-9a-f-]{36}$/);
  const body = await programStatus(BASE_URL, programId);
  assert.equal(body.status, "completed");
  const program = body.program;

  // Ready is noticeable: a visible notice and a changed tab title.
  await page.getByRole("alert").filter({ hasText: "Your program is ready" })
    .waitFor();
  assert.match(await page.title(), /ready/i);

  // Summary and sessions: one session at a time, a day button for each.
  const view = page.locator("#program-view");
  await view.getByRole("heading", { name: "Happy path" }).first().waitFor();
  const summary = await view.locator("dl.summary").innerText();
  assert.match(summary, /Split/);
  assert.match(summary, /Periodization/);
  const firstWeek = program.weeks[0];
  const days = view.locator("#day-nav button");
  assert.equal(await days.count(), firstWeek.sessions.length);
  const firstExercise = firstWeek.sessions[0].exercises[0];
  const firstRow = view.locator("#session-slot li.exercise").first();
  assert.match(
    await firstRow.innerText(),
    new RegExp(`${firstExercise.name}[\\s\\S]*${firstExercise.sets} ×`),
  );
  for (const [i, session] of firstWeek.sessions.entries()) {
    await days.nth(i).click();
    await view.locator("#session-slot").getByText(
      `about ${session.estimatedMinutes} min`,
    ).waitFor();
    assert.equal(
      await view.locator("#session-slot li.exercise").count(),
      session.exercises.length,
    );
  }
  await days.first().click();

  // The chart shows every group's weekly fractional sets, counted by the rule.
  const chart = view.locator("svg.volume-chart");
  await chart.waitFor();
  const drawn = Object.fromEntries(
    await chart.locator("g.row").evaluateAll((rows) =>
      rows.map((r) => [r.dataset.group, Number(r.dataset.sets)])
    ),
  );
  const expected = expectedWeeklySets(firstWeek);
  for (const [group, sets] of Object.entries(expected)) {
    assert.equal(drawn[group], sets, `week 1 ${group}`);
  }
  for (const group of Object.keys(program.volumeLandmarks)) {
    assert.ok(group in drawn, `${group} has landmarks, so it is charted`);
    assert.equal(
      await chart.locator(`g.row[data-group="${group}"] rect.band`).count(),
      4,
    );
  }

  // Another week can be chosen.
  if (program.weeks.length > 1) {
    await page.getByLabel("Week", { exact: true }).selectOption({ index: 1 });
    await view.locator("figcaption", { hasText: "week 2" }).waitFor();
  }

  // The JSON can be downloaded as it was generated.
  const download = view.getByRole("link", { name: "Download JSON" });
  assert.equal(
    await download.getAttribute("download"),
    `program-${programId}.json`,
  );
  const downloaded = await page.evaluate(
    async (href) => (await fetch(href)).json(),
    await download.getAttribute("href"),
  );
  assert.deepEqual(downloaded, program);

  // The list of programs shows it, marked as open and ready.
  const row = page.locator(`#programs-list li[data-program-id="${programId}"]`);
  await row.getByText("Ready").waitFor();
  assert.equal(
    await row.getByRole("link").getAttribute("aria-current"),
    "page",
  );
  assert.ok(
    (await listPrograms(BASE_URL)).some((p) =>
      p.programId === programId && p.title === "Happy path"
    ),
  );

  await page.getByRole("button", { name: "Dismiss" }).click();
  await page.getByLabel("Week", { exact: true }).selectOption({ index: 0 });
  await screenshot(page, "happy-path-desktop");
  assert.deepEqual(browser.errors, []);
});

test("the finished program reads well on a phone-sized screen", async () => {
  const [latest] = await listPrograms(BASE_URL);
  await withBrowser({ width: 390, height: 844 }, async (phone) => {
    await phone.page.goto(`${BASE_URL}/?programId=${latest.programId}`);
    await waitForState(phone.page, "completed");
    await phone.page.locator("svg.volume-chart").waitFor();
    // Nothing may force sideways scrolling on a phone.
    const overflow = await phone.page.evaluate(() =>
      document.documentElement.scrollWidth - innerWidth
    );
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    await screenshot(phone.page, "happy-path-phone");
    assert.deepEqual(phone.errors, []);
  });
});
