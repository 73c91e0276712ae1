// The new program view and card keep the page's accessibility floor: every
// piece of text has a contrast of at least 4.5:1 against what is behind it,
// in light and in dark mode, on a phone.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BASE_URL,
  createCompletedProgram,
  screenshot,
  waitForState,
  withBrowser,
} from "./support.mjs";

/** In the page: `[text, ratio]` for every visible text below `selector` under 4.5:1. */
function lowContrast(selector) {
  const parse = (color) => {
    const m = color.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const luminance = ({ r, g, b }) => {
    const channel = (v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const background = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const bg = parse(getComputedStyle(node).backgroundColor);
      if (bg && bg.a > 0.5) return bg;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const low = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.textContent.trim() || !el.checkVisibility()) continue;
      if (el.closest(".sr-only, svg")) continue;
      const fg = parse(getComputedStyle(el).color);
      const l1 = luminance(fg);
      const l2 = luminance(background(el));
      const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
      if (ratio < 4.5) {
        low.push([node.textContent.trim().slice(0, 40), ratio.toFixed(2)]);
      }
    }
  }
  return low;
}

for (const colorScheme of ["light", "dark"]) {
  test(`${colorScheme} mode: the program and its card keep 4.5:1 contrast`, async () => {
    const body = await createCompletedProgram(
      BASE_URL,
      `Contrast ${colorScheme}`,
    );
    await withBrowser({ width: 390, height: 844 }, async ({ page, errors }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto(`${BASE_URL}/?programId=${body.programId}`);
      await waitForState(page, "completed");
      // Open a row and the legend so their text is measured too.
      await page.locator("#session-slot li.exercise summary").first().click();
      await page.locator("#legend summary").click();
      const low = await page.evaluate(
        lowContrast,
        "#watch-view, #program-view, #programs",
      );
      assert.deepEqual(low, []);
      if (colorScheme === "dark") await screenshot(page, "phone-program-dark");
      assert.deepEqual(errors, []);
    });
  });
}
