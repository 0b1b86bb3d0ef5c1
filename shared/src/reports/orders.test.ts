import { describe, expect, it } from 'vitest';
import { buildReport } from './build.ts';
import { BOB, CARA, DAN, O1, O6, weekInput } from './fixture.ts';
import { fixedOffsetTime } from './period.ts';

/* The week's orders (fixture.ts), by hand; see sales.test.ts for the list. */
const report = buildReport(weekInput());

describe('orders by status and channel', () => {
  it('counts every order of the period by its status now', () => {
    expect(report.orders.byStatus).toEqual([
      { status: 'completed', count: 2 }, // O1, O2
      { status: 'open', count: 0 },
      { status: 'ready', count: 0 },
      { status: 'scheduled', count: 1 }, // O7
      { status: 'dispatched', count: 0 },
      { status: 'delivered', count: 2 }, // O3, O4
      { status: 'failed', count: 1 }, // O5
      { status: 'cancelled', count: 1 }, // O6
    ]);
  });

  it('counts sales and revenue per channel (a cancelled order is no sale)', () => {
    expect(report.orders.byChannel).toEqual([
      { channel: 'counter', count: 2, revenue: 1445 }, // O1 10.45 + O2 4.00
      { channel: 'delivery', count: 4, revenue: 2000 }, // O3 9.00 + O4 6.00 + O5 2.50 + O7 2.50
      { channel: 'pickup', count: 0, revenue: 0 }, // O6 was cancelled
    ]);
  });
});

describe('deliveries', () => {
  it('tells on time, late, failed and open apart', () => {
    expect(report.orders.deliveries).toEqual({
      scheduled: 4, // O3, O4, O5, O7
      delivered: 2,
      onTime: 1, // O3 at 15:30 in its 14:00–16:00 window
      late: 1, // O4 planned Wednesday 15:00 with no end, arrived Thursday 09:00
      failed: 1, // O5
      open: 1, // O7, planned for Saturday
    });
  });

  it('holds a delivery to the end of its day in the device’s time zone', () => {
    // at UTC+10 O4 was planned for Thursday 01:00 and arrived Thursday 19:00: on time
    const east = buildReport(weekInput({ local: fixedOffsetTime(600) }));
    expect(east.orders.deliveries).toMatchObject({ onTime: 2, late: 0 });
  });
});

describe('cancellations and returns', () => {
  it('lists them with reasons and refunds', () => {
    expect(report.orders.cancellations).toEqual([
      {
        orderId: O6.id,
        number: 'A-3',
        at: '2026-03-05T12:00:00.000Z',
        reason: 'Changed mind',
        refund: 800,
      },
    ]);
    // last week's return of OP2 is not this week's
    expect(report.orders.returns).toEqual([
      {
        orderId: O1.id,
        number: 'A-1',
        at: '2026-03-03T10:00:00.000Z',
        reason: 'Stale',
        refund: 440,
        items: 2,
      },
    ]);
  });

  it('shows a seller only their orders’ issues', () => {
    const bobs = buildReport(weekInput({ onlyBy: BOB }));
    expect(bobs.orders.cancellations).toEqual([]);
    expect(bobs.orders.returns).toEqual([]);
    // O2, O4, O7
    expect(bobs.orders.byStatus.filter((s) => s.count > 0)).toEqual([
      { status: 'completed', count: 1 },
      { status: 'scheduled', count: 1 },
      { status: 'delivered', count: 1 },
    ]);
    expect(bobs.orders.deliveries).toEqual({
      scheduled: 2,
      delivered: 1,
      onTime: 0,
      late: 1,
      failed: 0,
      open: 1,
    });
  });
});

describe('money owed', () => {
  it('ages outstanding invoices (a cancelled order’s is void)', () => {
    expect(report.owed).toEqual({
      aging: [
        { bucket: 'current', count: 1, amount: 600 }, // I-2, due next Thursday
        { bucket: '1-30', count: 1, amount: 450 }, // I-1: 7.50 − 3.00 paid, 2 days late
        { bucket: '31-60', count: 1, amount: 500 }, // I-3: 48 days late
        { bucket: '61-90', count: 0, amount: 0 },
        { bucket: '90+', count: 0, amount: 0 },
      ],
      customers: [
        {
          customerId: DAN,
          name: 'Dan',
          balance: 1100,
          invoices: 2,
          orders: 2,
          oldestBucket: '31-60',
        },
        {
          customerId: CARA,
          name: 'Cara',
          balance: 450,
          invoices: 1,
          orders: 1,
          oldestBucket: '1-30',
        },
      ],
      total: 1550,
      source: 'invoices',
    });
  });

  it('before the shop issues invoices, is what customers owe on their sales', () => {
    const owed = buildReport(weekInput({ invoices: [] })).owed;
    // O0 4.50 (Feb 25, due Mar 4: 2 days late), O4 6.00 (Mar 4, due Mar 11),
    // OLD 5.00 (Jan 10, due Jan 17: 48 days late); O7 is not yet delivered and
    // not on account; O1's balance is a walk-in's
    expect(owed.aging.filter((a) => a.count > 0)).toEqual([
      { bucket: 'current', count: 1, amount: 600 },
      { bucket: '1-30', count: 1, amount: 450 },
      { bucket: '31-60', count: 1, amount: 500 },
    ]);
    expect(owed.customers).toEqual([
      {
        customerId: DAN,
        name: 'Dan',
        balance: 1100,
        invoices: 0,
        orders: 2,
        oldestBucket: '31-60',
      },
      {
        customerId: CARA,
        name: 'Cara',
        balance: 450,
        invoices: 0,
        orders: 1,
        oldestBucket: '1-30',
      },
    ]);
    expect(owed).toMatchObject({ total: 1550, source: 'sales' });
  });
});
