import { expect, type Locator, type Page } from '@playwright/test';

/** Settings → Online shop: the owner publishes the shop page. */
export class OnlineShopSection {
  constructor(private readonly page: Page) {}

  get section(): Locator {
    return this.page.getByTestId('storefront');
  }

  get status(): Locator {
    return this.section.getByTestId('storefront-status');
  }

  get link(): Locator {
    return this.section.getByTestId('storefront-link');
  }

  field(label: string): Locator {
    return this.section.getByLabel(label, { exact: true });
  }

  /**
   * Publish the page at `slug`, for pickup at `place` at the first weekly time the
   * form offers (Saturday 08:00–13:00), and wait until the server has saved it.
   */
  async publishForPickup(slug: string, place: string): Promise<void> {
    await expect(this.field('Page address')).toBeVisible();
    await this.section.getByRole('switch', { name: /Publish the shop page/ }).check();
    await this.field('Page address').fill(slug);
    await this.field('Where to collect').fill(place);
    await this.section.getByRole('button', { name: 'Add a time' }).click();
    await expect(this.section.getByTestId('pickupTimes-row')).toHaveCount(1);
    await this.section.getByRole('button', { name: 'Save shop page' }).click();
    await expect(this.status).toContainText('Saved. The page is live.');
  }
}

/** The product editor's shop-page part. */
export class ProductOnlineFields {
  constructor(private readonly page: Page) {}

  get form(): Locator {
    return this.page.getByRole('form', { name: 'Edit product' });
  }

  /** Tick "Sell on the shop page", set the allowance (sales units) and save. */
  async sellOnline(allowance: string): Promise<void> {
    await this.form.getByRole('checkbox', { name: 'Sell on the shop page' }).check();
    await this.form.getByLabel(/^Online allowance/).fill(allowance);
    await this.form.getByRole('button', { name: 'Save product' }).click();
    await expect(this.form).toBeHidden();
  }
}

/** An order from the shop page on its screen: the panel, the request and its answers. */
export class OnlineOrderScreen {
  constructor(private readonly page: Page) {}

  get panel(): Locator {
    return this.page.getByTestId('online-order');
  }

  get newBadge(): Locator {
    return this.page.getByTestId('online-new');
  }

  get request(): Locator {
    return this.page.getByTestId('customer-request');
  }

  /** Decline the customer's request with `reason` (the in-page dialog). */
  async decline(reason: string): Promise<void> {
    await this.request.getByRole('button', { name: 'Decline' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Decline the request' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Reason').fill(reason);
    await dialog.getByRole('button', { name: 'Decline request' }).click();
    await expect(dialog).toBeHidden();
  }
}
