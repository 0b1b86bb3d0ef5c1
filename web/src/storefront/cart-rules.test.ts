import { describe, expect, it } from 'vitest';
import {
  clamp,
  decrease,
  increase,
  itemCount,
  maxQty,
  totals,
  type CartLine,
} from './cart-rules.ts';

const line = (over: Partial<CartLine>): CartLine => ({
  productId: 'p1',
  name: 'Potatoes',
  unit: 'piece',
  price: 100,
  qty: 1,
  ...over,
});

describe('+ and − on the shop page', () => {
  it('counts pieces one by one', () => {
    expect(increase(0, 'piece')).toBe(1);
    expect(increase(4, 'piece')).toBe(5);
    expect(decrease(5, 'piece')).toBe(4);
    expect(decrease(1, 'piece')).toBe(0);
  });

  it('weighs in 250 g and 250 ml, and measures in 50 cm', () => {
    expect([increase(0, 'kg'), increase(250, 'kg'), increase(500, 'kg')]).toEqual([250, 500, 750]);
    expect(increase(0, 'l')).toBe(250);
    expect([increase(0, 'm'), increase(500, 'm')]).toEqual([500, 1000]);
    expect([decrease(750, 'kg'), decrease(250, 'kg')]).toEqual([500, 0]);
  });

  it('snaps an odd amount to the whole steps around it', () => {
    // 600 g (what was left when the cart was cut down): up to 750, down to 500
    expect(increase(600, 'kg')).toBe(750);
    expect(decrease(600, 'kg')).toBe(500);
    expect(decrease(100, 'kg')).toBe(0);
  });

  it('never goes above what the shop says is left', () => {
    expect(increase(2, 'piece', 3)).toBe(3);
    expect(increase(3, 'piece', 3)).toBe(3);
    // 600 g left: 250, 500, then the last 600
    expect(increase(500, 'kg', 600)).toBe(600);
    expect(increase(600, 'kg', 600)).toBe(600);
    // less than one step left: all of it
    expect(increase(0, 'kg', 200)).toBe(200);
    expect(increase(0, 'piece', 0)).toBe(0);
  });

  it('cuts a line down to what is left', () => {
    expect(clamp(5, 3)).toBe(3);
    expect(clamp(2, 3)).toBe(2);
    expect(clamp(5, 0)).toBe(0);
    expect(clamp(5)).toBe(5);
    expect(maxQty(undefined)).toBe(1_000_000);
  });
});

describe('what the cart comes to', () => {
  const terms = { taxRate: 0, taxInclusive: true, minimumOrder: 0 };

  it('prices weighed lines by the kg, rounding once per line', () => {
    const lines = [
      line({ unit: 'kg', price: 349, qty: 750 }), // 2.6175 → 2.62
      line({ productId: 'p2', price: 250, qty: 3 }),
    ];
    expect(totals(lines, terms)).toMatchObject({ subtotal: 262 + 750, total: 1012, toPay: 1012 });
  });

  it('adds tax the shop charges on top, and shows the tax already in inclusive prices', () => {
    const lines = [line({ price: 1000, qty: 1 })];
    expect(totals(lines, { ...terms, taxRate: 2000, taxInclusive: false })).toMatchObject({
      subtotal: 1000,
      tax: 200,
      total: 1200,
    });
    expect(totals(lines, { ...terms, taxRate: 2000, taxInclusive: true })).toMatchObject({
      subtotal: 1000,
      tax: 167,
      total: 1000,
    });
  });

  it('adds the delivery fee to what is paid, and counts it towards the minimum as the shop does', () => {
    const lines = [line({ price: 800, qty: 1 })];
    const t = totals(lines, { ...terms, minimumOrder: 1000 }, 150);
    expect(t).toMatchObject({ total: 800, fee: 150, toPay: 950, shortOfMinimum: 50 });
    expect(totals(lines, { ...terms, minimumOrder: 1000 }, 300).shortOfMinimum).toBe(0);
    expect(totals(lines, { ...terms, minimumOrder: 0 }).shortOfMinimum).toBe(0);
  });

  it('counts pieces one by one and a weighed line as one item', () => {
    expect(itemCount([line({ qty: 3 }), line({ productId: 'p2', unit: 'kg', qty: 1500 })])).toBe(4);
  });
});
