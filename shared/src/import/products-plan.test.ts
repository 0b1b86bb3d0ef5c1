import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { productFields, type ProductFields } from '../schemas/product.ts';
import { rowErrorText } from './errors.ts';
import { autoMap } from './mapping.ts';
import type { CsvTable } from './plan.ts';
import { planProducts, type ExistingProduct, type ProductPlanOptions } from './products-plan.ts';
import { rejectedRows } from './rejects.ts';

const SQUARE = ['Item Name', 'Variation Name', 'SKU', 'Category', 'Price', 'Current Quantity Shop'];
const square = (rows: string[][]): CsvTable => ({ headers: SQUARE, rows });
const mapping = autoMap('products', SQUARE).mapping;

const apples: ProductFields = {
  code: 'APL-1',
  name: 'Apples',
  unit: 'kg',
  price: 300,
  cost: 100,
  description: 'Crisp',
  imageUrl: null,
  lowStockThreshold: 2000,
  active: true,
  category: 'Fruit',
  online: false,
  onlineAllowance: null,
};
const shop = new Map<string, ExistingProduct>([['apl-1', { id: 'product:A', fields: apples }]]);
const opts = (o: Partial<ProductPlanOptions> = {}): ProductPlanOptions => ({
  currency: 'EUR',
  existing: new Map(),
  duplicates: 'update',
  ...o,
});

