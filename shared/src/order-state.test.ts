import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  ORDER_STATUSES,
  allowedActions,
  retrying,
  foldOrder,
  sortEvents,
  type OrderState,
  type OrderStatus,
} from './order-state.ts';
import { orderSchema, type Order } from './schemas/order.ts';
import {
  CHANNELS,
  PAYMENT_METHODS,
  type Channel,
  type PaymentMethod,
} from './schemas/vocabulary.ts';
import { orderEventSchema, type OrderEvent, type OrderEventKind } from './schemas/order-event.ts';
import {
  ORDER_EVENT_KINDS,
  fakeUlid,
  orderDoc,
  orderEventDoc,
  orderLine,
} from './fixtures/index.ts';

/** A deep copy, as a replica would hand back (documents are plain JSON). */
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

// ---------------------------------------------------------------------------
// Builders (documents are schema-valid; checked below)
// ---------------------------------------------------------------------------

const ORDER_ULID = fakeUlid(4242);
const OTHER_ORDER_ULID = fakeUlid(4243);
const APPLES = `product:${fakeUlid(11)}`;
const BREAD = `product:${fakeUlid(12)}`;
const T0 = Date.parse('2024-05-01T10:00:00.000Z');
const atMinute = (m: number) => new Date(T0 + m * 60_000).toISOString();

function makeOrder(channel: Channel, total: number, method: PaymentMethod, paid: number): Order {
  return orderDoc({
    _id: `order:${ORDER_ULID}`,
    number: 'K3-0042',
    channel,
    lines: [
      orderLine({ productId: APPLES, code: 'APL', name: 'Apples', unitPrice: total, qty: 1 }),
    ],
    payment: { method, paid, tendered: null, change: null },
    createdAt: atMinute(0),
  });
}

/** What varies per event; turned into a document by `makeEvent`. */
interface EventSpec {
  kind: OrderEventKind;
  minute: number;
  amount: number;
  refund: number;
  items: { productId: string; qty: number }[];
}

function makeEvent(n: number, s: EventSpec, orderUlid = ORDER_ULID): OrderEvent {
  const base = {
    _id: `orderevent:${orderUlid}:${fakeUlid(5000 + n)}`,
    orderId: `order:${orderUlid}`,
    at: atMinute(s.minute),
  };
  switch (s.kind) {
    case 'payment':
      return orderEventDoc('payment', { ...base, amount: s.amount, method: 'card' });
    case 'delivery_scheduled':
      return orderEventDoc('delivery_scheduled', {
        ...base,
        scheduledFor: atMinute(s.minute + 60),
        address: 'Market St 1',
      });
    case 'returned':
      return orderEventDoc('returned', { ...base, items: s.items, refund: s.refund });
    case 'note':
      return orderEventDoc('note', { ...base, note: 'call first' });
    default:
      // dispatched, delivered, delivery_failed ('nobody home'), cancelled ('changed mind')
      return orderEventDoc(s.kind, base);
  }
}

const ALL_KINDS: readonly OrderEventKind[] = ORDER_EVENT_KINDS;
const DELIVERY_KINDS: OrderEventKind[] = [
  'delivery_scheduled',
  'dispatched',
  'delivered',
  'delivery_failed',
];

const orderArb: fc.Arbitrary<Order> = fc
  .record({
    channel: fc.constantFrom(...CHANNELS),
    total: fc.integer({ min: 0, max: 1_000_000 }),
    method: fc.constantFrom(...PAYMENT_METHODS),
    paidShare: fc.double({ min: 0, max: 1, noNaN: true }),
    fullyPaid: fc.boolean(),
  })
  .map(({ channel, total, method, paidShare, fullyPaid }) => {
    const paid = method === 'account' ? 0 : fullyPaid ? total : Math.floor(total * paidShare);
    return makeOrder(channel, total, method, paid);
  });

