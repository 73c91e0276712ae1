/**
 * The phone measurements of a ready program, shared by the phone test (which
 * checks them against the bounds) and `scripts/measure-phone.sh`
 * (which prints them). Everything is measured in the page, in CSS pixels, on
 * whatever viewport the page has (390×844 for both).
 * @module
 */

/**
 * Measure the program on the page, which must show a ready program with the
 * ready notice up and be scrolled to the top.
 * @param {any} page a Playwright page
 * @returns {Promise<{viewport: {width: number, height: number}, firstExerciseBottom: number, scrollToFirstExercise: number, pageHeight: number, rowHeights: number[], sessions: number, stickyBarTopAfterScroll: number | null, barVisibleAfterScroll: boolean, noticeCovers: string[], noticePosition: string}>}
 */
export async function measurePhone(page) {
  await page.evaluate(() => scrollTo(0, 0));
  const top = await page.evaluate(() => {
    const first = document.querySelector("#session-slot li.exercise");
    const rect = first.getBoundingClientRect();
    const notice = document.getElementById("notice");
    const noticeRect = notice.getBoundingClientRect();
    // What the notice covers: anything drawn at a point inside it that is
    // not the notice itself or one of its ancestors.
    const covers = new Set();
    if (!notice.hidden) {
      for (const fx of [0.1, 0.5, 0.9]) {
        for (const fy of [0.2, 0.8]) {
          const x = noticeRect.left + noticeRect.width * fx;
          const y = noticeRect.top + noticeRect.height * fy;
          for (const el of document.elementsFromPoint(x, y)) {
            if (notice.contains(el) || el.contains(notice)) continue;
            covers.add(el.id || el.className || el.tagName);
          }
        }
      }
    }
    return {
      viewport: { width: innerWidth, height: innerHeight },
      firstExerciseBottom: Math.round(rect.bottom + scrollY),
      pageHeight: document.documentElement.scrollHeight,
      noticeCovers: [...covers],
      noticePosition: getComputedStyle(notice).position,
    };
  });
  const rowHeights = [];
  const days = page.locator("#day-nav button");
  const sessions = await days.count();
  for (let i = 0; i < sessions; i++) {
    await days.nth(i).click();
    rowHeights.push(
      ...await page.locator("#session-slot li.exercise").evaluateAll((rows) =>
        rows.map((row) => Math.round(row.getBoundingClientRect().height))
      ),
    );
  }
  await days.first().click();
  // Scroll to the end of the session: the week and day bar must still be there.
  const sticky = await page.evaluate(async () => {
    const slot = document.getElementById("session-slot");
    const bottom = slot.getBoundingClientRect().bottom + scrollY;
    scrollTo(0, Math.max(0, bottom - innerHeight / 2));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const bar = document.getElementById("program-bar");
    const rect = bar.getBoundingClientRect();
    const hit = document.elementFromPoint(rect.left + 10, rect.top + 10);
    return {
      scrolled: scrollY,
      top: Math.round(rect.top),
      visible: rect.bottom > 0 && rect.top < innerHeight && bar.contains(hit),
    };
  });
  await page.evaluate(() => scrollTo(0, 0));
  return {
    ...top,
    scrollToFirstExercise: Math.max(
      0,
      top.firstExerciseBottom - top.viewport.height,
    ),
    rowHeights,
    sessions,
    stickyBarTopAfterScroll: sticky.scrolled > 0 ? sticky.top : null,
    barVisibleAfterScroll: sticky.visible,
  };
}
