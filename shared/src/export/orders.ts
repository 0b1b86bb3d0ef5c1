import { sum } from '../money.ts';
import type { OrderState } from '../order-state.ts';
import type { Order } from '../schemas/order.ts';
import { nameOf, type ExportNames } from './names.ts';
import { quantityDecimal } from './products.ts';
import { decimal, type ExportTable } from './table.ts';

/**
 * An order as an export reads it: the immutable document and where it stands now
 * (the fold of its events). Both sides make one: the seed from `foldOrder`, the
 * web from its order rows (which keep the folded fields and the lines that hold).
 */
export interface ExportOrder {
  order: Pick<
    Order,
    'number' | 'createdAt' | 'channel' | 'by' | 'deviceId' | 'currency' | 'payment'
  >;
  state: Pick<
    OrderState,
    | 'status'
    | 'paymentStatus'
    | 'customerName'
    | 'lines'
    | 'tax'
    | 'total'
    | 'paid'
    | 'refunded'
    | 'balance'
  >;
}

export const ORDER_COLUMNS = [
  'number',
  'created_at',
  'channel',
  'status',
  'payment_status',
  'customer',
  'seller',
  'device',
  'method',
  'subtotal',
  'tax',
  'total',
  'paid',
  'refunded',
  'balance',
  'currency',
  'item_count',
] as const;

/**
 * One row per order, in the order given. Amounts are the ones that hold now (an
 * amendment's totals), in the order's own currency; `method` is how it was paid
 * at checkout; `item_count` the number of lines.
 */
export function ordersTable(orders: readonly ExportOrder[], names: ExportNames): ExportTable {
  const rows = orders.map(({ order: o, state: s }) => {
    const money = (n: number) => decimal(n, o.currency);
    return [
      o.number,
      o.createdAt,
      o.channel,
      s.status,
      s.paymentStatus,
      s.customerName,
      nameOf(names.people, o.by),
      nameOf(names.devices, o.deviceId),
      o.payment.method,
      money(sum(s.lines.map((l) => l.lineTotal))),
      money(s.tax),
      money(s.total),
      money(s.paid),
      money(s.refunded),
      money(s.balance),
      o.currency,
      s.lines.length,
    ];
  });
  return { name: 'orders', columns: [...ORDER_COLUMNS], rows };
}

export const ORDER_LINE_COLUMNS = [
  'order_number',
  'order_created_at',
  'product_code',
  'product_name',
  'unit',
  'quantity',
  'unit_price',
  'line_total',
  'currency',
] as const;

/**
 * One row per sold line of each order: the lines that hold now (an amended order's
 * new lines). Quantities are decimals in the sales unit (1.25 for 1,250 g sold by
 * the kg); `unit_price` is per sales unit.
 */
export function orderLinesTable(orders: readonly ExportOrder[]): ExportTable {
  const rows = orders.flatMap(({ order: o, state: s }) =>
    s.lines.map((l) => [
      o.number,
      o.createdAt,
      l.code,
      l.name,
      l.unit,
      quantityDecimal(l.qty, l.unit),
      decimal(l.unitPrice, o.currency),
      decimal(l.lineTotal, o.currency),
      o.currency,
    ]),
  );
  return { name: 'order-lines', columns: [...ORDER_LINE_COLUMNS], rows };
}
