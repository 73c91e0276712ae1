// Resume: the program id lives in the URL, so a reload mid-generation (or
// losing the network for a while) picks the watch up again until completed.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  fillForm,
  openForm,
  programIdOf,
  seen,
  submitForm,
  useBrowser,
  waitForState,
} from "./support.mjs";

const browser = useBrowser();

test("reloading mid-generation resumes watching the same program to completion", async () => {
  const { page } = browser;
  await openForm(page);
  await fillForm(page, { title: "Resume after reload", days: 3 });
  await submitForm(page);
  await waitForState(page, "generating");
  const programId = programIdOf(page);
  assert.ok(programId, "the program id is in the URL while generating");

  await page.reload();
  assert.equal(programIdOf(page), programId);
  await waitForState(page, "completed");

  const { states, stages } = await seen(page);
  assert.ok(
    states.includes("generating"),
    `after the reload the page watched it generate: ${states}`,
  );
  assert.equal(states.at(-1), "completed");
  // The card showed named stages with a rising progress bar on the way.
  const percents = stages.map((s) => Number(s.percent)).filter((p) =>
    p > 0 && p < 100
  );
  assert.ok(
    percents.length > 0,
    `a partial percentage was shown: ${JSON.stringify(stages)}`,
  );
  assert.ok(
    stages.some((s) =>
      /choosing exercises|setting reps|laying out|planning/i.test(s.stage)
    ),
    JSON.stringify(stages),
  );
  await page.locator("#program-view svg.volume-chart").waitFor();
  await page.getByRole("alert").filter({ hasText: "Your program is ready" })
    .waitFor();
  assert.deepEqual(browser.errors, []);
});

test("going offline while watching shows a clear message and keeps polling until completed", async () => {
  const { page, context } = browser;
  await openForm(page);
  await fillForm(page, { title: "Resume after offline", days: 2 });
  await submitForm(page);
  await waitForState(page, "generating");

  await context.setOffline(true);
  const problem = page.locator("#status-problem");
  await problem.waitFor({ state: "visible", timeout: 15_000 });
  assert.match(await problem.innerText(), /offline|cannot reach/i);
  assert.equal(
    await page.locator("#watch-view").getAttribute("data-state"),
    "generating",
  );

  await context.setOffline(false);
  await waitForState(page, "completed");
  assert.ok(
    await problem.isHidden(),
    "the message clears once the server answers again",
  );
  await page.locator("#program-view svg.volume-chart").waitFor();
});
