import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  ALERT_TAKERS,
  allocationId,
  applyDoc,
  available,
  emptyEngine,
  type AllocDecision,
  type EngineDoc,
  type EngineOutput,
  type EngineState,
} from './allocation.ts';
import {
  orderDoc,
  orderLine,
  productDoc as buildProduct,
  stockMovementDoc,
} from './fixtures/index.ts';
import { factsFrom, soldLines, stockLevels, type StockDoc } from './stock.ts';
import { alertSchema } from './schemas/alert.ts';
import { allocationSchema } from './schemas/allocation.ts';
import type { Order } from './schemas/order.ts';

import {
  clone,
  at,
  PRODUCTS,
  pid,
  orderId,
  movement,
  order,
  cancel,
  returned,
  amended,
  handedOver,
  productDoc,
  isStockDoc,
  schemaOf,
  allocationDocOf,
  alertDocOf,
  permutation,
  uniqueScenarioArb,
  scenarioArb,
  fifoScenarioArb,
} from './fixtures/engine-world.ts';

// ---------------------------------------------------------------------------
// Running the engine and observing it.
// ---------------------------------------------------------------------------

type Levels = Record<string, number>;

interface Step {
  doc: EngineDoc;
  out: EngineOutput;
  /** first time this append-only document id (or any mutable doc) was fed */
  first: boolean;
  /** a cancellation of this order had already been fed when it arrived */
  cancelledBefore: boolean;
  ledgerBefore: Levels;
  ledgerAfter: Levels;
  availBefore: Levels;
  availAfter: Levels;
}

const ledgerOf = (s: EngineState): Levels =>
  Object.fromEntries(PRODUCTS.map((p) => [p, s.ledger[p] ?? 0]));
const availOf = (s: EngineState): Levels =>
  Object.fromEntries(PRODUCTS.map((p) => [p, available(s, p)]));
const at0 = (r: Levels, p: string) => r[p] ?? 0;

function trace(docs: readonly EngineDoc[], engine: EngineState = emptyEngine()) {
  const steps: Step[] = [];
  const fed = new Set<string>();
  const cancelled = new Set<string>();
  for (const doc of docs) {
    const ledgerBefore = ledgerOf(engine);
    const availBefore = availOf(engine);
    const out = applyDoc(engine, doc);
    const first = !isStockDoc(doc) || !fed.has(doc._id);
    fed.add(doc._id);
    steps.push({
      doc,
      out,
      first,
      cancelledBefore: doc.type === 'order' && cancelled.has(doc._id),
      ledgerBefore,
      ledgerAfter: ledgerOf(engine),
      availBefore,
      availAfter: availOf(engine),
    });
    if (doc.type === 'orderevent' && doc.kind === 'cancelled') cancelled.add(doc.orderId);
  }
  return { engine, steps };
}

const allDecisions = (steps: readonly Step[]) => steps.flatMap((s) => s.out.decisions);
const allAlerts = (steps: readonly Step[]) => steps.flatMap((s) => s.out.alerts);

/** Live view of decisions: latest per order, and orders in arrival order. */
class Decisions {
  latest = new Map<string, AllocDecision>();
  arrival: string[] = [];
  add(ds: readonly AllocDecision[]) {
    for (const d of ds) {
      if (!this.latest.has(d.orderId)) this.arrival.push(d.orderId);
      this.latest.set(d.orderId, d);
    }
  }
  /** What open (not released) orders are still owed of a product. */
  owed(p: string): number {
    let t = 0;
    for (const d of this.latest.values()) {
      if (d.status === 'released') continue;
      for (const l of d.lines) if (l.productId === p) t += l.backordered;
    }
    return t;
  }
  line(orderId: string, p: string) {
    return this.latest.get(orderId)?.lines.find((l) => l.productId === p);
  }
}

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

// ---------------------------------------------------------------------------

