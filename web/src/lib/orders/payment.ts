import type { Order } from '@stallkeeper/shared';

// The payment words live in shared, where the receipts (the app's and the server's) use them.
export { paymentLine, type MoneyFormat, type Payments } from '@stallkeeper/shared';

/** The first line of an order's timeline: a sale handed over, or an order to fulfil. */
export function saleTitle(order: Order): string {
  return order.channel === 'counter' ? 'Sold' : 'Ordered';
}
