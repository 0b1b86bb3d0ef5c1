import { mailDoc, mailStatusDoc } from '../fixtures/mail.ts';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import {
  CHANNELS,
  DEFAULT_SETTINGS,
  PAYMENT_METHODS,
  DOC_KINDS,
  DOC_SCHEMAS,
  describeIssues,
  kindOfId,
  parseShopDoc,
  type Alert,
  type Allocation,
  type AuditEntry,
  type Customer,
  type DocKind,
  type Invoice,
  type Order,
  type OrderEvent,
  type OrderLine,
  type ParseResult,
  type Product,
  type Settings,
  type StockMovement,
} from './index.ts';
import { fakeUlid } from '../fixtures/index.ts';
import { UNITS, type Unit } from '../quantity.ts';

// ---------------------------------------------------------------------------
// Fixtures and builders
// ---------------------------------------------------------------------------

const ORDER_ULID = '01HZX5W0R8J6Y2M4Q7T9V3B5C8';
const OTHER_ORDER_ULID = '01HZX5W0R8J6Y2M4Q7T9V3B5C9';
const EVENT_ULID = '01HZX5Y1A2B3C4D5E6F7G8H9JK';
const APPLES = 'product:01HZX4AAAAAAAAAAAAAAAAAAAA';
const BREAD = 'product:01HZX4BBBBBBBBBBBBBBBBBBBB';
const AT = '2024-05-01T10:00:00.000Z';
const STAMP = '001714557600000-0000-K3AB';
const PER: Record<Unit, bigint> = { piece: 1n, kg: 1000n, l: 1000n, m: 1000n };

/** Independent reference for a line total: half away from zero, price per sales unit. */
function refLineTotal(unitPrice: number, qty: number, unit: Unit): number {
  const per = PER[unit];
  return Number((2n * BigInt(unitPrice) * BigInt(qty) + per) / (2n * per));
}

function product(over: Partial<Product> = {}): Product {
  return {
    _id: APPLES,
    type: 'product',
    code: 'APL-1',
    name: 'Apples',
    unit: 'kg',
    price: 299,
    cost: 150,
    description: 'Crisp, local',
    imageUrl: 'https://example.com/apples.png',
    lowStockThreshold: null,
    active: true,
    createdAt: AT,
    updatedAt: AT,
    stamps: { price: STAMP },
    ...over,
  };
}

function customer(over: Partial<Customer> = {}): Customer {
  return {
    _id: `customer:${fakeUlid(1)}`,
    type: 'customer',
    name: 'Ada',
    phone: '+49 (30) 123-45.67',
    email: 'ada@example.com',
    address: 'Market St 1',
    location: 'stall 4',
    notes: '',
    createdAt: AT,
    updatedAt: AT,
    stamps: {},
    ...over,
  };
}

const applesLine: OrderLine = {
  productId: APPLES,
  code: 'APL-1',
  name: 'Apples',
  unit: 'kg',
  unitPrice: 1299,
  qty: 1250,
  lineTotal: 1624, // 12.99 × 1.25 = 16.2375
};
const breadLine: OrderLine = {
  productId: BREAD,
  code: 'BRD',
  name: 'Bread',
  unit: 'piece',
  unitPrice: 250,
  qty: 2,
  lineTotal: 500,
};

function order(over: Partial<Order> = {}): Order {
  return {
    _id: `order:${ORDER_ULID}`,
    type: 'order',
    number: 'K3-0042',
    channel: 'counter',
    customerId: null,
    customerName: '',
    lines: [applesLine, breadLine],
    currency: 'EUR',
    subtotal: 2124,
    tax: 0,
    total: 2124,
    payment: { method: 'cash', paid: 2124, tendered: 3000, change: 876 },
    note: '',
    createdAt: AT,
    by: 'user_1',
    deviceId: 'dev-K3AB',
    ...over,
  };
}

const eventBase = {
  _id: `orderevent:${ORDER_ULID}:${EVENT_ULID}`,
  type: 'orderevent',
  orderId: `order:${ORDER_ULID}`,
  note: '',
  at: AT,
  by: 'user_1',
  deviceId: 'dev-K3AB',
} as const;

