import type { CsvTable } from '@stallkeeper/shared';

/**
 * A CSV file's header and rows as text cells. papaparse finds the separator
 * (commas, or the semicolons of a European spreadsheet) and loads only when a file
 * is read. Blank lines stay in, so row numbers match the spreadsheet's (the plan
 * leaves blank rows out).
 */
export async function readCsv(text: string): Promise<CsvTable> {
  const { default: Papa } = await import('papaparse');
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const [headers = [], ...rows] = result.data;
  // a file saved with a final line break has one empty row more
  while (rows.length && rows[rows.length - 1]?.every((c) => c === '')) rows.pop();
  return { headers: headers.map((h) => h.trim()), rows };
}
