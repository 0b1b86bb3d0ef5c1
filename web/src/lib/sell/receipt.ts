import { formatMoney, formatQuantity, type Order } from '@stallkeeper/shared';

const METHOD = {
  cash: 'Cash',
  card: 'Card',
  mobile: 'Mobile money',
  account: 'On account',
} as const;

/** A plain-text receipt, for sharing, copying and printing. */
export function receiptText(order: Order, shopName: string, locale?: string): string {
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
    order.customerName ? `Customer: ${order.customerName}` : '',
    '',
    ...lines,
    '',
    `Subtotal: ${m(order.subtotal)}`,
    order.tax ? `Tax: ${m(order.tax)}` : '',
    `Total: ${m(order.total)}`,
    `Paid: ${m(order.payment.paid)} (${METHOD[order.payment.method]})`,
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
