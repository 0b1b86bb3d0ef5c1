import {
  formatQuantity,
  formatRate,
  taxBreakdown,
  type Invoice,
  type InvoiceStanding,
  type Minor,
} from '@stallkeeper/shared';
import { calendarDay, standingWords } from './invoice-words.ts';
import { pdfMoney } from '../pdf/pdf-money.ts';
import { PdfWriter, type Column } from '../pdf/pdf-writer.ts';

export interface PdfLogo {
  bytes: Uint8Array;
  type: string;
}

/** A payment as the invoice lists it (method already in words). */
export interface PdfPayment {
  at: string;
  amount: Minor;
  method: string;
  reference: string;
}

export interface InvoicePdfInput {
  invoice: Invoice;
  standing: InvoiceStanding;
  payments: readonly PdfPayment[];
  logo: PdfLogo | null;
  /** the device's locale, for money and dates */
  locale: string;
  /** YYYY-MM-DD: what "overdue" is measured against */
  today: string;
}

/** The file name a download or share gives the invoice. */
export const invoiceFileName = (number: string): string => `Invoice ${number}.pdf`;

/** The shop's block at the top of invoices and statements (and the logo, top right). */
export async function sellerHeader(
  w: PdfWriter,
  seller: Invoice['seller'],
  logo: PdfLogo | null,
): Promise<void> {
  const top = w.cursor;
  const logoHeight = logo ? await w.logo(logo.bytes, logo.type) : 0;
  const width = logoHeight ? w.width - 160 : w.width;
  w.paragraph(seller.name, { size: 16, bold: true }, 0, width);
  if (seller.address) w.paragraph(seller.address, { muted: true }, 0, width);
  if (seller.contact) w.paragraph(seller.contact, { muted: true }, 0, width);
  if (seller.taxId) w.paragraph(`Tax ID: ${seller.taxId}`, { muted: true }, 0, width);
  w.moveTo(Math.min(w.cursor, top - logoHeight));
  w.gap(18);
}

/** Label and value pairs side by side ("Due date   15 Dec 2026"). */
export function facts(w: PdfWriter, pairs: readonly [string, string][]): void {
  const cols: Column[] = [
    { x: 0, width: 110 },
    { x: 110, width: w.width - 110 },
  ];
  for (const [label, value] of pairs) w.row([label, value], cols);
}

/**
 * The invoice as a PDF, made on the device: pure (data in, bytes out), so it works
 * offline and is tested by reading the bytes back.
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

  const cols: Column[] = [
    { x: 0, width: 240 },
    { x: 250, width: 70, align: 'right' },
    { x: 325, width: 85, align: 'right' },
    { x: 415, width: w.width - 415, align: 'right' },
  ];
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

  const sums: Column[] = [
    { x: 230, width: 180, align: 'right' },
    { x: 415, width: w.width - 415, align: 'right' },
  ];
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
    for (const p of input.payments) {
      const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(p.at));
      w.row([when, p.method, p.reference, money(p.amount)], pay);
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
