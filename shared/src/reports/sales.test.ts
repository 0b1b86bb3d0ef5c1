import { describe, expect, it } from 'vitest';
import { buildReport } from './build.ts';
import { ANN, APPLES, BOB, BREAD, DEV_A, DEV_B, JAM, weekInput } from './fixture.ts';
import { fixedOffsetTime } from './period.ts';

/*
 * The week's sales (fixture.ts), by hand. Orders created this week and not cancelled:
 *   O1 10.45 (tax 0.95, Mon 09h, ann, A)  O2 4.00 (Mon 14h, bob, B)
 *   O3 9.00 (Tue 11h, ann, A)             O4 6.00 (Wed 08h, bob, B)
 *   O5 2.50 (Wed 17h, ann, B)             O7 2.50 (Fri 07h, bob, B)
 *   O6 (Thu, 8.00) is cancelled: not a sale.
 */
const report = buildReport(weekInput());

describe('sales summary', () => {
  it('counts the period’s sales, refunds and net', () => {
    expect(report.sales.summary).toEqual({
      // 1045 + 400 + 900 + 600 + 250 + 250
      revenue: 3445,
      orders: 6,
      // 3445 / 6 = 574.17
      averageBasket: 574,
      tax: 95,
      // O1's return 4.40 + O6's cancellation 8.00
      refunds: 1240,
      // 3445 − 440 (returns only: the cancelled order's revenue never counted)
      net: 3005,
    });
  });

  it('compares with the week before', () => {
    expect(report.previousPeriod).toEqual({
      from: '2026-02-23T00:00:00.000Z',
      to: '2026-03-02T00:00:00.000Z',
    });
    // O0 7.50 + OP2 3.00; OP2's 0.60 return that week
    expect(report.sales.previous).toEqual({
      revenue: 1050,
      orders: 2,
      averageBasket: 525,
      tax: 0,
      refunds: 60,
      net: 990,
    });
  });
});

describe('sales over time', () => {
  it('has every day of the week, by local day', () => {
    expect(report.sales.byDay).toEqual([
      { day: '2026-03-02', revenue: 1445, orders: 2 },
      { day: '2026-03-03', revenue: 900, orders: 1 },
      { day: '2026-03-04', revenue: 850, orders: 2 },
      { day: '2026-03-05', revenue: 0, orders: 0 },
      { day: '2026-03-06', revenue: 250, orders: 1 },
      { day: '2026-03-07', revenue: 0, orders: 0 },
      { day: '2026-03-08', revenue: 0, orders: 0 },
    ]);
  });

  it('has all 24 hours', () => {
    const hours = report.sales.byHour;
    expect(hours.map((h) => h.hour)).toEqual([...Array(24).keys()]);
    expect(hours.filter((h) => h.orders > 0)).toEqual([
      { hour: 7, revenue: 250, orders: 1 },
      { hour: 8, revenue: 600, orders: 1 },
      { hour: 9, revenue: 1045, orders: 1 },
      { hour: 11, revenue: 900, orders: 1 },
      { hour: 14, revenue: 400, orders: 1 },
      { hour: 17, revenue: 250, orders: 1 },
    ]);
  });

  it('follows the device’s calendar', () => {
    // at UTC+10, O5 (Wed 17:20 UTC) is Thursday 03:20 and O7 (Fri 07:45) Friday 17:45
    const east = buildReport(weekInput({ local: fixedOffsetTime(600) }));
    expect(east.sales.byDay.find((d) => d.day === '2026-03-05')).toEqual({
      day: '2026-03-05',
      revenue: 250,
      orders: 1,
    });
    expect(east.sales.byHour[17]).toEqual({ hour: 17, revenue: 250, orders: 1 });
  });
});

