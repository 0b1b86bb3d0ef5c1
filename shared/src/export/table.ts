import { toDecimalString, type Minor } from '../money.ts';

/**
 * A table for export, before it becomes CSV text: a header and rows of plain
 * values, one column per field. Amounts are decimal strings with the currency in
 * a column of its own; dates are ISO 8601. The CSV text itself is made by a CSV
 * library on each side (web: lib/export/csv.ts; the seed CLI), never by hand.
 */
export interface ExportTable {
  /** what the file is called, without extension: `products`, `sales-2026-11` */
  name: string;
  columns: string[];
  rows: Cell[][];
}
export type Cell = string | number | boolean | null;

/** An amount in minor units as a decimal a spreadsheet reads: 1234 EUR → "12.34". */
export function decimal(amount: Minor | null, currency: string): string {
  return amount === null ? '' : toDecimalString(amount, currency);
}

/** An ISO instant's calendar date (UTC): `2026-12-03`. */
export function calendarDate(iso: string): string {
  return iso.slice(0, 10);
}
