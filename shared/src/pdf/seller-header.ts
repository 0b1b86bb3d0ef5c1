import { shopDetails } from '../receipt.ts';
import type { Invoice } from '../schemas/invoice.ts';
import type { Column, PdfWriter } from './pdf-writer.ts';

/** The shop's logo as stored (a PNG or JPEG attachment). */
export interface PdfLogo {
  bytes: Uint8Array;
  type: string;
}

/** Who sells: what invoices, statements and receipts print at the top. */
export type PdfSeller = Invoice['seller'];

/** The shop's block at the top of invoices, statements and receipts (and the logo, top right). */
export async function sellerHeader(
  w: PdfWriter,
  seller: PdfSeller,
  logo: PdfLogo | null,
): Promise<void> {
  const top = w.cursor;
  const logoHeight = logo ? await w.logo(logo.bytes, logo.type) : 0;
  const width = logoHeight ? w.width - 160 : w.width;
  w.paragraph(seller.name, { size: 16, bold: true }, 0, width);
  for (const line of shopDetails(seller)) w.paragraph(line, { muted: true }, 0, width);
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

/** The columns of a table of sold lines: item, quantity, price, amount. */
export function lineColumns(w: PdfWriter): Column[] {
  return [
    { x: 0, width: 240 },
    { x: 250, width: 70, align: 'right' },
    { x: 325, width: 85, align: 'right' },
    { x: 415, width: w.width - 415, align: 'right' },
  ];
}

/** The columns of the sums under a table of lines: a label, then the amount under "Amount". */
export function sumColumns(w: PdfWriter, labelX = 230): Column[] {
  return [
    { x: labelX, width: 410 - labelX, align: 'right' },
    { x: 415, width: w.width - 415, align: 'right' },
  ];
}
