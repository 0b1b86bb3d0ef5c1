import {
  activityTable,
  canWrite,
  customersTable,
  foldOrder,
  invoicesTable,
  orderLinesTable,
  ordersTable,
  paymentsTable,
  productsTable,
  stockMovementsTable,
  type ExportNames,
  type ExportOrder,
  type ExportTable,
  type InvoiceFilter,
  type MovementProduct,
  type OrderEvent,
  type Role,
} from '@stallkeeper/shared';
import { firstValue } from './first-value.ts';
import { deviceName, personName } from '../people.ts';
import { knownNames, liveActivity, type ActivityEntry, type ActivityFilter } from './activity.ts';
import { liveInvoices, localDay } from './invoices.ts';
import type { OrderRow } from './local.ts';
import { liveOrderFacets, orderMatches, type OrderFilter } from './orders.ts';
import { liveSettings } from './settings.ts';
import type { ShopContext } from './shop.ts';

/**
 * The lists as CSV tables, read from this device's read models (so they work
 * offline) with the list's own filters, and shaped by shared/export. Every list
 * is read whole: the screens page through it, a file holds all of it.
 */

/** The file says which day it was made: `orders-2026-12-03.csv`. */
const dated = (t: ExportTable, today: string): ExportTable => ({
  ...t,
  name: `${t.name}-${today}`,
});

/** Names for the people and devices that appear: as the screens call them, never ids. */
async function namesFor(
  ctx: ShopContext,
  authored: readonly { by: string; deviceId: string }[],
): Promise<ExportNames> {
  const [names, facets] = await Promise.all([knownNames(ctx), firstValue(liveOrderFacets(ctx))]);
  const people = new Map<string, string>();
  const devices = new Map(facets.devices.map((d) => [d.id, d.name]));
  for (const { by, deviceId } of authored) {
    people.set(by, personName(by, names));
    // a device that never sold (only wrote entries) is called after whoever wrote on it
    if (!devices.has(deviceId)) {
      devices.set(deviceId, deviceName(deviceId, ctx.actor.deviceId, by, names));
    }
  }
  return { people, devices };
}

/** The orders the list's filter lets through, newest first (every one, not a page). */
async function ordersOf(ctx: ShopContext, f: OrderFilter): Promise<OrderRow[]> {
  const coll = f.from
    ? ctx.local.orders.where('createdAt').aboveOrEqual(f.from).reverse()
    : ctx.local.orders.orderBy('createdAt').reverse();
  return coll.filter(orderMatches(f)).toArray();
}

/** An order row already holds the folded state the export needs. */
const exportOrder = (r: OrderRow): ExportOrder => ({
  order: r.doc,
  state: {
    status: r.status,
    paymentStatus: r.paymentStatus,
    customerName: r.customerName,
    lines: r.amendedLines ?? r.doc.lines,
    tax: r.tax,
    total: r.total,
    paid: r.paid,
    refunded: r.refunded,
    balance: r.balance,
  },
});

export const ORDER_EXPORTS = ['orders', 'lines', 'payments'] as const;
export type OrderExport = (typeof ORDER_EXPORTS)[number];

/** The filtered orders as one of: a row per order, a row per line, or their money moves. */
export async function exportOrders(
  ctx: ShopContext,
  f: OrderFilter,
  kind: OrderExport,
  today = localDay(),
): Promise<ExportTable> {
  const rows = await ordersOf(ctx, { ...f, limit: undefined });
  if (kind === 'lines') return dated(orderLinesTable(rows.map(exportOrder)), today);
  if (kind === 'orders') {
    const names = await namesFor(
      ctx,
      rows.map((r) => r.doc),
    );
    return dated(ordersTable(rows.map(exportOrder), names), today);
  }
  // money moves come from the events: fold each order with its own
  const events = await ctx.local.events
    .where('orderId')
    .anyOf(rows.map((r) => r.id))
    .toArray();
  const byOrder = new Map<string, OrderEvent[]>();
  for (const e of events) byOrder.set(e.orderId, [...(byOrder.get(e.orderId) ?? []), e]);
  return dated(
    paymentsTable(
      rows.map((r) => ({ order: r.doc, state: foldOrder(r.doc, byOrder.get(r.id) ?? []) })),
    ),
    today,
  );
}

/**
 * The whole catalog, archived products too, with what is on hand. The cost is
 * left out for whoever may not edit products (the app shows it only in their form).
 */
export async function exportProducts(
  ctx: ShopContext,
  role: Role,
  today = localDay(),
): Promise<ExportTable> {
  const [products, stock, settings] = await Promise.all([
    ctx.local.products.toArray(),
    ctx.local.stock.toArray(),
    firstValue(liveSettings(ctx)),
  ]);
  const seesCost = canWrite(role, 'product', 'update').allowed;
  const onHand = new Map(stock.map((s) => [s.productId, s.onHand]));
  const shown = seesCost ? products : products.map((p) => ({ ...p, cost: null }));
  return dated(productsTable(shown, onHand, settings.currency), today);
}

/** Every stock movement (restock, count, adjustment, damage), newest first. */
export async function exportStockMovements(
  ctx: ShopContext,
  today = localDay(),
): Promise<ExportTable> {
  const [moves, products, names] = await Promise.all([
    ctx.local.moves.orderBy('at').reverse().toArray(),
    ctx.local.products.toArray(),
    knownNames(ctx),
  ]);
  const byId = new Map<string, MovementProduct>(products.map((p) => [p.id, p]));
  const people = new Map(moves.map((m) => [m.by, personName(m.by, names)]));
  return dated(stockMovementsTable(moves, byId, people), today);
}

export async function exportCustomers(ctx: ShopContext, today = localDay()): Promise<ExportTable> {
  return dated(customersTable(await ctx.local.customers.toArray()), today);
}

export interface InvoiceExportQuery {
  filter: InvoiceFilter;
  /** '' for everyone */
  customerId: string;
  /** YYYY-MM-DD: what "overdue" is measured against (the screen's day) */
  today: string;
}

/** The invoices the list shows, newest first, with where each stands on `today`. */
export async function exportInvoices(
  ctx: ShopContext,
  q: InvoiceExportQuery,
): Promise<ExportTable> {
  const rows = await firstValue(
    liveInvoices(ctx, {
      filter: q.filter,
      customerId: q.customerId || undefined,
      today: q.today,
      limit: Number.MAX_SAFE_INTEGER,
    }),
  );
  return dated(
    invoicesTable(rows.map((r) => ({ invoice: r.row.doc, standing: r.standing }))),
    q.today,
  );
}

/**
 * The activity log as the screen filters it, newest first; `describe` is the
 * screen's own sentence for an entry.
 */
export async function exportActivity(
  ctx: ShopContext,
  f: ActivityFilter,
  describe: (e: ActivityEntry) => string,
  today = localDay(),
): Promise<ExportTable> {
  const entries = await firstValue(liveActivity(ctx, { ...f, limit: Number.MAX_SAFE_INTEGER }));
  return dated(activityTable(entries, await namesFor(ctx, entries), describe), today);
}
