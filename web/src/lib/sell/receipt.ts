import {
  formatMoney,
  formatQuantity,
  formatRate,
  orderTax,
  type Order,
  type OrderState,
  type SettingsFields,
} from '@stallkeeper/shared';
import { paymentLine } from '../orders/payment.ts';

/** What a receipt prints about the shop (its settings). */
export type ReceiptShop = Pick<
  SettingsFields,
  'shopName' | 'address' | 'contact' | 'taxId' | 'taxRate' | 'receiptFooter'
>;

/** The tax line: "Tax 16%: KES 16.00" added to the prices, "Incl. 10% tax: €1.00" inside them. */
export function taxLine(
  order: Pick<Order, 'subtotal' | 'tax' | 'total'>,
  shopRate: number,
  m: (minor: number) => string,
  locale?: string,
): string {
  const tax = orderTax(order, shopRate);
  if (!tax) return '';
  const rate = tax.rate === null ? '' : ` ${formatRate(tax.rate, locale)}`;
  return tax.inclusive ? `Incl.${rate} tax: ${m(order.tax)}` : `Tax${rate}: ${m(order.tax)}`;
}

/**
 * A plain-text receipt, for sharing, copying and printing. With the order's
 * state (from its events) it tells what was paid since, and a cancellation.
 */
export function receiptText(
  order: Order,
  shop: ReceiptShop,
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
    shop.shopName,
    shop.address.trim(),
    shop.contact.trim(),
    shop.taxId.trim() ? `Tax ID: ${shop.taxId.trim()}` : '',
    '',
    `Receipt ${order.number}`,
    when,
    state?.status === 'cancelled' ? 'CANCELLED — this order no longer stands' : '',
    order.customerName ? `Customer: ${order.customerName}` : '',
    '',
    ...lines,
    '',
    `Subtotal: ${m(order.subtotal)}`,
    taxLine(order, shop.taxRate, m, locale),
    `Total: ${m(order.total)}`,
    paymentLine(order, m, state),
    order.payment.tendered !== null ? `Cash given: ${m(order.payment.tendered)}` : '',
    order.payment.change !== null ? `Change: ${m(order.payment.change)}` : '',
    order.channel !== 'counter'
      ? `To ${order.channel === 'delivery' ? 'deliver' : 'pick up'} later`
      : '',
    '',
    shop.receiptFooter.trim() || 'Thank you!',
  ];
  return out
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''))
    .join('\n')
    .trim();
}
