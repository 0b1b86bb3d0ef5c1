import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The customers' shop page (/s/<slug>) as a customer has it on their phone: the shop,
 * its cart bar, checkout, the test payment page and the order's tracking page.
 */
export class StorefrontPage {
  constructor(readonly page: Page) {}

  async open(slug: string): Promise<void> {
    await this.page.goto(`/s/${slug}`);
    await expect(this.page.getByRole('list', { name: 'Products' })).toBeVisible();
  }

  /** A product's card, by its name. */
  card(name: string): Locator {
    return this.page
      .getByRole('list', { name: 'Products' })
      .getByRole('article')
      .filter({ has: this.page.getByRole('heading', { name, exact: true }) });
  }

  /** The card's − quantity + (what the cart holds of it, as written: "2", "0.5 kg"). */
  inCart(name: string): Locator {
    return this.page.getByRole('status', { name: `${name} in your cart` });
  }

  /** "Add", then "+" until the cart holds `taps` steps of it. */
  async add(name: string, taps = 1): Promise<void> {
    await this.page.getByRole('button', { name: `Add ${name}`, exact: true }).click();
    for (let i = 1; i < taps; i++) {
      await this.page.getByRole('button', { name: `More ${name}`, exact: true }).click();
    }
  }

  get cartBar(): Locator {
    return this.page.getByRole('link', { name: 'Checkout', exact: true });
  }

  get placeOrder(): Locator {
    return this.page.getByRole('button', { name: /^Place order/ });
  }

  /** On the checkout: the first time offered, name, phone and how to pay. */
  async fillCheckout(who: { name: string; phone: string; card: boolean }): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Checkout' })).toBeVisible();
    await this.page.getByLabel(/^When will you collect/).selectOption({ index: 1 });
    await this.page.getByLabel('Name', { exact: true }).fill(who.name);
    await this.page.getByLabel('Phone', { exact: true }).fill(who.phone);
    await this.page
      .getByRole('radio', { name: who.card ? /^Card \(test mode\)/ : /^Pay on collection/ })
      .check();
  }

  /** The order's headline on its tracking page ("Ready for pickup" …). */
  get trackedStatus(): Locator {
    return this.page.getByTestId('order-headline');
  }
}
