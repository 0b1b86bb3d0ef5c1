import type { Report, SalesSummary } from '@stallkeeper/shared';

/** Test data: a hand-made report of November 2026 for a shop selling in KES. */

const summary = (revenue: number, orders: number, refunds = 0): SalesSummary => ({
  revenue,
  orders,
  averageBasket: orders ? Math.round(revenue / orders) : 0,
  tax: Math.round(revenue / 10),
  refunds,
  net: revenue - refunds,
});

export function sampleReport(overrides: Partial<Report> = {}): Report {
  return {
    period: { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
    previousPeriod: { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' },
    currency: 'KES',
    onlyBy: null,
    sales: {
      summary: summary(1_234_500, 3, 5_000),
      previous: summary(1_100_000, 4),
      byDay: [
        { day: '2026-11-01', revenue: 1_000_000, orders: 2 },
        { day: '2026-11-02', revenue: 234_500, orders: 1 },
      ],
      byHour: Array.from({ length: 24 }, (_, hour) => ({
        hour,
        revenue: hour === 9 ? 1_234_500 : 0,
        orders: hour === 9 ? 3 : 0,
      })),
      byProduct: [
        {
          productId: 'product:A',
          name: 'Tomatoes',
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
          name: 'Paper bag',
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
        { category: '', revenue: 234_500, cost: null, margin: null, products: 1, uncosted: 1 },
      ],
      byMethod: [
        { method: 'cash', received: 1_000_000, refunded: 5_000 },
        { method: 'mobile', received: 234_500, refunded: 0 },
      ],
      bySeller: [{ id: 'user-1', revenue: 1_234_500, orders: 3 }],
      byDevice: [{ id: 'dev-1', revenue: 1_234_500, orders: 3 }],
    },
    orders: {
      byStatus: [
        { status: 'completed', count: 2 },
        { status: 'cancelled', count: 1 },
      ],
      byChannel: [{ channel: 'counter', count: 3, revenue: 1_234_500 }],
      deliveries: { scheduled: 0, delivered: 0, onTime: 0, late: 0, failed: 0, open: 0 },
      cancellations: [
        {
          orderId: 'order:X',
          number: 'K3-0004',
          at: '2026-11-03T10:00:00.000Z',
          reason: 'Changed mind',
          refund: 5_000,
        },
      ],
      returns: [],
    },
    stock: {
      products: [
        {
          productId: 'product:A',
          name: 'Tomatoes',
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
        { productId: 'product:A', name: 'Tomatoes', unit: 'kg', moves: { sale: -1250 } },
      ],
      oversells: [],
    },
    owed: {
      aging: [
        { bucket: 'current', count: 0, amount: 0 },
        { bucket: '1-30', count: 1, amount: 5_000 },
      ],
      customers: [{ customerId: 'customer:1', name: 'Ana', balance: 5_000, invoices: 1 }],
      total: 5_000,
      source: 'invoices',
    },
    ...overrides,
  };
}