const EVENTS: Record<OrderEvent['kind'], OrderEvent> = {
  payment: { ...eventBase, kind: 'payment', amount: 500, method: 'card' },
  delivery_scheduled: {
    ...eventBase,
    kind: 'delivery_scheduled',
    scheduledFor: '2024-05-02T09:00:00+02:00',
    address: 'Market St 1',
  },
  dispatched: { ...eventBase, kind: 'dispatched' },
  delivered: { ...eventBase, kind: 'delivered' },
  accepted: { ...eventBase, kind: 'accepted' },
  ready: { ...eventBase, kind: 'ready' },
  customer_request: { ...eventBase, kind: 'customer_request', request: 'return', reason: '' },
  request_declined: {
    ...eventBase,
    kind: 'request_declined',
    requestId: `orderevent:${ORDER_ULID}:${EVENT_ULID}`,
    reason: 'Already collected',
  },
  delivery_failed: { ...eventBase, kind: 'delivery_failed', reason: 'nobody home' },
  cancelled: { ...eventBase, kind: 'cancelled', reason: 'changed mind' },
  returned: {
    ...eventBase,
    kind: 'returned',
    items: [{ productId: APPLES, qty: 250 }],
    refund: 325,
  },
  amended: {
    ...eventBase,
    kind: 'amended',
    lines: [breadLine],
    subtotal: breadLine.lineTotal,
    tax: 0,
    total: breadLine.lineTotal,
    customerId: null,
    customerName: 'Ada',
    address: 'Market St 1',
  },
  note: { ...eventBase, kind: 'note', note: 'call before delivery' },
};

function stock(over: Partial<StockMovement> = {}): StockMovement {
  return {
    _id: `stock:${fakeUlid(2)}`,
    type: 'stock',
    productId: APPLES,
    qty: 5000,
    reason: 'restock',
    counted: null,
    alertId: null,
    note: '',
    at: AT,
    by: 'owner_1',
    deviceId: 'dev-K3AB',
    ...over,
  };
}

function invoice(over: Partial<Invoice> = {}): Invoice {
  return {
    _id: `invoice:${fakeUlid(3)}`,
    type: 'invoice',
    number: 'IK3-0007',
    orderId: `order:${ORDER_ULID}`,
    orderNumber: 'K3-0042',
    issuedOn: '2024-05-01',
    dueOn: '2024-05-15',
    customerId: null,
    customerName: 'Ana',
    customerAddress: 'Market St 1',
    currency: 'EUR',
    lines: [
      {
        productId: `product:${fakeUlid(11)}`,
        code: 'APL',
        name: 'Apples',
        unit: 'piece',
        unitPrice: 250,
        qty: 2,
        lineTotal: 500,
      },
    ],
    subtotal: 500,
    tax: 45,
    total: 500,
    taxRate: 1000,
    taxInclusive: true,
    seller: { name: 'Olga’s Stall', address: 'Market St 1', contact: '', taxId: 'DE123' },
    paymentInstructions: 'IBAN DE00 …',
    footer: 'Thank you',
    note: '',
    at: AT,
    by: 'user_1',
    deviceId: 'dev-K3AB',
    ...over,
  };
}

function allocation(over: Partial<Allocation> = {}): Allocation {
  return {
    _id: `allocation:order:${ORDER_ULID}`,
    type: 'allocation',
    orderId: `order:${ORDER_ULID}`,
    status: 'backordered',
    lines: [{ productId: APPLES, qty: 1250, allocated: 1000, backordered: 250, oversold: 0 }],
    seq: 0,
    decidedAt: AT,
    ...over,
  };
}

function alert(over: Partial<Alert> = {}): Alert {
  return {
    _id: `alert:low_stock:${APPLES}`,
    type: 'alert',
    kind: 'low_stock',
    message: 'Apples are running low',
    productIds: [APPLES],
    orderIds: [],
    deviceIds: [],
    sellerIds: [],
    createdAt: AT,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolution: '',
    stamps: {},
    ...over,
  };
}

function audit(over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    _id: `audit:${fakeUlid(4)}`,
    type: 'audit',
    action: 'product.update',
    target: APPLES,
    summary: 'price 2.49 → 2.99',
    userName: 'Owner',
    before: { price: 249 },
    after: { price: 299 },
    at: AT,
    by: 'owner_1',
    deviceId: 'dev-K3AB',
    ...over,
  };
}

function settings(over: Partial<Settings> = {}): Settings {
  return {
    _id: 'settings',
    type: 'settings',
    ...DEFAULT_SETTINGS,
    updatedAt: AT,
    stamps: { currency: STAMP },
    ...over,
  };
}