const specArb = (kinds: readonly OrderEventKind[]): fc.Arbitrary<EventSpec> =>
  fc.record({
    kind: fc.constantFrom(...kinds),
    // few distinct minutes, so many events share a timestamp and the id tie-break matters
    minute: fc.integer({ min: 0, max: 8 }),
    amount: fc.integer({ min: 1, max: 600_000 }),
    refund: fc.integer({ min: 0, max: 600_000 }),
    items: fc.uniqueArray(
      fc.record({
        productId: fc.constantFrom(APPLES, BREAD),
        qty: fc.integer({ min: 1, max: 5000 }),
      }),
      { selector: (i) => i.productId, minLength: 1, maxLength: 2 },
    ),
  });

const eventsArb = (kinds: readonly OrderEventKind[] = ALL_KINDS, maxLength = 12) =>
  fc.array(specArb(kinds), { maxLength }).map((specs) => specs.map((s, n) => makeEvent(n, s)));

/** Everything except the timeline (which legitimately lists every event). */
function folded(s: OrderState) {
  return {
    status: s.status,
    paid: s.paid,
    refunded: s.refunded,
    balance: s.balance,
    paymentStatus: s.paymentStatus,
    returned: [...s.returned].sort(([a], [b]) => (a < b ? -1 : 1)),
  };
}

/** Independent spec of the status: cancellation wins, delivered sticks, else the latest delivery fact. */
function referenceStatus(order: Order, events: readonly OrderEvent[]): OrderStatus {
  if (events.some((e) => e.kind === 'cancelled')) return 'cancelled';
  if (events.some((e) => e.kind === 'delivered')) return 'delivered';
  // the latest delivery fact, except that prepared ("ready") outlasts a later schedule
  // and means nothing once the order has left or failed
  let status: OrderStatus = order.channel === 'counter' ? 'completed' : 'open';
  const facts = [...events]
    .filter((e) => DELIVERY_KINDS.includes(e.kind) || e.kind === 'ready')
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a._id < b._id ? -1 : 1));
  for (const e of facts) {
    if (e.kind === 'delivery_scheduled' && status !== 'ready') status = 'scheduled';
    if (e.kind === 'dispatched') status = 'dispatched';
    if (e.kind === 'delivery_failed') status = 'failed';
    if (e.kind === 'ready' && (status === 'open' || status === 'scheduled')) status = 'ready';
  }
  return status;
}

const shuffled = <T>(xs: readonly T[]) =>
  fc.shuffledSubarray([...xs], { minLength: xs.length, maxLength: xs.length });

// ---------------------------------------------------------------------------

