import { expect, type Locator, type Page } from '@playwright/test';

/** /orders/<id>: one order's lines, status, actions and timeline, and its dialogs. */
export class OrderDetailScreen {
  constructor(private readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { name: /^Order / });
  }
  get status(): Locator {
    return this.page.getByTestId('order-status');
  }
  get paymentStatus(): Locator {
    return this.page.getByTestId('payment-status');
  }
  /** "Stock confirmed", "Backordered" … (the server's decision), or "Stock check pending sync". */
  get allocStatus(): Locator {
    return this.page.getByTestId('alloc-status');
  }
  get lines(): Locator {
    return this.page.getByTestId('order-lines');
  }
  get total(): Locator {
    return this.page.getByTestId('order-total');
  }
  get timeline(): Locator {
    return this.page.getByTestId('timeline');
  }
  /** Timeline entries of one event kind ("returned", "amended", "payment" …). */
  events(kind: string): Locator {
    return this.page.getByTestId(`timeline-${kind}`);
  }
  get unsynced(): Locator {
    return this.page.getByTestId('order-unsynced');
  }
  get actions(): Locator {
    return this.page.getByRole('region', { name: 'Actions' });
  }
  action(name: string): Locator {
    return this.actions.getByRole('button', { name, exact: true });
  }

  /** "Return items" → the return dialog. */
  async openReturn(): Promise<ReturnDialog> {
    await this.action('Return items').click();
    const dialog = new ReturnDialog(this.page);
    await expect(dialog.dialog).toBeVisible();
    return dialog;
  }

  /** "Change order" → the amend dialog. */
  async openAmend(): Promise<AmendDialog> {
    await this.action('Change order').click();
    const dialog = new AmendDialog(this.page);
    await expect(dialog.dialog).toBeVisible();
    return dialog;
  }

  /** "Record a payment" → fill amount, method and reference → save. */
  async recordPayment(amount: string, method: string, reference = ''): Promise<void> {
    await this.action('Record a payment').click();
    const dialog = this.page.getByRole('dialog', { name: 'Record a payment' });
    await dialog.getByLabel(/^Amount received/).fill(amount);
    await dialog.getByLabel('Paid by').selectOption({ label: method });
    if (reference) await dialog.getByLabel(/^Reference/).fill(reference);
    await dialog.getByRole('button', { name: 'Save payment' }).click();
    await expect(dialog).toBeHidden();
  }

  /** "Cancel order" → the cancel dialog (reason, and the refund when paid). */
  async openCancel(): Promise<Locator> {
    await this.action('Cancel order').click();
    const dialog = this.page.getByRole('dialog', { name: /^Cancel order/ });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  get balance(): Locator {
    return this.page.getByTestId('balance');
  }
  get invoiceLink(): Locator {
    return this.page.getByTestId('invoice-link');
  }

  get refundReceipt(): Locator {
    return this.page.getByRole('dialog', { name: 'Return saved' });
  }
  get refundReceiptText(): Locator {
    return this.refundReceipt.getByTestId('refund-receipt');
  }
  async closeRefundReceipt(): Promise<void> {
    await this.refundReceipt.getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect(this.refundReceipt).toBeHidden();
  }
}

/** "Return items": per line how many come back, restock or write off, the refund. */
export class ReturnDialog {
  readonly dialog: Locator;

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Return items' });
  }

  line(name: string): Locator {
    return this.dialog.getByTestId('return-line').filter({ hasText: name });
  }
  get refund(): Locator {
    return this.dialog.getByLabel(/^Refund \(/);
  }

  async quantity(name: string, qty: string): Promise<void> {
    await this.line(name).getByRole('textbox').fill(qty);
  }
  async writeOff(name: string): Promise<void> {
    await this.line(name)
      .getByRole('radio', { name: /write off/ })
      .check();
  }
  async save(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Save return' }).click();
    await expect(this.dialog).toBeHidden();
  }
}

/** "Change order": quantities, lines, customer, address, note. */
export class AmendDialog {
  readonly dialog: Locator;

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog', { name: /^Change order/ });
  }

  async quantity(name: string, qty: string): Promise<void> {
    await this.dialog
      .getByTestId('amend-line')
      .filter({ hasText: name })
      .getByRole('textbox')
      .fill(qty);
  }
  async addProduct(search: string, name: string): Promise<void> {
    await this.dialog.getByLabel('Add a product').fill(search);
    await this.dialog.getByRole('button', { name: `Add ${name}` }).click();
  }
  async note(text: string): Promise<void> {
    await this.dialog.getByLabel(/^Note/).fill(text);
  }
  async save(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(this.dialog).toBeHidden();
  }
}
