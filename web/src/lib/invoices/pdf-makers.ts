import type { Invoice, InvoiceStanding, Statement } from '@stallkeeper/shared';
import type { PdfLogo, PdfPayment } from './invoice-pdf.ts';
import type { MadePdf } from '../pdf/pdf-file.svelte.ts';

// pdf-lib is loaded here, on the screens that make a PDF, never with the first screen.

export async function makeInvoicePdf(
  invoice: Invoice,
  standing: InvoiceStanding,
  payments: readonly PdfPayment[],
  logo: PdfLogo | null,
  today: string,
): Promise<MadePdf> {
  const { invoicePdf, invoiceFileName } = await import('./invoice-pdf.ts');
  const bytes = await invoicePdf({
    invoice,
    standing,
    payments,
    logo,
    locale: navigator.language,
    today,
  });
  return { bytes, name: invoiceFileName(invoice.number) };
}

export async function makeStatementPdf(input: {
  seller: Invoice['seller'];
  customer: { name: string; address: string };
  statement: Statement;
  currency: string;
  logo: PdfLogo | null;
  today: string;
}): Promise<MadePdf> {
  const { statementPdf, statementFileName } = await import('./statement-pdf.ts');
  const bytes = await statementPdf({ ...input, locale: navigator.language });
  return { bytes, name: statementFileName(input.customer.name, input.today) };
}
