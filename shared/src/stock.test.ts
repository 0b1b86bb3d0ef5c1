import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addFact,
  emptyFacts,
  factsFrom,
  stockBadge,
  stockLevels,
  stockOf,
  type StockBadge,
  type StockDoc,
} from './stock.ts';
import {
  fakeUlid,
  orderDoc,
  orderEventDoc,
  orderLine,
  stockMovementDoc,
} from './fixtures/index.ts';
import { orderSchema, type Order } from './schemas/order.ts';
import { orderEventSchema, type OrderEvent } from './schemas/order-event.ts';
import { stockMovementSchema, type StockMovement } from './schemas/stock.ts';

/** A deep copy, as a replica would hand back (documents are plain JSON). */
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

// ---------------------------------------------------------------------------
// Builders: every document below is valid against its schema (checked in a test).
// ---------------------------------------------------------------------------

const AT = '2024-05-01T10:00:00.000Z';

const PRODUCTS = [0, 1, 2, 3].map((i) => `product:${fakeUlid(100 + i)}`);
const UNKNOWN_PRODUCT = `product:${fakeUlid(999)}`;

interface Item {
  productId: string;
  qty: number;
}

const orderUlid = (j: number) => fakeUlid(2000 + j);
const orderId = (j: number) => `order:${orderUlid(j)}`;

function movement(n: number, productId: string, qty: number): StockMovement {
  return stockMovementDoc({
    _id: `stock:${fakeUlid(1000 + n)}`,
    productId,
    qty,
    at: AT,
    by: 'owner_1',
  });
}

function order(j: number, items: readonly Item[]): Order {
  const lines = items.map((i) =>
    orderLine({ productId: i.productId, code: 'C-1', name: 'Thing', unitPrice: 10, qty: i.qty }),
  );
  return orderDoc({
    _id: orderId(j),
    number: `K3-${String(j).padStart(4, '0')}`,
    lines,
    createdAt: AT,
  });
}

/** The id, order and time of event `n` on order `j`. */
const eventBase = (j: number, n: number) => ({
  _id: `orderevent:${orderUlid(j)}:${fakeUlid(3000 + n)}`,
  orderId: orderId(j),
  at: AT,
});

function cancel(j: number, n: number): OrderEvent {
  return orderEventDoc('cancelled', eventBase(j, n));
}

function returned(j: number, n: number, items: readonly Item[]): OrderEvent {
  return orderEventDoc('returned', { ...eventBase(j, n), items: [...items], refund: 0 });
}

/** Lifecycle facts that must not move stock. */
function noise(j: number, n: number): OrderEvent[] {
  return [
    orderEventDoc('payment', { ...eventBase(j, n), amount: 100, method: 'cash' }),
    orderEventDoc('note', { ...eventBase(j, n + 1), note: 'call first' }),
    orderEventDoc('dispatched', eventBase(j, n + 2)),
    orderEventDoc('delivery_failed', { ...eventBase(j, n + 3), reason: 'nobody home' }),
  ];
}

// ---------------------------------------------------------------------------
// A generated "world" of facts, and an independent reference ledger.
// ---------------------------------------------------------------------------

interface WorldOrder {
  lines: Item[];
  cancelled: boolean;
  returns: Item[][];
  noisy: boolean;
}
interface World {
  movements: Item[];
  orders: WorldOrder[];
}

const productArb = fc.constantFrom(...PRODUCTS);
const itemsArb = (max: number) =>
  fc.uniqueArray(
    fc.record({ productId: productArb, qty: fc.integer({ min: 1, max: 1_000_000 }) }),
    {
      selector: (i) => i.productId,
      minLength: 1,
      maxLength: max,
    },
  );

const worldOrderArb: fc.Arbitrary<WorldOrder> = fc.record({
  lines: itemsArb(4),
  cancelled: fc.boolean(),
  returns: fc.array(itemsArb(3), { maxLength: 2 }),
  noisy: fc.boolean(),
});

