import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { includedTax, percentOf } from './money.ts';
import { formatRate, orderTax, parsePercent, percentInput } from './percent.ts';

describe('percent ↔ basis points', () => {
  it('reads what a person types, with a point or a comma and an optional %', () => {
    expect(parsePercent('16')).toBe(1600);
    expect(parsePercent('7.5')).toBe(750);
    expect(parsePercent('7,25 %')).toBe(725);
    expect(parsePercent(' 0 ')).toBe(0);
    expect(parsePercent('100')).toBe(10_000);
    expect(parsePercent('12.')).toBe(1200);
  });

  it('refuses what is not a percent from 0 to 100 with two decimals at most', () => {
    for (const bad of ['', 'abc', '-5', '100.01', '101', '7.125', '1e2', '5 5']) {
      expect(parsePercent(bad), bad).toBeNull();
    }
  });

  it('round-trips every rate through the input text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => {
        expect(parsePercent(percentInput(bp))).toBe(bp);
      }),
    );
  });

  it('shows a rate without needless zeros', () => {
    expect(percentInput(1600)).toBe('16');
    expect(percentInput(750)).toBe('7.5');
    expect(percentInput(25)).toBe('0.25');
    expect(formatRate(750, 'en-US')).toBe('7.5%');
    expect(formatRate(1600, 'en-US')).toBe('16%');
  });
});

describe('an order’s tax, as its receipt says it', () => {
  it('tells tax added to the prices from tax included in them, with the shop’s rate', () => {
    expect(orderTax({ subtotal: 1000, tax: 160, total: 1160 }, 1600)).toEqual({
      inclusive: false,
      rate: 1600,
    });
    expect(orderTax({ subtotal: 1100, tax: 100, total: 1100 }, 1000)).toEqual({
      inclusive: true,
      rate: 1000,
    });
    expect(orderTax({ subtotal: 1000, tax: 0, total: 1000 }, 1600)).toBeNull();
  });

  it('names no rate the amounts do not bear out (the rate changed since the sale)', () => {
    expect(orderTax({ subtotal: 1000, tax: 160, total: 1160 }, 800)).toEqual({
      inclusive: false,
      rate: null,
    });
  });

  it('always names the rate checkout used', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.boolean(),
        (subtotal, rate, inclusive) => {
          const tax = inclusive ? includedTax(subtotal, rate) : percentOf(subtotal, rate);
          fc.pre(tax > 0);
          const total = inclusive ? subtotal : subtotal + tax;
          expect(orderTax({ subtotal, tax, total }, rate)).toEqual({ inclusive, rate });
        },
      ),
    );
  });
});