describe('allocation fixtures', () => {
  it('builds schema-valid documents, and the engine outputs fit the allocation/alert schemas', () => {
    fc.assert(
      fc.property(scenarioArb, ({ arrival }) => {
        for (const d of arrival) {
          const r = schemaOf(d).safeParse(d);
          expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
        }
        const { steps } = trace(arrival);
        allDecisions(steps).forEach((d, seq) => {
          const r = allocationSchema.safeParse(allocationDocOf(d, seq));
          expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
        });
        for (const a of allAlerts(steps)) {
          const r = alertSchema.safeParse(alertDocOf(a));
          expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('allocationId', () => {
  it('is allocation:<order> for the first decision and appends :n after', () => {
    expect(allocationId('order:01J0000000000000000000000A', 0)).toBe(
      'allocation:order:01J0000000000000000000000A',
    );
    expect(allocationId('order:01J0000000000000000000000A', 2)).toBe(
      'allocation:order:01J0000000000000000000000A:2',
    );
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
        fc.integer({ min: 0, max: 1e6 }),
        (u, n) => {
          const o = `order:${u}`;
          const id = allocationId(o, n);
          expect(id).toBe(n === 0 ? `allocation:${o}` : `allocation:${o}:${n}`);
          expect(allocationSchema.shape._id.safeParse(id).success).toBe(true);
          // ids of different decisions never collide
          expect(allocationId(o, n + 1)).not.toBe(id);
        },
      ),
    );
  });
});

describe('allocation engine: worked examples', () => {
  const [a = '', b = ''] = PRODUCTS;

  it('allocates delivery orders first come first served and fills the backorder on restock', () => {
    const s = emptyEngine();
    applyDoc(s, movement(0, a, 5));
    const first = applyDoc(s, order(0, [{ productId: a, qty: 3 }], { channel: 'delivery' }));
    expect(first.decisions).toEqual([
      {
        orderId: orderId(0),
        n: 0,
        status: 'confirmed',
        lines: [{ productId: a, qty: 3, allocated: 3, backordered: 0, oversold: 0 }],
        at: at(100),
      },
    ]);
    const second = applyDoc(s, order(1, [{ productId: a, qty: 4 }], { channel: 'pickup' }));
    expect(second.decisions[0]).toMatchObject({
      n: 0,
      status: 'backordered',
      lines: [{ productId: a, qty: 4, allocated: 2, backordered: 2, oversold: 0 }],
    });
    expect(s.ledger[a]).toBe(-2);
    expect(available(s, a)).toBe(0);

    const restock = applyDoc(s, movement(1, a, 1));
    expect(restock.decisions).toEqual([
      {
        orderId: orderId(1),
        n: 1,
        status: 'backordered',
        lines: [{ productId: a, qty: 4, allocated: 3, backordered: 1, oversold: 0 }],
        at: at(1),
      },
    ]);
    const more = applyDoc(s, movement(2, a, 10));
    expect(more.decisions[0]).toMatchObject({ n: 2, status: 'confirmed' });
    expect(available(s, a)).toBe(9);
    expect(s.ledger[a]).toBe(9);
  });

  it('accepts a counter sale beyond stock as oversold and names everyone who took the product', () => {
    const s = emptyEngine();
    applyDoc(s, movement(0, a, 3));
    applyDoc(s, movement(1, b, 9));
    applyDoc(s, order(0, [{ productId: a, qty: 2 }], { seller: 0, device: 0 }));
    applyDoc(s, order(1, [{ productId: b, qty: 1 }], { seller: 2, device: 2 }));
    const out = applyDoc(
      s,
      order(
        2,
        [
          { productId: a, qty: 4 },
          { productId: b, qty: 1 },
        ],
        { seller: 1, device: 1 },
      ),
    );
    expect(out.decisions[0]).toMatchObject({
      status: 'oversold',
      lines: [
        { productId: a, qty: 4, allocated: 4, backordered: 0, oversold: 3 },
        { productId: b, qty: 1, allocated: 1, backordered: 0, oversold: 0 },
      ],
    });
    const oversell = out.alerts.find((x) => x.kind === 'oversell');
    expect(oversell).toMatchObject({
      id: `alert:oversell:${orderId(2)}`,
      productIds: [a],
      orderIds: [orderId(0), orderId(2)],
      sellerIds: ['user_1', 'user_2'],
      deviceIds: ['dev-K3AB', 'dev-K4CD'],
    });
    expect(oversell?.message).toContain('K3-0002');
    expect(s.ledger[a]).toBe(-3);
  });

  it('names only the last takers when a product is sold again and again without stock', () => {
    const s = emptyEngine();
    let last: EngineOutput | undefined;
    for (let i = 0; i < ALERT_TAKERS * 3; i++) {
      last = applyDoc(s, order(i, [{ productId: a, qty: 1 }], { seller: i % 3, device: i % 4 }));
    }
    const oversell = last?.alerts.find((x) => x.kind === 'oversell');
    const expected = Array.from({ length: ALERT_TAKERS }, (_, k) => orderId(ALERT_TAKERS * 2 + k));
    expect(oversell?.orderIds).toEqual(expected);
    expect(oversell?.sellerIds).toHaveLength(3);
    expect(s.takers[a]).toHaveLength(ALERT_TAKERS);
  });

  it('handles a cancellation that arrives before its order, and a return before its order', () => {
    const s = emptyEngine();
    applyDoc(s, movement(0, a, 10));
    applyDoc(s, returned(0, 0, [{ productId: a, qty: 1 }]));
    expect(s.ledger[a]).toBe(11); // counted: nothing says the order is cancelled yet
    applyDoc(s, cancel(0, 1));
    expect(s.ledger[a]).toBe(10); // the order is cancelled: its return no longer counts
    const out = applyDoc(s, order(0, [{ productId: a, qty: 5 }], { channel: 'delivery' }));
    expect(out.decisions).toEqual([
      {
        orderId: orderId(0),
        n: 0,
        status: 'released',
        lines: [{ productId: a, qty: 5, allocated: 0, backordered: 0, oversold: 0 }],
        at: at(100),
      },
    ]);
    expect(s.ledger[a]).toBe(10);
  });

  it('gives a cancelled order back net of returns, including returned products it never had', () => {
    const s = emptyEngine();
    const docs: EngineDoc[] = [
      movement(0, a, 10),
      movement(1, b, 10),
      order(0, [{ productId: a, qty: 4 }]),
      // a mistaken return: product b was not on the order
      returned(0, 0, [
        { productId: a, qty: 1 },
        { productId: b, qty: 2 },
      ]),
      cancel(0, 1),
    ];
    for (const d of docs) applyDoc(s, d);
    const levels = stockLevels(factsFrom(docs.filter(isStockDoc)));
    expect(levels.get(a)).toBe(10);
    expect(levels.get(b)).toBe(10);
    expect(s.ledger[a]).toBe(10);
    expect(s.ledger[b]).toBe(10);
  });

  it('opens one low-stock alert when crossing the threshold and clears it on restock', () => {
    const s = emptyEngine();
    applyDoc(s, productDoc(0, 1, 2));
    const r = applyDoc(s, movement(0, a, 5));
    expect(r.alerts).toEqual([]);
    const o1 = applyDoc(s, order(0, [{ productId: a, qty: 3 }]));
    expect(o1.alerts.map((x) => [x.id, x.cleared])).toEqual([[`alert:low:${a}:1`, false]]);
    const o2 = applyDoc(s, order(1, [{ productId: a, qty: 1 }]));
    expect(o2.alerts).toEqual([]); // still low: no second alert
    const up = applyDoc(s, movement(1, a, 10));
    expect(up.alerts.map((x) => [x.id, x.cleared])).toEqual([[`alert:low:${a}:1`, true]]);
    const down = applyDoc(s, movement(2, a, -9));
    expect(down.alerts.map((x) => [x.id, x.cleared])).toEqual([[`alert:low:${a}:2`, false]]);
  });
});

describe('allocation engine: amendments and hand-overs', () => {
  /** Per order: product → qty, from the latest decision (lines with qty > 0). */
  const decidedQty = (steps: readonly Step[]) => {
    const view = new Decisions();
    for (const s of steps) view.add(s.out.decisions);
    return new Map(
      [...view.latest].map(([id, d]) => [
        id,
        Object.fromEntries(d.lines.filter((l) => l.qty > 0).map((l) => [l.productId, l.qty])),
      ]),
    );
  };

  it('follows the lines that hold by the shared amendment rule, in any arrival order', () => {
    fc.assert(
      fc.property(scenarioArb, ({ docs, arrival }) => {
        const { steps } = trace(arrival);
        const facts = factsFrom(docs.filter(isStockDoc));
        const decided = decidedQty(steps);
        for (const d of docs) {
          if (d.type !== 'order' || facts.cancelled.has(d._id)) continue;
          const want: Record<string, number> = {};
          for (const l of soldLines(facts, d._id)) {
            want[l.productId] = (want[l.productId] ?? 0) + l.qty;
          }
          expect(decided.get(d._id)).toEqual(want);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('delivery/pickup: every decision covers its lines (allocated + backordered = qty), never oversold', () => {
    fc.assert(
      fc.property(scenarioArb, ({ arrival }) => {
        for (const d of allDecisions(trace(arrival).steps)) {
          if (d.status === 'released') continue;
          const o = arrival.find((x) => x._id === d.orderId);
          if (o?.type !== 'order' || o.channel === 'counter') continue;
          for (const l of d.lines) {
            expect(l.allocated + l.backordered).toBe(l.qty);
            expect(l.oversold).toBe(0);
            expect(l.allocated).toBeGreaterThanOrEqual(0);
            expect(l.backordered).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('an amendment after the hand-over changes nothing; a counter sale is never amended', () => {
    const a = pid(0);
    const b = pid(1);
    for (const channel of ['delivery', 'counter'] as const) {
      const s = emptyEngine();
      applyDoc(s, movement(0, a, 5));
      applyDoc(s, movement(1, b, 5));
      applyDoc(s, order(0, [{ productId: a, qty: 2 }], { channel }));
      applyDoc(s, handedOver(0, 1, 'dispatched'));
      const out = applyDoc(s, amended(0, 2, [{ productId: b, qty: 3 }]));
      expect(out.decisions).toEqual([]);
      expect([s.ledger[a], s.ledger[b]]).toEqual([3, 5]);
    }
  });

  it('more demand is backordered, less gives stock back to whoever waits', () => {
    const a = pid(0);
    const s = emptyEngine();
    applyDoc(s, movement(0, a, 3));
    applyDoc(s, order(0, [{ productId: a, qty: 2 }], { channel: 'pickup' }));
    const more = applyDoc(s, amended(0, 1, [{ productId: a, qty: 5 }]));
    expect(more.decisions.at(-1)?.status).toBe('backordered');
    expect(more.decisions.at(-1)?.lines[0]).toMatchObject({ qty: 5, allocated: 3, backordered: 2 });
    // a second order waits behind it; cutting the first back fills the second
    applyDoc(s, order(1, [{ productId: a, qty: 1 }], { channel: 'delivery' }));
    const less = applyDoc(s, amended(0, 2, [{ productId: a, qty: 1 }]));
    const byOrder = new Map(less.decisions.map((d) => [d.orderId, d]));
    expect(byOrder.get(orderId(0))?.lines[0]).toMatchObject({
      qty: 1,
      allocated: 1,
      backordered: 0,
    });
    expect(byOrder.get(orderId(1))?.status).toBe('confirmed');
    expect(s.ledger[a]).toBe(1);
  });
});

describe('allocation engine: properties', () => {
  it('keeps the ledger equal to the shared stock ledger after every document', () => {
    fc.assert(
      fc.property(scenarioArb, ({ arrival }) => {
        const engine = emptyEngine();
        const seen: StockDoc[] = [];
        for (const d of arrival) {
          applyDoc(engine, d);
          if (isStockDoc(d)) seen.push(d);
          const levels = stockLevels(factsFrom(seen));
          const keys = sorted([...PRODUCTS, ...levels.keys(), ...Object.keys(engine.ledger)]);
          expect(keys.map((p) => engine.ledger[p] ?? 0)).toEqual(
            keys.map((p) => levels.get(p) ?? 0),
          );
        }
      }),
      { numRuns: 200 },
    );
  });

  it('available = ledger + what open orders are still owed (as the decisions say)', () => {
    fc.assert(
      fc.property(scenarioArb, ({ arrival }) => {
        const { steps } = trace(arrival);
        const view = new Decisions();
        for (const s of steps) {
          view.add(s.out.decisions);
          for (const p of PRODUCTS) {
            expect(at0(s.availAfter, p)).toBe(at0(s.ledgerAfter, p) + view.owed(p));
          }
        }
      }),
    );
  });

  it('is deterministic: the same stream into two fresh engines gives the same decisions and alerts', () => {
    fc.assert(
      fc.property(scenarioArb, ({ arrival }) => {
        const frozen = clone(arrival);
        const one = trace(arrival);
        const two = trace(clone(arrival));
        expect(two.steps.map((s) => s.out)).toEqual(one.steps.map((s) => s.out));
        expect(two.engine).toEqual(one.engine);
        // the engine never changes the documents it is fed
        expect(arrival).toEqual(frozen);
      }),
    );
  });

  it('resumes from a JSON snapshot of its state exactly as if it had not stopped', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), ({ arrival }, cut) => {
        const k = cut % (arrival.length + 1);
        const straight = trace(arrival);
        const head = trace(arrival.slice(0, k));
        const resumed = trace(arrival.slice(k), clone(head.engine));
        expect([...head.steps, ...resumed.steps].map((s) => s.out)).toEqual(
          straight.steps.map((s) => s.out),
        );
        expect(resumed.engine).toEqual(straight.engine);
      }),
    );
  });

  /** A scenario, and its append-only documents again in another order. */
  const withReplayArb = scenarioArb.chain((sc) =>
    permutation(sc.arrival.filter(isStockDoc)).map((replay) => ({ ...sc, replay })),
  );

  it('is idempotent: feeding a document again yields nothing and leaves the state unchanged', () => {
    fc.assert(
      fc.property(withReplayArb, ({ arrival, replay }) => {
        // (a) right after it was applied: every kind of document
        const engine = emptyEngine();
        for (const d of arrival) {
          applyDoc(engine, d);
          const before = clone(engine);
          expect(applyDoc(engine, clone(d))).toEqual({ decisions: [], alerts: [] });
          expect(engine).toEqual(before);
        }
        // (b) any time later: append-only documents, replayed in any order
        const before = clone(engine);
        for (const d of replay) {
          expect(applyDoc(engine, clone(d))).toEqual({ decisions: [], alerts: [] });
        }
        expect(engine).toEqual(before);
      }),
    );
  });

  it('duplicates anywhere in the stream change nothing compared with each document once', () => {
    fc.assert(
      fc.property(scenarioArb, ({ arrival }) => {
        const once: EngineDoc[] = [];
        const ids = new Set<string>();
        for (const d of arrival) {
          if (isStockDoc(d) && ids.has(d._id)) continue;
          ids.add(d._id);
          once.push(d);
        }
        const withDups = trace(arrival);
        const deduped = trace(once);
        expect(
          withDups.steps
            .filter((s) => !s.first)
            .every((s) => s.out.decisions.length === 0 && s.out.alerts.length === 0),
        ).toBe(true);
        expect(allDecisions(withDups.steps)).toEqual(allDecisions(deduped.steps));
        expect(allAlerts(withDups.steps)).toEqual(allAlerts(deduped.steps));
        expect(withDups.engine).toEqual(deduped.engine);
      }),
    );
  });

  it('counter sales are always allocated in full; what `available` did not cover is oversold', () => {
    fc.assert(
      fc.property(scenarioArb, ({ arrival }) => {
        const { steps } = trace(arrival);
        for (const s of steps) {
          const o = s.doc;
          if (o.type !== 'order' || !s.first || s.cancelledBefore || o.channel !== 'counter') {
            continue;
          }
          const [d, ...more] = s.out.decisions;
          expect(more).toEqual([]);
          expect(d?.orderId).toBe(o._id);
          expect(d?.n).toBe(0);
          const expected = o.lines.map((l) => ({
            productId: l.productId,
            qty: l.qty,
            allocated: l.qty,
            backordered: 0,
            oversold: l.qty - Math.min(l.qty, Math.max(0, at0(s.availBefore, l.productId))),
          }));
          expect(d?.lines).toEqual(expected);
          const over = expected.filter((l) => l.oversold > 0).map((l) => l.productId);
          expect(d?.status).toBe(over.length ? 'oversold' : 'confirmed');
          const alerts = s.out.alerts.filter((a) => a.kind === 'oversell');
          if (over.length === 0) {
            expect(alerts).toEqual([]);
          } else {
            expect(alerts).toHaveLength(1);
            expect(alerts[0]?.id).toBe(`alert:oversell:${o._id}`);
            expect(alerts[0]?.cleared).toBe(false);
            expect(alerts[0]?.productIds).toEqual(over);
            expect(alerts[0]?.orderIds).toContain(o._id);
          }
          for (const l of o.lines) {
            expect(at0(s.ledgerAfter, l.productId)).toBe(at0(s.ledgerBefore, l.productId) - l.qty);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('delivery/pickup: allocated + backordered = qty, never oversold, allocation never reversed', () => {
    fc.assert(
      fc.property(fifoScenarioArb, ({ arrival }) => {
        const { steps } = trace(arrival);
        const channel = new Map<string, Order['channel']>();
        const prev = new Map<string, AllocDecision>();
        for (const s of steps) {
          const o = s.doc;
          if (o.type === 'order') channel.set(o._id, o.channel);
          if (o.type === 'order' && s.first && !s.cancelledBefore && o.channel !== 'counter') {
            const d = s.out.decisions[0];
            expect(d?.orderId).toBe(o._id);
            expect(d?.lines).toEqual(
              o.lines.map((l) => {
                const got = Math.min(l.qty, Math.max(0, at0(s.availBefore, l.productId)));
                return {
                  productId: l.productId,
                  qty: l.qty,
                  allocated: got,
                  backordered: l.qty - got,
                  oversold: 0,
                };
              }),
            );
            expect(s.out.alerts.filter((a) => a.kind === 'oversell')).toEqual([]);
          }
          for (const d of s.out.decisions) {
            if (channel.get(d.orderId) === 'counter') {
              // a counter sale only ever gets its first decision, or a release
              if (d.n > 0) expect(d.status).toBe('released');
              continue;
            }
            const before = prev.get(d.orderId);
            prev.set(d.orderId, d);
            if (d.status === 'released') continue;
            expect(before?.status ?? 'none').not.toBe('released');
            d.lines.forEach((l, i) => {
              expect(l.allocated + l.backordered).toBe(l.qty);
              expect(l.oversold).toBe(0);
              expect(l.allocated).toBeGreaterThanOrEqual(0);
              expect(l.backordered).toBeGreaterThanOrEqual(0);
              const was = before?.lines[i];
              if (was) {
                expect(l.productId).toBe(was.productId);
                expect(l.allocated).toBeGreaterThanOrEqual(was.allocated);
              }
            });
            expect(d.status).toBe(
              d.lines.some((l) => l.backordered > 0) ? 'backordered' : 'confirmed',
            );
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('first come first served: no later order holds stock while an earlier one waits; no idle stock while one waits', () => {
    fc.assert(
      fc.property(fifoScenarioArb, ({ arrival }) => {
        const { steps, engine } = trace(arrival);
        const view = new Decisions();
        const delivery = new Set<string>();
        for (const s of steps) {
          if (s.doc.type === 'order' && s.doc.channel !== 'counter') delivery.add(s.doc._id);
          view.add(s.out.decisions);
          for (const p of PRODUCTS) {
            const open = view.arrival.filter(
              (id) => delivery.has(id) && view.latest.get(id)?.status !== 'released',
            );
            let waiting: string | null = null;
            for (const id of open) {
              const l = view.line(id, p);
              if (!l) continue;
              if (waiting !== null) {
                expect(l.allocated, `${id} got ${p} while ${waiting} waits`).toBe(0);
              }
              if (l.backordered > 0) waiting ??= id;
            }
            if (waiting !== null) expect(at0(s.availAfter, p)).toBeLessThanOrEqual(0);
          }
        }
        // the engine's queue is exactly the waiting orders, oldest first
        for (const p of PRODUCTS) {
          const expected = view.arrival
            .filter((id) => view.latest.get(id)?.status !== 'released')
            .flatMap((id) => {
              const l = view.line(id, p);
              return l && l.backordered > 0 ? [{ orderId: id, remaining: l.backordered }] : [];
            });
          expect(engine.owed[p] ?? []).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('an earlier backordered order is never passed by a later one absent restocks in between', () => {
    fc.assert(
      fc.property(fifoScenarioArb, ({ arrival }) => {
        const { steps } = trace(arrival);
        // per product: the earliest order backordered at arrival since stock last came in
        const waiting = new Map<string, string>();
        for (const s of steps) {
          for (const p of PRODUCTS) {
            if (at0(s.availAfter, p) > at0(s.availBefore, p) && s.doc.type !== 'order') {
              waiting.delete(p);
            }
          }
          const o = s.doc;
          if (o.type !== 'order' || !s.first || s.cancelledBefore || o.channel === 'counter') {
            continue;
          }
          const d = s.out.decisions[0];
          for (const l of d?.lines ?? []) {
            const earlier = waiting.get(l.productId);
            if (earlier !== undefined) {
              expect(l.allocated, `${o._id} passed ${earlier}`).toBe(0);
            }
            if (l.backordered > 0 && earlier === undefined) waiting.set(l.productId, o._id);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('fills backorders oldest first when stock arrives', () => {
    fc.assert(
      fc.property(fifoScenarioArb, ({ arrival }) => {
        const { steps } = trace(arrival);
        const view = new Decisions();
        for (const s of steps) {
          const owedBefore = new Map(
            PRODUCTS.map((p) => [
              p,
              view.arrival.flatMap((id) => {
                const l = view.line(id, p);
                return view.latest.get(id)?.status !== 'released' && l && l.backordered > 0
                  ? [{ id, backordered: l.backordered }]
                  : [];
              }),
            ]),
          );
          const released = new Set(
            s.out.decisions.filter((d) => d.status === 'released').map((d) => d.orderId),
          );
          view.add(s.out.decisions);
          for (const p of PRODUCTS) {
            const queue = (owedBefore.get(p) ?? []).filter((q) => !released.has(q.id));
            const gains = queue.map((q) => q.backordered - (view.line(q.id, p)?.backordered ?? 0));
            const total = gains.reduce((t, g) => t + g, 0);
            if (total === 0) continue;
            // only stock coming in fills, and never beyond what came in
            expect(at0(s.ledgerAfter, p)).toBeGreaterThan(at0(s.ledgerBefore, p));
            expect(total).toBeLessThanOrEqual(at0(s.ledgerAfter, p) - at0(s.ledgerBefore, p));
            // a prefix of the queue: nobody gains while someone older still waits
            gains.forEach((g, i) => {
              expect(g).toBeGreaterThanOrEqual(0);
              if (g > 0) {
                for (const older of queue.slice(0, i)) {
                  expect(view.line(older.id, p)?.backordered).toBe(0);
                }
              }
            });
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a cancelled order ends with a released decision and its backorder disappears', () => {
    fc.assert(
      fc.property(scenarioArb, ({ arrival }) => {
        const { steps, engine } = trace(arrival);
        const cancelled = new Set(
          arrival.flatMap((d) =>
            d.type === 'orderevent' && d.kind === 'cancelled' ? [d.orderId] : [],
          ),
        );
        const arrived = new Set(arrival.flatMap((d) => (d.type === 'order' ? [d._id] : [])));
        const byOrder = new Map<string, AllocDecision[]>();
        for (const d of allDecisions(steps)) {
          byOrder.set(d.orderId, [...(byOrder.get(d.orderId) ?? []), d]);
        }
        for (const id of arrived) {
          const ds = byOrder.get(id) ?? [];
          const releases = ds.filter((d) => d.status === 'released');
          if (!cancelled.has(id)) {
            expect(releases).toEqual([]);
            continue;
          }
          expect(releases).toHaveLength(1);
          const last = ds[ds.length - 1];
          expect(last?.status).toBe('released');
          for (const l of last?.lines ?? []) {
            expect(l.allocated).toBe(0);
            expect(l.backordered).toBe(0);
          }
          for (const p of PRODUCTS) {
            expect((engine.owed[p] ?? []).map((q) => q.orderId)).not.toContain(id);
          }
        }
        // a cancellation that came first: the order's one decision is the release
        for (const s of steps) {
          if (s.doc.type === 'order' && s.first && s.cancelledBefore) {
            expect(s.out.decisions.map((d) => [d.n, d.status])).toEqual([[0, 'released']]);
            expect(s.out.alerts).toEqual([]);
            expect(s.ledgerAfter).toEqual(s.ledgerBefore);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('numbers the decisions about an order 0, 1, 2 … with no gaps, starting at its arrival', () => {
    fc.assert(
      fc.property(scenarioArb, ({ arrival }) => {
        const { steps } = trace(arrival);
        const next = new Map<string, number>();
        const ids = new Set<string>();
        const cancelled = new Set<string>();
        for (const s of steps) {
          const d0 = s.doc;
          if (d0.type === 'orderevent' && d0.kind === 'cancelled') cancelled.add(d0.orderId);
          for (const d of s.out.decisions) {
            const n = next.get(d.orderId) ?? 0;
            expect(d.n).toBe(n);
            if (n === 0) expect(d0._id).toBe(d.orderId); // the first decision is made on arrival
            next.set(d.orderId, n + 1);
            const id = allocationId(d.orderId, d.n);
            expect(ids.has(id)).toBe(false);
            ids.add(id);
            expect(d.status === 'released').toBe(cancelled.has(d.orderId));
            expect(d.at).toBe('at' in d0 ? d0.at : d0.type === 'order' ? d0.createdAt : '');
          }
          if (d0.type === 'order' && s.first) expect(next.get(d0._id)).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('an oversell alert names the orders, sellers and devices that last took the product since it was last topped up', () => {
    fc.assert(
      fc.property(fifoScenarioArb, ({ arrival }) => {
        const { steps } = trace(arrival);
        const takers = new Map<string, { orderId: string; by: string; deviceId: string }[]>();
        const ids = new Set<string>();
        for (const s of steps) {
          const o = s.doc;
          if (o.type === 'order') {
            if (s.first && !s.cancelledBefore) {
              for (const l of o.lines) {
                takers.set(
                  l.productId,
                  [
                    ...(takers.get(l.productId) ?? []),
                    { orderId: o._id, by: o.by, deviceId: o.deviceId },
                  ].slice(-ALERT_TAKERS),
                );
              }
            }
          } else {
            // stock came in (restock, return, cancellation) and the product is not short
            for (const p of PRODUCTS) {
              if (at0(s.ledgerAfter, p) > at0(s.ledgerBefore, p) && at0(s.availAfter, p) >= 0) {
                takers.set(p, []);
              }
            }
          }
          for (const a of s.out.alerts) {
            if (a.kind !== 'oversell') continue;
            expect(o.type).toBe('order');
            expect(ids.has(a.id)).toBe(false);
            ids.add(a.id);
            const took = a.productIds.flatMap((p) => takers.get(p) ?? []);
            expect(sorted(a.orderIds)).toEqual(sorted(took.map((t) => t.orderId)));
            expect(sorted(a.sellerIds)).toEqual(sorted(took.map((t) => t.by)));
            expect(sorted(a.deviceIds)).toEqual(sorted(took.map((t) => t.deviceId)));
            expect(a.orderIds).toHaveLength(new Set(a.orderIds).size);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps at most one open low-stock alert per product, open exactly while stock is at or below the threshold', () => {
    fc.assert(
      fc.property(fifoScenarioArb, ({ arrival }) => {
        const { steps } = trace(arrival);
        const thresholds = new Map<string, number | null>();
        let lowDefault = 5;
        const open = new Map<string, boolean>();
        const count = new Map<string, number>();
        for (const s of steps) {
          const d = s.doc;
          if (d.type === 'product') thresholds.set(d._id, d.lowStockThreshold);
          if (d.type === 'settings') lowDefault = d.lowStockDefault;
          for (const a of s.out.alerts) {
            if (a.kind !== 'low_stock') continue;
            expect(a.productIds).toHaveLength(1);
            const p = a.productIds[0] ?? '';
            const k = count.get(p) ?? 0;
            if (!a.cleared) {
              expect(open.get(p) ?? false, `second open alert for ${p}`).toBe(false);
              expect(a.id).toBe(`alert:low:${p}:${k + 1}`);
              count.set(p, k + 1);
              open.set(p, true);
            } else {
              expect(open.get(p)).toBe(true);
              expect(a.id).toBe(`alert:low:${p}:${k}`);
              open.set(p, false);
            }
          }
          // products this document touched were re-checked against the threshold
          const touched = new Set(
            PRODUCTS.filter(
              (p) =>
                at0(s.ledgerAfter, p) !== at0(s.ledgerBefore, p) ||
                at0(s.availAfter, p) !== at0(s.availBefore, p),
            ),
          );
          if (s.first && d.type === 'stock') touched.add(d.productId);
          if (s.first && d.type === 'order' && !s.cancelledBefore) {
            for (const l of d.lines) touched.add(l.productId);
          }
          for (const p of touched) {
            const t = thresholds.get(p) ?? lowDefault;
            expect(open.get(p) ?? false, `${p} at ${at0(s.availAfter, p)}, threshold ${t}`).toBe(
              at0(s.availAfter, p) <= t,
            );
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives alerts deterministic ids: one per oversold order, one per low-stock episode', () => {
    fc.assert(
      fc.property(uniqueScenarioArb, ({ arrival }) => {
        const { steps } = trace(arrival);
        const alerts = allAlerts(steps);
        const created = alerts.filter((a) => !a.cleared).map((a) => a.id);
        expect(created).toHaveLength(new Set(created).size);
        for (const s of steps) {
          for (const a of s.out.alerts) {
            // an oversell alert is raised by the order that oversold, and named after it
            if (a.kind === 'oversell') expect(a.id).toBe(`alert:oversell:${s.doc._id}`);
          }
        }
        for (const a of alerts) {
          if (a.kind === 'low_stock') {
            expect(a.id).toMatch(new RegExp(`^alert:low:${a.productIds[0]}:[1-9]\\d*$`));
          }
          // a clearing always closes an alert that was opened
          if (a.cleared) expect(created).toContain(a.id);
        }
        // and the same ids again on a re-run
        expect(allAlerts(trace(clone(arrival)).steps).map((a) => a.id)).toEqual(
          alerts.map((a) => a.id),
        );
      }),
    );
  });
});

describe('alert wording', () => {
  it('words a weighed product’s low stock in its own unit, never in grams', () => {
    const s = emptyEngine();
    const apples = buildProduct({ name: 'Apples', unit: 'kg', lowStockThreshold: 2000 });
    applyDoc(s, apples);
    applyDoc(s, stockMovementDoc({ productId: apples._id, qty: 3500, reason: 'restock' }));
    const sale = orderDoc({
      lines: [
        orderLine({ productId: apples._id, name: 'Apples', unit: 'kg', unitPrice: 300, qty: 2000 }),
      ],
    });
    const [low] = applyDoc(s, sale).alerts.filter((a) => a.kind === 'low_stock');
    expect(low?.message).toMatch(/^Apples is low: 1\.5 kg left \(alert at 2 kg\)\.$/);
    const out = applyDoc(
      s,
      stockMovementDoc({ productId: apples._id, qty: 10_000, reason: 'restock' }),
    );
    expect(out.alerts[0]?.message).toBe('Apples was restocked: 11.5 kg available.');
  });
});