const BUILDERS: Record<DocKind, () => object> = {
  product: () => product(),
  customer: () => customer(),
  order: () => order(),
  orderevent: () => EVENTS.payment,
  stock: () => stock(),
  invoice: () => invoice(),
  allocation: () => allocation(),
  alert: () => alert(),
  audit: () => audit(),
  settings: () => settings(),
  mail: () => mailDoc(),
  mailstatus: () => mailStatusDoc(),
};

function expectOk(r: ParseResult): Extract<ParseResult, { ok: true }> {
  if (!r.ok) throw new Error(`expected the document to parse, got: ${r.reason}`);
  return r;
}

function expectRejected(input: unknown, reason: string | RegExp): string {
  const r = parseShopDoc(input);
  if (r.ok) throw new Error(`expected a rejection matching ${String(reason)}`);
  expect(r.error).toBe('bad_request');
  if (typeof reason === 'string') expect(r.reason).toContain(reason);
  else expect(r.reason).toMatch(reason);
  return r.reason;
}

// ---------------------------------------------------------------------------

describe('parseShopDoc: a valid example of every kind', () => {
  it('has a builder for every kind', () => {
    expect([...DOC_KINDS].sort()).toEqual(Object.keys(BUILDERS).sort());
    expect(DOC_KINDS).toHaveLength(12);
  });

  for (const kind of Object.keys(BUILDERS) as DocKind[]) {
    it(`parses a ${kind}`, () => {
      const input = BUILDERS[kind]();
      const r = expectOk(parseShopDoc(input));
      expect(r.kind).toBe(kind);
      expect(r.doc).toEqual(input);
      expect(r.doc.type).toBe(kind);
    });
  }

  for (const [name, event] of Object.entries(EVENTS)) {
    it(`parses an orderevent of kind ${name}`, () => {
      const r = expectOk(parseShopDoc(event));
      expect(r.kind).toBe('orderevent');
      expect(r.doc).toEqual(event);
    });
  }

  it('accepts CouchDB bookkeeping fields and strips unknown ones', () => {
    const input = {
      ...product(),
      _rev: '3-abc123',
      _deleted: true,
      _conflicts: ['2-def'],
      extra: 'dropped',
    };
    const r = expectOk(parseShopDoc(input));
    expect(r.doc).toMatchObject({ _rev: '3-abc123', _deleted: true, _conflicts: ['2-def'] });
    expect(r.doc).not.toHaveProperty('extra');
    expectRejected({ ...product(), _rev: 'abc' }, /^product: _rev/);
    expectRejected({ ...product(), _deleted: false }, /^product: _deleted/);
  });

  it('accepts the variants the app produces', () => {
    expectOk(
      parseShopDoc(
        product({
          unit: 'piece',
          cost: null,
          imageUrl: null,
          lowStockThreshold: 3,
          active: false,
          description: '',
        }),
      ),
    );
    expectOk(parseShopDoc(customer({ email: '', phone: '' })));
    expectOk(
      parseShopDoc(
        order({
          channel: 'delivery',
          payment: { method: 'account', paid: 0, tendered: null, change: null },
        }),
      ),
    );
    expectOk(
      parseShopDoc(
        order({ payment: { method: 'card', paid: 2124, tendered: null, change: null } }),
      ),
    );
    expectOk(
      parseShopDoc(
        order({ payment: { method: 'cash', paid: 2124, tendered: null, change: null } }),
      ),
    );
    expectOk(
      parseShopDoc(
        order({
          payment: { method: 'cash', paid: 0, tendered: null, change: null },
          channel: 'pickup',
        }),
      ),
    );
    expectOk(
      parseShopDoc(
        order({ customerId: customer()._id, customerName: 'Ada', tax: 340, total: 2464 }),
      ),
    );
    expectOk(parseShopDoc(stock({ qty: -3, reason: 'count', counted: 12, alertId: alert()._id })));
    expectOk(parseShopDoc(invoice({ dueOn: '2024-05-01' })));
    expectOk(
      parseShopDoc(allocation({ _id: `allocation:order:${ORDER_ULID}:2`, status: 'released' })),
    );
    expectOk(
      parseShopDoc(
        alert({ acknowledgedAt: AT, acknowledgedBy: 'owner_1', resolution: 'restocked' }),
      ),
    );
    expectOk(parseShopDoc(audit({ before: null, after: null })));
    expectOk(parseShopDoc(settings({ taxRate: 10_000, currency: 'JPY' })));
  });

  it('trims text fields', () => {
    const r = expectOk(parseShopDoc(product({ name: '  Apples  ', code: ' APL-1 ' })));
    expect(r.doc).toMatchObject({ name: 'Apples', code: 'APL-1' });
  });
});

