import type { ExportTable } from '../export/table.ts';
import type { CsvTable, Refused } from './plan.ts';

/**
 * The refused rows as a file of their own: the original columns, cells as they were,
 * and what is wrong in a last column. Fixed in a spreadsheet, it imports as it is.
 */
export function rejectedRows(
  table: CsvTable,
  refused: readonly Refused[],
  name: string,
): ExportTable {
  return {
    name,
    columns: [...table.headers, 'problem'],
    rows: refused.map((r) => [
      ...table.headers.map((_, i) => table.rows[r.line - 2]?.[i] ?? ''),
      r.errors.map((e) => e.message).join('; '),
    ]),
  };
}