describe('sales by product and category', () => {
  it('sells the lines that hold now, less what came back, at cost now', () => {
    expect(report.sales.byProduct).toEqual([
      {
        ...{ productId: BREAD.id, name: 'Bread', code: 'P2', unit: 'piece', category: 'Bakery' },
        // O1 2 − 1 back, O3 2 (amended from 4), O5 1, O7 1
        qty: 5,
        // 500 − 250 + 500 + 250 + 250
        revenue: 1250,
        // 5 × 1.00
        cost: 500,
        margin: 750,
      },
      {
        ...{ productId: APPLES.id, name: 'Apples', code: 'P1', unit: 'kg', category: 'Fruit' },
        // grams: O1 1500 − 500 back, O4 2000
        qty: 3000,
        // O1 4.50 − 500 g at 3.00/kg (1.50), O4 6.00
        revenue: 900,
        // 3 kg × 1.20
        cost: 360,
        margin: 540,
      },
      {
        ...{ productId: JAM.id, name: 'Jam', code: 'P3', unit: 'piece', category: 'Fruit' },
        // O2 1, O3 1 (the amendment's); O6 is cancelled
        qty: 2,
        revenue: 800,
        cost: null,
        margin: null,
      },
    ]);
  });

  it('sums products by category; a margin only when every product has a cost', () => {
    expect(report.sales.byCategory).toEqual([
      { category: 'Fruit', revenue: 1700, cost: null, margin: null, products: 2, uncosted: 1 },
      { category: 'Bakery', revenue: 1250, cost: 500, margin: 750, products: 1, uncosted: 0 },
    ]);
  });
});

describe('sales by payment method, seller and device', () => {
  it('counts money as it moved in the period', () => {
    expect(report.sales.byMethod).toEqual([
      // checkout: O1 10.45 + O6 8.00 (cancelled, refunded below); payment of an unknown order 1.00
      // refunded: O1's return 4.40 + O6's cancellation 8.00
      { method: 'cash', received: 1945, refunded: 1240 },
      // checkout: O2 4.00 + O5 2.50; O0's payment 3.00
      { method: 'card', received: 950, refunded: 0 },
      // O3's payment on delivery
      { method: 'mobile', received: 900, refunded: 0 },
      // an on-account sale takes no money at the till
      { method: 'account', received: 0, refunded: 0 },
    ]);
  });

  it('splits sales by seller and by device', () => {
    expect(report.sales.bySeller).toEqual([
      // O1 + O3 + O5
      { id: ANN, revenue: 2195, orders: 3 },
      // O2 + O4 + O7
      { id: BOB, revenue: 1250, orders: 3 },
    ]);
    expect(report.sales.byDevice).toEqual([
      // O1 + O3
      { id: DEV_A, revenue: 1945, orders: 2 },
      // O2 + O4 + O5 + O7
      { id: DEV_B, revenue: 1500, orders: 4 },
    ]);
  });
});

describe('a seller’s own report', () => {
  const bobs = buildReport(weekInput({ onlyBy: BOB }));
  it('counts only their sales and the events of their orders', () => {
    // O2 4.00, O4 6.00, O7 2.50; no refunds on them
    expect(bobs.sales.summary).toEqual({
      revenue: 1250,
      orders: 3,
      averageBasket: 417,
      tax: 0,
      refunds: 0,
      net: 1250,
    });
    // OP2 3.00 and its 0.60 return
    expect(bobs.sales.previous).toMatchObject({ revenue: 300, refunds: 60, net: 240 });
    expect(bobs.sales.byMethod).toEqual([
      // the payment bob took for an order this device does not hold
      { method: 'cash', received: 100, refunded: 0 },
      { method: 'card', received: 400, refunded: 0 },
      { method: 'mobile', received: 0, refunded: 0 },
      { method: 'account', received: 0, refunded: 0 },
    ]);
    expect(bobs.sales.bySeller).toEqual([{ id: BOB, revenue: 1250, orders: 3 }]);
    expect(bobs.onlyBy).toBe(BOB);
  });

  it('shows the shop’s stock and no money owed', () => {
    expect(bobs.stock).toEqual(report.stock);
    expect(bobs.owed).toMatchObject({ source: 'hidden', total: 0, customers: [] });
    expect(bobs.owed.aging.every((a) => a.count === 0 && a.amount === 0)).toBe(true);
  });
});
