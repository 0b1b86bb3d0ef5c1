import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isSafeLine } from './text.ts';
import {
  addToCart,
  amendmentFields,
  buildOrder,
  cartTotals,
  changeDue,
  setLineQty,
  stepOf,
  type CartLine,
  type CartProduct,
  type CheckoutInput,
} from './cart.ts';
import { fakeUlid } from './fixtures/index.ts';
import { includedTax, percentOf } from './money.ts';
import { UNITS, type Unit } from './quantity.ts';
import { orderSchema } from './schemas/order.ts';
import { CHANNELS, PAYMENT_METHODS } from './schemas/vocabulary.ts';

/** A deep copy, as a replica would hand back (documents are plain JSON). */
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

// ---------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------

const PER: Record<Unit, bigint> = { piece: 1n, kg: 1000n, l: 1000n, m: 1000n };

/** Independent reference for a line total: half away from zero, price per sales unit. */
function refLineTotal(unitPrice: number, qty: number, unit: Unit): number {
  const per = PER[unit];
  return Number((2n * BigInt(unitPrice) * BigInt(qty) + per) / (2n * per));
}

const ulidArb = fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/);
const trimmedText = (max: number) =>
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: Math.min(max, 40) })
    .map((s) => s.trim())
    // a name the catalogue accepts (text.ts: no control characters, overrides or lone surrogates)
    .filter((s) => s.length > 0 && s.length <= max && isSafeLine(s));

/**
 * A product as it sits in the catalogue (valid against productFields): the bounds keep a
 * cart of up to 20 additions inside the schema's 1e13 minor-unit ceiling even with 100 % tax.
 */
const productSpecArb = fc.record({
  code: fc.stringMatching(/^[A-Za-z0-9._/-]{1,64}$/),
  name: trimmedText(200),
  unit: fc.constantFrom(...UNITS),
  unitPrice: fc.integer({ min: 0, max: 100_000_000 }),
});

const catalogueArb: fc.Arbitrary<CartProduct[]> = fc
  .array(productSpecArb, { minLength: 1, maxLength: 8 })
  .map((specs) => specs.map((s, i) => ({ productId: `product:${fakeUlid(700 + i)}`, ...s })));

/** Base-unit quantity a seller might pick: pieces, or grams/ml/mm. */
const qtyFor = (unit: Unit) =>
  unit === 'piece' ? fc.integer({ min: 1, max: 1000 }) : fc.integer({ min: 1, max: 1_000_000 });

interface Addition {
  product: CartProduct;
  qty: number;
}

/** A sequence of "add to cart" taps (the same product may be tapped many times). */
const additionsArb: fc.Arbitrary<Addition[]> = catalogueArb.chain((catalogue) =>
  fc.array(
    fc
      .constantFrom(...catalogue)
      .chain((product) => qtyFor(product.unit).map((qty) => ({ product, qty }))),
    { minLength: 1, maxLength: 20 },
  ),
);

const fold = (adds: readonly Addition[], start: readonly CartLine[] = []) =>
  adds.reduce<CartLine[]>((lines, a) => addToCart(lines, a.product, a.qty), [...start]);

const cartArb: fc.Arbitrary<CartLine[]> = additionsArb.map((adds) => fold(adds));

const taxArb = fc.record({
  taxRate: fc.oneof(
    fc.constantFrom(0, 700, 750, 1900, 2000, 10_000),
    fc.integer({ min: 0, max: 10_000 }),
  ),
  taxInclusive: fc.boolean(),
});

const settingsArb = fc
  .tuple(taxArb, fc.stringMatching(/^[A-Z]{3}$/))
  .map(([tax, currency]) => ({ ...tax, currency }));

