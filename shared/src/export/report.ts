import type { Minor } from '../money.ts';
import {
  MOVEMENT_KINDS,
  type PersonFigures,
  type Report,
  type SalesSummary,
} from '../reports/types.ts';
import { quantityDecimal } from './products.ts';
import { decimal, type Cell, type ExportTable } from './table.ts';

/** Every table a report exports, in the order the screen shows its sections. */
export const REPORT_TABLES = [
  'sales-summary',
  'sales-by-day',
  'sales-by-hour',
  'sales-by-product',
  'sales-by-category',
  'sales-by-payment-method',
  'sales-by-seller',
  'sales-by-device',
  'orders-by-status',
  'orders-by-channel',
  'deliveries',
  'cancellations',
  'returns',
  'stock-on-hand',
  'stock-movements',
  'oversells',
  'money-owed-by-age',
  'money-owed-by-customer',
] as const;
export type ReportTableKey = (typeof REPORT_TABLES)[number];

/** Calendar days (YYYY-MM-DD on the device) of a period: its first and its last. */
export interface ReportDays {
  first: string;
  last: string;
}

export interface ReportTableOptions {
  days: ReportDays;
  previousDays: ReportDays;
  /** a seller's and a device's name as the device knows them (never an id in a file) */
  sellerName: (userId: string) => string;
  deviceName: (deviceId: string) => string;
}

/** `sales-by-day-2026-11-01-to-2026-11-30`, or `…-2026-11-05` for one day. */
export function reportFileName(key: ReportTableKey, days: ReportDays): string {
  return days.first === days.last ? `${key}-${days.first}` : `${key}-${days.first}-to-${days.last}`;
}

type Shaper = (r: Report, o: ReportTableOptions) => { columns: string[]; rows: Cell[][] };

function summaryRow(label: string, d: ReportDays, s: SalesSummary, currency: string): Cell[] {
  const m = (a: Minor) => decimal(a, currency);
  return [
    label,
    d.first,
    d.last,
    m(s.revenue),
    s.orders,
    m(s.averageBasket),
    m(s.tax),
    m(s.refunds),
    m(s.net),
    currency,
  ];
}

function people(list: readonly PersonFigures[], name: (id: string) => string, c: string) {
  return list.map((p) => [name(p.id), p.orders, decimal(p.revenue, c), c]);
}