describe('planProducts', () => {
  it('turns good rows into products with their opening stock', () => {
    const plan = planProducts(
      square([
        ['Bananas', 'Regular', 'BAN', 'Fruit', '€1,20', '12'],
        ['Rice 5kg', '', 'RICE5', 'Dry goods', '1,234.50', ''],
      ]),
      mapping,
      opts(),
    );
    expect(plan.counts).toEqual({ new: 2, update: 0, same: 0, skip: 0, error: 0 });
    const [bananas, rice] = plan.rows;
    expect(bananas).toMatchObject({
      action: 'new',
      line: 2,
      opening: 12,
      codeMade: false,
      fields: { code: 'BAN', name: 'Bananas', category: 'Fruit', price: 120, unit: 'piece' },
    });
    expect(rice).toMatchObject({
      action: 'new',
      opening: 0,
      fields: { price: 123_450, cost: null },
    });
  });

  it('says what is wrong with each bad row in words, and still takes the good ones', () => {
    const plan = planProducts(
      square([
        ['Good one', '', 'G1', '', '2', '1'],
        ['Bad price', '', 'B1', '', 'abc', '1'],
        ['', '', 'B2', '', '3', ''],
        ['Half a cup', '', 'B3', '', '1', '0.5'],
        ['Good two', '', 'G2', '', '4', ''],
        ['Bad code', '', 'has space', '', '4', ''],
      ]),
      mapping,
      opts(),
    );
    expect(plan.counts).toMatchObject({ new: 2, error: 4 });
    const texts = plan.rows.flatMap((r) =>
      r.action === 'error' ? r.errors.map(rowErrorText) : [],
    );
    expect(texts).toEqual([
      "Row 3: price 'abc' is not an amount (write it like 12.50)",
      'Row 4: name is required',
      "Row 5: stock '0.5' is not a whole number of pieces",
      'Row 7: code may only use letters, digits and . _ / -',
    ]);
  });

  it('matches the shop’s products by code whatever the case, and updates only the cells given', () => {
    const plan = planProducts(
      square([['', '', 'apl-1', 'Orchard', '3.50', '40']]),
      mapping,
      opts({ existing: shop }),
    );
    expect(plan.rows[0]).toMatchObject({
      action: 'update',
      id: 'product:A',
      changes: { category: 'Orchard', price: 350 },
      fields: { ...apples, category: 'Orchard', price: 350 },
      stockIgnored: 40_000,
    });
  });

  it('skips matches when the owner says so, and calls an unchanged row the same', () => {
    const rows = [['Apples', '', 'APL-1', 'Fruit', '3', '']];
    expect(
      planProducts(square(rows), mapping, opts({ existing: shop, duplicates: 'skip' })).rows[0],
    ).toMatchObject({ action: 'skip', id: 'product:A' });
    expect(planProducts(square(rows), mapping, opts({ existing: shop })).counts.same).toBe(1);
  });

  it('refuses a code the file already used, the second time', () => {
    const plan = planProducts(
      square([
        ['One', '', 'X1', '', '1', ''],
        ['Two', '', 'x1', '', '1', ''],
      ]),
      mapping,
      opts(),
    );
    expect(plan.rows.map((r) => r.action)).toEqual(['new', 'error']);
    expect(plan.rows[1]).toMatchObject({ errors: [{ message: "code 'x1' is also on row 2" }] });
  });

  it('makes codes from names when the file has none, never one already taken', () => {
    const plan = planProducts(
      {
        headers: ['name', 'price', 'code'],
        rows: [
          ['Red apples', '1', ''],
          ['Red apples', '1', ''],
          ['Crème brûlée', '2', ''],
          ['Taken', '3', 'RED-APPLES-2'],
        ],
      },
      autoMap('products', ['name', 'price', 'code']).mapping,
      opts({ existing: new Map([['red-apples', { id: 'product:B', fields: apples }]]) }),
    );
    expect(plan.rows.map((r) => (r.action === 'new' ? r.fields.code : r.action))).toEqual([
      'RED-APPLES-3',
      'RED-APPLES-4',
      'CREME-BRULEE',
      'RED-APPLES-2',
    ]);
    expect(plan.codesMade).toBe(3);
  });

  it('reads weighed products, warning levels, for-sale flags and the currency', () => {
    const headers = [
      'code',
      'name',
      'unit',
      'price',
      'stock',
      'low_stock_at',
      'active',
      'currency',
    ];
    const plan = planProducts(
      {
        headers,
        rows: [
          ['CH', 'Cheese', 'per kg', '12.00', '2.5', '0,5', 'no', 'EUR'],
          ['LB', 'Ham', 'lb', '9', '', '', '', ''],
          ['US', 'Import', 'each', '9', '', '', 'maybe', 'USD'],
        ],
      },
      autoMap('products', headers).mapping,
      opts(),
    );
    expect(plan.rows[0]).toMatchObject({
      action: 'new',
      opening: 2500,
      fields: { unit: 'kg', lowStockThreshold: 500, active: false },
    });
    expect(plan.rows[1]).toMatchObject({
      errors: [
        { field: 'unit', message: "unit 'lb' is not one Stallkeeper sells by (piece, kg, l or m)" },
      ],
    });
    expect(plan.rows[2]).toMatchObject({
      errors: [
        { field: 'currency', message: 'prices are in USD, but the shop sells in EUR' },
        { field: 'active', message: "for sale 'maybe' is not yes or no" },
      ],
    });
  });

  it('leaves out blank rows and numbers rows as the spreadsheet does', () => {
    const plan = planProducts(
      square([
        ['', '', '', '', '', ''],
        ['Tea', '', 'T', '', '1', ''],
      ]),
      mapping,
      opts(),
    );
    expect(plan.rows).toHaveLength(1);
    expect(plan.rows[0]?.line).toBe(3);
  });

  it('never lets a bad row cost a good one: every valid row is planned, whatever is beside it', () => {
    const good = fc.tuple(fc.constantFrom('Tea', 'Rice', 'Soap'), fc.nat(9999));
    const bad = fc.constantFrom(['', 'x'], ['Junk', 'abc'], ['Neg', '-1']);
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            good.map(([n, p]) => [n, String(p)]),
            bad,
          ),
        ),
        (cells) => {
          const rows = cells.map(([n, p], i) => [n ?? '', `C${i}`, p ?? '']);
          const plan = planProducts(
            { headers: ['name', 'code', 'price'], rows },
            autoMap('products', ['name', 'code', 'price']).mapping,
            opts(),
          );
          const valid = rows.filter(([n, , p]) => n && /^\d+$/.test(p ?? ''));
          expect(plan.counts.new).toBe(valid.length);
          expect(plan.counts.error).toBe(rows.length - valid.length);
          for (const r of plan.rows) if (r.action === 'new') productFields.parse(r.fields);
        },
      ),
    );
  });

  it('hands the refused rows back as a file to fix, with what is wrong', () => {
    const table = square([
      ['Good', '', 'G', '', '1', ''],
      ['Bad', '', 'B', '', 'abc', ''],
    ]);
    const plan = planProducts(table, mapping, opts());
    const refused = plan.rows.filter((r) => r.action === 'error');
    expect(rejectedRows(table, refused, 'rejected')).toEqual({
      name: 'rejected',
      columns: [...SQUARE, 'problem'],
      rows: [['Bad', '', 'B', '', 'abc', '', "price 'abc' is not an amount (write it like 12.50)"]],
    });
  });
});
