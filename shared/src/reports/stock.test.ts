import { describe, expect, it } from 'vitest';
import { buildReport } from './build.ts';
import { APPLES, BREAD, JAM, SOAP, weekInput } from './fixture.ts';

/* The week's stock (fixture.ts), by hand. */
const { stock } = buildReport(weekInput());

describe('stock on hand', () => {
  it('values what is there per active product, and badges it', () => {
    expect(stock.products).toEqual([
      {
        ...{ productId: APPLES.id, name: 'Apples', code: 'P1', unit: 'kg', category: 'Fruit' },
        onHand: 5000,
        valueAtCost: 600, // 5 kg × 1.20
        valueAtPrice: 1500, // 5 kg × 3.00
        badge: 'ok', // 5000 g above the shop's 5
      },
      {
        ...{ productId: BREAD.id, name: 'Bread', code: 'P2', unit: 'piece', category: 'Bakery' },
        onHand: 2,
        valueAtCost: 200,
        valueAtPrice: 500,
        badge: 'low', // its own threshold: 3
      },
      {
        ...{ productId: JAM.id, name: 'Jam', code: 'P3', unit: 'piece', category: 'Fruit' },
        onHand: 0,
        valueAtCost: null, // no cost known
        valueAtPrice: 0,
        badge: 'out',
      },
      {
        ...{ productId: SOAP.id, name: 'Soap', code: 'P4', unit: 'piece', category: '' },
        onHand: -3, // oversold
        valueAtCost: 0, // never below 0
        valueAtPrice: 0,
        badge: 'out',
      },
    ]);
    // the archived candles are not counted
    expect(stock.totals).toEqual({ valueAtCost: 800, valueAtPrice: 2000, low: 1, out: 2 });
  });
});

describe('stock movements of the period', () => {
  it('sums each kind over the products (sales negative)', () => {
    expect(stock.movements).toEqual([
      { kind: 'restock', qty: 15, products: 2 }, // bread +10, soap's opening +5
      // apples −(1500 + 2000) g, bread −(2 + 2 + 1 + 1), jam −(1 + 1); not the cancelled O6
      { kind: 'sale', qty: -3508, products: 3 },
      { kind: 'return', qty: 1, products: 1 }, // O1's bread back on the shelf
      // bread damaged −1; O1's 500 g apples came back but went in the bin
      { kind: 'writeoff', qty: -501, products: 2 },
      { kind: 'count', qty: -200, products: 1 }, // apples counted 200 g short
      { kind: 'adjustment', qty: -2, products: 1 }, // soap
    ]);
  });

  it('lists the movements of each product (last month’s restock is not this week’s)', () => {
    expect(stock.movementsByProduct).toEqual([
      {
        productId: APPLES.id,
        name: 'Apples',
        unit: 'kg',
        moves: { count: -200, sale: -3500, writeoff: -500 },
      },
      {
        productId: BREAD.id,
        name: 'Bread',
        unit: 'piece',
        moves: { restock: 10, sale: -6, return: 1, writeoff: -1 },
      },
      { productId: JAM.id, name: 'Jam', unit: 'piece', moves: { sale: -2 } },
      { productId: SOAP.id, name: 'Soap', unit: 'piece', moves: { restock: 5, adjustment: -2 } },
    ]);
  });

  it('lists the oversells the server raised in the period', () => {
    expect(stock.oversells).toEqual([
      {
        alertId: 'alert:A1',
        at: '2026-03-04T20:00:00.000Z',
        message: 'Soap oversold by 3',
        open: true,
      },
    ]);
  });
});

describe('on hand, worked out once for the same catalogue and stock', () => {
  it('gives the same figures from the memo, and new ones for a new stock read or threshold', () => {
    const input = weekInput();
    const first = buildReport(input);
    const again = buildReport({ ...input });
    expect(again.stock.products).toBe(first.stock.products);
    expect(again.stock.totals).toEqual(first.stock.totals);
    const restocked = input.stock.map((s) => ({ ...s, onHand: s.onHand + 1000 }));
    const after = buildReport({ ...input, stock: restocked });
    expect(after.stock.products).not.toBe(first.stock.products);
    expect(after.stock.totals.valueAtPrice).toBeGreaterThan(first.stock.totals.valueAtPrice);
    const stricter = buildReport({ ...input, lowStockDefault: 1e9 });
    expect(stricter.stock.totals.low + stricter.stock.totals.out).toBeGreaterThanOrEqual(
      first.stock.totals.low + first.stock.totals.out,
    );
    expect(stricter.stock.products).not.toBe(first.stock.products);
  });
});
