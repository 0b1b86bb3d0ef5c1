import { formatQuantity, type Unit } from '@stallkeeper/shared';
import { CHANNEL_LABEL, METHOD_LABEL } from '../orders/labels.ts';

/** One changed value of an activity entry, in words. */
export interface Change {
  label: string;
  before: string | null;
  after: string | null;
}

/** What the words need: the shop's money, the product's unit, names and dates. */
export interface ChangeWords {
  money: (minor: number) => string;
  /** the unit of the product the entry is about, for its quantities */
  unit: Unit | null;
  person: (userId: string) => string;
  date: (iso: string) => string;
  locale?: string;
}

type Show = (value: unknown, w: ChangeWords) => string | null;

const NONE = 'none';
const text: Show = (v) => (typeof v === 'string' ? v.trim() || NONE : v === null ? NONE : null);
const money: Show = (v, w) => (typeof v === 'number' ? w.money(v) : v === null ? NONE : null);
const count: Show = (v) => (typeof v === 'number' ? String(v) : null);
const yesNo: Show = (v) => (typeof v === 'boolean' ? (v ? 'yes' : 'no') : null);
const date: Show = (v, w) => (typeof v === 'string' && v ? w.date(v) : v === null ? NONE : null);
const person: Show = (v, w) => (typeof v === 'string' ? w.person(v) : v === null ? NONE : null);
// A quantity without its product's unit would be a bare number of grams: not shown.
const qty: Show = (v, w) =>
  typeof v === 'number' && w.unit ? formatQuantity(v, w.unit, w.locale) : v === null ? NONE : null;
const signedQty: Show = (v, w) => {
  const q = typeof v === 'number' ? qty(Math.abs(v), w) : null;
  return q && typeof v === 'number' ? `${v < 0 ? '−' : '+'}${q}` : null;
};
const words =
  (labels: Readonly<Record<string, string>>): Show =>
  (v) =>
    typeof v === 'string' ? (labels[v] ?? null) : null;
const percent: Show = (v, w) =>
  typeof v === 'number'
    ? new Intl.NumberFormat(w.locale, { style: 'percent', maximumFractionDigits: 2 }).format(
        v / 10_000,
      )
    : null;
const UNIT_WORDS = { piece: 'the piece', kg: 'the kg', l: 'the litre', m: 'the metre' };

/**
 * The values an activity entry may name, in the seller's words. Anything else an
 * entry carries (ids, counters, technical fields) is not shown at all.
 */
const FIELDS: Readonly<Record<string, { label: string; show: Show }>> = {
  name: { label: 'Name', show: text },
  code: { label: 'Code', show: text },
  unit: { label: 'Sold by', show: words(UNIT_WORDS) },
  price: { label: 'Price', show: money },
  cost: { label: 'Cost', show: money },
  description: { label: 'Description', show: text },
  lowStockThreshold: {
    label: 'Low-stock alert at',
    show: (v, w) => (v === null ? 'shop default' : qty(v, w)),
  },
  active: { label: 'On sale', show: yesNo },
  phone: { label: 'Phone', show: text },
  email: { label: 'Email', show: text },
  address: { label: 'Address', show: text },
  location: { label: 'Location', show: text },
  notes: { label: 'Notes', show: text },
  total: { label: 'Total', show: money },
  lines: { label: 'Lines', show: count },
  channel: { label: 'Hand-over', show: words(CHANNEL_LABEL) },
  amount: { label: 'Amount', show: money },
  method: { label: 'Paid by', show: words(METHOD_LABEL) },
  reason: { label: 'Reason', show: text },
  refund: { label: 'Refund', show: money },
  scheduledFor: { label: 'Delivery on', show: date },
  qty: { label: 'Stock change', show: signedQty },
  counted: { label: 'Counted', show: qty },
  resolution: { label: 'Resolution', show: text },
  acknowledgedAt: { label: 'Resolved on', show: date },
  acknowledgedBy: { label: 'Resolved by', show: person },
  shopName: { label: 'Shop name', show: text },
  currency: { label: 'Currency', show: text },
  taxRate: { label: 'Tax rate', show: percent },
  taxInclusive: { label: 'Prices include tax', show: yesNo },
  invoiceTermsDays: { label: 'Invoice due after (days)', show: count },
  lowStockDefault: { label: 'Low-stock alert at (default)', show: count },
  contact: { label: 'Contact', show: text },
  taxId: { label: 'Tax ID', show: text },
  paymentInstructions: { label: 'Payment instructions', show: text },
  invoiceFooter: { label: 'Invoice footer', show: text },
  receiptFooter: { label: 'Receipt footer', show: text },
  allowSellerCancel: { label: 'Sellers may cancel orders others took', show: yesNo },
  reference: { label: 'Reference', show: text },
  refundMethod: { label: 'Refunded by', show: words(METHOD_LABEL) },
  receivedBy: { label: 'Received by', show: text },
  windowEnd: { label: 'Until', show: date },
  customerName: { label: 'Customer', show: text },
};

/**
 * An entry's before and after values as labelled words, in a stable order. What
 * a new record leaves empty is not listed.
 */
export function describeChanges(
  before: Readonly<Record<string, unknown>> | null,
  after: Readonly<Record<string, unknown>> | null,
  w: ChangeWords,
): Change[] {
  const keys = Object.keys(FIELDS).filter(
    (k) => (before !== null && k in before) || (after !== null && k in after),
  );
  return keys.flatMap((k) => {
    const field = FIELDS[k];
    if (!field) return [];
    const was = before !== null && k in before ? field.show(before[k], w) : null;
    const now = after !== null && k in after ? field.show(after[k], w) : null;
    if (was === null && (now === null || (before === null && now === NONE))) return [];
    return [{ label: field.label, before: was, after: now }];
  });
}
