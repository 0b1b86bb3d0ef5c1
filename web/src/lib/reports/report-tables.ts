import {
  MOVEMENT_KINDS,
  type Channel,
  type Minor,
  type Report,
  type ReportTableKey,
} from '@stallkeeper/shared';
import { METHOD_LABEL, STATUS_LABEL } from '../orders/labels.ts';
import type { ReportFormat } from './report-format.ts';
import { AGE_LABEL, BADGE_LABEL, categoryName, MOVEMENT_LABEL } from './words.ts';

/** A cell in words; a link to an order or a customer, or a warning, where it is one. */
export type TableCell =
  | string
  | { text: string; link?: { to: 'order' | 'customer'; id: string }; tone?: 'warn' | 'danger' };

export interface TextColumn {
  label: string;
  numeric?: boolean;
}

/** One table of the report as the screen and the PDF say it. */
export interface TextTable {
  /** its CSV twin */
  key: ReportTableKey;
  title: string;
  columns: TextColumn[];
  /** worded as they are shown (a table of 10,000 products is not worded up front) */
  rows: RowList;
  /** what an empty table says instead */
  empty: string;
}

/**
 * A table's rows, put into words when asked for: the screen shows the first few of
 * a big shop's product tables, and wording all 10,000 each time the period changes
 * cost more than the rest of the report.
 */