const worldArb: fc.Arbitrary<World> = fc.record({
  movements: fc.array(
    fc.record({
      productId: productArb,
      qty: fc.integer({ min: -1_000_000, max: 1_000_000 }).filter((q) => q !== 0),
    }),
    { maxLength: 12 },
  ),
  orders: fc.array(worldOrderArb, { maxLength: 6 }),
});

/** Documents of one order: the order, its cancellation (if any), returns and noise. */
function orderDocs(w: World, j: number): { order: Order; events: OrderEvent[] } {
  const o = w.orders[j];
  if (!o) throw new Error(`no order ${j}`);
  const events: OrderEvent[] = [];
  let n = j * 100;
  if (o.cancelled) events.push(cancel(j, n++));
  for (const r of o.returns) events.push(returned(j, n++, r));
  if (o.noisy) events.push(...noise(j, n));
  return { order: order(j, o.lines), events };
}

function docsOf(w: World): StockDoc[] {
  const docs: StockDoc[] = w.movements.map((m, i) => movement(i, m.productId, m.qty));
  w.orders.forEach((_, j) => {
    const { order: o, events } = orderDocs(w, j);
    docs.push(o, ...events);
  });
  return docs;
}

/** The DESIGN §2 definition, computed directly from the world (not from documents). */
function referenceLevels(w: World): Map<string, number> {
  const ref = new Map<string, number>(PRODUCTS.map((p) => [p, 0]));
  const add = (p: string, q: number) => ref.set(p, (ref.get(p) ?? 0) + q);
  for (const m of w.movements) add(m.productId, m.qty);
  for (const o of w.orders) {
    if (o.cancelled) continue;
    for (const l of o.lines) add(l.productId, -l.qty);
    for (const r of o.returns) for (const i of r) add(i.productId, i.qty);
  }
  return ref;
}

/** Levels as a dense, ordered list over every known product (absent = 0). */
function dense(levels: Map<string, number>): number[] {
  return PRODUCTS.map((p) => levels.get(p) ?? 0);
}

function levelsOf(docs: Iterable<StockDoc>): number[] {
  return dense(stockLevels(factsFrom(docs)));
}

