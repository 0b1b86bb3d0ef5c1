import { describe, expect, it } from 'vitest';
import type { Report, SalesSummary } from '../reports/types.ts';
import { REPORT_TABLES, reportFileName, reportTable, type ReportTableOptions } from './report.ts';

const summary = (revenue: number, orders: number): SalesSummary => ({
  revenue,
  orders,
  averageBasket: orders ? Math.round(revenue / orders) : 0,
  tax: Math.round(revenue / 10),
  refunds: 150,
  net: revenue - 150,
});

const report: Report = {
  period: { from: '2026-10-31T23:00:00.000Z', to: '2026-11-30T23:00:00.000Z' },
  previousPeriod: { from: '2026-10-01T22:00:00.000Z', to: '2026-10-31T23:00:00.000Z' },
  currency: 'KES',
  onlyBy: null,
  sales: {
    summary: summary(1_234_500, 3),
    previous: summary(100_000, 1),
    byDay: [
      { day: '2026-11-01', revenue: 1_234_500, orders: 3 },
      { day: '2026-11-02', revenue: 0, orders: 0 },
    ],
    byHour: [{ hour: 9, revenue: 1_234_500, orders: 3 }],
    byProduct: [
      {
        productId: 'product:A',
        name: 'Tomatoes, red',
        code: 'TOM',
        unit: 'kg',
        category: 'Veg',
        qty: 1250,
        revenue: 1_000_000,
        cost: 400_000,
        margin: 600_000,
      },
      {
        productId: 'product:B',
        name: 'Bag',
        code: 'BAG',
        unit: 'piece',
        category: '',
        qty: 3,
        revenue: 234_500,
        cost: null,
        margin: null,
      },
    ],
    byCategory: [
      { category: 'Veg', revenue: 1_000_000, cost: 400_000, margin: 600_000, products: 1 },
    ],
    byMethod: [{ method: 'mobile', received: 1_234_500, refunded: 150 }],
    bySeller: [{ id: 'user-1', revenue: 1_234_500, orders: 3 }],
    byDevice: [{ id: 'dev-1', revenue: 1_234_500, orders: 3 }],
  },
  orders: {
    byStatus: [{ status: 'completed', count: 3 }],
    byChannel: [{ channel: 'counter', count: 3, revenue: 1_234_500 }],
    deliveries: { scheduled: 2, delivered: 1, onTime: 1, late: 0, failed: 1, open: 0 },
    cancellations: [
      {
        orderId: 'order:X',
        number: 'K3-0004',
        at: '2026-11-03T10:00:00.000Z',
        reason: 'Changed mind',
        refund: 150,
      },
    ],
    returns: [
      {
        orderId: 'order:Y',
        number: 'K3-0005',
        at: '2026-11-04T10:00:00.000Z',
        reason: 'Bruised',
        refund: 0,
        items: 2,
      },
    ],
  },
  stock: {
    products: [
      {
        productId: 'product:A',
        name: 'Tomatoes, red',
        code: 'TOM',
        unit: 'kg',
        category: 'Veg',
        onHand: 2500,
        valueAtCost: 80_000,
        valueAtPrice: 200_000,
        badge: 'low',
      },
    ],
    totals: { valueAtCost: 80_000, valueAtPrice: 200_000, low: 1, out: 0 },
    movements: [{ kind: 'sale', qty: -1250, products: 1 }],
    movementsByProduct: [
      { productId: 'product:A', name: 'Tomatoes, red', unit: 'kg', moves: { sale: -1250 } },
    ],
    oversells: [
      { alertId: 'alert:1', at: '2026-11-05T08:00:00.000Z', message: 'Oversold', open: true },
    ],
  },
  owed: {
    aging: [{ bucket: '1-30', count: 1, amount: 5_000 }],
    customers: [{ customerId: 'customer:1', name: 'Ana', balance: 5_000, invoices: 1 }],
    total: 5_000,
  },
};

const options: ReportTableOptions = {
  days: { first: '2026-11-01', last: '2026-11-30' },
  previousDays: { first: '2026-10-02', last: '2026-10-31' },
  sellerName: (id) => (id === 'user-1' ? 'Wanjiru' : 'Another seller'),
  deviceName: () => 'This device',
};

const table = (key: (typeof REPORT_TABLES)[number]) => reportTable(report, key, options);

describe('reportTable', () => {
  it('names each file after its section and the period', () => {
    expect(table('sales-by-day').name).toBe('sales-by-day-2026-11-01-to-2026-11-30');
    expect(reportFileName('returns', { first: '2026-11-05', last: '2026-11-05' })).toBe(
      'returns-2026-11-05',
    );
  });

  it('gives every row as many cells as there are columns, in every section', () => {
    for (const key of REPORT_TABLES) {
      const t = table(key);
      expect(new Set(t.columns).size, key).toBe(t.columns.length);
      for (const row of t.rows) expect(row, key).toHaveLength(t.columns.length);
    }
  });

  it('writes amounts as decimals of the currency beside a currency column', () => {
    const t = table('sales-summary');
    const col = (name: string) => t.columns.indexOf(name);
    expect(t.rows).toHaveLength(2);
    expect(t.rows[0]?.[col('period')]).toBe('this');
    expect(t.rows[0]?.[col('revenue')]).toBe('12345.00');
    expect(t.rows[0]?.[col('orders')]).toBe(3);
    expect(t.rows[0]?.[col('currency')]).toBe('KES');
    expect(t.rows[1]?.slice(0, 4)).toEqual(['previous', '2026-10-02', '2026-10-31', '1000.00']);
  });

  it('gives product quantities in the sales unit and leaves an unknown cost empty', () => {
    const t = table('sales-by-product');
    expect(t.columns).toEqual([
      'code',
      'name',
      'category',
      'unit',
      'quantity',
      'revenue',
      'cost',
      'margin',
      'currency',
    ]);
    expect(t.rows[0]).toEqual([
      'TOM',
      'Tomatoes, red',
      'Veg',
      'kg',
      '1.25',
      '10000.00',
      '4000.00',
      '6000.00',
      'KES',
    ]);
    expect(t.rows[1]?.slice(4, 8)).toEqual(['3', '2345.00', '', '']);
  });

  it('names sellers and devices, never their ids', () => {
    expect(table('sales-by-seller').rows).toEqual([['Wanjiru', 3, '12345.00', 'KES']]);
    expect(table('sales-by-device').rows).toEqual([['This device', 3, '12345.00', 'KES']]);
  });

  it('writes hours as clock times, movements per kind and instants as given', () => {
    expect(table('sales-by-hour').rows[0]?.[0]).toBe('09:00');
    const moves = table('stock-movements');
    expect(moves.columns).toEqual([
      'name',
      'unit',
      'restock',
      'sale',
      'return',
      'writeoff',
      'count',
      'adjustment',
    ]);
    expect(moves.rows[0]).toEqual(['Tomatoes, red', 'kg', '0', '-1.25', '0', '0', '0', '0']);
    expect(table('cancellations').rows[0]).toEqual([
      'K3-0004',
      '2026-11-03T10:00:00.000Z',
      'Changed mind',
      '1.50',
      'KES',
    ]);
    expect(table('oversells').rows[0]?.[2]).toBe('yes');
    expect(table('money-owed-by-customer').rows[0]).toEqual(['Ana', 1, '50.00', 'KES']);
  });
});
