// Double submit: however fast the person clicks, one submission starts one
// generation. Counted through the API's list of the user's programs.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BASE_URL,
  fillForm,
  listPrograms,
  openForm,
  programIdOf,
  programsCreatedSince,
  useBrowser,
  waitForState,
} from "./support.mjs";

const browser = useBrowser();

/** Count the page's POSTs to the function, so a guard on the server alone does not pass. */
function countPosts(page) {
  const posts = [];
  page.on("request", (request) => {
    if (
      request.method() === "POST" && request.url().includes("/functions/v1/")
    ) posts.push(request.url());
  });
  return posts;
}

test("a double click on submit creates exactly one generation", async () => {
  const { page } = browser;
  const before = await listPrograms(BASE_URL);
  const posts = countPosts(page);
  await openForm(page);
  await fillForm(page, { title: "Double click", days: 3 });
  await page.getByRole("button", { name: "Make my program" }).dblclick();
  await waitForState(page, "completed");

  const created = await programsCreatedSince(BASE_URL, before);
  assert.equal(created.length, 1, `created: ${JSON.stringify(created)}`);
  assert.equal(created[0].programId, programIdOf(page));
  assert.equal(created[0].title, "Double click");
  assert.equal(posts.length, 1, "the page sent one request");
});

test("submitting three times within one task creates exactly one generation", async () => {
  const { page } = browser;
  const before = await listPrograms(BASE_URL);
  await openForm(page);
  const posts = countPosts(page);
  await fillForm(page, { title: "Triple submit", days: 2 });
  await page.evaluate(() => {
    const form = document.getElementById("profile-form");
    form.requestSubmit();
    form.requestSubmit();
    document.getElementById("submit-button").click();
  });
  assert.ok(
    await page.locator("#submit-button").isDisabled(),
    "the hidden form cannot be sent again",
  );
  await waitForState(page, "completed");

  const created = await programsCreatedSince(BASE_URL, before);
  assert.equal(created.length, 1, `created: ${JSON.stringify(created)}`);
  assert.equal(posts.length, 1, "the page sent one request");
  assert.deepEqual(browser.errors, []);
});
