import type { Locator, Page } from '@playwright/test';

/** /alerts (the owner's): open alerts, or all of them, each resolvable. */
export class AlertsScreen {
  constructor(private readonly page: Page) {}

  /** The alerts of one kind (e.g. "oversell", "low_stock"). */
  ofKind(kind: string): Locator {
    return this.page.locator(`[data-testid="alert"][data-kind="${kind}"]`);
  }

  /** Show resolved alerts too. */
  async showAll(): Promise<void> {
    await this.page.getByRole('button', { name: 'All' }).click();
  }

  /** Resolve an alert by counting the stock on hand. */
  async resolveByCount(alert: Locator, counted: number): Promise<void> {
    await alert.getByLabel('Counted on hand').fill(String(counted));
    await alert.getByRole('button', { name: 'Save count' }).click();
  }
}
