import {
  dueDate,
  foldOrder,
  invoiceMatches,
  invoiceStanding,
  isoNow,
  statement,
  ulid,
  type Invoice,
  type InvoiceFilter,
  type InvoiceStanding,
  type OrderState,
  type SettingsFields,
  type Statement,
} from '@stallkeeper/shared';
import { liveQuery, type Observable } from 'dexie';
import type { InvoiceRow, OrderRow } from './local.ts';
import type { OrderDetail } from './orders.ts';
import type { ShopContext } from './shop.ts';

/** Today on this device's calendar (YYYY-MM-DD), for due dates and aging. */
export function localDay(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/**
 * Issue an invoice for an order, from this device's invoice series: a snapshot of
 * the order's lines and totals as they stand, and of the shop's details.
 */
export async function createInvoice(
  ctx: ShopContext,
  d: OrderDetail,
  settings: SettingsFields,
  customerAddress = '',
  today = localDay(),
): Promise<Invoice> {
  const invoice: Invoice = {
    _id: `invoice:${ulid()}`,
    type: 'invoice',
    number: await ctx.nextNumber('invoice'),
    orderId: d.order._id,
    orderNumber: d.order.number,
    issuedOn: today,
    dueOn: dueDate(today, settings.invoiceTermsDays),
    customerId: d.state.customerId,
    customerName: d.state.customerName,
    customerAddress,
    currency: d.order.currency,
    lines: d.state.lines,
    subtotal: d.state.subtotal,
    tax: d.state.tax,
    total: d.state.total,
    taxRate: settings.taxRate,
    taxInclusive: settings.taxInclusive,
    seller: {
      name: settings.shopName,
      address: settings.address,
      contact: settings.contact,
      taxId: settings.taxId,
    },
    paymentInstructions: settings.paymentInstructions,
    footer: settings.invoiceFooter,
    note: '',
    at: isoNow(),
    by: ctx.actor.userId,
    deviceId: ctx.actor.deviceId,
  };
  return ctx.putNew(
    invoice,
    ctx.auditDoc('invoice.create', invoice._id, `Invoice ${invoice.number}`, null, {
      number: invoice.number,
      total: invoice.total,
      dueOn: invoice.dueOn,
    }),
  );
}

export interface InvoiceListRow {
  row: InvoiceRow;
  order: OrderRow | null;
  standing: InvoiceStanding;
}

export interface InvoiceQuery {
  filter: InvoiceFilter;
  customerId?: string;
  /** YYYY-MM-DD: what "overdue" is measured against */
  today: string;
  limit?: number;
}

/** How many invoices a list reads at most (newest first). */
const INVOICE_LIMIT = 1000;

const standingOf = (row: InvoiceRow, order: OrderRow | undefined, today: string) =>
  invoiceStanding(row.doc, order ?? { paid: 0, refunded: 0, status: 'open' }, today);

/** Invoices, newest first, with where each stands today. */
export function liveInvoices(ctx: ShopContext, q: InvoiceQuery): Observable<InvoiceListRow[]> {
  return liveQuery(async () => {
    const coll = q.customerId
      ? ctx.local.invoices.where('customerId').equals(q.customerId)
      : ctx.local.invoices.orderBy('issuedOn').reverse();
    const rows = [...(await coll.limit(q.limit ?? INVOICE_LIMIT).toArray())];
    rows.sort((a, b) =>
      a.issuedOn < b.issuedOn ? 1 : a.issuedOn > b.issuedOn ? -1 : a.number < b.number ? 1 : -1,
    );
    const orders = await ctx.local.orders.bulkGet(rows.map((r) => r.orderId));
    return rows
      .map((row, i) => ({
        row,
        order: orders[i] ?? null,
        standing: standingOf(row, orders[i], q.today),
      }))
      .filter((r) => invoiceMatches(r.standing, q.filter));
  });
}

export interface InvoiceDetail {
  invoice: Invoice;
  order: OrderRow | null;
  state: OrderState | null;
  standing: InvoiceStanding;
}

export function liveInvoice(
  ctx: ShopContext,
  id: string,
  today: string,
): Observable<InvoiceDetail | null> {
  return liveQuery(async () => {
    const row = await ctx.local.invoices.get(id);
    if (!row) return null;
    const order = await ctx.local.orders.get(row.orderId);
    const events = order ? await ctx.local.events.where('orderId').equals(order.id).toArray() : [];
    const state = order ? foldOrder(order.doc, events) : null;
    return {
      invoice: row.doc,
      order: order ?? null,
      state,
      standing: standingOf(row, order, today),
    };
  });
}

/** The invoices issued for one order (usually one). */
export function liveOrderInvoices(ctx: ShopContext, orderId: string): Observable<InvoiceRow[]> {
  return liveQuery(() => ctx.local.invoices.where('orderId').equals(orderId).toArray());
}

/** How many of a customer's orders a statement reads at most. */
const STATEMENT_ORDERS = 2000;

/** What a customer owes across on-account sales and invoices (shared/invoices.ts). */
export function liveStatement(
  ctx: ShopContext,
  customerId: string,
  termsDays: number,
  today: string,
): Observable<Statement> {
  return liveQuery(async () => {
    const [orders, invoices] = await Promise.all([
      ctx.local.orders.where('customerKey').equals(customerId).limit(STATEMENT_ORDERS).toArray(),
      ctx.local.invoices.where('customerId').equals(customerId).limit(STATEMENT_ORDERS).toArray(),
    ]);
    const owing = orders.filter((o) => o.balance > 0);
    const events = await ctx.local.events
      .where('orderId')
      .anyOf(owing.map((o) => o.id))
      .toArray();
    const byOrder = new Map<string, typeof events>();
    for (const e of events) byOrder.set(e.orderId, [...(byOrder.get(e.orderId) ?? []), e]);
    // the latest invoice of an order speaks for it
    const invoiceOf = new Map<string, Invoice>();
    for (const i of invoices) {
      const prev = invoiceOf.get(i.orderId);
      if (!prev || prev.issuedOn <= i.issuedOn) invoiceOf.set(i.orderId, i.doc);
    }
    return statement(
      owing.map((o) => ({
        order: o.doc,
        state: foldOrder(o.doc, byOrder.get(o.id) ?? []),
        invoice: invoiceOf.get(o.id) ?? null,
      })),
      termsDays,
      today,
    );
  });
}