describe('parseShopDoc: envelope', () => {
  it('needs a JSON object with a string _id', () => {
    for (const bad of [null, undefined, 42, 'product:x', [], [product()], true]) {
      expectRejected(bad, 'a document must be a JSON object');
    }
    expectRejected({}, '_id is missing');
    expectRejected({ _id: 42, type: 'product' }, '_id is missing');
    const { _id: _dropped, ...noId } = product();
    expectRejected(noId, '_id is missing');
  });

  it('rejects an unknown id prefix', () => {
    for (const id of [
      'widget:01ARZ3NDEKTSV4RRFFQ69G5FAV',
      '',
      'Product:01ARZ3NDEKTSV4RRFFQ69G5FAV',
      '_design/x',
      'settings:1',
      'settingsx',
    ]) {
      expectRejected({ ...product(), _id: id }, 'unknown document kind');
    }
  });

  it('truncates a long unknown id in the reason', () => {
    const reason = expectRejected({ _id: `x${'y'.repeat(5000)}` }, 'unknown document kind');
    expect(reason.length).toBeLessThan(120);
  });

  it('rejects a known prefix with a malformed id', () => {
    expectRejected(product({ _id: 'product:123' }), 'product: _id: must be product:<id>');
    expectRejected(product({ _id: `product:${ORDER_ULID.toLowerCase()}` }), 'product: _id');
    expectRejected(allocation({ _id: `allocation:${ORDER_ULID}` }), 'allocation: _id');
    expectRejected(alert({ _id: 'alert:has space' }), 'alert: _id');
  });

  it('rejects a type that does not match the id', () => {
    const reason = expectRejected({ ...product(), type: 'customer' }, /^product: type/);
    expect(reason).toContain('product');
    expectRejected({ ...customer(), _id: APPLES }, /^product: /);
    expectRejected({ ...settings(), type: 'product' }, /^settings: type/);
    const { type: _dropped, ...untyped } = stock();
    expectRejected(untyped, /^stock: type/);
  });

  it('survives __proto__ and other prototype keys', () => {
    for (const prefix of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const input = JSON.parse(`{"_id":"${prefix}:${ORDER_ULID}","type":"${prefix}"}`) as unknown;
      expect(() => parseShopDoc(input)).not.toThrow();
      expectRejected(input, 'unknown document kind');
    }
    expectRejected(JSON.parse('{"_id":"__proto__"}'), 'unknown document kind');
    expectRejected(JSON.parse('{"__proto__":{"_id":"settings"}}'), '_id is missing');

    const polluted = JSON.stringify(product()).replace(
      /^\{/,
      '{"__proto__":{"polluted":true,"type":"customer"},"stamps2":1,',
    );
    const withProto = JSON.parse(
      polluted.replace('"stamps":{', '"stamps":{"__proto__":"' + STAMP + '",'),
    ) as unknown;
    const r = expectOk(parseShopDoc(withProto));
    expect(r.doc.type).toBe('product');
    expect(Object.getPrototypeOf(r.doc)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();

    const auditInput = JSON.parse(
      JSON.stringify(audit()).replace('"after":{', '"after":{"__proto__":{"isAdmin":true},'),
    ) as unknown;
    const ra = expectOk(parseShopDoc(auditInput));
    if (ra.doc.type !== 'audit') throw new Error('expected an audit entry');
    expect(Object.getPrototypeOf(ra.doc.after)).toBe(Object.prototype);
    expect((ra.doc.after as Record<string, unknown>)['isAdmin']).toBeUndefined();
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
  });

  it('accepts a null-prototype object', () => {
    const input = Object.assign(Object.create(null) as object, settings());
    expectOk(parseShopDoc(input));
  });
});

describe('parseShopDoc: orders', () => {
  it('rejects a wrong line total', () => {
    const lines = [{ ...applesLine, lineTotal: 1623 }, breadLine];
    expectRejected(
      order({
        lines,
        subtotal: 2123,
        total: 2123,
        payment: { method: 'card', paid: 2123, tendered: null, change: null },
      }),
      'order: lines.0.lineTotal: line total does not match price × quantity',
    );
    // a float-computed total (16.2375 → 1623.75) is not whole
    expectRejected(
      order({ lines: [{ ...applesLine, lineTotal: 1623.75 }, breadLine] }),
      /^order: lines\.0\.lineTotal/,
    );
  });

  it('rejects a subtotal that is not the sum of the lines', () => {
    expectRejected(
      order({ subtotal: 2125, total: 2125 }),
      'order: subtotal: subtotal is not the sum of lines',
    );
  });

  it('rejects duplicate product lines', () => {
    const dup = { ...breadLine, productId: APPLES };
    expectRejected(
      order({ lines: [applesLine, dup] }),
      'order: lines.1.productId: a product may appear only once per order',
    );
  });

  it('rejects wrong change and too little cash', () => {
    expectRejected(
      order({ payment: { method: 'cash', paid: 2124, tendered: 3000, change: 800 } }),
      'order: payment.change: change must be tendered minus paid',
    );
    expectRejected(
      order({ payment: { method: 'cash', paid: 2124, tendered: 3000, change: null } }),
      'payment.change: change must be tendered minus paid',
    );
    expectRejected(
      order({ payment: { method: 'cash', paid: 2124, tendered: 2000, change: 0 } }),
      'order: payment.tendered: cash tendered is less than paid',
    );
  });

  it('rejects an on-account sale with a payment', () => {
    expectRejected(
      order({ payment: { method: 'account', paid: 100, tendered: null, change: null } }),
      'order: payment.paid: an on-account sale is paid later',
    );
  });

  it('rejects paying more than the total and a total below the subtotal', () => {
    expectRejected(
      order({ payment: { method: 'card', paid: 2125, tendered: null, change: null } }),
      'order: payment.paid: paid more than the total',
    );
    expectRejected(
      order({ total: 2000, payment: { method: 'card', paid: 2000, tendered: null, change: null } }),
      'order: total: total is below subtotal',
    );
  });

  it('rejects malformed fields with a readable path', () => {
    expectRejected(order({ lines: [] }), 'order: lines: an order needs at least one line');
    expectRejected(
      order({
        lines: [{ ...breadLine, qty: 0, lineTotal: 0 }],
        subtotal: 0,
        total: 0,
        payment: { method: 'card', paid: 0, tendered: null, change: null },
      }),
      /^order: lines\.0\.qty: /,
    );
    expectRejected(
      order({ lines: [{ ...breadLine, name: '   ' }, applesLine] }),
      'order: lines.0.name: product name is required',
    );
    expectRejected(order({ number: 'K3-42' }), 'order: number: must look like K3-0042');
    expectRejected(
      order({ currency: 'eur' }),
      'order: currency: must be an ISO 4217 code like EUR',
    );
    expectRejected(order({ customerId: APPLES }), 'order: customerId: must be customer:<id>');
    expectRejected(order({ deviceId: 'x' }), 'order: deviceId: bad device id');
    expectRejected(order({ createdAt: '2024-05-01 10:00' }), /^order: createdAt/);
    expectRejected(order({ subtotal: -1 }), /^order: subtotal/);
  });

  it('reports at most three issues, joined readably', () => {
    const reason = expectRejected(
      order({ number: 'x', currency: 'x', deviceId: 'x', by: 'x', createdAt: 'x' }),
      /^order: /,
    );
    expect(reason.split('; ')).toHaveLength(3);
  });

  it('rejects a line total too large to compute instead of throwing', () => {
    const huge = { ...applesLine, unitPrice: 1e13, qty: 1e9, lineTotal: 1e13 };
    const input = order({
      lines: [huge],
      subtotal: 1e13,
      total: 1e13,
      payment: { method: 'card', paid: 0, tendered: null, change: null },
    });
    expect(() => parseShopDoc(input)).not.toThrow();
    expectRejected(input, 'order: lines.0.lineTotal');
  });

  // --- properties over generated orders ---

  const lineSpec = fc.record({
    unit: fc.constantFrom(...UNITS),
    unitPrice: fc.integer({ min: 0, max: 1_000_000 }),
    qty: fc.integer({ min: 1, max: 1_000_000 }),
  });
  const orderArb = fc
    .record({
      specs: fc.array(lineSpec, { minLength: 1, maxLength: 12 }),
      tax: fc.integer({ min: 0, max: 1_000_000 }),
      method: fc.constantFrom(...PAYMENT_METHODS),
      paidShare: fc.double({ min: 0, max: 1, noNaN: true }),
      extraCash: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
      channel: fc.constantFrom(...CHANNELS),
    })
    .map(({ specs, tax, method, paidShare, extraCash, channel }): Order => {
      const lines: OrderLine[] = specs.map((s, i) => ({
        productId: `product:${fakeUlid(1000 + i)}`,
        code: `P${i}`,
        name: `Product ${i}`,
        unit: s.unit,
        unitPrice: s.unitPrice,
        qty: s.qty,
        lineTotal: refLineTotal(s.unitPrice, s.qty, s.unit),
      }));
      const subtotal = lines.reduce((a, l) => a + l.lineTotal, 0);
      const total = subtotal + tax;
      const paid = method === 'account' ? 0 : Math.floor(total * paidShare);
      const cash = method === 'cash' && extraCash !== null;
      return order({
        lines,
        subtotal,
        tax,
        total,
        channel,
        payment: {
          method,
          paid,
          tendered: cash ? paid + extraCash : null,
          change: cash ? extraCash : null,
        },
      });
    });

  it('property: consistent orders parse', () => {
    fc.assert(
      fc.property(orderArb, (o) => {
        const r = expectOk(parseShopDoc(o));
        expect(r.doc).toEqual(o);
      }),
    );
  });

  it('property: any change to one line total is rejected, naming that line', () => {
    fc.assert(
      fc.property(
        orderArb,
        fc.nat(),
        fc.integer({ min: -1000, max: 1000 }).filter((d) => d !== 0),
        (o, pick, delta) => {
          const i = pick % o.lines.length;
          const line = o.lines[i];
          if (!line) throw new Error('unreachable');
          fc.pre(line.lineTotal + delta >= 0);
          const lines = o.lines.map((l, j) =>
            j === i ? { ...l, lineTotal: l.lineTotal + delta } : l,
          );
          // keep the subtotal consistent with the (wrong) lines, so only the line check can catch it
          const subtotal = o.subtotal + delta;
          const total = subtotal + o.tax;
          expectRejected(
            {
              ...o,
              lines,
              subtotal,
              total,
              payment: { method: 'card', paid: 0, tendered: null, change: null },
            },
            `order: lines.${i}.lineTotal: line total does not match price × quantity`,
          );
        },
      ),
    );
  });

  it('property: a wrong subtotal is rejected', () => {
    fc.assert(
      fc.property(orderArb, fc.integer({ min: 1, max: 1000 }), (o, delta) => {
        expectRejected(
          { ...o, subtotal: o.subtotal + delta, total: o.total + delta },
          'subtotal: subtotal is not the sum of lines',
        );
      }),
    );
  });

  it('property: a repeated product is rejected', () => {
    fc.assert(
      fc.property(
        orderArb.filter((o) => o.lines.length >= 2),
        fc.nat(),
        fc.nat(),
        (o, a, b) => {
          const i = a % o.lines.length;
          const j = b % o.lines.length;
          fc.pre(i < j);
          const first = o.lines[i];
          if (!first) throw new Error('unreachable');
          const lines = o.lines.map((l, k) => (k === j ? { ...l, productId: first.productId } : l));
          expectRejected(
            { ...o, lines },
            `lines.${j}.productId: a product may appear only once per order`,
          );
        },
      ),
    );
  });

  it('property: cash change must equal tendered − paid', () => {
    fc.assert(
      fc.property(
        orderArb,
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 1000 }),
        (o, extra, off) => {
          const paid = o.total;
          const payment = {
            method: 'cash' as const,
            paid,
            tendered: paid + extra,
            change: extra + off,
          };
          expectRejected({ ...o, payment }, 'payment.change: change must be tendered minus paid');
          expectOk(parseShopDoc({ ...o, payment: { ...payment, change: extra } }));
        },
      ),
    );
  });

  it('property: an on-account order with anything paid is rejected', () => {
    fc.assert(
      fc.property(orderArb, fc.integer({ min: 1, max: 1e6 }), (o, paid) => {
        const total = o.subtotal + Math.max(o.tax, paid);
        const payment = { method: 'account' as const, paid, tendered: null, change: null };
        expectRejected(
          { ...o, tax: total - o.subtotal, total, payment },
          'an on-account sale is paid later',
        );
      }),
    );
  });
});

