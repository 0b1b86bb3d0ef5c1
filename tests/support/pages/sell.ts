import { expect, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { pdfText, type DownloadedPdf } from './invoices.ts';

export type Payment = 'Cash' | 'Card' | 'Delivery';

/** /sell: the catalogue tiles, the search box and the cart. */
export class SellScreen {
  constructor(private readonly page: Page) {}

  get tiles(): Locator {
    return this.page.getByTestId('sell-tile');
  }

  tile(name: string): Locator {
    return this.tiles.filter({ hasText: name });
  }

  /** The stored copy of this screen that a cold start draws before the app is up. */
  get snapshot(): Locator {
    return this.page.locator('#sk-snapshot');
  }

  stockBadge(name: string): Locator {
    return this.tile(name).getByTestId('stock-badge');
  }

  get search(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search or type a code' });
  }

  get cartLines(): Locator {
    return this.page.getByTestId('cart-line');
  }

  get cartTotal(): Locator {
    return this.page.getByTestId('cart-total');
  }

  get catalog(): Locator {
    return this.page.getByRole('region', { name: 'Catalog' });
  }

  get cart(): Locator {
    return this.page.getByRole('region', { name: 'Cart' });
  }

  /** The "Charge" button; with a total (e.g. "€2.50") only when it charges that much. */
  chargeButton(total?: string): Locator {
    return this.page.getByRole('button', { name: total ? `Charge ${total}` : /^Charge / });
  }

  /** Tap a product's tile: one more of it in the cart. */
  async add(name: string): Promise<void> {
    await this.tile(name).click();
  }

  /** Tap a product sold by weight or length and say how much ("1.25" kg). */
  async addAmount(name: string, amount: string): Promise<void> {
    await this.tile(name).click();
    const dialog = this.page.getByRole('dialog', { name: `How much ${name}?` });
    await dialog.getByLabel(/^Amount/).fill(amount);
    await dialog.getByRole('button', { name: 'Add to cart' }).click();
    await expect(dialog).toBeHidden();
  }

  /** Press "Charge" (for `total`, if given) and get the checkout dialog. */
  async charge(total?: string): Promise<CheckoutDialog> {
    await this.chargeButton(total).click();
    return new CheckoutDialog(this.page);
  }

  /** One of a product, confirmed with the checkout's defaults, back to an empty cart. */
  async sellOne(name: string): Promise<void> {
    await this.add(name);
    await expect(this.cartLines).toHaveCount(1);
    const receipt = await (await this.charge()).confirm();
    await expect(receipt.dialog).toBeVisible();
    await receipt.newSale();
    await expect(this.cartLines).toHaveCount(0);
  }
}

/** The checkout dialog: payment, cash given, customer, "Confirm sale". */
export class CheckoutDialog {
  readonly dialog: Locator;

  constructor(private readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Checkout' });
  }

  get total(): Locator {
    return this.dialog.getByTestId('checkout-total');
  }

  get changeDue(): Locator {
    return this.dialog.getByTestId('change-due');
  }

  get confirmButton(): Locator {
    return this.dialog.getByRole('button', { name: 'Confirm sale' });
  }

  get selectedCustomer(): Locator {
    return this.dialog.getByTestId('selected-customer');
  }

  payment(method: Payment): Locator {
    return this.dialog.getByRole('radio', { name: method });
  }

  async pay(method: Payment): Promise<void> {
    await this.payment(method).check();
  }

  /** Card or delivery: paid now (rather than later). */
  async paidNow(): Promise<void> {
    await this.dialog.getByRole('radio', { name: 'Now' }).check();
  }

  async cashGiven(amount: string): Promise<void> {
    await this.dialog.getByLabel(/^Cash given/).fill(amount);
  }

  /** Type into the customer box and pick the suggestion named `name`. */
  async pickCustomer(typed: string, name: string): Promise<void> {
    await this.dialog.getByLabel(/^Customer/).fill(typed);
    await this.dialog.getByRole('button', { name: new RegExp(name) }).click();
  }

  async confirm(): Promise<ReceiptDialog> {
    await this.confirmButton.click();
    return new ReceiptDialog(this.page);
  }
}

/** The receipt shown once a sale is saved. */
export class ReceiptDialog {
  readonly dialog: Locator;

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Sale saved' });
  }

  get number(): Locator {
    return this.dialog.getByTestId('receipt-number');
  }

  get text(): Locator {
    return this.dialog.getByTestId('receipt-text');
  }

  get change(): Locator {
    return this.dialog.getByTestId('receipt-change');
  }

  async newSale(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'New sale' }).click();
  }

  /** Press "Download receipt (PDF)" and read back the file the app made. */
  async downloadPdf(): Promise<DownloadedPdf> {
    const [download] = await Promise.all([
      this.dialog.page().waitForEvent('download'),
      this.dialog.getByRole('button', { name: 'Download receipt (PDF)' }).click(),
    ]);
    const bytes = new Uint8Array(await readFile(await download.path()));
    const { text, pages } = await pdfText(bytes);
    return { name: download.suggestedFilename(), text, pages };
  }
}
