import { receiptParts, type ReceiptShop, type ReceiptState } from '../receipt.ts';
import type { Order } from '../schemas/order.ts';
import { pdfMoney } from './pdf-money.ts';
import { PdfWriter } from './pdf-writer.ts';
import { facts, lineColumns, sellerHeader, sumColumns, type PdfLogo } from './seller-header.ts';

export interface ReceiptPdfInput {
  order: Order;
  shop: ReceiptShop;
  /** the order as its events leave it (payments since, refunds, returns, a cancellation) */
  state?: ReceiptState | null;
  /** the reader's locale (BCP 47), for money, quantities and the date */
  locale: string;
  /** IANA time zone the sale's time is told in ("Europe/Dublin") */
  timeZone: string;
  logo?: PdfLogo | null;
}

/** The file name a download, share or email attachment gives the receipt. */
export const receiptFileName = (number: string): string => `Receipt ${number}.pdf`;

/**
 * One sale's receipt as a PDF, worded as the text receipt is (`receiptParts`), so
 * the app and the server hand the customer the same paper.
 */
export async function receiptPdf(input: ReceiptPdfInput): Promise<Uint8Array> {
  const { order, shop, locale, timeZone } = input;
  const w = await PdfWriter.create(`Receipt ${order.number}`);
  const money = pdfMoney(w, order.currency, locale);
  const r = receiptParts(order, shop, { locale, timeZone, money }, input.state ?? undefined);
  const seller = { ...shop, name: shop.shopName };

  await sellerHeader(w, seller, input.logo ?? null);
  w.paragraph(r.title, { size: 20, bold: true });
  w.gap(6);
  if (r.cancelled) w.paragraph(r.cancelled, { bold: true });
  const pairs: [string, string][] = [['Date', r.when]];
  if (r.customer) pairs.push([r.customer.label, r.customer.value]);
  facts(w, pairs);
  if (r.later) w.paragraph(r.later, { muted: true });
  w.gap(14);

  const cols = lineColumns(w);
  w.row(['Item', 'Qty', 'Price', 'Amount'], cols, { bold: true });
  w.rule();
  for (const i of r.items) w.row([i.name, i.qty, i.price, i.amount], cols);
  w.rule();

  const sums = sumColumns(w);
  w.row([r.subtotal.label, r.subtotal.value], sums);
  if (r.tax) w.row([r.tax.label, r.tax.value], sums);
  if (r.deliveryFee) w.row([r.deliveryFee.label, r.deliveryFee.value], sums);
  w.row([r.total.label, r.total.value], sums, { bold: true, size: 12 });
  if (r.tendered) w.row([r.tendered.label, r.tendered.value], sums);
  if (r.change) w.row([r.change.label, r.change.value], sums, { bold: true });
  w.gap(8);
  w.paragraph(r.payment);

  if (r.returned.length || r.refunds.length) {
    w.gap(12);
    w.paragraph('Returns and refunds', { bold: true });
    for (const item of r.returned) w.paragraph(`Returned: ${item}`);
    for (const f of r.refunds) w.row([f.label, f.value], sumColumns(w, 0));
  }
  w.gap(16);
  w.paragraph(r.footer, { muted: true, size: 9 });
  return w.bytes();
}