describe('parseShopDoc: order events', () => {
  it('rejects an event id that names another order', () => {
    expectRejected(
      { ...EVENTS.delivered, _id: `orderevent:${OTHER_ORDER_ULID}:${EVENT_ULID}` },
      'orderevent: _id: event id must name its order',
    );
    expectRejected(
      { ...EVENTS.payment, orderId: `order:${OTHER_ORDER_ULID}` },
      'event id must name its order',
    );
  });

  it('property: an event parses exactly when its id names its order', () => {
    const kinds = Object.keys(EVENTS) as OrderEvent['kind'][];
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        (kind, idOrder, realOrder, eventNo) => {
          const e = {
            ...EVENTS[kind],
            _id: `orderevent:${fakeUlid(idOrder)}:${fakeUlid(eventNo)}`,
            orderId: `order:${fakeUlid(realOrder)}`,
          };
          const r = parseShopDoc(e);
          expect(r.ok).toBe(idOrder === realOrder);
          if (!r.ok) expect(r.reason).toContain('event id must name its order');
        },
      ),
    );
  });

  it('rejects malformed events', () => {
    expectRejected(
      { ...EVENTS.payment, _id: `orderevent:${ORDER_ULID}` },
      'orderevent: _id: must be orderevent:<order>:<id>',
    );
    expectRejected({ ...EVENTS.payment, amount: 0 }, 'orderevent: amount: amount must be positive');
    expectRejected({ ...EVENTS.payment, method: 'cheque' }, /^orderevent: method/);
    expectRejected({ ...EVENTS.note, kind: 'refund' }, /^orderevent: kind/);
    expectRejected({ ...EVENTS.returned, items: [] }, /^orderevent: items/);
    expectRejected(
      { ...EVENTS.returned, items: [{ productId: APPLES, qty: 0 }] },
      /^orderevent: items\.0\.qty/,
    );
    expectRejected({ ...EVENTS.returned, refund: -1 }, /^orderevent: refund/);
    expectRejected(
      { ...EVENTS.delivery_scheduled, scheduledFor: 'tomorrow' },
      /^orderevent: scheduledFor/,
    );
  });
});

