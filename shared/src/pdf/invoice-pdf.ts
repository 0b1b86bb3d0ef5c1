import { calendarDay, standingWords } from '../invoice-words.ts';
import { taxBreakdown, type InvoiceStanding } from '../invoices.ts';
import type { InvoicePayment } from '../invoice-payments.ts';
import { formatRate } from '../percent.ts';
import { formatQuantity } from '../quantity.ts';
import type { Invoice } from '../schemas/invoice.ts';
import { pdfMoney } from './pdf-money.ts';
import { PdfWriter, type Column } from './pdf-writer.ts';
import { facts, lineColumns, sellerHeader, sumColumns, type PdfLogo } from './seller-header.ts';

/** A payment as the invoice lists it (method already in words: paymentsOf). */
export type PdfPayment = InvoicePayment;

export interface InvoicePdfInput {
  invoice: Invoice;
  standing: InvoiceStanding;
  payments: readonly PdfPayment[];
  logo: PdfLogo | null;
  /** the reader's locale (BCP 47), for money and dates */
  locale: string;
  /** IANA time zone the payments' dates are told in; the runtime's own when left out */
  timeZone?: string;
  /** YYYY-MM-DD: what "overdue" is measured against */
  today: string;
}

/** The file name a download, share or email attachment gives the invoice. */
export const invoiceFileName = (number: string): string => `Invoice ${number}.pdf`;

/**
 * The invoice as a PDF: pure (data in, bytes out), so the app makes it offline, the
 * server makes the same one, and tests read the bytes back.
 */
export async function invoicePdf(input: InvoicePdfInput): Promise<Uint8Array> {
  const { invoice: inv, standing, locale } = input;
  const w = await PdfWriter.create(`Invoice ${inv.number}`);
  const money = pdfMoney(w, inv.currency, locale);
  const day = (d: string) => calendarDay(d, locale);

  await sellerHeader(w, inv.seller, input.logo);
  w.paragraph(`Invoice ${inv.number}`, { size: 20, bold: true });
  w.gap(6);
  facts(w, [
    ['Order', inv.orderNumber],
    ['Issue date', day(inv.issuedOn)],
    ['Due date', day(inv.dueOn)],
    ['Status', standingWords(standing, inv.dueOn, input.today)],
  ]);
  w.gap(10);
  w.paragraph('Bill to', { bold: true });
  w.paragraph(inv.customerName || 'Walk-in customer');
  if (inv.customerAddress) w.paragraph(inv.customerAddress, { muted: true });
  w.gap(14);

  const cols = lineColumns(w);
  w.row(['Item', 'Qty', 'Price', 'Amount'], cols, { bold: true });
  w.rule();
  for (const l of inv.lines) {
    const per = l.unit === 'piece' ? '' : `/${l.unit}`;
    w.row(
      [
        l.code ? `${l.name} (${l.code})` : l.name,
        formatQuantity(l.qty, l.unit, locale),
        `${money(l.unitPrice)}${per}`,
        money(l.lineTotal),
      ],
      cols,
    );
  }
  w.rule();

  const sums = sumColumns(w);
  for (const t of taxBreakdown(inv)) {
    const rate = formatRate(t.rate, locale);
    w.row([`Net of tax`, money(t.base)], sums);
    w.row([`Tax ${rate}${inv.taxInclusive ? ' (included)' : ''}`, money(t.tax)], sums);
  }
  w.row(['Total', money(inv.total)], sums, { bold: true, size: 12 });
  w.row(['Paid', money(standing.paid)], sums);
  w.row(['Balance due', money(standing.balance)], sums, { bold: true, size: 12 });

  if (input.payments.length) {
    w.gap(12);
    w.paragraph('Payments received', { bold: true });
    const pay: Column[] = [
      { x: 0, width: 110 },
      { x: 110, width: 110 },
      { x: 225, width: 185 },
      { x: 415, width: w.width - 415, align: 'right' },
    ];
    const date = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeZone: input.timeZone,
    });
    for (const p of input.payments) {
      w.row([date.format(new Date(p.at)), p.method, p.reference, money(p.amount)], pay);
    }
  }
  if (inv.paymentInstructions) {
    w.gap(12);
    w.paragraph('How to pay', { bold: true });
    w.paragraph(inv.paymentInstructions);
  }
  if (inv.footer) {
    w.gap(16);
    w.paragraph(inv.footer, { muted: true, size: 9 });
  }
  return w.bytes();
}
