import { formatQuantity, type Unit } from '@stallkeeper/shared';
import { METHOD_LABEL } from '../orders/labels.ts';

/** What an entry names, looked up on the device: never shown as ids. */
export interface EntryRefs {
  /** the product the entry is about (a product or stock entry) */
  product: { name: string; unit: Unit } | null;
  /** the order the entry is about (an order entry) */
  order: { number: string; currency: string } | null;
  /** products an order event names (returned items), by id */
  products: Readonly<Record<string, { name: string; unit: Unit }>>;
}

/** The part of an audit entry its sentence is made from. */
export interface SummaryEntry {
  action: string;
  summary: string;
  before: Readonly<Record<string, unknown>> | null;
  after: Readonly<Record<string, unknown>> | null;
}

export interface SummaryWords {
  /** money in the given currency */
  money: (minor: number, currency: string) => string;
  /** the shop's currency, for entries without an order */
  currency: string;
  date: (iso: string) => string;
  locale?: string;
}

type Values = Readonly<Record<string, unknown>>;
const num = (v: Values | null, k: string): number | null =>
  typeof v?.[k] === 'number' ? v[k] : null;
const str = (v: Values | null, k: string): string | null =>
  typeof v?.[k] === 'string' && v[k] ? v[k] : null;
const isMethod = (m: string | null): m is keyof typeof METHOD_LABEL => !!m && m in METHOD_LABEL;
const method = (v: Values | null, k: string): string | null => {
  const m = str(v, k);
  return isMethod(m) ? METHOD_LABEL[m] : null;
};
/** The items of a return, as far as they are well formed. */
export function itemsOf(v: Values | null): { productId: string; qty: number | null }[] {
  const items: unknown[] = Array.isArray(v?.items) ? v.items : [];
  return items.flatMap((i) =>
    typeof i === 'object' && i !== null && 'productId' in i && typeof i.productId === 'string'
      ? [{ productId: i.productId, qty: 'qty' in i && typeof i.qty === 'number' ? i.qty : null }]
      : [],
  );
}

/** The order's number: from the device's orders, the entry's values, or its written summary. */
function orderNumber(e: SummaryEntry, refs: EntryRefs): string {
  return (
    refs.order?.number ??
    str(e.after, 'number') ??
    /^([^:\s]+):/.exec(e.summary)?.[1] ??
    /^Sale (\S+)/.exec(e.summary)?.[1] ??
    ''
  );
}

function productWords(e: SummaryEntry, refs: EntryRefs): string {
  const name = str(e.after, 'name') ?? refs.product?.name ?? str(e.before, 'name');
  const it = name ? `product ${name}` : 'a product';
  if (e.action === 'product.create') return `Added ${it}`;
  const was = e.before?.active;
  const now = e.after?.active;
  // Archiving is an edit of `active` alone; it reads as what the owner did.
  if (was === true && now === false) return `Archived ${it}`;
  if (was === false && now === true) return `Put ${it} back on sale`;
  return `Edited ${it}`;
}

function stockWords(e: SummaryEntry, refs: EntryRefs, w: SummaryWords): string {
  const name = refs.product?.name ?? 'a product';
  const unit = refs.product?.unit ?? null;
  const qty = num(e.after, 'qty');
  const amount = (q: number) => (unit ? formatQuantity(Math.abs(q), unit, w.locale) : null);
  const signed = qty !== null && amount(qty) ? ` ${qty < 0 ? '−' : '+'}${amount(qty)}` : '';
  switch (e.action) {
    case 'stock.initial':
      return `Opening stock of ${name}${signed}`;
    case 'stock.restock':
      return `Restocked ${name}${signed}`;
    case 'stock.count': {
      const counted = num(e.after, 'counted');
      const c = counted !== null ? amount(counted) : null;
      return `Counted ${name}${c ? `: ${c}` : ''}${signed ? ` (${signed.trim()})` : ''}`;
    }
    case 'stock.damage':
      return `Wrote off damaged ${name}${signed}`;
    default:
      return `Adjusted the stock of ${name}${signed}`;
  }
}

