import type { ExportTable } from '@stallkeeper/shared';
import { saveFile } from './save-file.ts';

export interface CsvOptions {
  /** start with a byte-order mark, so spreadsheet programs read UTF-8 */
  bom?: boolean;
}

/**
 * RFC 4180 text of a table (CRLF, quotes doubled, fields with commas or line breaks
 * quoted). papaparse does the quoting; it loads only when something is exported.
 */
export async function toCsv(table: ExportTable, { bom = false }: CsvOptions = {}): Promise<string> {
  const { default: Papa } = await import('papaparse');
  const text = Papa.unparse(
    { fields: table.columns, data: table.rows.map((r) => r.map((c) => c ?? '')) },
    { newline: '\r\n', quotes: false, escapeFormulae: false },
  );
  // every record ends in CRLF; papaparse already ends a header-only table with one
  const body = table.rows.length === 0 && text.endsWith('\r\n') ? text : `${text}\r\n`;
  return `${bom ? '\uFEFF' : ''}${body}`;
}

/** Make a table's CSV on the device and download it as `<name>.csv`. */
export async function downloadCsv(table: ExportTable, options: CsvOptions = {}): Promise<void> {
  const text = await toCsv(table, options);
  saveFile(new Blob([text], { type: 'text/csv;charset=utf-8' }), `${table.name}.csv`);
}
