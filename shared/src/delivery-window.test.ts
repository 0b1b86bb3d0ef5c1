import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ORDER_STATUSES } from './order-state.ts';
import { isDeliveryOverdue, validWindow, windowClosesAt } from './delivery-window.ts';

const msArb = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 11, 31) });
const iso = (ms: number) => new Date(ms).toISOString();
const planArb = fc
  .tuple(msArb, fc.option(fc.integer({ min: 1, max: 86_400_000 }), { nil: null }))
  .map(([start, length]) => ({
    scheduledFor: iso(start),
    windowEnd: length === null ? null : iso(start + length),
  }));
const statusArb = fc.constantFrom(...ORDER_STATUSES);

describe('delivery windows', () => {
  it('accepts a window only when it ends after it starts', () => {
    expect(validWindow('2026-12-02T09:00:00.000Z', '2026-12-02T11:00:00.000Z')).toBe(true);
    expect(validWindow('2026-12-02T09:00:00.000Z', '2026-12-02T09:00:00.000Z')).toBe(false);
    expect(validWindow('2026-12-02T09:00:00.000Z', null)).toBe(true);
    expect(validWindow('not a time', null)).toBe(false);
    fc.assert(
      fc.property(msArb, msArb, (a, b) => {
        expect(validWindow(iso(a), iso(b))).toBe(b > a);
      }),
    );
  });

  it('reads instants in any offset the same', () => {
    // 10:00 in Berlin is 09:00 UTC
    const plan = { scheduledFor: '2026-12-02T10:00:00+01:00', windowEnd: null };
    expect(windowClosesAt(plan)).toBe(Date.UTC(2026, 11, 2, 9));
  });

  it('is overdue only once the window has closed, and stays overdue as time passes', () => {
    fc.assert(
      fc.property(planArb, msArb, fc.nat(), (plan, now, later) => {
        const overdue = isDeliveryOverdue('scheduled', plan, now);
        expect(overdue).toBe(windowClosesAt(plan) < now);
        if (overdue) expect(isDeliveryOverdue('scheduled', plan, now + later)).toBe(true);
        // the window's own end is never overdue: a delivery at 11:59 in 10–12 is on time
        expect(isDeliveryOverdue('dispatched', plan, windowClosesAt(plan))).toBe(false);
      }),
    );
  });

  it('never calls delivered, failed, cancelled or unplanned orders overdue', () => {
    fc.assert(
      fc.property(statusArb, planArb, msArb, (status, plan, now) => {
        if (status !== 'scheduled' && status !== 'dispatched') {
          expect(isDeliveryOverdue(status, plan, now)).toBe(false);
        }
        expect(isDeliveryOverdue(status, null, now)).toBe(false);
      }),
    );
  });
});
