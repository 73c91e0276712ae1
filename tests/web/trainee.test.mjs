// Reading the program as a trainee: the legend explains RIR and the load
// notation once; progression rules, warm-ups and substitutes read as words;
// an exercise can be swapped for a listed substitute, and the swap stays with
// the program in this browser.
//
// The page reads the schemaVersion 2 fields (warmUp, substitutes,
// progression, glossary) as generated; the last test strips them on the way
// to the page, as an older stored program would lack them.
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
} from "./support.mjs";

const browser = useBrowser();

test("the legend explains RIR, By effort and the load notation once", async () => {
  const { page } = browser;
  await openForm(page);
  await fillForm(page, { title: "Legend", days: 3, squat: 140 });
  await submitForm(page);
  await waitForState(page, "completed");
  const legend = page.locator("#legend");
  assert.equal(await page.locator("#program-view details#legend").count(), 1);
  await legend.locator("summary").click();
  const text = await legend.innerText();
  assert.match(text, /RIR[\s\S]*Reps in reserve/);
  assert.match(text, /By effort[\s\S]*heaviest load/);
  assert.match(text, /1RM[\s\S]*one-rep max/);
  // Rows use the notation the legend explains.
  const doses = await page.locator("#program-view .ex-dose").allInnerTexts();
  assert.ok(doses.every((d) => /\d+ × \d+.* · RIR \d · rest /.test(d)), doses);
});

test("progression, warm-up and substitutes read as words, and a swap sticks", async () => {
  const { page } = browser;
  const programId = programIdOf(page);
  const real = await programStatus(BASE_URL, programId);
  assert.equal(real.program.schemaVersion, 2);
  const first = real.program.weeks[0].sessions[0].exercises[0];
  const [firstSub] = first.substitutes;
  assert.ok(firstSub, `the program lists a substitute for ${first.name}`);

  // The legend may be open or closed from the test before; its text is there either way.
  const legend = await page.locator("#legend").textContent();
  for (const { meaning } of real.program.glossary) {
    assert.ok(legend.includes(meaning), `the legend shows "${meaning}"`);
  }

  const row = page.locator("#session-slot li.exercise").first();
  await row.locator("summary").click();
  assert.equal(
    await row.locator(".progression").innerText(),
    `How to progress: ${first.progression.description}`,
  );
  if (first.warmUp.length > 0) {
    const warmUp = await row.locator(".warm-up").innerText();
    assert.match(warmUp, /^Warm-up: /);
    for (const set of first.warmUp) {
      assert.ok(warmUp.includes(`${set.reps} × ${set.percent}%`), warmUp);
    }
  }
  const subs = await row.locator(".substitutes").innerText();
  for (const sub of first.substitutes) {
    assert.ok(subs.includes(`${sub.name} (${sub.relation})`), subs);
  }
  await screenshot(page, "desktop-program-details");

  // Swap: the row, every week's occurrence and the print copy follow.
  await row.getByRole("button", {
    name: `Use ${firstSub.name} instead of ${first.name}`,
  })
    .click();
  const swapped = page.locator("#session-slot li.exercise").first();
  assert.equal(
    await swapped.locator(".exercise-name").innerText(),
    firstSub.name,
  );
  assert.match(await swapped.locator(".ex-dose").innerText(), /By effort$/);
  const stored = await page.evaluate(
    (id) => JSON.parse(localStorage.getItem(`program-swaps:${id}`)),
    programId,
  );
  assert.deepEqual(stored, {
    [first.exerciseId]: {
      exerciseId: firstSub.exerciseId,
      name: firstSub.name,
    },
  });
  const printed = await page.locator("#print-view").evaluate((el) =>
    el.textContent
  );
  assert.ok(printed.includes(firstSub.name));

  // It survives a reload, and can be undone.
  await page.reload();
  await waitForState(page, "completed");
  const again = page.locator("#session-slot li.exercise").first();
  assert.equal(
    await again.locator(".exercise-name").innerText(),
    firstSub.name,
  );
  await again.locator("summary").click();
  await again.getByRole("button", { name: `Undo: back to ${first.name}` })
    .click();
  assert.equal(
    await page.locator("#session-slot li.exercise").first().locator(
      ".exercise-name",
    ).innerText(),
    first.name,
  );
  assert.equal(
    await page.evaluate(
      (id) => localStorage.getItem(`program-swaps:${id}`),
      programId,
    ),
    null,
  );
  assert.deepEqual(browser.errors, []);
});

test("a program without the v2 fields still reads, with no empty sections", async () => {
  const { page } = browser;
  const programId = programIdOf(page);
  await page.route(
    `**/functions/v1/generate-program/${programId}*`,
    async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      if (body.program) {
        body.program.schemaVersion = 1;
        delete body.program.glossary;
        for (const week of body.program.weeks) {
          for (const session of week.sessions) {
            for (const exercise of session.exercises) {
              delete exercise.warmUp;
              delete exercise.progression;
              delete exercise.substitutes;
            }
          }
        }
      }
      await route.fulfill({ response, json: body });
    },
  );
  await page.reload();
  await waitForState(page, "completed");
  const row = page.locator("#session-slot li.exercise").first();
  await row.locator("summary").click();
  assert.equal(await row.locator(".progression").count(), 0);
  assert.equal(await row.locator(".warm-up").count(), 0);
  assert.equal(await row.locator(".substitutes").count(), 0);
  assert.match(await row.locator(".muscles").innerText(), /^Works /);
  await page.unroute(`**/functions/v1/generate-program/${programId}*`);
});
