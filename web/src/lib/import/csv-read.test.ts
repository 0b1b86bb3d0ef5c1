import { describe, expect, it } from 'vitest';
import { readCsv } from './csv-read.ts';

describe('readCsv', () => {
  it('reads a spreadsheet’s semicolons, byte-order mark and quoted line breaks', async () => {
    const table = await readCsv(
      '\uFEFFName;Price\r\n"Cheese; aged";"2,50"\r\n"Two\nlines";3\r\n\r\n',
    );
    expect(table).toEqual({
      headers: ['Name', 'Price'],
      rows: [
        ['Cheese; aged', '2,50'],
        ['Two\nlines', '3'],
      ],
    });
  });

  it('keeps blank lines inside the file, so row numbers stay the spreadsheet’s', async () => {
    const table = await readCsv('name,price\n\nTea,1\n');
    expect(table.rows).toEqual([[''], ['Tea', '1']]);
  });
});
