import { describe, expect, it } from 'vitest';
import { stockMovementDoc } from '../fixtures/index.ts';
import { STOCK_COLUMNS, stockMovementsTable, type MovementProduct } from './stock.ts';

const CHEESE = 'product:01J00000000000000000000001';
const JARS = 'product:01J00000000000000000000002';
const products = new Map<string, MovementProduct>([
  [CHEESE, { code: 'CHZ', name: 'Crème fraîche', unit: 'kg' }],
  [JARS, { code: 'JAR', name: 'Jam jar', unit: 'piece' }],
]);
const people = new Map([['user_1', 'Olga Stall']]);

describe('stockMovementsTable', () => {
  it('writes signed quantities in the sales unit, with the product and the person by name', () => {
    const t = stockMovementsTable(
      [
        stockMovementDoc({ productId: CHEESE, qty: 12_500, at: '2026-11-01T07:00:00.000Z' }),
        {
          productId: CHEESE,
          qty: -250,
          reason: 'damage',
          at: '2026-11-02T07:00:00.000Z',
          by: 'user_1',
        },
        stockMovementDoc({
          productId: JARS,
          qty: -3,
          reason: 'count',
          at: '2026-11-03T07:00:00.000Z',
          by: 'user_9',
        }),
      ],
      products,
      people,
    );
    expect(t.name).toBe('stock-movements');
    expect(t.columns).toEqual([...STOCK_COLUMNS]);
    expect(t.rows).toEqual([
      ['2026-11-01T07:00:00.000Z', 'CHZ', 'Crème fraîche', 'kg', 'restock', '12.5', 'Olga Stall'],
      ['2026-11-02T07:00:00.000Z', 'CHZ', 'Crème fraîche', 'kg', 'damage', '-0.25', 'Olga Stall'],
      ['2026-11-03T07:00:00.000Z', 'JAR', 'Jam jar', 'piece', 'count', '-3', ''],
    ]);
  });

  it('keeps a movement of a product it does not know, in base units with the product left empty', () => {
    const { rows } = stockMovementsTable(
      [stockMovementDoc({ productId: 'product:01J0000000000000000000000Z', qty: 40, at: 'x' })],
      products,
      people,
    );
    expect(rows).toEqual([['x', '', '', '', 'restock', '40', 'Olga Stall']]);
  });
});
