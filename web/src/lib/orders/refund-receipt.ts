import { formatMoney, formatQuantity, type Order } from '@stallkeeper/shared';
import { METHOD_LABEL } from './labels.ts';
import type { SavedReturn } from './return-form.svelte.ts';

/**
 * A plain-text refund receipt (share, copy, print): what came back, what was paid
 * back and how. Written-off items are marked, as the shop's copy needs to know.
 */
export function refundReceiptText(
  order: Pick<Order, 'number' | 'currency'>,
  ret: SavedReturn,
  shopName: string,
  locale?: string,
): string {
  const m = (n: number) => formatMoney(n, order.currency, locale);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(ret.at),
  );
  const out = [
    shopName,
    '',
    `Refund for order ${order.number}`,
    when,
    '',
    'Returned:',
    ...ret.lines.map(
      (l) =>
        `  ${formatQuantity(l.qty, l.unit, locale)} × ${l.name}${l.restock ? '' : ' (damaged, written off)'}`,
    ),
    '',
    ret.refund > 0
      ? `Refunded: ${m(ret.refund)}${ret.method ? ` (${METHOD_LABEL[ret.method]})` : ''}`
      : 'No money refunded',
    ret.reason ? `Reason: ${ret.reason}` : '',
  ];
  return out
    .filter((l, i) => l !== '' || out[i - 1] !== '')
    .join('\n')
    .trim();
}
