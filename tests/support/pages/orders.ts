import { expect, type Locator, type Page } from '@playwright/test';

/** /orders: the list with its filters, and an order's page. */
export class OrdersScreen {
  constructor(private readonly page: Page) {}

  get rows(): Locator {
    return this.page.getByTestId('order-row');
  }

  get sellerFilter(): Locator {
    return this.page.getByLabel('Seller');
  }

  get deviceFilter(): Locator {
    return this.page.getByLabel('Device');
  }

  get moreFilters(): Locator {
    return this.page.getByRole('button', { name: 'More filters' });
  }

  get fewerFilters(): Locator {
    return this.page.getByRole('button', { name: 'Fewer filters' });
  }

  /** Open the first order in the list. */
  async openFirst(): Promise<void> {
    await this.rows.first().getByRole('link').click();
    await expect(this.page.getByRole('heading', { name: /^Order / })).toBeVisible();
  }

  /** From an order's page, back to the list. */
  async backToList(): Promise<void> {
    await this.page.getByRole('link', { name: '← Orders' }).click();
  }
}
