import { expect, type Locator, type Page } from '@playwright/test';
import type { TestSmtp } from '@stallkeeper/sync-server/testing';
import { pdfText } from './invoices.ts';

/** A message the test SMTP server received, parsed. */
export type ReceivedMail = Awaited<ReturnType<TestSmtp['waitFor']>>;

/**
 * "Email invoice" / "Email receipt" and the Emails list under it (lib/email), on the
 * invoice screen or inside the receipt dialog (`scope`).
 */
export class EmailSection {
  constructor(
    private readonly page: Page,
    private readonly scope: Locator,
    readonly label: 'Email invoice' | 'Email receipt',
  ) {}

  get button(): Locator {
    return this.scope.getByRole('button', { name: this.label, exact: true });
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: this.label });
  }

  get to(): Locator {
    return this.dialog.getByLabel("Customer's email");
  }

  /** The Emails list's entries, newest first. */
  get items(): Locator {
    return this.scope.getByRole('list', { name: 'Emails' }).getByRole('listitem');
  }

  item(address: string): Locator {
    return this.items.filter({ hasText: `To ${address}` });
  }

  /** Open the dialog (the address as prefilled is checked by the caller), send to `to`. */
  async send(to: string, note = ''): Promise<void> {
    await this.button.click();
    await expect(this.dialog).toBeVisible();
    await this.to.fill(to);
    if (note) await this.dialog.getByLabel('Note (optional)').fill(note);
    await this.dialog.getByRole('button', { name: 'Send' }).click();
    await expect(this.dialog).toBeHidden();
  }
}

/** The PDF a message carries, read back (its file name and text). */
export async function attachedPdf(m: ReceivedMail): Promise<{ name: string; text: string }> {
  const pdfs = m.attachments.filter((a) => a.contentType === 'application/pdf');
  expect(pdfs).toHaveLength(1);
  const [pdf] = pdfs;
  if (!pdf) throw new Error('no PDF attached');
  const { text } = await pdfText(new Uint8Array(pdf.content));
  return { name: pdf.filename ?? '', text };
}