describe('parseShopDoc: other kinds', () => {
  it('products', () => {
    expectRejected(
      product({ code: 'has space' }),
      'product: code: code may only use letters, digits and . _ / -',
    );
    expectRejected(product({ code: '' }), 'product: code: code is required');
    expectRejected(product({ name: ' ' }), 'product: name: name is required');
    expectRejected(product({ name: 'x'.repeat(201) }), 'product: name: name is too long');
    expectRejected(product({ price: -1 }), /^product: price/);
    expectRejected(product({ price: 2.5 }), /^product: price/);
    expectRejected(product({ imageUrl: 'javascript:alert(1)' }), /^product: imageUrl/);
    expectRejected(product({ imageUrl: 'ftp://example.com/a.png' }), /^product: imageUrl/);
    expectRejected({ ...product(), unit: 'dozen' }, /^product: unit/);
    expectRejected(
      { ...product(), stamps: { price: 'yesterday' } },
      'product: stamps.price: bad clock stamp',
    );
  });

  it('customers', () => {
    expectRejected(customer({ email: 'not-an-email' }), 'customer: email');
    expectRejected(
      customer({ phone: 'call me' }),
      'customer: phone: phone may only use digits, spaces and + ( ) . -',
    );
    expectRejected(customer({ name: '' }), 'customer: name: name is required');
  });

  it('stock movements', () => {
    expectRejected(stock({ qty: 0 }), 'stock: qty: must not be zero');
    expectRejected(stock({ qty: 1.5 }), /^stock: qty/);
    expectRejected({ ...stock(), reason: 'sale' }, /^stock: reason/);
    expectRejected(stock({ productId: 'product:x' }), 'stock: productId: must be product:<id>');
  });

  it('invoices', () => {
    expectRejected(
      invoice({ dueOn: '2024-04-30' }),
      'invoice: dueOn: due date is before issue date',
    );
    expectRejected(invoice({ issuedOn: '2024-02-30' }), /^invoice: issuedOn/);
    expectRejected(invoice({ number: 'INV-1' }), 'invoice: number: must look like K3-0042');
  });

  it('allocations, alerts, audit entries and settings', () => {
    expectRejected(allocation({ seq: -1 }), /^allocation: seq/);
    expectRejected({ ...allocation(), status: 'maybe' }, /^allocation: status/);
    expectRejected({ ...alert(), kind: 'fire' }, /^alert: kind/);
    expectRejected(
      audit({ action: 'Product.Create' }),
      'audit: action: action looks like product.create',
    );
    expectRejected(settings({ taxRate: 10_001 }), /^settings: taxRate/);
    expectRejected(settings({ taxRate: 7.5 }), /^settings: taxRate/);
    expectRejected(settings({ shopName: '  ' }), 'settings: shopName: shop name is required');
    expectRejected(settings({ invoiceTermsDays: 366 }), /^settings: invoiceTermsDays/);
  });
});