const checkoutArb: fc.Arbitrary<CheckoutInput> = fc
  .record({
    id: ulidArb.map((u) => `order:${u}`),
    number: fc.stringMatching(/^[A-Z][A-Z0-9]{1,3}-\d{4,6}$/),
    lines: cartArb,
    settings: settingsArb,
    channel: fc.constantFrom(...CHANNELS),
    method: fc.constantFrom(...PAYMENT_METHODS),
    payNow: fc.boolean(),
    customer: fc.option(
      fc.record({ id: ulidArb.map((u) => `customer:${u}`), name: trimmedText(200) }),
      { nil: null },
    ),
    note: fc.string({ maxLength: 1000 }),
    at: fc
      .date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString()),
    by: fc.stringMatching(/^[A-Za-z0-9_-]{4,40}$/),
    deviceId: fc.stringMatching(/^[A-Za-z0-9_-]{4,40}$/),
    // cash handed over: nothing counted, the exact total, or more
    tenderMode: fc.constantFrom('none', 'exact', 'more'),
    extra: fc.integer({ min: 1, max: 10_000_000 }),
  })
  .map(({ tenderMode, extra, ...input }) => {
    const { total } = cartTotals(input.lines, input.settings);
    const tendered = tenderMode === 'none' ? null : tenderMode === 'exact' ? total : total + extra;
    return { ...input, tendered };
  });

const sumBy = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);

// ---------------------------------------------------------------------------

describe('addToCart', () => {
  const apples: CartProduct = {
    productId: `product:${fakeUlid(1)}`,
    code: 'APL',
    name: 'Apples',
    unit: 'kg',
    unitPrice: 1299,
  };

  it('grows the existing line instead of adding a duplicate', () => {
    fc.assert(
      fc.property(cartArb, qtyFor('kg'), qtyFor('kg'), (cart, a, b) => {
        const once = addToCart(cart, apples, a);
        const twice = addToCart(once, apples, b);
        expect(twice).toHaveLength(cart.length + 1);
        expect(twice.filter((l) => l.productId === apples.productId)).toEqual([
          { ...apples, qty: a + b },
        ]);
        expect(twice.slice(0, cart.length)).toEqual(cart);
      }),
    );
  });

  it('keeps one line per product whose quantity is the sum of everything added', () => {
    fc.assert(
      fc.property(additionsArb, (adds) => {
        const cart = fold(adds);
        const ids = cart.map((l) => l.productId);
        expect(new Set(ids).size).toBe(ids.length);
        // lines appear in the order products were first added
        expect(ids).toEqual([...new Set(adds.map((a) => a.product.productId))]);
        for (const l of cart) {
          const mine = adds.filter((a) => a.product.productId === l.productId);
          expect(l.qty).toBe(sumBy(mine, (a) => a.qty));
          expect(l).toMatchObject(mine[0]?.product ?? {});
        }
      }),
    );
  });

  it('ignores quantities that are not positive whole base units, and never mutates its input', () => {
    fc.assert(
      fc.property(
        cartArb,
        fc.oneof(
          fc.integer({ max: 0 }),
          fc.double({ noInteger: true }),
          fc.constantFrom(Number.NaN, Infinity, -Infinity, 2 ** 53),
        ),
        (cart, bad) => {
          const snapshot = clone(cart);
          expect(addToCart(cart, apples, bad)).toEqual(cart);
          addToCart(cart, apples, 5);
          const first = cart[0];
          if (first) addToCart(cart, first, 5);
          expect(cart).toEqual(snapshot);
        },
      ),
    );
  });
});

describe('setLineQty', () => {
  it('removes the line at zero or below and leaves the others alone', () => {
    fc.assert(
      fc.property(cartArb, fc.nat(), fc.integer({ min: -1000, max: 0 }), (cart, pick, qty) => {
        const target = cart[pick % cart.length];
        if (!target) throw new Error('empty cart');
        const next = setLineQty(cart, target.productId, qty);
        expect(next).toEqual(cart.filter((l) => l.productId !== target.productId));
        expect(next).toHaveLength(cart.length - 1);
      }),
    );
  });

  it('sets a positive quantity on that line only', () => {
    fc.assert(
      fc.property(cartArb, fc.nat(), fc.integer({ min: 1, max: 1e9 }), (cart, pick, qty) => {
        const target = cart[pick % cart.length];
        if (!target) throw new Error('empty cart');
        const snapshot = clone(cart);
        const next = setLineQty(cart, target.productId, qty);
        expect(next).toEqual(
          cart.map((l) => (l.productId === target.productId ? { ...l, qty } : l)),
        );
        expect(cart).toEqual(snapshot);
      }),
    );
  });

  it('does nothing for a product that is not in the cart', () => {
    fc.assert(
      fc.property(cartArb, fc.integer({ min: -5, max: 5 }), (cart, qty) => {
        expect(setLineQty(cart, `product:${fakeUlid(99_999)}`, qty)).toEqual(cart);
      }),
    );
  });
});