/** Sorted entries, so two Maps compare equal regardless of insertion order. */
function entries(levels: Map<string, number>): [string, number][] {
  return [...levels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A world plus a permutation of its documents. */
const worldAndShuffleArb = worldArb.chain((w) => {
  const docs = docsOf(w);
  return fc.tuple(
    fc.constant(w),
    fc.constant(docs),
    fc.shuffledSubarray(docs, { minLength: docs.length, maxLength: docs.length }),
  );
});

// ---------------------------------------------------------------------------

describe('stock ledger fixtures', () => {
  it('builds schema-valid documents', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        for (const d of docsOf(w)) {
          const schema =
            d.type === 'stock'
              ? stockMovementSchema
              : d.type === 'order'
                ? orderSchema
                : orderEventSchema;
          const r = schema.safeParse(d);
          expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('stockLevels', () => {
  it('is an empty map with no facts, and unknown products read as 0', () => {
    expect(stockLevels(emptyFacts()).size).toBe(0);
    expect(stockOf(emptyFacts(), PRODUCTS[0] ?? '')).toBe(0);
  });

  it('worked example: restock, sale, return, cancelled sale', () => {
    const [a = '', b = ''] = PRODUCTS;
    const docs: StockDoc[] = [
      movement(0, a, 10),
      movement(1, a, -2), // damage / adjustment
      movement(2, b, 5),
      order(0, [
        { productId: a, qty: 3 },
        { productId: b, qty: 1 },
      ]),
      returned(0, 0, [{ productId: a, qty: 1 }]),
      order(1, [{ productId: b, qty: 4 }]),
      cancel(1, 1),
    ];
    const levels = stockLevels(factsFrom(docs));
    expect(levels.get(a)).toBe(10 - 2 - 3 + 1);
    expect(levels.get(b)).toBe(5 - 1);
    expect(stockOf(factsFrom(docs), a)).toBe(6);
    expect(stockOf(factsFrom(docs), UNKNOWN_PRODUCT)).toBe(0);
  });

  it('equals initial + restocks/adjustments − sold (non-cancelled) + returned (non-cancelled)', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const levels = stockLevels(factsFrom(docsOf(w)));
        for (const p of levels.keys()) expect(PRODUCTS).toContain(p);
        expect(dense(levels)).toEqual(dense(referenceLevels(w)));
        for (const p of PRODUCTS) {
          expect(stockOf(factsFrom(docsOf(w)), p)).toBe(referenceLevels(w).get(p));
        }
      }),
    );
  });

  it('lifecycle events other than cancel/return never move stock', () => {
    fc.assert(
      fc.property(worldArb, fc.nat(), (w, seed) => {
        const docs = docsOf(w);
        const j = w.orders.length === 0 ? 0 : seed % w.orders.length;
        const withNoise = [...docs, ...noise(j, 90_000)];
        expect(levelsOf(withNoise)).toEqual(levelsOf(docs));
      }),
    );
  });

  it('gives the same levels for any permutation of the same documents', () => {
    fc.assert(
      fc.property(worldAndShuffleArb, ([, docs, shuffled]) => {
        expect(entries(stockLevels(factsFrom(shuffled)))).toEqual(
          entries(stockLevels(factsFrom(docs))),
        );
      }),
    );
  });

  it('is idempotent: adding documents again (copies, anywhere in the stream) changes nothing', () => {
    const arb = worldAndShuffleArb.chain(([w, docs, shuffled]) =>
      fc.tuple(
        fc.constant(w),
        fc.constant(docs),
        // a replay of some documents, as fresh copies, interleaved with the originals
        fc.subarray(docs).chain((again) =>
          fc.shuffledSubarray([...shuffled, ...again.map((d) => clone(d))], {
            minLength: shuffled.length + again.length,
            maxLength: shuffled.length + again.length,
          }),
        ),
      ),
    );
    fc.assert(
      fc.property(arb, ([w, docs, replayed]) => {
        const once = stockLevels(factsFrom(docs));
        expect(entries(stockLevels(factsFrom(replayed)))).toEqual(entries(once));
        expect(dense(once)).toEqual(dense(referenceLevels(w)));

        // addFact twice in a row on the same facts, for every document
        const facts = emptyFacts();
        for (const d of docs) {
          addFact(facts, d);
          addFact(facts, d);
        }
        expect(entries(stockLevels(facts))).toEqual(entries(once));
      }),
    );
  });

  it('cancelling an order restores exactly its lines', () => {
    const arb = fc.tuple(worldArb, worldOrderArb, fc.nat()).map(([w, extra, at]) => {
      // the order under test: not cancelled, no returns; inserted at some position
      const orders = [...w.orders];
      const j = orders.length === 0 ? 0 : at % (orders.length + 1);
      orders.splice(j, 0, { ...extra, cancelled: false, returns: [] });
      return { world: { ...w, orders }, j };
    });
    fc.assert(
      fc.property(arb, ({ world, j }) => {
        const docs = docsOf(world);
        const before = levelsOf(docs);
        const after = levelsOf([...docs, cancel(j, 99_999)]);
        const lines = world.orders[j]?.lines ?? [];
        const expected = before.map((lvl, k) => {
          const line = lines.find((l) => l.productId === PRODUCTS[k]);
          return lvl + (line?.qty ?? 0);
        });
        expect(after).toEqual(expected);
      }),
    );
  });

  it('cancelling an order with returns gives back its lines net of what was already returned', () => {
    const arb = worldArb
      .filter((w) => w.orders.some((o) => !o.cancelled))
      .chain((w) => {
        const open = w.orders.flatMap((o, j) => (o.cancelled ? [] : [j]));
        return fc.tuple(fc.constant(w), fc.constantFrom(...open));
      });
    fc.assert(
      fc.property(arb, ([w, j]) => {
        const docs = docsOf(w);
        const o = w.orders[j];
        if (!o) throw new Error('no order');
        const delta = new Map<string, number>();
        for (const l of o.lines) delta.set(l.productId, (delta.get(l.productId) ?? 0) + l.qty);
        for (const r of o.returns) {
          for (const i of r) delta.set(i.productId, (delta.get(i.productId) ?? 0) - i.qty);
        }
        const before = levelsOf(docs);
        const after = levelsOf([...docs, cancel(j, 99_999)]);
        expect(after).toEqual(before.map((lvl, k) => lvl + (delta.get(PRODUCTS[k] ?? '') ?? 0)));
      }),
    );
  });

  it('a return on a cancelled order adds nothing (on a live order it adds its items)', () => {
    const arb = fc.tuple(worldArb, itemsArb(4), fc.nat());
    fc.assert(
      fc.property(arb, ([w, items, seed]) => {
        const docs = docsOf(w);
        const j = w.orders.length; // a fresh order, appended to the world
        const o = order(j, items);
        const ret = returned(j, 77_777, items);

        const live = levelsOf([...docs, o]);
        const liveWithReturn = levelsOf([...docs, o, ret]);
        expect(liveWithReturn).toEqual(
          live.map((lvl, k) => lvl + (items.find((i) => i.productId === PRODUCTS[k])?.qty ?? 0)),
        );

        const cancelledDocs = [...docs, o, cancel(j, 77_776)];
        const base = levelsOf(cancelledDocs);
        // the return may arrive before or after the cancellation and the order
        const withReturn = [...cancelledDocs];
        withReturn.splice(seed % (withReturn.length + 1), 0, ret);
        expect(levelsOf(withReturn)).toEqual(base);
        expect(base).toEqual(levelsOf(docs));
      }),
    );
  });

  it('a cancellation that arrives before its order still excludes the order', () => {
    fc.assert(
      fc.property(
        worldArb,
        itemsArb(4),
        fc.array(itemsArb(2), { maxLength: 2 }),
        (w, items, rets) => {
          const docs = docsOf(w);
          const j = w.orders.length;
          const returns = rets.map((r, k) => returned(j, 88_000 + k, r));

          // incrementally: cancellation first, the order (and its returns) much later
          const facts = emptyFacts();
          addFact(facts, cancel(j, 88_888));
          expect(stockLevels(facts).size).toBe(0);
          for (const d of docs) addFact(facts, d);
          for (const r of returns) addFact(facts, r);
          addFact(facts, order(j, items));

          expect(dense(stockLevels(facts))).toEqual(levelsOf(docs));
          expect(dense(stockLevels(facts))).toEqual(dense(referenceLevels(w)));
        },
      ),
    );
  });
});

describe('stockBadge', () => {
  it('marks the boundaries', () => {
    const cases: [number, number, StockBadge][] = [
      [-3, 5, 'out'],
      [0, 5, 'out'],
      [0, 0, 'out'],
      [1, 5, 'low'],
      [5, 5, 'low'],
      [6, 5, 'ok'],
      [1, 0, 'ok'],
    ];
    for (const [onHand, threshold, badge] of cases) {
      expect(stockBadge(onHand, threshold), `${onHand}/${threshold}`).toBe(badge);
    }
  });

  it('is out exactly at zero or below, low up to the threshold, ok above it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: 0, max: 1e9 }),
        (onHand, threshold) => {
          const badge = stockBadge(onHand, threshold);
          expect(badge === 'out').toBe(onHand <= 0);
          if (onHand > 0) expect(badge === 'low').toBe(onHand <= threshold);
          if (onHand > threshold && onHand > 0) expect(badge).toBe('ok');
        },
      ),
    );
  });

  it('never gets worse when stock rises', () => {
    const rank: Record<StockBadge, number> = { out: 0, low: 1, ok: 2 };
    fc.assert(
      fc.property(
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.nat({ max: 1e6 }),
        fc.nat({ max: 1e6 }),
        (onHand, more, threshold) => {
          expect(rank[stockBadge(onHand + more, threshold)]).toBeGreaterThanOrEqual(
            rank[stockBadge(onHand, threshold)],
          );
        },
      ),
    );
  });
});
