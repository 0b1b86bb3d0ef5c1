import type { ExportTable } from '@stallkeeper/shared';

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

/** Hand a file to the device: the browser's download. */
export function saveFile(file: Blob, name: string): void {
  const url = URL.createObjectURL(file);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // the click has started the download; the URL can go once it has been read
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Make a table's CSV on the device and download it as `<name>.csv`. */
export async function downloadCsv(table: ExportTable, options: CsvOptions = {}): Promise<void> {
  const text = await toCsv(table, options);
  saveFile(new Blob([text], { type: 'text/csv;charset=utf-8' }), `${table.name}.csv`);
}