describe('stepOf', () => {
  it('steps one piece, or 100 g / ml / mm', () => {
    expect(stepOf('piece')).toBe(1);
    expect(stepOf('kg')).toBe(100);
    expect(stepOf('l')).toBe(100);
    expect(stepOf('m')).toBe(100);
  });
});

describe('cartTotals', () => {
  it('worked example: 1.25 kg at 12.99/kg plus 2 loaves at 2.50', () => {
    const lines: CartLine[] = [
      {
        productId: `product:${fakeUlid(1)}`,
        code: 'APL',
        name: 'Apples',
        unit: 'kg',
        unitPrice: 1299,
        qty: 1250,
      },
      {
        productId: `product:${fakeUlid(2)}`,
        code: 'BRD',
        name: 'Bread',
        unit: 'piece',
        unitPrice: 250,
        qty: 2,
      },
    ];
    // 16.2375 → 16.24; + 5.00
    expect(cartTotals(lines, { taxRate: 750, taxInclusive: false })).toEqual({
      subtotal: 2124,
      tax: 159, // 7.5 % of 21.24 = 1.593
      total: 2283,
    });
    expect(cartTotals(lines, { taxRate: 750, taxInclusive: true })).toEqual({
      subtotal: 2124,
      tax: 148, // 21.24 × 7.5 / 107.5 = 1.4818…
      total: 2124,
    });
    expect(cartTotals([], { taxRate: 750, taxInclusive: false })).toEqual({
      subtotal: 0,
      tax: 0,
      total: 0,
    });
  });

  it('sums line totals and applies tax inclusively or on top', () => {
    fc.assert(
      fc.property(cartArb, taxArb, (cart, tax) => {
        const t = cartTotals(cart, tax);
        expect(t.subtotal).toBe(sumBy(cart, (l) => refLineTotal(l.unitPrice, l.qty, l.unit)));
        if (tax.taxInclusive) {
          expect(t.total).toBe(t.subtotal);
          expect(t.tax).toBe(includedTax(t.subtotal, tax.taxRate));
        } else {
          expect(t.tax).toBe(percentOf(t.subtotal, tax.taxRate));
          expect(t.total).toBe(t.subtotal + percentOf(t.subtotal, tax.taxRate));
        }
        expect(t.tax).toBeGreaterThanOrEqual(0);
        expect(t.tax).toBeLessThanOrEqual(t.total);
        expect(t.total).toBeGreaterThanOrEqual(t.subtotal);
      }),
    );
  });

  it('does not depend on the order of the lines', () => {
    fc.assert(
      fc.property(
        cartArb.chain((c) =>
          fc.tuple(fc.constant(c), fc.shuffledSubarray(c, { minLength: c.length })),
        ),
        taxArb,
        ([cart, shuffled], tax) => {
          expect(cartTotals(shuffled, tax)).toEqual(cartTotals(cart, tax));
        },
      ),
    );
  });
});

describe('changeDue', () => {
  it('is tendered − total when the cash covers it, otherwise null', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1e13 }), fc.nat({ max: 1e13 }), (total, tendered) => {
        const change = changeDue(total, tendered);
        if (tendered >= total) expect(change).toBe(tendered - total);
        else expect(change).toBeNull();
      }),
    );
    expect(changeDue(2124, 2124)).toBe(0);
    expect(changeDue(2124, 3000)).toBe(876);
    expect(changeDue(2124, 2123)).toBeNull();
  });
});

