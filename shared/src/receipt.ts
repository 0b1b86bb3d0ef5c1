import { formatMoney } from './money.ts';
import type { OrderState } from './order-state.ts';
import { METHOD_WORDS, paymentLine, taxLabel, type MoneyFormat } from './payment-words.ts';
import { formatQuantity } from './quantity.ts';
import type { Order, OrderLine } from './schemas/order.ts';
import type { SettingsFields } from './schemas/settings.ts';

/**
 * What a receipt says about one sale, worded once for every form it takes: the
 * app's text receipt and the PDF receipt the app and the server make.
 */

/** What a receipt prints about the shop (its settings). */
export type ReceiptShop = Pick<
  SettingsFields,
  'shopName' | 'address' | 'contact' | 'taxId' | 'taxRate' | 'receiptFooter'
>;

/**
 * The order as its events leave it, as far as a receipt tells it: what was paid
 * since, a cancellation and, when given, the refunds and returned items.
 */
export type ReceiptState = Pick<OrderState, 'paid' | 'refunded' | 'status'> &
  Partial<Pick<OrderState, 'refunds' | 'returned' | 'lines'>>;

export interface ReceiptFormat {
  /** BCP 47 locale for money, quantities and dates; the runtime's own when left out */
  locale?: string;
  /** IANA time zone the times are told in; the runtime's own when left out */
  timeZone?: string;
  /** how money is written; `formatMoney` in the order's currency by default */
  money?: MoneyFormat;
}

/** One sold line: "Apples", "1.25 kg", "€4.00/kg", "€5.00". */
export interface ReceiptItem {
  name: string;
  qty: string;
  price: string;
  amount: string;
}

/** A labelled amount: "Change", "€7.50". */
export interface ReceiptFigure {
  label: string;
  value: string;
}

export interface ReceiptParts {
  shopName: string;
  /** address, contact and tax id, only those the shop has set */
  shopDetails: string[];
  /** "Receipt K3-0007" */
  title: string;
  /** the sale's date and time */
  when: string;
  /** set when the order was cancelled */
  cancelled: string;
  /** the customer's name; null for a walk-in */
  customer: ReceiptFigure | null;
  items: ReceiptItem[];
  subtotal: ReceiptFigure;
  tax: ReceiptFigure | null;
  /** an online delivery order's fee, part of the total */
  deliveryFee: ReceiptFigure | null;
  total: ReceiptFigure;
  /** where the payment stands: "Paid: €2.50 (Cash)" */
  payment: string;
  /** cash given and change, for a cash sale */
  tendered: ReceiptFigure | null;
  change: ReceiptFigure | null;
  /** "To deliver later", or '' */
  later: string;
  /** items brought back: "0.5 kg × Apples" */
  returned: string[];
  /** money paid back, each with when and how */
  refunds: ReceiptFigure[];
  footer: string;
}

/** The shop's lines under its name (receipts, invoices, statements): only what it has set. */
export function shopDetails(shop: Pick<ReceiptShop, 'address' | 'contact' | 'taxId'>): string[] {
  const taxId = shop.taxId.trim();
  return [shop.address.trim(), shop.contact.trim(), taxId ? `Tax ID: ${taxId}` : ''].filter(
    Boolean,
  );
}

/** The receipt's wording for `order`; `state` (from its events) adds what happened since. */
export function receiptParts(
  order: Order,
  shop: ReceiptShop,
  format: ReceiptFormat = {},
  state?: ReceiptState,
): ReceiptParts {
  const { locale, timeZone } = format;
  const m = format.money ?? ((n: number) => formatMoney(n, order.currency, locale));
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  });
  const when = (iso: string) => dateTime.format(new Date(iso));
  const qty = (l: Pick<OrderLine, 'qty' | 'unit'>, qty = l.qty) =>
    formatQuantity(qty, l.unit, locale);
  const tax = taxLabel(order, shop.taxRate, locale);
  const { tendered, change } = order.payment;
  return {
    shopName: shop.shopName,
    shopDetails: shopDetails(shop),
    title: `Receipt ${order.number}`,
    when: when(order.createdAt),
    cancelled: state?.status === 'cancelled' ? 'CANCELLED — this order no longer stands' : '',
    customer: order.customerName ? { label: 'Customer', value: order.customerName } : null,
    items: order.lines.map((l) => ({
      name: l.name,
      qty: qty(l),
      price: `${m(l.unitPrice)}${l.unit === 'piece' ? '' : `/${l.unit}`}`,
      amount: m(l.lineTotal),
    })),
    subtotal: { label: 'Subtotal', value: m(order.subtotal) },
    tax: tax ? { label: tax, value: m(order.tax) } : null,
    deliveryFee: order.deliveryFee ? { label: 'Delivery', value: m(order.deliveryFee) } : null,
    total: { label: 'Total', value: m(order.total) },
    payment: paymentLine(order, m, state),
    tendered: tendered === null ? null : { label: 'Cash given', value: m(tendered) },
    change: change === null ? null : { label: 'Change', value: m(change) },
    later:
      order.channel === 'counter'
        ? ''
        : `To ${order.channel === 'delivery' ? 'deliver' : 'pick up'} later`,
    returned: returnedWords(order, state, qty),
    refunds: (state?.refunds ?? []).map((r) => ({
      label: `Refund, ${when(r.at)}${r.method ? ` (${METHOD_WORDS[r.method]})` : ''}`,
      value: m(r.amount),
    })),
    footer: shop.receiptFooter.trim() || 'Thank you!',
  };
}

/** What came back, in the order it came back, named as it was sold. */
function returnedWords(
  order: Order,
  state: ReceiptState | undefined,
  qty: (l: OrderLine, qty: number) => string,
): string[] {
  if (!state?.returned?.size) return [];
  // an amendment may have added a product the sale did not have: its lines name it
  const lines = new Map<string, OrderLine>();
  for (const l of [...(state.lines ?? []), ...order.lines]) lines.set(l.productId, l);
  const out: string[] = [];
  for (const [productId, n] of state.returned) {
    const line = lines.get(productId);
    if (line && n > 0) out.push(`${qty(line, n)} × ${line.name}`);
  }
  return out;
}

/**
 * A plain-text receipt, for sharing, copying and printing. With the order's
 * state (from its events) it tells what was paid since, and a cancellation.
 */
export function receiptText(
  order: Order,
  shop: ReceiptShop,
  format: ReceiptFormat = {},
  state?: ReceiptState,
): string {
  const r = receiptParts(order, shop, format, state);
  const figure = (f: ReceiptFigure | null) => (f ? `${f.label}: ${f.value}` : '');
  const out = [
    r.shopName,
    ...r.shopDetails,
    '',
    r.title,
    r.when,
    r.cancelled,
    figure(r.customer),
    '',
    ...r.items.map((i) => `${i.name}\n  ${i.qty} × ${i.price} = ${i.amount}`),
    '',
    figure(r.subtotal),
    figure(r.tax),
    figure(r.deliveryFee),
    figure(r.total),
    r.payment,
    figure(r.tendered),
    figure(r.change),
    r.later,
    '',
    r.returned.length ? 'Returned:' : '',
    ...r.returned.map((w) => `  ${w}`),
    ...r.refunds.map(figure),
    '',
    r.footer,
  ];
  return out
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''))
    .join('\n')
    .trim();
}
