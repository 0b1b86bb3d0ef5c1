import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sum } from './money.ts';
import { lineTotal, UNITS } from './quantity.ts';
import { returnValue, type ReturnLine } from './returns.ts';

const lineArb = fc.record({
  unit: fc.constantFrom(...UNITS),
  unitPrice: fc.integer({ min: 0, max: 1_000_000 }),
  qty: fc.integer({ min: 1, max: 100_000 }),
});
/** Order lines, one per product (an order never has a product twice). */
const linesArb = fc
  .array(lineArb, { minLength: 1, maxLength: 8 })
  .map((ls): ReturnLine[] => ls.map((l, i) => ({ ...l, productId: `product:${i}` })));
const subtotalOf = (lines: readonly ReturnLine[]) =>
  sum(lines.map((l) => lineTotal(l.unitPrice, l.qty, l.unit)));
/** Some quantity of some of the lines (never more than sold). */
const partOf = (lines: readonly ReturnLine[]) =>
  fc
    .tuple(...lines.map((l) => fc.integer({ min: 0, max: l.qty })))
    .map((qs) => lines.map((l, i) => ({ productId: l.productId, qty: qs[i] ?? 0 })));

describe('returnValue', () => {
  it('values a returned line at its price, rounded as at checkout', () => {
    const lines: ReturnLine[] = [
      { productId: 'product:a', unit: 'piece', unitPrice: 250, qty: 3 },
      { productId: 'product:b', unit: 'kg', unitPrice: 399, qty: 1500 },
    ];
    expect(returnValue(lines, [{ productId: 'product:a', qty: 2 }])).toBe(500);
    expect(returnValue(lines, [{ productId: 'product:b', qty: 250 }])).toBe(100);
    // tax of 10 % on top: the refund carries it
    expect(
      returnValue(lines, [{ productId: 'product:a', qty: 2 }], { subtotal: 1349, total: 1484 }),
    ).toBe(550);
  });

  it('is nothing for nothing, and the subtotal (or total) for everything', () => {
    fc.assert(
      fc.property(linesArb, fc.integer({ min: 0, max: 2500 }), (lines, rateBp) => {
        expect(returnValue(lines, [])).toBe(0);
        const all = lines.map((l) => ({ productId: l.productId, qty: l.qty }));
        const subtotal = subtotalOf(lines);
        expect(returnValue(lines, all)).toBe(subtotal);
        const total = subtotal + Math.round((subtotal * rateBp) / 10_000);
        expect(returnValue(lines, all, { subtotal, total })).toBe(total);
      }),
    );
  });

  it('never exceeds what was sold, and more back is never worth less', () => {
    fc.assert(
      fc.property(
        linesArb.chain((lines) => fc.tuple(fc.constant(lines), partOf(lines), partOf(lines))),
        ([lines, a, b]) => {
          const subtotal = subtotalOf(lines);
          const va = returnValue(lines, a);
          expect(va).toBeGreaterThanOrEqual(0);
          expect(va).toBeLessThanOrEqual(subtotal);
          const bigger = a.map((x, i) => ({ ...x, qty: Math.max(x.qty, b[i]?.qty ?? 0) }));
          expect(returnValue(lines, bigger)).toBeGreaterThanOrEqual(va);
        },
      ),
    );
  });

  it('caps a quantity at the line, ignores unknown products, and adds up repeats', () => {
    fc.assert(
      fc.property(linesArb, fc.integer({ min: 1, max: 1000 }), (lines, extra) => {
        const over = lines.map((l) => ({ productId: l.productId, qty: l.qty + extra }));
        const all = lines.map((l) => ({ productId: l.productId, qty: l.qty }));
        expect(returnValue(lines, over)).toBe(returnValue(lines, all));
        expect(returnValue(lines, [{ productId: 'product:none', qty: extra }])).toBe(0);
        const first = lines[0];
        if (!first) return;
        const half = Math.floor(first.qty / 2);
        expect(
          returnValue(lines, [
            { productId: first.productId, qty: half },
            { productId: first.productId, qty: first.qty - half },
          ]),
        ).toBe(returnValue(lines, [{ productId: first.productId, qty: first.qty }]));
      }),
    );
  });
});