describe('buildOrder', () => {
  it('always produces an order that passes orderSchema', () => {
    fc.assert(
      fc.property(checkoutArb, (input) => {
        const order = buildOrder(input);
        const parsed = orderSchema.safeParse(order);
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('snapshots the cart and its totals', () => {
    fc.assert(
      fc.property(checkoutArb, (input) => {
        const order = buildOrder(input);
        expect(order._id).toBe(input.id);
        expect(order.type).toBe('order');
        expect(order.channel).toBe(input.channel);
        expect(order.currency).toBe(input.settings.currency);
        expect(order.customerId).toBe(input.customer?.id ?? null);
        expect(order.customerName).toBe(input.customer?.name ?? '');
        expect(order.lines).toEqual(
          input.lines.map((l) => ({ ...l, lineTotal: refLineTotal(l.unitPrice, l.qty, l.unit) })),
        );
        const totals = cartTotals(input.lines, input.settings);
        expect({ subtotal: order.subtotal, tax: order.tax, total: order.total }).toEqual(totals);
        expect(order.payment.method).toBe(input.method);
      }),
    );
  });

  it('takes the money now only for counter sales or pay-now orders, never on account', () => {
    fc.assert(
      fc.property(checkoutArb, (input) => {
        const order = buildOrder(input);
        const { paid } = order.payment;
        if (input.method === 'account') expect(paid).toBe(0);
        else if (input.channel !== 'counter' && !input.payNow) expect(paid).toBe(0);
        else expect(paid).toBe(order.total);
      }),
    );
  });

  it('records cash tendered and change (= tendered − paid) only when cash is taken now', () => {
    fc.assert(
      fc.property(checkoutArb, (input) => {
        const { payment, total } = buildOrder(input);
        const cashNow =
          input.method === 'cash' &&
          (input.channel === 'counter' || input.payNow) &&
          input.tendered !== null;
        if (cashNow) {
          expect(payment.tendered).toBe(input.tendered);
          expect(payment.change).toBe((input.tendered ?? 0) - payment.paid);
          expect(payment.change).toBe(changeDue(total, input.tendered ?? 0));
        } else {
          expect(payment.tendered).toBeNull();
          expect(payment.change).toBeNull();
        }
      }),
    );
  });

  it('worked example: a cash counter sale', () => {
    const order = buildOrder({
      id: `order:${fakeUlid(42)}`,
      number: 'K3-0042',
      lines: [
        {
          productId: `product:${fakeUlid(1)}`,
          code: 'APL',
          name: 'Apples',
          unit: 'kg',
          unitPrice: 1299,
          qty: 1250,
        },
        {
          productId: `product:${fakeUlid(2)}`,
          code: 'BRD',
          name: 'Bread',
          unit: 'piece',
          unitPrice: 250,
          qty: 2,
        },
      ],
      settings: { taxRate: 0, taxInclusive: true, currency: 'EUR' },
      channel: 'counter',
      method: 'cash',
      tendered: 3000,
      payNow: false, // irrelevant at the counter
      customer: null,
      note: '',
      at: '2024-05-01T10:00:00.000Z',
      by: 'user_1',
      deviceId: 'dev-K3AB',
    });
    expect(order.lines.map((l) => l.lineTotal)).toEqual([1624, 500]);
    expect(order.total).toBe(2124);
    expect(order.payment).toEqual({ method: 'cash', paid: 2124, tendered: 3000, change: 876 });
    expect(orderSchema.safeParse(order).success).toBe(true);
  });
});

describe('amendmentFields', () => {
  it('keeps the delivery fee on top of the new lines, whatever they are', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.boolean(),
        (qtys, fee, inclusive) => {
          const lines: CartLine[] = qtys.map((qty, i) => ({
            productId: `product:${fakeUlid(i)}`,
            code: `C${i}`,
            name: `Thing ${i}`,
            unit: 'piece',
            unitPrice: 125 * (i + 1),
            qty: qty * 1000,
          }));
          const settings = { taxRate: 7, taxInclusive: inclusive };
          const base = { lines, settings, customer: null, address: '' };
          const without = amendmentFields(base);
          const withFee = amendmentFields({ ...base, deliveryFee: fee });
          expect(withFee.total).toBe(without.total + fee);
          expect(withFee.subtotal).toBe(without.subtotal);
          expect(withFee.tax).toBe(without.tax);
          expect(without.total).toBe(cartTotals(lines, settings).total);
        },
      ),
    );
  });
});
