import type { Page } from '@playwright/test';
import { ESSENTIALS_IN } from '@stallkeeper/shared';

/*
 * "Can sell" on a new device, timed in the page: from the sign-in tap until a
 * product tile is on screen and every product and customer is in the read models
 * (the app's ESSENTIALS_IN mark). Timed by the page itself, as the floor is: a
 * Playwright locator polls the page, and on a page busy copying it noticed the
 * first tile 0.3–1.3 s after it was drawn (measured 2026-12-05).
 */

const WATCH = `(function (markName) {
  var start = performance.now();
  window.__skCanSell = new Promise(function (resolve) {
    var tile = -1;
    var essentials = -1;
    function done() {
      if (tile >= 0 && essentials >= 0) resolve({ tileMs: tile - start, essentialsMs: essentials - start });
    }
    var seen = new MutationObserver(function () {
      if (tile >= 0 || !document.querySelector('[data-testid=sell-tile]')) return;
      seen.disconnect();
      // the frame that paints it
      requestAnimationFrame(function () { tile = performance.now(); done(); });
    });
    seen.observe(document, { childList: true, subtree: true });
    new PerformanceObserver(function (list, observer) {
      var entry = list.getEntriesByName(markName)[0];
      if (!entry) return;
      observer.disconnect();
      essentials = entry.startTime;
      done();
    }).observe({ type: 'mark', buffered: true });
  });
  return 0;
})`;

/** Start timing; call just before tapping "Sign in" (the page stays one document). */
export async function watchCanSell(page: Page): Promise<void> {
  await page.evaluate(`${WATCH}(${JSON.stringify(ESSENTIALS_IN)})`);
}

/** The first tile and the essentials, in ms since `watchCanSell`; waits for both. */
export async function canSellTimes(page: Page): Promise<{ tileMs: number; essentialsMs: number }> {
  return page.evaluate('window.__skCanSell');
}
