import { describe, expect, it } from 'vitest';
import {
  DOC_BUILDERS,
  ORDER_EVENT_KINDS,
  alertDoc,
  allocationDoc,
  auditDoc,
  customerDoc,
  fakeUlid,
  invoiceDoc,
  lineFor,
  orderDoc,
  orderEventDoc,
  orderLine,
  productDoc,
  saleOf,
  sampleDoc,
  settingsDoc,
  stockMovementDoc,
} from './fixtures.ts';
import { ULID_RE } from './ids.ts';
import { DOC_KINDS, parseShopDoc, type DocKind } from './schemas/index.ts';

/** The document parses as the kind its builder names, unchanged. */
function expectValid(doc: object, kind: DocKind): void {
  const r = parseShopDoc(doc);
  if (!r.ok) throw new Error(`expected a valid ${kind}, got: ${r.reason}`);
  expect(r.kind).toBe(kind);
  expect(r.doc).toEqual(doc);
}

describe('fixtures: every builder makes a valid document', () => {
  it('has a builder for every kind', () => {
    expect(Object.keys(DOC_BUILDERS).sort()).toEqual([...DOC_KINDS].sort());
  });

  for (const kind of DOC_KINDS) {
    it(`builds a ${kind}`, () => expectValid(DOC_BUILDERS[kind](), kind));
    it(`builds a sample ${kind} at a given time, by a given user`, () => {
      expectValid(
        sampleDoc(kind, { at: '2026-03-01T10:00:00.000Z', by: 'owner-1', deviceId: 'phone-1' }),
        kind,
      );
    });
  }

  for (const kind of ORDER_EVENT_KINDS) {
    it(`builds an order event of kind ${kind}`, () => {
      const order = orderDoc();
      const e = orderEventDoc(kind, { orderId: order._id });
      expectValid(e, 'orderevent');
      expect(e.kind).toBe(kind);
      expect(e._id.startsWith(`orderevent:${order._id.slice('order:'.length)}:`)).toBe(true);
    });
  }

  it('makes fresh ids each time', () => {
    const ids = [productDoc()._id, productDoc()._id, customerDoc()._id, orderDoc()._id];
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('fixtures: overrides keep documents consistent', () => {
  it('an order follows its lines: line totals, subtotal, total and payment', () => {
    const lines = [
      orderLine({ unit: 'kg', unitPrice: 1299, qty: 1250 }),
      orderLine({ unit: 'piece', unitPrice: 250, qty: 2 }),
    ];
    expect(lines.map((l) => l.lineTotal)).toEqual([1624, 500]);
    const o = orderDoc({ lines, tax: 340 });
    expectValid(o, 'order');
    expect(o).toMatchObject({ subtotal: 2124, total: 2464, payment: { paid: 2464 } });
  });

  it('a delivery or pickup is paid on fulfilment unless a payment is given', () => {
    for (const channel of ['delivery', 'pickup'] as const) {
      const o = orderDoc({ channel });
      expectValid(o, 'order');
      expect(o.payment.paid).toBe(0);
    }
    const prepaid = orderDoc({
      channel: 'delivery',
      payment: { method: 'cash', paid: 250, tendered: 500, change: 250 },
    });
    expectValid(prepaid, 'order');
  });

  it('a sale snapshots its product', () => {
    const p = productDoc({ code: 'TOM', name: 'Tomatoes', unit: 'kg', price: 450 });
    expectValid(p, 'product');
    const o = saleOf(p, 1500, { number: 'K4-0007', by: 'seller-1', deviceId: 'phone-2' });
    expectValid(o, 'order');
    expect(o.lines).toEqual([lineFor(p, 1500)]);
    expect(o.lines[0]).toMatchObject({ productId: p._id, code: 'TOM', unitPrice: 450 });
    expect(o.total).toBe(675);
  });

  it('fixed ids and times, as deterministic tests use them', () => {
    const at = '2024-05-01T10:00:00.000Z';
    const orderId = `order:${fakeUlid(2000)}`;
    expect(fakeUlid(2000)).toMatch(ULID_RE);
    expect(fakeUlid(1)).not.toBe(fakeUlid(2));
    expectValid(orderDoc({ _id: orderId, createdAt: at }), 'order');
    expectValid(
      orderEventDoc('returned', {
        _id: `orderevent:${fakeUlid(2000)}:${fakeUlid(3000)}`,
        orderId,
        at,
        items: [{ productId: `product:${fakeUlid(100)}`, qty: 2 }],
      }),
      'orderevent',
    );
    expectValid(allocationDoc({ orderId, status: 'backordered', decidedAt: at }), 'allocation');
    const p = productDoc({ _id: `product:${fakeUlid(100)}`, createdAt: at });
    expect(p.updatedAt).toBe(at);
    expectValid(p, 'product');
  });

  it('derived fields follow their source', () => {
    const i = invoiceDoc({ at: '2026-03-01T10:00:00.000Z' });
    expect(i).toMatchObject({ issuedOn: '2026-03-01', dueOn: '2026-03-15' });
    expectValid(i, 'invoice');
    expect(stockMovementDoc({ qty: -3 }).reason).toBe('adjustment');
    expectValid(stockMovementDoc({ qty: -3 }), 'stock');
    expect(alertDoc({ kind: 'oversell' })._id).toMatch(/^alert:oversell:/);
    expectValid(alertDoc({ kind: 'conflict' }), 'alert');
    expect(allocationDoc({ orderId: `order:${fakeUlid(7)}` })._id).toBe(
      `allocation:order:${fakeUlid(7)}`,
    );
    expectValid(auditDoc({ before: { price: 249 }, after: { price: 299 } }), 'audit');
    expectValid(settingsDoc({ lowStockDefault: 2, stamps: {} }), 'settings');
    expectValid(customerDoc({ email: 'ada@example.com', stamps: {} }), 'customer');
  });
});
