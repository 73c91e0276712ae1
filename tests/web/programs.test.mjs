// "My programs": the list reopens a program, and starting a second one while
// the first is still generating explains why and links to the running one.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BASE_URL,
  fillForm,
  listPrograms,
  openForm,
  programIdOf,
  programsCreatedSince,
  submitForm,
  useBrowser,
  waitForState,
} from "./support.mjs";

const browser = useBrowser();

test("a second program while one is generating is refused with a link to the running one", async () => {
  const { page } = browser;
  const before = await listPrograms(BASE_URL);
  await openForm(page);
  await fillForm(page, { title: "Still running", days: 3 });
  await submitForm(page);
  await waitForState(page, "generating");
  const running = programIdOf(page);

  await page.getByRole("button", { name: "Make another program" }).click();
  await page.locator("#form-view").waitFor({ state: "visible" });
  assert.equal(programIdOf(page), null, "the URL no longer names a program");
  await fillForm(page, { title: "Too early" });
  await submitForm(page);

  const banner = page.locator("#form-error");
  await banner.waitFor({ state: "visible" });
  assert.match(await banner.innerText(), /still being made/);
  await banner.getByRole("link", { name: "Watch that program" }).click();
  assert.equal(programIdOf(page), running);
  await waitForState(page, "completed");

  const created = await programsCreatedSince(BASE_URL, before);
  assert.deepEqual(created.map((p) => p.title), ["Still running"]);
  assert.deepEqual(browser.errors, []);
});

test("a program in the list can be reopened, and Back returns to the form", async () => {
  const { page } = browser;
  await openForm(page);
  const [latest] = await listPrograms(BASE_URL);
  const row = page.locator(
    `#programs-list li[data-program-id="${latest.programId}"]`,
  );
  await row.getByRole("link", { name: latest.title }).click();
  assert.equal(programIdOf(page), latest.programId);
  await waitForState(page, "completed");
  await page.locator("#program-view").getByRole("heading", {
    name: latest.title,
  }).waitFor();
  assert.equal(
    await row.getByRole("link").getAttribute("aria-current"),
    "page",
  );

  await page.goBack();
  await page.locator("#form-view").waitFor({ state: "visible" });
  assert.ok(await page.locator("#program-view").isHidden());
  assert.deepEqual(browser.errors, []);
});
