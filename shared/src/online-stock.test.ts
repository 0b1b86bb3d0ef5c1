import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDoc, emptyEngine, type AllocDecision, type EngineState } from './allocation.ts';
import { orderDoc, orderEventDoc, orderLine, stockMovementDoc } from './fixtures/index.ts';
import {
  heldOnline,
  onlineAvailable,
  onlineStockShown,
  type OnlineProduct,
} from './online-stock.ts';

const P = 'product:01J0000000000000000000000P';
const at = (k: number) => new Date(Date.parse('2026-12-05T08:00:00.000Z') + k * 1000).toISOString();

type Step =
  | { kind: 'restock'; qty: number }
  | { kind: 'counter'; qty: number }
  | { kind: 'online'; qty: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'collect'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('restock' as const), qty: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('counter' as const), qty: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('online' as const), qty: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('collect' as const), pick: fc.nat() }),
);

/**
 * The checkout rule the server applies: an online order is written only when every
 * line fits what onlineAvailable allows, one checkout at a time.
 */
function run(steps: Step[], allowance: number | null) {
  const s: EngineState = emptyEngine();
  const product: OnlineProduct = { _id: P, online: true, onlineAllowance: allowance, active: true };
  const open: string[] = [];
  const firstDecisions: AllocDecision[] = [];
  const heldSeen: number[] = [];
  steps.forEach((st, k) => {
    const line = (qty: number) => [orderLine({ productId: P, qty })];
    if (st.kind === 'restock') {
      applyDoc(s, stockMovementDoc({ productId: P, qty: st.qty, at: at(k) }));
    } else if (st.kind === 'counter') {
      applyDoc(s, orderDoc({ lines: line(st.qty), createdAt: at(k) }));
    } else if (st.kind === 'online') {
      if (st.qty > onlineAvailable(s, product, heldOnline(s))) return; // 409 out_of_stock
      const o = orderDoc({
        lines: line(st.qty),
        channel: 'pickup',
        source: 'online',
        createdAt: at(k),
      });
      const out = applyDoc(s, o);
      const first = out.decisions.find((d) => d.orderId === o._id);
      if (first) firstDecisions.push(first);
      open.push(o._id);
    } else if (open.length) {
      const [orderId] = open.splice(st.pick % open.length, 1);
      if (!orderId) return;
      const kind = st.kind === 'cancel' ? 'cancelled' : 'delivered';
      applyDoc(
        s,
        orderEventDoc(kind, {
          orderId,
          at: at(k),
          ...(kind === 'cancelled' ? { reason: '' } : {}),
        }),
      );
    }
    heldSeen.push(heldOnline(s).get(P) ?? 0);
  });
  return { s, firstDecisions, heldSeen, product };
}

describe('online allowance', () => {
  it('never lets open online orders hold more than the allowance, and never backorders one', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 60 }),
        fc.integer({ min: 0, max: 15 }),
        (steps, allowance) => {
          const { firstDecisions, heldSeen } = run(steps, allowance);
          for (const h of heldSeen) expect(h).toBeLessThanOrEqual(allowance);
          for (const d of firstDecisions) expect(d.status).toBe('confirmed');
        },
      ),
    );
  });

  it('without an allowance, online orders take any free stock and no more', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const { s, firstDecisions, product } = run(steps, null);
        for (const d of firstDecisions) expect(d.status).toBe('confirmed');
        expect(onlineAvailable(s, product, heldOnline(s))).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('frees the allowance when an online order is cancelled or collected', () => {
    const { s, product } = run(
      [
        { kind: 'restock', qty: 20 },
        { kind: 'online', qty: 4 },
        { kind: 'online', qty: 6 },
        { kind: 'online', qty: 1 }, // refused: 10 held of 10
      ],
      10,
    );
    expect(heldOnline(s).get(P)).toBe(10);
    expect(onlineAvailable(s, product, heldOnline(s))).toBe(0);
    const [first] = Object.keys(s.online ?? {});
    applyDoc(s, orderEventDoc('cancelled', { orderId: first, reason: '' }));
    expect(onlineAvailable(s, product, heldOnline(s))).toBe(4);
  });

  it('offers nothing of a product not sold online or archived', () => {
    const s = emptyEngine();
    applyDoc(s, stockMovementDoc({ productId: P, qty: 5 }));
    const held = heldOnline(s);
    expect(
      onlineAvailable(s, { _id: P, online: false, onlineAllowance: null, active: true }, held),
    ).toBe(0);
    expect(
      onlineAvailable(s, { _id: P, online: true, onlineAllowance: null, active: false }, held),
    ).toBe(0);
    expect(
      onlineAvailable(s, { _id: P, online: true, onlineAllowance: null, active: true }, held),
    ).toBe(5);
  });
});

describe('what the shop page shows of stock', () => {
  it('counts only when low, and hides what cannot be ordered', () => {
    expect(onlineStockShown(0, 5)).toBeNull();
    expect(onlineStockShown(3, 5)).toEqual({ stock: 'low', available: 3 });
    expect(onlineStockShown(5, 5)).toEqual({ stock: 'low', available: 5 });
    expect(onlineStockShown(6, 5)).toEqual({ stock: 'in_stock' });
  });
});
