import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from '../order-state.ts';
import { lineTotal, UNITS } from '../quantity.ts';
import { CHANNELS, PAYMENT_METHODS } from '../schemas/vocabulary.ts';
import { buildReport } from './build.ts';
import { weekInput } from './fixture.ts';
import type { ReportEvent, ReportInput, ReportLine, ReportOrder, ReportProduct } from './input.ts';
import { fixedOffsetTime } from './period.ts';

const SELLERS = ['ann', 'bob', 'cy'];
const WEEK_MS = 7 * 86_400_000;
const FROM = Date.parse('2026-03-02T00:00:00.000Z');

const productArb = (i: number) =>
  fc.record({
    id: fc.constant(`product:${i}`),
    name: fc.constant(`P${i}`),
    code: fc.constant(`C${i}`),
    unit: fc.constantFrom(...UNITS),
    price: fc.integer({ min: 0, max: 5000 }),
    cost: fc.option(fc.integer({ min: 0, max: 3000 })),
    category: fc.constantFrom('', 'Fruit', 'Bakery'),
    active: fc.boolean(),
    lowStockThreshold: fc.option(fc.integer({ min: 0, max: 10 })),
  }) satisfies fc.Arbitrary<ReportProduct>;

const productsArb = fc.tuple(...[0, 1, 2, 3, 4].map(productArb));

/** An order somewhere from the week before to the end of this one, with maybe a return. */
const orderArb = (products: readonly ReportProduct[], n: number) =>
  fc
    .record({
      at: fc.integer({ min: FROM - WEEK_MS - 86_400_000, max: FROM + WEEK_MS - 1 }),
      picks: fc.subarray([...products.keys()], { minLength: 1 }),
      qty: fc.integer({ min: 1, max: 3000 }),
      taxBp: fc.integer({ min: 0, max: 2000 }),
      status: fc.constantFrom(...ORDER_STATUSES),
      channel: fc.constantFrom(...CHANNELS),
      method: fc.constantFrom(...PAYMENT_METHODS),
      by: fc.constantFrom(...SELLERS),
      device: fc.constantFrom('d1', 'd2'),
      amend: fc.boolean(),
      returned: fc.integer({ min: 0, max: 3000 }),
      refund: fc.integer({ min: 0, max: 500 }),
      payment: fc.integer({ min: 0, max: 500 }),
      eventAt: fc.integer({ min: 0, max: WEEK_MS }),
    })
    .map((r): { order: ReportOrder; events: ReportEvent[] } => {
      const lines: ReportLine[] = r.picks.map((i) => {
        const p = products[i] as ReportProduct;
        return {
          productId: p.id,
          code: p.code,
          name: p.name,
          unit: p.unit,
          unitPrice: p.price,
          qty: r.qty,
          lineTotal: lineTotal(p.price, r.qty, p.unit),
        };
      });
      const now = r.amend ? lines.slice(0, 1) : lines;
      const subtotal = now.reduce((s, l) => s + l.lineTotal, 0);
      const tax = Math.round((subtotal * r.taxBp) / 10_000);
      const id = `order:${n}`;
      const createdAt = new Date(r.at).toISOString();
      const later = new Date(r.at + r.eventAt).toISOString();
      const base = { orderId: id, at: later, by: r.by };
      const first = now[0] as ReportLine;
      const events: ReportEvent[] = [
        { ...base, _id: `e:${n}:p`, kind: 'payment', amount: r.payment + 1, method: r.method },
        {
          ...base,
          _id: `e:${n}:r`,
          kind: 'returned',
          items: [{ productId: first.productId, qty: Math.min(r.returned, first.qty) || 1 }],
          refund: r.refund,
        },
      ];
      if (r.status === 'cancelled') {
        events.push({ ...base, _id: `e:${n}:c`, kind: 'cancelled', reason: '', refund: r.refund });
      }
      const order: ReportOrder = {
        id,
        number: `N-${n}`,
        createdAt,
        channel: r.channel,
        status: r.status,
        by: r.by,
        deviceId: r.device,
        customerId: '',
        customerName: '',
        method: r.method,
        total: subtotal + tax,
        tax,
        paid: 0,
        refunded: 0,
        balance: 0,
        doc: { lines, payment: { paid: r.method === 'account' ? 0 : subtotal } },
        amendedLines: r.amend ? now : null,
      };
      return { order, events };
    });

const inputArb = productsArb.chain((products) =>
  fc
    .tuple(
      fc
        .array(fc.nat(), { maxLength: 25 })
        .chain((ns) => fc.tuple(...ns.map((_, i) => orderArb(products, i)))),
      fc.integer({ min: -720, max: 840 }),
    )
    .map(([made, offset]): ReportInput => ({
      ...weekInput(),
      local: fixedOffsetTime(offset),
      products,
      orders: made.map((m) => m.order),
      events: made.flatMap((m) => m.events),
      invoices: [],
    })),
);

const total = (xs: readonly { revenue: number }[]) => xs.reduce((s, x) => s + x.revenue, 0);

describe('a report adds up', () => {
  it('over days, hours, sellers, devices and channels to its revenue', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { sales, orders } = buildReport(input);
        const { revenue, orders: count } = sales.summary;
        expect(total(sales.byDay)).toBe(revenue);
        expect(sales.byDay.reduce((s, d) => s + d.orders, 0)).toBe(count);
        expect(total(sales.byHour)).toBe(revenue);
        expect(total(sales.bySeller)).toBe(revenue);
        expect(total(sales.byDevice)).toBe(revenue);
        expect(total(orders.byChannel)).toBe(revenue);
        expect(orders.byChannel.reduce((s, c) => s + c.count, 0)).toBe(count);
      }),
    );
  });

  it('by category to its products', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { byProduct, byCategory } = buildReport(input).sales;
        expect(total(byCategory)).toBe(total(byProduct));
        expect(byCategory.reduce((s, c) => s + c.products, 0)).toBe(byProduct.length);
        for (const c of byCategory) {
          const mine = byProduct.filter((p) => p.category === c.category);
          const costs = mine.map((p) => p.cost);
          expect(c.cost).toBe(
            costs.includes(null) ? null : costs.reduce((s: number, x) => s + (x ?? 0), 0),
          );
        }
        // nothing comes back more than was sold
        for (const p of byProduct) expect(p.qty).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('for one seller, as a report of their orders alone', () => {
    fc.assert(
      fc.property(inputArb, fc.constantFrom(...SELLERS), (input, seller) => {
        const theirs = buildReport({ ...input, onlyBy: seller });
        const ids = new Set(input.orders.filter((o) => o.by === seller).map((o) => o.id));
        const alone = buildReport({
          ...input,
          orders: input.orders.filter((o) => ids.has(o.id)),
          events: input.events.filter((e) => ids.has(e.orderId)),
        });
        expect(theirs.sales).toEqual(alone.sales);
        expect(theirs.orders).toEqual(alone.orders);
        expect(theirs.stock).toEqual(buildReport(input).stock);
      }),
    );
  });
});
