import type { TrackedOrder } from '@stallkeeper/shared/rest';
import { describe, expect, it } from 'vitest';
import { headline, paymentLine, stepDetail, stepLabel, stepsAhead } from './tracking-words.ts';

type Step = TrackedOrder['timeline'][number];
const at = '2026-12-04T10:00:00.000Z';
const steps = (...names: Step['step'][]): Step[] => names.map((step) => ({ step, at, text: '' }));

describe('what the tracking page says', () => {
  it('says where a pickup order is, and what is still to come', () => {
    const placed = { channel: 'pickup' as const, status: 'open', timeline: steps('placed') };
    expect(headline(placed)).toMatch(/waiting for the shop/);
    // a pickup time chosen at checkout makes the shop's status "scheduled": still just placed
    expect(headline({ ...placed, status: 'scheduled' })).toMatch(/waiting for the shop/);
    expect(
      headline({
        channel: 'delivery',
        status: 'scheduled',
        timeline: steps('placed', 'scheduled'),
      }),
    ).toBe('Accepted — delivery time set');
    expect(stepsAhead(placed)).toEqual(['accepted', 'ready', 'collected']);

    const accepted = { ...placed, timeline: steps('placed', 'accepted') };
    expect(headline(accepted)).toMatch(/^Accepted/);
    expect(stepsAhead(accepted)).toEqual(['ready', 'collected']);

    const ready = { ...placed, status: 'ready', timeline: steps('placed', 'ready') };
    expect(headline(ready)).toBe('Ready for pickup');
    expect(stepsAhead(ready)).toEqual(['collected']);

    const done = {
      ...placed,
      status: 'delivered',
      timeline: steps('placed', 'ready', 'collected'),
    };
    expect(headline(done)).toBe('Collected');
    expect(stepsAhead(done)).toEqual([]);
  });

  it('follows a delivery to the door, and stops at a cancellation', () => {
    const out = {
      channel: 'delivery' as const,
      status: 'dispatched',
      timeline: steps('placed', 'dispatched'),
    };
    expect(headline(out)).toBe('Out for delivery');
    expect(stepsAhead(out)).toEqual(['delivered']);
    const cancelled = { ...out, status: 'cancelled', timeline: steps('placed', 'cancelled') };
    expect(headline(cancelled)).toBe('Cancelled');
    expect(stepsAhead(cancelled)).toEqual([]);
    expect(stepLabel('delivered', 'pickup')).toBe('Collected');
    expect(stepLabel('delivered', 'delivery')).toBe('Delivered');
  });

  it('shows reasons and the delivery time, never raw codes', () => {
    const label = (s: { from: string; to: string }) => `${s.from} to ${s.to}`;
    expect(stepDetail({ step: 'cancelled', at, text: 'Changed my mind' }, label)).toBe(
      'Changed my mind',
    );
    expect(stepDetail({ step: 'request', at, text: 'return' }, label)).toBe(
      'to take the order back',
    );
    expect(
      stepDetail(
        { step: 'scheduled', at, text: '2026-12-05T07:00:00Z/2026-12-05T12:00:00Z' },
        label,
      ),
    ).toBe('2026-12-05T07:00:00Z to 2026-12-05T12:00:00Z');
    expect(stepDetail({ step: 'scheduled', at, text: 'nonsense' }, label)).toBe('');
    expect(stepDetail({ step: 'paid', at, text: 'x' }, label)).toBe('');
  });

  it('says how the order is paid', () => {
    expect(paymentLine({ method: 'on_collection', state: 'due' }, 'pickup')).toBe(
      'Pay on collection',
    );
    expect(paymentLine({ method: 'on_collection', state: 'due' }, 'delivery')).toBe(
      'Pay on delivery',
    );
    expect(paymentLine({ method: 'test_card', state: 'paid' }, 'pickup')).toBe(
      'Paid by card (test mode)',
    );
    expect(paymentLine({ method: 'test_card', state: 'declined' }, 'pickup')).toMatch(/declined/);
  });
});
