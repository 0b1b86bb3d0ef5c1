import type { Order, OrderState } from '@stallkeeper/shared';
import { METHOD_LABEL } from './labels.ts';

/** Formats minor units in the order's currency (callers pass the device's locale). */
export type MoneyFormat = (minor: number) => string;

/** What has been paid so far; without a state, what was paid at the sale itself. */
export type Payments = Pick<OrderState, 'paid' | 'refunded'>;

/**
 * Where an order's payment stands, in the seller's words: "Paid: €12.00 (Card)",
 * "Not paid yet — to pay on delivery (Cash)", "On account — not paid yet".
 */
export function paymentLine(order: Order, money: MoneyFormat, payments?: Payments): string {
  const net = payments ? payments.paid - payments.refunded : order.payment.paid;
  const method = METHOD_LABEL[order.payment.method];
  if (payments && payments.refunded > 0 && net <= 0) {
    return `Refunded: ${money(payments.refunded)}`;
  }
  if (net <= 0) {
    if (order.payment.method === 'account') return 'On account — not paid yet';
    if (order.channel === 'delivery') return `Not paid yet — to pay on delivery (${method})`;
    if (order.channel === 'pickup') return `Not paid yet — to pay on pickup (${method})`;
    return `Not paid yet (${method})`;
  }
  // A later payment may have used another method: name the method only for the sale's own.
  const how = net === order.payment.paid ? ` (${method})` : '';
  if (net >= order.total) return `Paid: ${money(net)}${how}`;
  return `Paid: ${money(net)}${how} — ${money(order.total - net)} still to pay`;
}

/** The first line of an order's timeline: a sale handed over, or an order to fulfil. */
export function saleTitle(order: Order): string {
  return order.channel === 'counter' ? 'Sold' : 'Ordered';
}