const SHAPERS: Record<ReportTableKey, Shaper> = {
  'sales-summary': (r, o) => ({
    columns: [
      'period',
      'from',
      'to',
      'revenue',
      'orders',
      'average_basket',
      'tax',
      'refunds',
      'net',
      'currency',
    ],
    rows: [
      summaryRow('this', o.days, r.sales.summary, r.currency),
      summaryRow('previous', o.previousDays, r.sales.previous, r.currency),
    ],
  }),
  'sales-by-day': (r) => ({
    columns: ['day', 'orders', 'revenue', 'currency'],
    rows: r.sales.byDay.map((d) => [d.day, d.orders, decimal(d.revenue, r.currency), r.currency]),
  }),
  'sales-by-hour': (r) => ({
    columns: ['hour', 'orders', 'revenue', 'currency'],
    rows: r.sales.byHour.map((h) => [
      `${String(h.hour).padStart(2, '0')}:00`,
      h.orders,
      decimal(h.revenue, r.currency),
      r.currency,
    ]),
  }),
  'sales-by-product': (r) => ({
    columns: [
      'code',
      'name',
      'category',
      'unit',
      'quantity',
      'revenue',
      'cost',
      'margin',
      'currency',
    ],
    rows: r.sales.byProduct.map((p) => [
      p.code,
      p.name,
      p.category,
      p.unit,
      quantityDecimal(p.qty, p.unit),
      decimal(p.revenue, r.currency),
      decimal(p.cost, r.currency),
      decimal(p.margin, r.currency),
      r.currency,
    ]),
  }),
  'sales-by-category': (r) => ({
    columns: ['category', 'products', 'revenue', 'cost', 'margin', 'currency'],
    rows: r.sales.byCategory.map((c) => [
      c.category,
      c.products,
      decimal(c.revenue, r.currency),
      decimal(c.cost, r.currency),
      decimal(c.margin, r.currency),
      r.currency,
    ]),
  }),
  'sales-by-payment-method': (r) => ({
    columns: ['method', 'received', 'refunded', 'currency'],
    rows: r.sales.byMethod.map((m) => [
      m.method,
      decimal(m.received, r.currency),
      decimal(m.refunded, r.currency),
      r.currency,
    ]),
  }),
  'sales-by-seller': (r, o) => ({
    columns: ['seller', 'orders', 'revenue', 'currency'],
    rows: people(r.sales.bySeller, o.sellerName, r.currency),
  }),
  'sales-by-device': (r, o) => ({
    columns: ['device', 'orders', 'revenue', 'currency'],
    rows: people(r.sales.byDevice, o.deviceName, r.currency),
  }),
  'orders-by-status': (r) => ({
    columns: ['status', 'orders'],
    rows: r.orders.byStatus.map((s) => [s.status, s.count]),
  }),
  'orders-by-channel': (r) => ({
    columns: ['channel', 'orders', 'revenue', 'currency'],
    rows: r.orders.byChannel.map((c) => [
      c.channel,
      c.count,
      decimal(c.revenue, r.currency),
      r.currency,
    ]),
  }),
  deliveries: (r) => {
    const d = r.orders.deliveries;
    return {
      columns: ['scheduled', 'delivered', 'on_time', 'late', 'failed', 'open'],
      rows: [[d.scheduled, d.delivered, d.onTime, d.late, d.failed, d.open]],
    };
  },
  cancellations: (r) => ({
    columns: ['order', 'at', 'reason', 'refund', 'currency'],
    rows: r.orders.cancellations.map((c) => [
      c.number,
      c.at,
      c.reason,
      decimal(c.refund, r.currency),
      r.currency,
    ]),
  }),
  returns: (r) => ({
    columns: ['order', 'at', 'items', 'reason', 'refund', 'currency'],
    rows: r.orders.returns.map((c) => [
      c.number,
      c.at,
      c.items,
      c.reason,
      decimal(c.refund, r.currency),
      r.currency,
    ]),
  }),
  'stock-on-hand': (r) => ({
    columns: [
      'code',
      'name',
      'category',
      'unit',
      'on_hand',
      'value_at_cost',
      'value_at_price',
      'status',
      'currency',
    ],
    rows: r.stock.products.map((p) => [
      p.code,
      p.name,
      p.category,
      p.unit,
      quantityDecimal(p.onHand, p.unit),
      decimal(p.valueAtCost, r.currency),
      decimal(p.valueAtPrice, r.currency),
      p.badge,
      r.currency,
    ]),
  }),
  'stock-movements': (r) => ({
    columns: ['name', 'unit', ...MOVEMENT_KINDS],
    rows: r.stock.movementsByProduct.map((p) => [
      p.name,
      p.unit,
      ...MOVEMENT_KINDS.map((k) => quantityDecimal(p.moves[k] ?? 0, p.unit)),
    ]),
  }),
  oversells: (r) => ({
    columns: ['at', 'message', 'open'],
    rows: r.stock.oversells.map((a) => [a.at, a.message, a.open ? 'yes' : 'no']),
  }),
  'money-owed-by-age': (r) => ({
    columns: ['age', 'invoices', 'amount', 'currency'],
    rows: r.owed.aging.map((a) => [a.bucket, a.count, decimal(a.amount, r.currency), r.currency]),
  }),
  'money-owed-by-customer': (r) => ({
    columns: ['customer', 'invoices', 'balance', 'currency'],
    rows: r.owed.customers.map((c) => [
      c.name,
      c.invoices,
      decimal(c.balance, r.currency),
      r.currency,
    ]),
  }),
};

/**
 * One section of a report as a table for CSV: one column per field, amounts as
 * decimals beside a `currency` column, quantities in the product's sales unit
 * (1.25 for 1250 g), days as YYYY-MM-DD and instants as ISO 8601.
 */
export function reportTable(
  report: Report,
  key: ReportTableKey,
  options: ReportTableOptions,
): ExportTable {
  return { name: reportFileName(key, options.days), ...SHAPERS[key](report, options) };
}
