import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Serious and critical axe violations on the page as it is now, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Let transitions and live queries settle before measuring contrast.
  await page.waitForLoadState('load');
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) => `${v.impact} ${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? v.help}`,
      ),
    );
}

/** No serious or critical violations; soft, so one audit does not hide the next. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  expect
    .soft(await seriousViolations(page), `${label} has no serious/critical violations`)
    .toEqual([]);
}