describe('order-state fixtures', () => {
  it('builds schema-valid orders and events', () => {
    fc.assert(
      fc.property(orderArb, eventsArb(), (order, events) => {
        expect(orderSchema.safeParse(order).success).toBe(true);
        for (const e of events) {
          const r = orderEventSchema.safeParse(e);
          expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('sortEvents', () => {
  it('orders by time then id, keeps every event and leaves the input alone', () => {
    fc.assert(
      fc.property(
        eventsArb().chain((es) => fc.tuple(fc.constant(es), shuffled(es))),
        ([es, sh]) => {
          const copy = [...sh];
          const sorted = sortEvents(sh);
          expect(sh).toEqual(copy);
          expect(sorted).toHaveLength(es.length);
          expect(new Set(sorted.map((e) => e._id))).toEqual(new Set(es.map((e) => e._id)));
          for (let i = 1; i < sorted.length; i++) {
            const a = sorted[i - 1];
            const b = sorted[i];
            if (!a || !b) throw new Error('hole');
            const key = (e: OrderEvent) => [Date.parse(e.at), e._id] as const;
            const [ta, ia] = key(a);
            const [tb, ib] = key(b);
            expect(ta < tb || (ta === tb && ia < ib)).toBe(true);
          }
          expect(sortEvents(es)).toEqual(sorted);
        },
      ),
    );
  });
});

describe('foldOrder', () => {
  it('starts a counter sale completed and a delivery/pickup order open', () => {
    fc.assert(
      fc.property(orderArb, eventsArb(['note']), (order, notes) => {
        for (const evs of [[], notes]) {
          const s = foldOrder(order, evs);
          expect(s.status).toBe(order.channel === 'counter' ? 'completed' : 'open');
          expect(s.paid).toBe(order.payment.paid);
          expect(s.refunded).toBe(0);
          expect(s.balance).toBe(order.total - order.payment.paid);
          expect(s.returned.size).toBe(0);
          expect(s.timeline).toHaveLength(evs.length);
        }
      }),
    );
    expect(foldOrder(makeOrder('counter', 500, 'cash', 500), []).status).toBe('completed');
    expect(foldOrder(makeOrder('delivery', 500, 'card', 0), []).status).toBe('open');
    expect(foldOrder(makeOrder('pickup', 500, 'account', 0), []).status).toBe('open');
  });

  it('does not depend on the order events arrive in', () => {
    const arb = fc.tuple(
      orderArb,
      eventsArb(ALL_KINDS, 16).chain((es) => fc.tuple(fc.constant(es), shuffled(es))),
    );
    fc.assert(
      fc.property(arb, ([order, [es, sh]]) => {
        expect(foldOrder(order, sh)).toEqual(foldOrder(order, es));
      }),
    );
  });

  it('ignores duplicate deliveries of the same event', () => {
    const arb = fc.tuple(
      orderArb,
      eventsArb().chain((es) =>
        fc.tuple(
          fc.constant(es),
          fc.subarray(es).chain((again) => shuffled([...es, ...again.map((e) => clone(e))])),
        ),
      ),
    );
    fc.assert(
      fc.property(arb, ([order, [es, withDups]]) => {
        const once = foldOrder(order, es);
        const twice = foldOrder(order, withDups);
        expect(folded(twice)).toEqual(folded(once));
        // every event is folded (and listed) once
        expect(twice.timeline.map((e) => e._id)).toEqual(once.timeline.map((e) => e._id));
      }),
    );
  });

  it('ignores events that belong to another order', () => {
    fc.assert(
      fc.property(orderArb, eventsArb(), fc.array(specArb(ALL_KINDS)), (order, es, others) => {
        const foreign = others.map((s, n) => makeEvent(900 + n, s, OTHER_ORDER_ULID));
        const s = foldOrder(order, [...foreign, ...es]);
        expect(s).toEqual(foldOrder(order, es));
        expect(s.timeline.every((e) => e.orderId === order._id)).toBe(true);
      }),
    );
  });

  it('derives the status: cancellation wins, delivered sticks, otherwise the latest delivery fact', () => {
    fc.assert(
      fc.property(orderArb, eventsArb(), (order, es) => {
        const s = foldOrder(order, es);
        expect(ORDER_STATUSES).toContain(s.status);
        expect(s.status).toBe(referenceStatus(order, es));
      }),
    );
  });

  it('treats a cancellation as final: later events change nothing', () => {
    const arb = fc.record({
      order: orderArb,
      before: fc.array(specArb(ALL_KINDS), { maxLength: 8 }),
      cancelMinute: fc.integer({ min: 0, max: 8 }),
      after: fc.array(specArb(ALL_KINDS), { minLength: 1, maxLength: 8 }),
    });
    fc.assert(
      fc.property(arb, ({ order, before, cancelMinute, after }) => {
        const es = before.map((s, n) => makeEvent(n, s));
        const c = makeEvent(500, {
          kind: 'cancelled',
          minute: cancelMinute,
          amount: 1,
          refund: 0,
          items: [],
        });
        // strictly later than the cancellation
        const later = after.map((s, n) =>
          makeEvent(600 + n, { ...s, minute: cancelMinute + 1 + s.minute }),
        );
        const atCancel = foldOrder(order, [...es, c]);
        const afterwards = foldOrder(order, [...es, c, ...later]);
        expect(atCancel.status).toBe('cancelled');
        expect(folded(afterwards)).toEqual(folded(atCancel));
      }),
    );
  });

  it('adds payments, subtracts refunds, and never lets the balance go negative', () => {
    const kinds: OrderEventKind[] = ALL_KINDS.filter((k) => k !== 'cancelled');
    fc.assert(
      fc.property(orderArb, eventsArb(kinds), (order, es) => {
        const s = foldOrder(order, es);
        const payments = es.reduce((t, e) => t + (e.kind === 'payment' ? e.amount : 0), 0);
        const refunds = es.reduce((t, e) => t + (e.kind === 'returned' ? e.refund : 0), 0);
        expect(s.paid).toBe(order.payment.paid + payments);
        expect(s.refunded).toBe(refunds);

        // the total that holds: the order's, or its latest valid amendment's
        const net = s.paid - s.refunded;
        expect(s.balance).toBeGreaterThanOrEqual(0);
        expect(s.balance).toBe(net >= s.total ? 0 : s.total - net);

        if (refunds > 0 && net <= 0) expect(s.paymentStatus).toBe('refunded');
        else if (net >= s.total) expect(s.paymentStatus).toBe('paid');
        else if (net > 0) expect(s.paymentStatus).toBe('partial');
        else expect(s.paymentStatus).toBe('unpaid');
        if (s.paymentStatus === 'paid') expect(s.balance).toBe(0);

        const returned = new Map<string, number>();
        for (const e of es) {
          if (e.kind === 'returned') {
            for (const i of e.items) {
              returned.set(i.productId, (returned.get(i.productId) ?? 0) + i.qty);
            }
          }
        }
        expect(folded(s).returned).toEqual([...returned].sort(([a], [b]) => (a < b ? -1 : 1)));
      }),
    );
  });

  it('holds the latest amendment made before the hand-over and any cancellation (never on a counter sale)', () => {
    fc.assert(
      fc.property(orderArb, eventsArb(ALL_KINDS, 16), (order, es) => {
        const s = foldOrder(order, es);
        const stops = es
          .filter((e) => ['dispatched', 'delivered', 'cancelled'].includes(e.kind))
          .map((e) => e.at)
          .sort();
        const stop = stops[0] ?? null;
        const valid = sortEvents(es).filter(
          (e) =>
            e.kind === 'amended' && order.channel !== 'counter' && (stop === null || e.at < stop),
        );
        const last = valid.at(-1);
        const want = last?.kind === 'amended' ? last : order;
        expect(s.lines).toEqual(want.lines);
        expect([s.subtotal, s.tax, s.total]).toEqual([want.subtotal, want.tax, want.total]);
        expect(s.amendments.map((a) => a.eventId)).toEqual(valid.map((e) => e._id));
        // each step shows before → after, chained from the order's own lines
        let before = order.lines;
        for (const a of s.amendments) {
          expect(a.before).toEqual(before);
          before = a.after;
        }
      }),
    );
  });

  it('walks through a pay-on-delivery order', () => {
    const order = makeOrder('delivery', 1000, 'cash', 0);
    const spec = (kind: OrderEventKind, minute: number, extra: Partial<EventSpec> = {}) => ({
      kind,
      minute,
      amount: 1,
      refund: 0,
      items: [{ productId: APPLES, qty: 1 }],
      ...extra,
    });
    const e1 = makeEvent(1, spec('delivery_scheduled', 1));
    const e2 = makeEvent(2, spec('payment', 2, { amount: 400 }));
    const e3 = makeEvent(3, spec('dispatched', 3));
    const e4 = makeEvent(4, spec('delivered', 4));
    const e5 = makeEvent(5, spec('payment', 5, { amount: 700 })); // overpaid by 100
    const e6 = makeEvent(6, spec('delivery_failed', 6)); // too late: already delivered
    const e7 = makeEvent(7, spec('returned', 7, { refund: 1100 }));

    expect(foldOrder(order, []).paymentStatus).toBe('unpaid');
    expect(foldOrder(order, []).balance).toBe(1000);
    expect(foldOrder(order, [e1]).status).toBe('scheduled');
    let s = foldOrder(order, [e3, e2, e1]);
    expect(s).toMatchObject({
      status: 'dispatched',
      paid: 400,
      balance: 600,
      paymentStatus: 'partial',
    });
    s = foldOrder(order, [e5, e4, e3, e2, e1, e6]);
    expect(s).toMatchObject({ status: 'delivered', paid: 1100, balance: 0, paymentStatus: 'paid' });
    expect(s.timeline.map((e) => e._id)).toEqual([e1, e2, e3, e4, e5, e6].map((e) => e._id));
    s = foldOrder(order, [e1, e2, e3, e4, e5, e6, e7]);
    expect(s).toMatchObject({ refunded: 1100, paymentStatus: 'refunded' });
    expect(s.returned.get(APPLES)).toBe(1);
  });
});

describe('allowedActions', () => {
  const stateArb = fc.tuple(orderArb, eventsArb()).map(([order, es]) => ({
    order,
    state: foldOrder(order, es),
  }));

  it('offers only a note on a cancelled order', () => {
    fc.assert(
      fc.property(orderArb, eventsArb(), fc.integer({ min: 0, max: 8 }), (order, es, minute) => {
        const c = makeEvent(777, { kind: 'cancelled', minute, amount: 1, refund: 0, items: [] });
        const state = foldOrder(order, [...es, c]);
        expect(allowedActions(order, state)).toEqual(['note']);
      }),
    );
  });

  it('offers a payment exactly when something is still owed', () => {
    fc.assert(
      fc.property(stateArb, ({ order, state }) => {
        const actions = allowedActions(order, state);
        expect(actions.includes('payment')).toBe(state.balance > 0 && state.status !== 'cancelled');
        if (state.balance === 0) expect(actions).not.toContain('payment');
      }),
    );
  });

  it('offers sensible lifecycle actions', () => {
    fc.assert(
      fc.property(stateArb, ({ order, state }) => {
        const actions = allowedActions(order, state);
        expect(new Set(actions).size).toBe(actions.length);
        expect(actions).toContain('note');
        for (const a of actions) expect(ALL_KINDS).toContain(a);
        if (state.status === 'cancelled') return;
        const handedOver = order.channel === 'counter' || state.handedOverAt !== null;
        // amended and cancelled until handed over (a failed delivery may still be called off)
        expect(actions.includes('amended')).toBe(!handedOver);
        expect(actions.includes('cancelled')).toBe(
          order.channel !== 'counter' &&
            (!handedOver || state.status === 'failed' || retrying(order, state)),
        );
        // a retried delivery can leave again
        if (retrying(order, state)) expect(actions).toContain('dispatched');
        // returned once handed over, while something is left to return
        const left = state.lines.some((l) => l.qty > (state.returned.get(l.productId) ?? 0));
        expect(actions.includes('returned')).toBe(
          handedOver && state.status !== 'dispatched' && left,
        );
        // delivery steps only for orders to deliver or collect, never once delivered
        const deliveryOffered = DELIVERY_KINDS.some((k) => actions.includes(k));
        if (order.channel === 'counter' || state.status === 'delivered') {
          expect(deliveryOffered).toBe(false);
        }
      }),
    );
  });
});

describe('a failed delivery planned again', () => {
  it('can leave again, be rescheduled or be called off', () => {
    const order = makeOrder('delivery', 500, 'cash', 0);
    const events = [
      makeEvent(1, { kind: 'delivery_scheduled', minute: 1, amount: 0, refund: 0, items: [] }),
      makeEvent(2, { kind: 'dispatched', minute: 2, amount: 0, refund: 0, items: [] }),
      makeEvent(3, { kind: 'delivery_failed', minute: 3, amount: 0, refund: 0, items: [] }),
      makeEvent(4, { kind: 'delivery_scheduled', minute: 4, amount: 0, refund: 0, items: [] }),
    ];
    const state = foldOrder(order, events);
    expect(state.status).toBe('scheduled');
    expect(retrying(order, state)).toBe(true);
    const actions = allowedActions(order, state);
    expect(actions).toEqual(
      expect.arrayContaining(['dispatched', 'delivery_scheduled', 'cancelled']),
    );
    expect(actions).not.toContain('amended');
  });
});
