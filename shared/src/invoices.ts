import type { Minor } from './money.ts';
import type { Invoice } from './schemas/invoice.ts';
import type { Order } from './schemas/order.ts';
import type { OrderState } from './order-state.ts';

/**
 * Invoices: due dates, derived payment status, aging and statements. An invoice is
 * a snapshot (schemas/invoice.ts); what was paid against it is the order's payment
 * events, so status and "overdue" are always derived, never stored.
 */

const DAY_MS = 86_400_000;
const dayNumber = (isoDay: string): number =>
  Math.floor(Date.parse(`${isoDay}T00:00:00Z`) / DAY_MS);
const isoDay = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** The due date: the issue date plus the shop's terms (net days). */
export function dueDate(issuedOn: string, termsDays: number): string {
  return isoDay(dayNumber(issuedOn) + termsDays);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export type InvoiceStatus = 'unpaid' | 'partial' | 'paid' | 'void';
export const INVOICE_STATUSES = ['unpaid', 'partial', 'paid', 'void'] as const;

export const AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** Which aging bucket a debt falls in, by days past its due date. */
export function agingBucket(daysOverdue: number): AgingBucket {
  if (daysOverdue <= 0) return 'current';
  if (daysOverdue <= 30) return '1-30';
  if (daysOverdue <= 60) return '31-60';
  if (daysOverdue <= 90) return '61-90';
  return '90+';
}

export interface InvoiceStanding {
  status: InvoiceStatus;
  /** paid against this invoice (the order's net payments, up to the invoice total) */
  paid: Minor;
  balance: Minor;
  overdue: boolean;
  /** days past the due date (0 when not yet due or settled) */
  daysOverdue: number;
  bucket: AgingBucket;
}

/**
 * Where an invoice stands today: what the order's payments (net of refunds) cover
 * of the invoice total. A cancelled order voids its invoice.
 */
export function invoiceStanding(
  invoice: Pick<Invoice, 'total' | 'dueOn'>,
  order: Pick<OrderState, 'paid' | 'refunded' | 'status'>,
  today: string,
): InvoiceStanding {
  if (order.status === 'cancelled') {
    return {
      status: 'void',
      paid: 0,
      balance: 0,
      overdue: false,
      daysOverdue: 0,
      bucket: 'current',
    };
  }
  const paid = Math.min(invoice.total, Math.max(0, order.paid - order.refunded));
  const balance = invoice.total - paid;
  const status: InvoiceStatus = balance === 0 ? 'paid' : paid > 0 ? 'partial' : 'unpaid';
  const late = balance > 0 ? Math.max(0, daysBetween(invoice.dueOn, today)) : 0;
  return { status, paid, balance, overdue: late > 0, daysOverdue: late, bucket: agingBucket(late) };
}

export type InvoiceFilter = 'all' | 'unpaid' | 'partial' | 'paid' | 'overdue';

/** Whether an invoice's standing passes a filter ("unpaid" means nothing paid yet). */
export function invoiceMatches(s: InvoiceStanding, filter: InvoiceFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'overdue') return s.overdue;
  return s.status === filter;
}

/** One tax line (the shop has one rate): the base it applies to and the tax. */
export interface TaxLine {
  rate: number;
  base: Minor;
  tax: Minor;
}

/** The tax breakdown an invoice prints: net of tax, the tax, and the rate. */
export function taxBreakdown(
  i: Pick<Invoice, 'subtotal' | 'tax' | 'total' | 'taxRate' | 'taxInclusive'>,
): TaxLine[] {
  if (i.taxRate === 0 && i.tax === 0) return [];
  return [{ rate: i.taxRate, base: i.total - i.tax, tax: i.tax }];
}

/** One debt on a customer's statement. */
export interface StatementLine {
  orderId: string;
  orderNumber: string;
  invoiceNumber: string | null;
  /** the sale's day, or the invoice's issue date */
  date: string;
  dueOn: string;
  total: Minor;
  balance: Minor;
  daysOverdue: number;
  bucket: AgingBucket;
}

export interface Statement {
  lines: StatementLine[];
  owed: Minor;
  byBucket: Record<AgingBucket, Minor>;
}

/** An order the customer may owe on, with its folded state and invoice (if any). */
export interface OwedOrder {
  order: Pick<Order, '_id' | 'number' | 'createdAt' | 'channel' | 'payment'>;
  state: Pick<OrderState, 'status' | 'total' | 'paid' | 'refunded' | 'balance' | 'handedOverAt'>;
  invoice: Pick<Invoice, 'number' | 'issuedOn' | 'dueOn' | 'total'> | null;
}

/**
 * What a customer owes: every invoiced order, every on-account sale and every order
 * the customer already has, with something left to pay. An un-invoiced sale is due
 * `termsDays` after its day. Oldest first.
 */
export function statement(
  orders: readonly OwedOrder[],
  termsDays: number,
  today: string,
): Statement {
  const lines: StatementLine[] = [];
  for (const { order, state, invoice } of orders) {
    if (state.status === 'cancelled') continue;
    const has =
      order.channel === 'counter' || state.handedOverAt !== null || state.status === 'delivered';
    if (!invoice && order.payment.method !== 'account' && !has) continue;
    const standing = invoice
      ? invoiceStanding(invoice, state, today)
      : invoiceStanding(
          { total: state.total, dueOn: dueDate(order.createdAt.slice(0, 10), termsDays) },
          state,
          today,
        );
    if (standing.balance <= 0) continue;
    lines.push({
      orderId: order._id,
      orderNumber: order.number,
      invoiceNumber: invoice?.number ?? null,
      date: invoice?.issuedOn ?? order.createdAt.slice(0, 10),
      dueOn: invoice?.dueOn ?? dueDate(order.createdAt.slice(0, 10), termsDays),
      total: invoice?.total ?? state.total,
      balance: standing.balance,
      daysOverdue: standing.daysOverdue,
      bucket: standing.bucket,
    });
  }
  lines.sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.orderNumber < b.orderNumber ? -1 : 1,
  );
  const byBucket: Record<AgingBucket, Minor> = {
    current: 0,
    '1-30': 0,
    '31-60': 0,
    '61-90': 0,
    '90+': 0,
  };
  for (const l of lines) byBucket[l.bucket] += l.balance;
  return { lines, owed: lines.reduce((t, l) => t + l.balance, 0), byBucket };
}
