import { foldOrder } from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import { cashCollected, scheduleDefaults, scheduleEvent } from './delivery-form.ts';
import { dayOrToday, fromLocal } from './local-time.ts';

/** An order nobody has planned yet: all the defaults come from the clock and the contact. */
const unplanned = foldOrder(
  {
    _id: 'order:01J00000000000000000000001',
    type: 'order',
    number: 'K1-0001',
    channel: 'delivery',
    customerId: null,
    customerName: '',
    lines: [],
    currency: 'EUR',
    subtotal: 0,
    tax: 0,
    total: 0,
    payment: { method: 'cash', paid: 0, tendered: null, change: null },
    note: '',
    createdAt: '2026-12-02T08:00:00.000Z',
    by: 'user-1',
    deviceId: 'dev-1',
  },
  [],
);
const contact = { amendedAddress: '', customer: { address: '5 Garden Lane', phone: '+49 30' } };
const at = (day: number, h: number, m = 0) => new Date(2026, 11, day, h, m).getTime();

describe('the schedule dialog', () => {
  it('suggests the next full hour, or the first slot of the next morning', () => {
    const slot = (now: number) => {
      const f = scheduleDefaults(unplanned, contact, now);
      return [f.date, f.from, f.to];
    };
    expect(slot(at(2, 11, 20))).toEqual(['2026-12-02', '12:00', '14:00']);
    expect(slot(at(2, 7, 30))).toEqual(['2026-12-02', '09:00', '11:00']);
    expect(slot(at(2, 20))).toEqual(['2026-12-03', '09:00', '11:00']);
    expect(slot(at(31, 23, 30))).toEqual(['2027-01-01', '09:00', '11:00']);
  });

  it("takes the amendment's address over the customer's", () => {
    const f = scheduleDefaults(unplanned, { ...contact, amendedAddress: '9 New Street' }, at(2, 9));
    expect([f.address, f.phone]).toEqual(['9 New Street', '+49 30']);
  });

  it('needs a real day and time, and an address for a delivery (not for a pickup)', () => {
    const base = { date: '2026-12-03', from: '10:00', to: '', address: '', phone: '', note: '' };
    expect(scheduleEvent({ ...base, date: '2026-02-30' }, 'pickup')).toMatchObject({ ok: false });
    expect(scheduleEvent(base, 'delivery')).toMatchObject({ ok: false });
    expect(scheduleEvent(base, 'pickup')).toEqual({
      ok: true,
      value: {
        kind: 'delivery_scheduled',
        scheduledFor: new Date(2026, 11, 3, 10).toISOString(),
        address: '',
      },
    });
  });

  it('reads the cash collected in the currency, 0 when left blank', () => {
    expect(cashCollected('', 800, 'EUR')).toEqual({ ok: true, value: 0 });
    expect(cashCollected('7,50', 800, 'EUR')).toEqual({ ok: true, value: 750 });
    expect(cashCollected('1500', 2000, 'JPY')).toEqual({ ok: true, value: 1500 });
    expect(cashCollected('7.505', 800, 'EUR')).toMatchObject({ ok: false });
    expect(cashCollected('-1', 800, 'EUR')).toMatchObject({ ok: false });
    expect(cashCollected('5', 0, 'EUR')).toEqual({
      ok: false,
      error: 'This order is paid already: enter 0.',
    });
  });
});

describe('days on the device', () => {
  it('refuses what the calendar does not have', () => {
    expect(fromLocal('2026-02-29', '10:00')).toBeNull();
    expect(fromLocal('2028-02-29', '10:00')).not.toBeNull();
    expect(fromLocal('2026-12-03', '24:00')).toBeNull();
  });

  it("takes a link's day, else today", () => {
    expect(dayOrToday('2026-12-24', at(2, 9))).toBe('2026-12-24');
    expect(dayOrToday('yesterday', at(2, 9))).toBe('2026-12-02');
    expect(dayOrToday(null, at(2, 9))).toBe('2026-12-02');
  });
});