export class RowList {
  #all: TableCell[][] | null = null;
  constructor(
    private readonly count: number,
    private readonly word: (start: number, end: number) => TableCell[][],
  ) {}
  get length(): number {
    return this.count;
  }
  /** rows [start, end) */
  slice(start = 0, end = this.count): TableCell[][] {
    if (this.#all) return this.#all.slice(start, end);
    return start === 0 && end >= this.count ? this.all() : this.word(start, end);
  }
  all(): TableCell[][] {
    this.#all ??= this.word(0, this.count);
    return this.#all;
  }
}

export const rowsOf = <T>(items: readonly T[], word: (item: T) => TableCell[]): RowList =>
  new RowList(items.length, (start, end) => items.slice(start, end).map((item) => word(item)));

export const cellText = (c: TableCell): string => (typeof c === 'string' ? c : c.text);

/** Names the report needs that only the device knows. */
export interface ReportNames {
  seller: (userId: string) => string;
  device: (deviceId: string) => string;
}

export const CHANNEL_WORDS: Record<Channel, string> = {
  counter: 'Counter sales',
  delivery: 'Deliveries',
  pickup: 'Pickups',
};

const num = (label: string): TextColumn => ({ label, numeric: true });

function unknownCost(m: Minor | null, f: ReportFormat): TableCell {
  return m === null ? { text: 'cost unknown', tone: 'warn' } : f.money(m);
}

export function salesTables(r: Report, f: ReportFormat, names: ReportNames): TextTable[] {
  const s = r.sales;
  const tables: TextTable[] = [
    {
      key: 'sales-by-product',
      title: 'By product',
      columns: [{ label: 'Product' }, num('Sold'), num('Revenue'), num('Margin')],
      rows: rowsOf(s.byProduct, (p) => [
        p.name,
        f.quantity(p.qty, p.unit),
        f.money(p.revenue),
        unknownCost(p.margin, f),
      ]),
      empty: 'No products sold in this period.',
    },
    {
      key: 'sales-by-category',
      title: 'By category',
      columns: [{ label: 'Category' }, num('Products'), num('Revenue'), num('Margin')],
      rows: rowsOf(s.byCategory, (c) => [
        categoryName(c.category),
        f.count(c.products),
        f.money(c.revenue),
        unknownCost(c.margin, f),
      ]),
      empty: 'No products sold in this period.',
    },
    {
      key: 'sales-by-payment-method',
      title: 'By payment method',
      columns: [{ label: 'Method' }, num('Received'), num('Refunded')],
      rows: rowsOf(s.byMethod, (m) => [
        METHOD_LABEL[m.method],
        f.money(m.received),
        f.money(m.refunded),
      ]),
      empty: 'No money taken in this period.',
    },
  ];
  if (r.onlyBy === null) {
    tables.push({
      key: 'sales-by-seller',
      title: 'By seller',
      columns: [{ label: 'Seller' }, num('Orders'), num('Revenue')],
      rows: rowsOf(s.bySeller, (p) => [names.seller(p.id), f.count(p.orders), f.money(p.revenue)]),
      empty: 'No sales in this period.',
    });
  }
  tables.push({
    key: 'sales-by-device',
    title: 'By device',
    columns: [{ label: 'Device' }, num('Orders'), num('Revenue')],
    rows: rowsOf(s.byDevice, (p) => [names.device(p.id), f.count(p.orders), f.money(p.revenue)]),
    empty: 'No sales in this period.',
  });
  return tables;
}

const orderCell = (o: { orderId: string; number: string }): TableCell =>
  o.number ? { text: o.number, link: { to: 'order', id: o.orderId } } : 'An older order';

export function ordersTables(r: Report, f: ReportFormat): TextTable[] {
  const o = r.orders;
  const d = o.deliveries;
  return [
    {
      key: 'orders-by-status',
      title: 'By status',
      columns: [{ label: 'Status' }, num('Orders')],
      rows: rowsOf(o.byStatus, (s) => [STATUS_LABEL[s.status], f.count(s.count)]),
      empty: 'No orders in this period.',
    },
    {
      key: 'orders-by-channel',
      title: 'By channel',
      columns: [{ label: 'Channel' }, num('Orders'), num('Revenue')],
      rows: rowsOf(o.byChannel, (c) => [
        CHANNEL_WORDS[c.channel],
        f.count(c.count),
        f.money(c.revenue),
      ]),
      empty: 'No orders in this period.',
    },
    {
      key: 'deliveries',
      title: 'Deliveries',
      columns: [{ label: 'Deliveries' }, num('Orders')],
      rows: rowsOf(
        d.scheduled === 0
          ? []
          : [
              ['Scheduled', f.count(d.scheduled)],
              ['Delivered on time', f.count(d.onTime)],
              [
                'Delivered late',
                d.late > 0 ? { text: f.count(d.late), tone: 'warn' } : f.count(d.late),
              ],
              ['Failed', d.failed > 0 ? { text: f.count(d.failed), tone: 'danger' } : '0'],
              ['Still open', f.count(d.open)],
            ],
        (row: TableCell[]) => row,
      ),
      empty: 'No deliveries scheduled in this period.',
    },
    {
      key: 'cancellations',
      title: 'Cancellations',
      columns: [{ label: 'Order' }, { label: 'When' }, { label: 'Reason' }, num('Refund')],
      rows: rowsOf(o.cancellations, (c) => [
        orderCell(c),
        f.when(c.at),
        c.reason || 'No reason given',
        f.money(c.refund),
      ]),
      empty: 'No orders cancelled in this period.',
    },
    {
      key: 'returns',
      title: 'Returns',
      columns: [
        { label: 'Order' },
        { label: 'When' },
        num('Products'),
        { label: 'Reason' },
        num('Refund'),
      ],
      rows: rowsOf(o.returns, (c) => [
        orderCell(c),
        f.when(c.at),
        f.count(c.items),
        c.reason || 'No reason given',
        f.money(c.refund),
      ]),
      empty: 'Nothing returned in this period.',
    },
  ];
}

export function stockTables(r: Report, f: ReportFormat): TextTable[] {
  const st = r.stock;
  const moved = MOVEMENT_KINDS.filter((k) => st.movements.some((m) => m.kind === k && m.qty !== 0));
  return [
    {
      key: 'stock-on-hand',
      title: 'On hand now',
      columns: [
        { label: 'Product' },
        num('On hand'),
        num('At cost'),
        num('At price'),
        { label: 'Stock' },
      ],
      rows: rowsOf(st.products, (p) => [
        p.name,
        f.quantity(p.onHand, p.unit),
        unknownCost(p.valueAtCost, f),
        f.money(p.valueAtPrice),
        p.badge === 'ok'
          ? BADGE_LABEL.ok
          : { text: BADGE_LABEL[p.badge], tone: p.badge === 'out' ? 'danger' : 'warn' },
      ]),
      empty: 'No products yet.',
    },
    {
      key: 'stock-movements',
      title: 'Movements in this period',
      columns: [{ label: 'Product' }, ...moved.map((k) => num(MOVEMENT_LABEL[k]))],
      rows: rowsOf(st.movementsByProduct, (p) => [
        p.name,
        ...moved.map((k) => f.quantity(p.moves[k] ?? 0, p.unit)),
      ]),
      empty: 'No stock moved in this period.',
    },
    {
      key: 'oversells',
      title: 'Oversold',
      columns: [{ label: 'When' }, { label: 'What happened' }, { label: 'Status' }],
      rows: rowsOf(st.oversells, (a) => [
        f.when(a.at),
        a.message,
        a.open ? { text: 'Open', tone: 'danger' } : 'Resolved',
      ]),
      empty: 'Nothing was oversold in this period.',
    },
  ];
}

export function owedTables(r: Report, f: ReportFormat): TextTable[] {
  const w = r.owed;
  const sales = w.source === 'sales';
  return [
    {
      key: 'money-owed-by-age',
      title: 'By how late',
      columns: [{ label: 'Age' }, num(sales ? 'Sales' : 'Invoices'), num('Owed')],
      rows: rowsOf(
        w.aging.filter((a) => a.count > 0),
        (a) => [AGE_LABEL[a.bucket], f.count(a.count), f.money(a.amount)],
      ),
      empty: 'Nothing is owed.',
    },
    {
      key: 'money-owed-by-customer',
      title: 'Customers who owe',
      columns: [{ label: 'Customer' }, num(sales ? 'Sales' : 'Invoices'), num('Owed')],
      rows: rowsOf(w.customers, (c) => [
        c.customerId ? { text: c.name, link: { to: 'customer', id: c.customerId } } : c.name,
        f.count(sales ? (c.orders ?? c.invoices) : c.invoices),
        f.money(c.balance),
      ]),
      empty: 'No customer owes the shop anything.',
    },
  ];
}