describe('parseShopDoc: robustness', () => {
  it('property: never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = parseShopDoc(v);
        expect(typeof r.ok).toBe('boolean');
      }),
    );
  });

  it('property: never throws when one field of a valid document is replaced', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DOC_KINDS),
        fc.nat(),
        fc.oneof(
          fc.jsonValue(),
          fc.constantFrom(1e13, -1e13, 1e9, 1e300, Number.NaN, -0, '', '__proto__'),
        ),
        (kind, pick, value) => {
          const doc = BUILDERS[kind]() as Record<string, unknown>;
          const keys = Object.keys(doc);
          const key = keys[pick % keys.length] ?? '_id';
          const r = parseShopDoc({ ...doc, [key]: value });
          if (r.ok) expect(r.kind).toBe(kind);
          else expect(r.reason.length).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('a line total beyond the safe integers is refused, not thrown (an order, an amendment)', () => {
    const huge = { ...applesLine, lineTotal: 2 ** 53 };
    expectRejected(order({ lines: [huge, breadLine] }), /^order: lines\.0\.lineTotal/);
    const amended = {
      ...BUILDERS.orderevent(),
      kind: 'amended',
      note: '',
      lines: [huge],
      subtotal: 600,
      tax: 0,
      total: 600,
      customerId: null,
      customerName: '',
      address: '',
    };
    const r = parseShopDoc(amended);
    expect(r.ok).toBe(false);
  });

  it('property: extreme prices and quantities in order lines are rejected, not thrown', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e13 }),
        fc.integer({ min: 1, max: 1e9 }),
        fc.integer({ min: 0, max: 1e13 }),
        fc.constantFrom(...UNITS),
        (unitPrice, qty, claimed, unit) => {
          const line = { ...applesLine, unit, unitPrice, qty, lineTotal: claimed };
          const input = order({
            lines: [line],
            subtotal: claimed,
            total: claimed,
            payment: { method: 'card', paid: 0, tendered: null, change: null },
          });
          const r = parseShopDoc(input);
          const exact = (2n * BigInt(unitPrice) * BigInt(qty) + PER[unit]) / (2n * PER[unit]);
          expect(r.ok).toBe(exact === BigInt(claimed));
        },
      ),
    );
  });
});

