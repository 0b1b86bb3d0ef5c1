import {
  buildOrder,
  foldOrder,
  isoNow,
  orderEventAudit,
  orderEventDoc,
  ulid,
  type CheckoutInput,
  type Order,
  type OrderEvent,
  type OrderEventBody,
  type OrderState,
  type OrderStatus,
} from '@stallkeeper/shared';
import { liveQuery, type Observable } from 'dexie';
import { deviceChoices, sellerChoices, type Choice } from '../people.ts';
import { knownNames } from './activity.ts';
import type { OrderListRow, OrderRow } from './local.ts';
import type { ShopContext } from './shop.ts';

export type CheckoutRequest = Omit<CheckoutInput, 'id' | 'number' | 'at' | 'by' | 'deviceId'>;

/** Charge: the order is durable in IndexedDB when this resolves. */
export async function checkout(ctx: ShopContext, req: CheckoutRequest): Promise<Order> {
  const started = performance.now();
  const order = buildOrder({
    ...req,
    id: `order:${ulid()}`,
    number: await ctx.nextNumber('order'),
    at: isoNow(),
    by: ctx.actor.userId,
    deviceId: ctx.actor.deviceId,
  });
  // The sale and its audit entry in one write (a fresh id: nothing to look up first).
  const saved = await ctx.putNew(
    order,
    ctx.auditDoc('order.create', order._id, `Sale ${order.number}`, null, {
      number: order.number,
      total: order.total,
      lines: order.lines.length,
      channel: order.channel,
    }),
  );
  // Durable in IndexedDB now; measured for the "charge" benchmark.
  performance.measure('sk:checkout', { start: started, end: performance.now() });
  return saved;
}

export interface OrderFilter {
  from?: string; // ISO date (inclusive)
  to?: string; // ISO date (inclusive)
  status?: OrderStatus | '';
  customerId?: string;
  deviceId?: string;
  by?: string;
  search?: string;
  /** only orders customers placed on the shop page */
  online?: boolean;
  limit?: number;
}

/** One order filter as a predicate (used on a Dexie cursor and on arrays). */
export function orderMatches(f: OrderFilter): (o: OrderRow) => boolean {
  const term = f.search?.trim().toLowerCase() ?? '';
  return (o) =>
    (!f.from || o.createdAt >= f.from) &&
    (!f.to || o.createdAt.slice(0, 10) <= f.to) &&
    (!f.status || o.status === f.status) &&
    (!f.customerId || o.customerId === f.customerId) &&
    (!f.deviceId || o.deviceId === f.deviceId) &&
    (!f.by || o.by === f.by) &&
    (!f.online || o.doc.source === 'online') &&
    (!term || o.number.toLowerCase().includes(term) || o.customerName.toLowerCase().includes(term));
}

/** Newest first, filtered; reads the createdAt index backwards. */
export function liveOrders(ctx: ShopContext, f: OrderFilter): Observable<OrderListRow[]> {
  return liveQuery(async () => {
    const coll = f.from
      ? ctx.local.orders.where('createdAt').aboveOrEqual(f.from).reverse()
      : ctx.local.orders.orderBy('createdAt').reverse();
    // The cursor stops at the limit: a shop with 100,000 orders never loads them all.
    const rows = await coll
      .filter(orderMatches(f))
      .limit(f.limit ?? 500)
      .toArray();
    return withDecisions(ctx, rows);
  });
}

/**
 * Join the resolver's latest decision onto order rows: the one copied with the
 * order (first sync) or a later one from the allocations table, whichever is newer.
 */
async function withDecisions(ctx: ShopContext, rows: OrderRow[]): Promise<OrderListRow[]> {
  const later = await ctx.local.allocations.bulkGet(rows.map((r) => r.id));
  return rows.map((r, i) => {
    const live = later[i];
    const d = live && (!r.decision || live.n >= r.decision.n) ? live : r.decision;
    return { ...r, allocStatus: d?.status ?? null };
  });
}

export interface OrderFacets {
  /** by name: "This device", "Sam's device" */
  devices: Choice[];
  /** by name, never by id */
  sellers: Choice[];
  customers: Choice[];
}

/** How far back the orders are read to learn who sells on each device. */
const DEVICE_LOOK_BACK = 2000;

/** The person who sold last on each device, from the newest orders (a bounded look back). */
async function lastSellers(ctx: ShopContext, deviceIds: string[]): Promise<Map<string, string>> {
  const left = new Set(deviceIds);
  const found = new Map<string, string>();
  let read = 0;
  await ctx.local.orders
    .orderBy('createdAt')
    .reverse()
    .until(() => left.size === 0 || read >= DEVICE_LOOK_BACK)
    .each((o) => {
      read++;
      if (left.delete(o.deviceId)) found.set(o.deviceId, o.by);
    });
  return found;
}

/** What the order filters can offer: devices, sellers and customers seen in orders, by name. */
export function liveOrderFacets(ctx: ShopContext): Observable<OrderFacets> {
  return liveQuery(async () => {
    const [facets, customers, names] = await Promise.all([
      ctx.local.facets.toArray(),
      ctx.local.orders.orderBy('customerKey').uniqueKeys(),
      knownNames(ctx),
    ]);
    const of = (kind: string) =>
      facets.flatMap((f) => (f.key.startsWith(`${kind}|`) ? [f.key.slice(kind.length + 1)] : []));
    const devices = of('device');
    const customerRows = await ctx.local.customers.bulkGet(customers.map(String).filter(Boolean));
    return {
      devices: deviceChoices(
        devices,
        ctx.actor.deviceId,
        await lastSellers(
          ctx,
          devices.filter((d) => d !== ctx.actor.deviceId),
        ),
        names,
      ),
      sellers: sellerChoices(of('seller'), names),
      customers: customerRows
        .flatMap((c) => (c ? [{ id: c.id, name: c.name }] : []))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  });
}

export interface OrderDetail {
  row: OrderListRow;
  order: Order;
  events: OrderEvent[];
  state: OrderState;
}

export function liveOrder(ctx: ShopContext, id: string): Observable<OrderDetail | null> {
  return liveQuery(async () => {
    const stored = await ctx.local.orders.get(id);
    if (!stored) return null;
    const [row] = await withDecisions(ctx, [stored]);
    if (!row) return null;
    const events = await ctx.local.events.where('orderId').equals(id).toArray();
    const state = foldOrder(row.doc, events);
    return { row, order: row.doc, events: state.timeline, state };
  });
}

export type EventInput = OrderEventBody;

/** Record a lifecycle fact about an order (orders themselves never change). */
export async function addOrderEvent(
  ctx: ShopContext,
  order: Order,
  input: EventInput,
  note = '',
): Promise<OrderEvent> {
  const entry = orderEventAudit(order, input);
  return ctx.putNew<OrderEvent>(
    orderEventDoc(order, ulid(), input, ctx.actor, note),
    ctx.auditDoc(entry.action, entry.target, entry.summary, entry.before, entry.after),
  );
}
