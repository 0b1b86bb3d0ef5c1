import type { CsvTable } from '@stallkeeper/shared';

/**
 * The separator a file uses, from its header line: commas, the semicolons of a
 * European spreadsheet, or tabs. (papaparse's own guess trips over quoted separators
 * and line breaks in the first rows.)
 */
function separatorOf(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const count = (s: string) => header.split(s).length - 1;
  return [',', ';', '\t'].reduce((best, s) => (count(s) > count(best) ? s : best));
}

/**
 * A CSV file's header and rows as text cells; papaparse loads only when a file is
 * read. Blank lines stay in, so row numbers match the spreadsheet's (the plan leaves
 * blank rows out).
 */
export async function readCsv(text: string): Promise<CsvTable> {
  const { default: Papa } = await import('papaparse');
  const body = text.replace(/^\uFEFF/, '');
  const result = Papa.parse<string[]>(body, {
    delimiter: separatorOf(body),
    skipEmptyLines: false,
  });
  const [headers = [], ...rows] = result.data;
  // a file saved with a final line break has one empty row more
  while (rows.length && rows[rows.length - 1]?.every((c) => c === '')) rows.pop();
  return { headers: headers.map((h) => h.trim()), rows };
}