describe('kindOfId', () => {
  it('reads the kind from the id prefix', () => {
    expect(kindOfId('settings')).toBe('settings');
    expect(kindOfId(APPLES)).toBe('product');
    expect(kindOfId(`orderevent:${ORDER_ULID}:${EVENT_ULID}`)).toBe('orderevent');
    expect(kindOfId(`allocation:order:${ORDER_ULID}`)).toBe('allocation');
    expect(kindOfId('product')).toBe('product');
    expect(kindOfId('settings:x')).toBeNull();
    expect(kindOfId('')).toBeNull();
    expect(kindOfId('Product:x')).toBeNull();
    expect(kindOfId('__proto__:x')).toBeNull();
    expect(kindOfId('constructor')).toBeNull();
  });

  it('property: every kind but settings is recognised by its prefix', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DOC_KINDS), fc.string(), (kind, rest) => {
        const expected = kind === 'settings' ? null : kind;
        expect(kindOfId(`${kind}:${rest}`)).toBe(expected);
      }),
    );
  });
});

describe('describeIssues', () => {
  it('joins up to max issues as path: message', () => {
    const schema = z.object({
      a: z.string(),
      b: z.object({ c: z.number() }),
      d: z.boolean(),
      e: z.boolean(),
    });
    const r = schema.safeParse({ a: 1, b: { c: 'x' }, d: 1, e: 1 });
    if (r.success) throw new Error('expected failure');
    const text = describeIssues(r.error);
    const parts = text.split('; ');
    expect(parts).toHaveLength(3);
    expect(parts[0]).toMatch(/^a: /);
    expect(parts[1]).toMatch(/^b\.c: /);
    expect(describeIssues(r.error, 1).split('; ')).toHaveLength(1);
    const root = z.string().safeParse(5);
    if (root.success) throw new Error('expected failure');
    expect(describeIssues(root.error)).toBe(root.error.issues[0]?.message);
  });

  it('is exposed per kind through DOC_SCHEMAS', () => {
    expect(DOC_SCHEMAS.order.safeParse(order()).success).toBe(true);
    expect(DOC_SCHEMAS.product.safeParse(order()).success).toBe(false);
  });
});