function returnedItems(e: SummaryEntry, refs: EntryRefs, locale?: string): string {
  const items = itemsOf(e.after);
  const named = items.flatMap((item) => {
    const p = refs.products[item.productId];
    if (!p) return [];
    return item.qty !== null
      ? [`${formatQuantity(item.qty, p.unit, locale)} × ${p.name}`]
      : [p.name];
  });
  if (named.length === items.length && named.length) return named.join(', ');
  return items.length === 1 ? '1 item' : `${items.length} items`;
}

function orderWords(e: SummaryEntry, refs: EntryRefs, w: SummaryWords): string {
  const n = orderNumber(e, refs);
  const order = n ? `order ${n}` : 'an order';
  const cur = refs.order?.currency ?? w.currency;
  const m = (minor: number) => w.money(minor, cur);
  const a = e.after;
  const amount = num(a, 'amount');
  const refund = num(a, 'refund');
  const reason = str(a, 'reason');
  const why = reason ? `: ${reason}` : '';
  const refunded = (verb: string) => {
    const how = method(a, 'refundMethod');
    return refund ? `, ${verb} ${m(refund)}${how ? ` (${how})` : ''}` : '';
  };
  switch (e.action) {
    case 'order.create': {
      const total = num(a, 'total');
      const channel = str(a, 'channel');
      // the shop page's orders say how the customer pays (its audit has no source)
      const online = a?.source === 'online' || a?.payment !== undefined ? 'Online ' : '';
      const what =
        channel === 'delivery' || channel === 'pickup' ? `${online}${channel} order` : 'Sale';
      return `${what[0]?.toUpperCase() ?? ''}${what.slice(1)} ${n}${total !== null ? ` — ${m(total)}` : ''}`;
    }
    case 'order.payment': {
      const how = method(a, 'method');
      const ref = str(a, 'reference');
      return `Payment of ${amount !== null ? m(amount) : 'money'} for ${order}${how ? ` (${how}${ref ? `, ref. ${ref}` : ''})` : ''}`;
    }
    case 'order.cancelled':
      return `Cancelled ${order}${refunded('refunded')}`;
    case 'order.returned':
      return `Returned ${returnedItems(e, refs, w.locale)} from ${order}${refunded('refunded')}`;
    case 'order.delivered': {
      const by = str(a, 'receivedBy');
      return `Delivered ${order}${by ? ` (received by ${by})` : ''}`;
    }
    case 'order.delivery_scheduled': {
      const at = str(a, 'scheduledFor');
      return `Planned the delivery of ${order}${at ? ` for ${w.date(at)}` : ''}`;
    }
    case 'order.dispatched':
      return `Sent ${order} out for delivery`;
    case 'order.delivery_failed':
      return `Delivery of ${order} failed`;
    case 'order.amended': {
      const total = num(a, 'total');
      return `Changed ${order}${total !== null ? `: total now ${m(total)}` : ''}`;
    }
    case 'order.note':
      return `Added a note to ${order}`;
    case 'order.accepted':
      return `Accepted online ${order}`;
    case 'order.ready':
      return `Marked ${order} ready for pickup`;
    case 'order.customer_request':
      return `The customer asked to ${str(a, 'request') === 'return' ? 'return items from' : 'cancel'} ${order}${why}`;
    case 'order.request_declined':
      return `Declined the customer's request on ${order}${why}`;
    default:
      return e.summary;
  }
}

/**
 * An activity entry as one sentence a seller reads: what was done to which named
 * product or numbered order, with money as money. The summary written at the time
 * is the fallback for what has no words here.
 */
export function describeEntry(e: SummaryEntry, refs: EntryRefs, w: SummaryWords): string {
  const [area] = e.action.split('.');
  if (area === 'product') return productWords(e, refs);
  if (area === 'stock') return stockWords(e, refs, w);
  if (area === 'order') return orderWords(e, refs, w);
  if (e.action === 'invoice.create') {
    const total = num(e.after, 'total');
    const number = str(e.after, 'number');
    if (number) {
      return `Invoice ${number}${total !== null ? ` — ${w.money(total, w.currency)}` : ''}`;
    }
  }
  return e.summary;
}
