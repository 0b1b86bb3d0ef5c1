import { calendarDay, AGING_LABEL } from '../invoice-words.ts';
import { AGING_BUCKETS, type Statement } from '../invoices.ts';
import { pdfMoney } from './pdf-money.ts';
import { PdfWriter, type Column } from './pdf-writer.ts';
import { facts, sellerHeader, sumColumns, type PdfLogo, type PdfSeller } from './seller-header.ts';

export interface StatementPdfInput {
  seller: PdfSeller;
  customer: { name: string; address: string };
  statement: Statement;
  currency: string;
  logo: PdfLogo | null;
  /** the reader's locale (BCP 47), for money and dates */
  locale: string;
  /** YYYY-MM-DD: the statement's date */
  today: string;
}

export const statementFileName = (customer: string, today: string): string =>
  `Statement ${customer
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()} ${today}.pdf`;

/** A customer's statement: every debt still open, oldest first, and how late it is. */
export async function statementPdf(input: StatementPdfInput): Promise<Uint8Array> {
  const { statement: st, locale } = input;
  const w = await PdfWriter.create(`Statement for ${input.customer.name}`);
  const money = pdfMoney(w, input.currency, locale);
  const day = (d: string) => calendarDay(d, locale);

  await sellerHeader(w, input.seller, input.logo);
  w.paragraph('Statement of account', { size: 20, bold: true });
  w.gap(6);
  const pairs: [string, string][] = [['Customer', input.customer.name]];
  if (input.customer.address) pairs.push(['Address', input.customer.address]);
  pairs.push(['Date', day(input.today)], ['Amount owed', money(st.owed)]);
  facts(w, pairs);
  w.gap(14);

  if (st.lines.length === 0) {
    w.paragraph('Nothing is owed. Thank you!');
    return w.bytes();
  }
  const cols: Column[] = [
    { x: 0, width: 95 },
    { x: 100, width: 80 },
    { x: 185, width: 80 },
    { x: 270, width: 70, align: 'right' },
    { x: 345, width: 70, align: 'right' },
    { x: 420, width: w.width - 420, align: 'right' },
  ];
  w.row(['Invoice / order', 'Date', 'Due', 'Late', 'Total', 'Owed'], cols, { bold: true });
  w.rule();
  for (const l of st.lines) {
    w.row(
      [
        l.invoiceNumber ? `${l.invoiceNumber} (order ${l.orderNumber})` : `Order ${l.orderNumber}`,
        day(l.date),
        day(l.dueOn),
        l.daysOverdue > 0 ? `${l.daysOverdue} d` : '-',
        money(l.total),
        money(l.balance),
      ],
      cols,
    );
  }
  w.rule();
  const sums = sumColumns(w, 200);
  for (const b of AGING_BUCKETS) {
    if (st.byBucket[b] > 0) w.row([AGING_LABEL[b], money(st.byBucket[b])], sums);
  }
  w.row(['Total owed', money(st.owed)], sums, { bold: true, size: 12 });
  return w.bytes();
}
