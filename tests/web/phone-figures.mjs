// Prints the phone measurements of a freshly generated program (figures, not
// assertions): run through scripts/measure-phone.sh, which starts the stack.
import { measurePhone } from "./phone-measure.mjs";
import {
  BASE_URL,
  fillForm,
  openForm,
  submitForm,
  waitForState,
  withBrowser,
} from "./support.mjs";

const profiles = [
  { title: "3 days, full gym", days: 3, preset: "Full gym" },
  { title: "5 days, full gym", days: 5, minutes: 75, preset: "Full gym" },
  { title: "4 days, home dumbbells", days: 4, preset: "Home dumbbells" },
];

await withBrowser({ width: 390, height: 844 }, async ({ page }) => {
  for (const values of profiles) {
    await openForm(page, BASE_URL);
    await fillForm(page, values);
    await submitForm(page);
    await waitForState(page, "completed");
    await page.locator("#notice").waitFor();
    const m = await measurePhone(page);
    const rows = m.rowHeights;
    console.log(
      [
        `${values.title} (${m.viewport.width}×${m.viewport.height}):`,
        `  first exercise bottom at ${m.firstExerciseBottom} px; scroll needed ${m.scrollToFirstExercise} px (bound ${
          m.viewport.height / 2
        })`,
        `  exercise rows (${rows.length} in ${m.sessions} sessions of week 1): max ${
          Math.max(...rows)
        } px, median ${
          rows.toSorted((a, b) => a - b)[Math.floor(rows.length / 2)]
        } px, min ${Math.min(...rows)} px (bound 120)`,
        `  page height ${m.pageHeight} px`,
        `  week/day bar after scrolling: top ${m.stickyBarTopAfterScroll} px, visible ${m.barVisibleAfterScroll}`,
        `  ready notice: position ${m.noticePosition}, covers ${
          m.noticeCovers.length === 0 ? "nothing" : m.noticeCovers.join(", ")
        }`,
      ].join("\n"),
    );
  }
});
