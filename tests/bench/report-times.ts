import type { BrowserContext } from '@playwright/test';
import { printProfile } from './profile.ts';

/**
 * Time from choosing "Last 30 days" on the Reports screen until its figures are on
 * screen (the period's tiles, charts and tables; `shown`) and until the comparison
 * with the previous period is in too (`complete`), measured in the page. Five
 * rounds, each from the "Today" report, so every round works the month out anew,
 * once the Reports page has synced and the device is quiet again.
 */
export async function reportTimes(
  context: BrowserContext,
  url: string,
  settle: () => Promise<void>,
) {
  const page = await context.newPage();
  await page.goto(`${url}/reports?period=today`);
  await page.getByTestId('tile-revenue-value').waitFor({ timeout: 60_000 });
  // A newly opened page syncs and catches up first: the budget is for a settled device.
  await page
    .getByTestId('sync-label')
    .filter({ hasText: /^Synced$/ })
    .waitFor({ timeout: 60_000 });
  await settle();
  const shown: number[] = [];
  const complete: number[] = [];
  let orders = 0;
  // REPORT_PROFILE=1: a CPU profile of the first round, its heaviest functions printed
  const cdp = process.env.REPORT_PROFILE ? await context.newCDPSession(page) : null;
  for (let i = 0; i < 5; i++) {
    await page.getByLabel('Today', { exact: true }).check();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=report-period]')?.textContent?.startsWith('Today') &&
        document.querySelector('.body[aria-busy=false]') &&
        !document.querySelector('[data-testid=report-pending]'),
    );
    if (cdp && i === 0) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const t = await page.evaluate(async () => {
      const radio = [...document.querySelectorAll<HTMLInputElement>('input[type=radio]')].find(
        (r) => r.value === 'last30',
      );
      if (!radio) throw new Error('no "Last 30 days" choice');
      const start = performance.now();
      radio.click();
      let shownAt = NaN;
      for (;;) {
        // (no named helpers in here: the bundler would wrap them in a name it defines outside)
        const now = await new Promise<number>((r) =>
          requestAnimationFrame(() => r(performance.now())),
        );
        const period = document.querySelector('[data-testid=report-period]')?.textContent ?? '';
        const ready =
          period.startsWith('Last 30 days') &&
          document.querySelector('.body[aria-busy=false]') !== null &&
          document.querySelector('[data-testid=tile-revenue-value]') !== null;
        if (ready && Number.isNaN(shownAt)) shownAt = now;
        if (ready && !document.querySelector('[data-testid=report-pending]')) {
          return { shown: shownAt - start, complete: now - start };
        }
        if (now - start > 60_000) throw new Error('the report never appeared');
      }
    });
    if (cdp && i === 0) printProfile((await cdp.send('Profiler.stop')).profile, t.shown);
    shown.push(t.shown);
    complete.push(t.complete);
    orders = Number(
      (await page.getByTestId('tile-orders-value').textContent())?.replace(/\D/g, '') ?? 0,
    );
  }
  await page.close();
  return { shown, complete, orders };
}
