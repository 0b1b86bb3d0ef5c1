import type {
  Invoice,
  InvoiceStanding,
  Order,
  ReceiptShop,
  ReceiptState,
  Statement,
} from '@stallkeeper/shared';
import type { PdfLogo, PdfPayment } from '@stallkeeper/shared/pdf';
import type { MadePdf } from '../pdf/pdf-file.svelte.ts';

// pdf-lib comes with `@stallkeeper/shared/pdf`, loaded here on the screens that make
// a PDF, never with the first screen. The PDFs speak the device's language and time.

const device = () => ({
  locale: navigator.language,
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
});

export async function makeInvoicePdf(
  invoice: Invoice,
  standing: InvoiceStanding,
  payments: readonly PdfPayment[],
  logo: PdfLogo | null,
  today: string,
): Promise<MadePdf> {
  const { invoicePdf, invoiceFileName } = await import('@stallkeeper/shared/pdf');
  const bytes = await invoicePdf({ invoice, standing, payments, logo, today, ...device() });
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
  const { statementPdf, statementFileName } = await import('@stallkeeper/shared/pdf');
  const bytes = await statementPdf({ ...input, locale: device().locale });
  return { bytes, name: statementFileName(input.customer.name, input.today) };
}

export async function makeReceiptPdf(
  order: Order,
  shop: ReceiptShop,
  state: ReceiptState | null,
): Promise<MadePdf> {
  const { receiptPdf, receiptFileName } = await import('@stallkeeper/shared/pdf');
  const bytes = await receiptPdf({ order, shop, state, ...device() });
  return { bytes, name: receiptFileName(order.number) };
}
