import Papa from 'papaparse';
import type { ExportTable } from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

const table: ExportTable = {
  name: 'products',
  columns: ['code', 'name', 'price', 'description', 'active', 'low_stock_at'],
  rows: [
    ['CRM', 'Crème fraîche', '4.50', 'Thick, "double" cream', true, null],
    ['MLT', '抹茶, ceremonial', '12.00', 'Line one\nline two\r\nline three', false, 3],
    ['=SUM', ' spaced ', '0.00', '', true, ''],
  ],
};

const parse = (text: string) =>
  Papa.parse<string[]>(text, { header: false, skipEmptyLines: true }).data;

describe('toCsv', () => {
  it('writes RFC 4180: CRLF rows, quoted commas, doubled quotes and line breaks kept', async () => {
    const text = await toCsv(table);
    expect(text.startsWith('code,name,price,description,active,low_stock_at\r\n')).toBe(true);
    expect(text).toContain('CRM,Crème fraîche,4.50,"Thick, ""double"" cream",true,\r\n');
    expect(text).toContain('"抹茶, ceremonial"');
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('reads back cell for cell (nulls as empty), non-ASCII names intact', async () => {
    const back = parse(await toCsv(table));
    expect(back).toEqual([
      table.columns,
      ['CRM', 'Crème fraîche', '4.50', 'Thick, "double" cream', 'true', ''],
      ['MLT', '抹茶, ceremonial', '12.00', 'Line one\nline two\r\nline three', 'false', '3'],
      ['=SUM', ' spaced ', '0.00', '', 'true', ''],
    ]);
  });

  it('starts with a byte-order mark only when asked, and is UTF-8 either way', async () => {
    const plain = await toCsv(table);
    const excel = await toCsv(table, { bom: true });
    expect(plain.charCodeAt(0)).toBe('c'.charCodeAt(0));
    expect(excel.charCodeAt(0)).toBe(0xfeff);
    expect(excel.slice(1)).toBe(plain);
    const bytes = new TextEncoder().encode(excel);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // a reader that honours the mark (as spreadsheet programs do) sees the same header
    const decoded = new TextDecoder('utf-8').decode(bytes);
    expect(parse(decoded)[0]).toEqual(table.columns);
    expect(parse(decoded)[1]?.[1]).toBe('Crème fraîche');
  });

  it('writes the header alone for an empty list', async () => {
    const text = await toCsv({ name: 'orders', columns: ['number', 'total'], rows: [] });
    expect(text).toBe('number,total\r\n');
  });
});
