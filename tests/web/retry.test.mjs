// Failure and retry, on the stack whose first run of every program fails
// (GENERATION_FAIL_FIRST_RUNS=1): the page explains the failure in plain words,
// offers Retry, and Retry goes back to watching until completed.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  FAIL_BASE_URL,
  fillForm,
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

test(
  "a failed generation shows the error and Retry, and Retry reaches completed",
  { skip: !FAIL_BASE_URL },
  async () => {
    const { page } = browser;
    await openForm(page, FAIL_BASE_URL);
    await fillForm(page, { title: "Fails once", days: 3 });
    await submitForm(page);

    await waitForState(page, "failed");
    const programId = programIdOf(page);
    const failed = await programStatus(FAIL_BASE_URL, programId);
    assert.equal(failed.status, "failed");

    // Plain words first, the stored error text as the detail.
    const error = page.locator("#status-error");
    assert.match(await error.innerText(), /went wrong|retrying usually works/i);
    assert.equal(
      await page.locator("#status-error-detail").textContent(),
      failed.error,
    );
    assert.match(await page.title(), /failed/i);
    const { announcements } = await seen(page);
    assert.ok(
      announcements.some((a) => /failed/i.test(a)),
      `announced: ${announcements}`,
    );
    assert.equal(
      await page.locator(
        "#programs-list li[data-program-id='" + programId + "']",
      ).getAttribute("data-status"),
      "failed",
    );

    await screenshot(page, "failed-with-retry");
    const retry = page.getByRole("button", { name: "Retry" });
    await retry.click();
    await waitForState(page, "completed");
    const { states } = await seen(page);
    const afterFailure = states.slice(states.lastIndexOf("failed") + 1);
    assert.ok(
      afterFailure.includes("generating") || afterFailure.includes("queued"),
      `states: ${states}`,
    );
    assert.ok(await retry.isHidden(), "Retry goes away once completed");
    assert.ok(await error.isHidden());
    await page.locator("#program-view svg.volume-chart").waitFor();

    const completed = await programStatus(FAIL_BASE_URL, programId);
    assert.equal(completed.status, "completed");
    assert.equal(
      programIdOf(page),
      programId,
      "the retry reused the same program",
    );
    assert.deepEqual(browser.errors, []);
  },
);
