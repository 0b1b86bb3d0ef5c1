import type { Minor } from './money.ts';
import type { OrderState } from './order-state.ts';
import { formatRate, orderTax } from './percent.ts';
import type { Order } from './schemas/order.ts';
import type { PaymentMethod } from './schemas/vocabulary.ts';

/**
 * How payments and tax are said on receipts and order screens; here, not in the
 * app, because the server's receipts must say the same.
 */

/** The one list of payment-method words: checkout, order detail, receipts. */
export const METHOD_WORDS: Record<PaymentMethod, string> = {
  cash: 'Cash',
  card: 'Card',
  mobile: 'Mobile money',
  account: 'On account',
};

/** Formats minor units in the order's currency (callers choose the locale). */
export type MoneyFormat = (minor: Minor) => string;

/** What has been paid so far; without a state, what was paid at the sale itself. */
export type Payments = Pick<OrderState, 'paid' | 'refunded'>;

/**
 * Where an order's payment stands, in the seller's words: "Paid: €12.00 (Card)",
 * "Not paid yet — to pay on delivery (Cash)", "On account — not paid yet".
 */
export function paymentLine(order: Order, money: MoneyFormat, payments?: Payments): string {
  const net = payments ? payments.paid - payments.refunded : order.payment.paid;
  const method = METHOD_WORDS[order.payment.method];
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

/** What the tax line is called: "Tax 16%" added to the prices, "Incl. 10% tax" inside them. */
export function taxLabel(
  order: Pick<Order, 'subtotal' | 'tax' | 'total'>,
  shopRate: number,
  locale?: string,
): string {
  const tax = orderTax(order, shopRate);
  if (!tax) return '';
  const rate = tax.rate === null ? '' : ` ${formatRate(tax.rate, locale)}`;
  return tax.inclusive ? `Incl.${rate} tax` : `Tax${rate}`;
}

/** The tax line: "Tax 16%: KES 16.00", "Incl. 10% tax: €1.00"; none for an order without tax. */
export function taxLine(
  order: Pick<Order, 'subtotal' | 'tax' | 'total'>,
  shopRate: number,
  m: MoneyFormat,
  locale?: string,
): string {
  const label = taxLabel(order, shopRate, locale);
  return label ? `${label}: ${m(order.tax)}` : '';
}
