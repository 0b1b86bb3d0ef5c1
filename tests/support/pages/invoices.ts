import { expect, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { extractText, getDocumentProxy } from 'unpdf';

export interface PaymentEntry {
  amount: string;
  method: 'Cash' | 'Card' | 'Mobile money';
  reference?: string;
}

/** A PDF the app handed over as a download: its file name and its text, read back. */
export interface DownloadedPdf {
  name: string;
  text: string;
  pages: number;
}

/** The text of PDF bytes, runs of white space as one space. */
export async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  const pdf = await getDocumentProxy(bytes);
  const { text, totalPages } = await extractText(pdf, { mergePages: true });
  return { text: text.replace(/\s+/g, ' '), pages: totalPages };
}

/** Press a PDF "Download" button and read back the file the app made. */
async function downloadPdf(page: Page, scope: Locator): Promise<DownloadedPdf> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    scope.getByRole('button', { name: 'Download PDF' }).click(),
  ]);
  const path = await download.path();
  const { text, pages } = await pdfText(new Uint8Array(await readFile(path)));
  return { name: download.suggestedFilename(), text, pages };
}

/** /invoices: aging summary, filters and the list. */
export class InvoicesScreen {
  constructor(private readonly page: Page) {}

  get rows(): Locator {
    return this.page.getByTestId('invoice-row');
  }

  row(number: string): Locator {
    return this.rows.filter({ hasText: number });
  }

  /** The status filter buttons: All, Unpaid, Part paid, Paid, Overdue. */
  filter(label: string): Locator {
    return this.page
      .getByRole('group', { name: 'Payment status' })
      .getByRole('button', { name: label, exact: true });
  }

  get customerFilter(): Locator {
    return this.page.getByLabel('Customer');
  }

  /** One aging tile: 'current', '1-30', '31-60', '61-90' or '90+'. */
  aging(bucket: string): Locator {
    return this.page.getByTestId(`aging-${bucket}`);
  }

  get owed(): Locator {
    return this.page.getByTestId('aging-owed');
  }
}

/** /invoices/<id>: the invoice as the customer sees it, its payments and its PDF. */
export class InvoicePage {
  constructor(private readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: /^Invoice / });
  }

  get status(): Locator {
    return this.page.getByTestId('invoice-status');
  }

  get total(): Locator {
    return this.page.getByTestId('invoice-total');
  }

  get paid(): Locator {
    return this.page.getByTestId('invoice-paid');
  }

  get balance(): Locator {
    return this.page.getByTestId('invoice-balance');
  }

  get due(): Locator {
    return this.page.getByTestId('invoice-due');
  }

  get payments(): Locator {
    return this.page.getByTestId('invoice-payments').getByRole('listitem');
  }

  get pdfActions(): Locator {
    return this.page.getByRole('region', { name: 'Invoice PDF' });
  }

  /** "Record payment" → the order's payment dialog: amount, method, reference → saved. */
  async recordPayment(p: PaymentEntry): Promise<void> {
    await this.page.getByRole('button', { name: 'Record payment' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Record a payment' });
    await dialog.getByLabel(/^Amount received/).fill(p.amount);
    await dialog.getByLabel('Paid by').selectOption({ label: p.method });
    if (p.reference !== undefined) await dialog.getByLabel(/^Reference/).fill(p.reference);
    await dialog.getByRole('button', { name: 'Save payment' }).click();
    await expect(dialog).toBeHidden();
  }

  downloadPdf(): Promise<DownloadedPdf> {
    return downloadPdf(this.page, this.pdfActions);
  }
}

/** The statement section of a customer's page. */
export class StatementSection {
  constructor(private readonly page: Page) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: 'Statement', exact: true });
  }

  get owed(): Locator {
    return this.region.getByTestId('aging-owed');
  }

  get lines(): Locator {
    return this.region.getByTestId('statement-lines').getByRole('listitem');
  }

  downloadPdf(): Promise<DownloadedPdf> {
    return downloadPdf(this.page, this.page.getByRole('region', { name: 'Statement PDF' }));
  }
}
