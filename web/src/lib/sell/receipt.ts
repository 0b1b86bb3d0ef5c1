import { formatMoney, formatQuantity, type Order, type OrderState } from '@stallkeeper/shared';
import { paymentLine } from '../orders/payment.ts';

/**
 * A plain-text receipt, for sharing, copying and printing. With the order's
 * state (from its events) it tells what was paid since, and a cancellation.
 */
export function receiptText(
  order: Order,
  shopName: string,
  locale?: string,
  state?: Pick<OrderState, 'paid' | 'refunded' | 'status'>,
): string {
  const m = (n: number) => formatMoney(n, order.currency, locale);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(order.createdAt),
  );
  const lines = order.lines.map((l) => {
    const qty = l.unit === 'piece' ? `${l.qty} ×` : `${formatQuantity(l.qty, l.unit, locale)} ×`;
    return `${l.name}\n  ${qty} ${m(l.unitPrice)}${l.unit === 'piece' ? '' : `/${l.unit}`} = ${m(l.lineTotal)}`;
  });
  const out = [
    shopName,
    `Receipt ${order.number}`,
    when,
    state?.status === 'cancelled' ? 'CANCELLED — this order no longer stands' : '',
    order.customerName ? `Customer: ${order.customerName}` : '',
    '',
    ...lines,
    '',
    `Subtotal: ${m(order.subtotal)}`,
    order.tax ? `Tax: ${m(order.tax)}` : '',
    `Total: ${m(order.total)}`,
    paymentLine(order, m, state),
    order.payment.tendered !== null ? `Cash given: ${m(order.payment.tendered)}` : '',
    order.payment.change !== null ? `Change: ${m(order.payment.change)}` : '',
    order.channel !== 'counter'
      ? `To ${order.channel === 'delivery' ? 'deliver' : 'pick up'} later`
      : '',
    '',
    'Thank you!',
  ];
  return out
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''))
    .join('\n')
    .trim();
}
