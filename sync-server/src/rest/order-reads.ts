import {
  allowedActions,
  DEFAULT_SETTINGS,
  foldOrder,
  type AllocStatus,
  type Order,
  type OrderEvent,
  type OrderState,
  type SettingsFields,
} from '@stallkeeper/shared';
import type { RestOrder } from '@stallkeeper/shared/rest';
import type { ShopDb } from '../storage/shop-db.ts';
import { publicId } from './openapi.ts';

/** An order with what the shop knows about it since: its events and the server's decision. */
export interface OrderFacts {
  order: Order & { _rev?: string };
  events: OrderEvent[];
  state: OrderState;
  allocation: AllocStatus | null;
}

const ulidOf = (orderId: string) => orderId.slice('order:'.length);

/**
 * The events and latest stock decisions of some orders, in two range reads: event
 * and allocation ids sort by their order's id, so orders read in id order have
 * theirs in one range each.
 */
export async function factsOf(db: ShopDb, orders: readonly Order[]): Promise<OrderFacts[]> {
  if (!orders.length) return [];
  const ids = orders.map((o) => ulidOf(o._id)).sort();
  const first = ids[0] ?? '';
  const last = ids.at(-1) ?? '';
  const [events, allocations] = await Promise.all([
    db.allDocs({
      startkey: `orderevent:${first}:`,
      endkey: `orderevent:${last}:\ufff0`,
      include_docs: true,
    }),
    db.allDocs({
      startkey: `allocation:order:${first}`,
      endkey: `allocation:order:${last}:\ufff0`,
      include_docs: true,
    }),
  ]);
  const wanted = new Set(orders.map((o) => o._id));
  const byOrder = new Map<string, OrderEvent[]>();
  for (const row of events.rows) {
    const e = ('doc' in row ? row.doc : null) as OrderEvent | null | undefined;
    if (!e || !wanted.has(e.orderId)) continue;
    byOrder.set(e.orderId, [...(byOrder.get(e.orderId) ?? []), e]);
  }
  const decision = new Map<string, { n: number; status: AllocStatus }>();
  for (const row of allocations.rows) {
    const a = ('doc' in row ? row.doc : null) as
      { _id: string; orderId?: string; status?: AllocStatus } | null | undefined;
    if (!a?.orderId || !wanted.has(a.orderId) || a.status === undefined) continue;
    // decision n of an order is allocation:<order id>:<n> (the first has no :n)
    const n = Number(a._id.slice(`allocation:${a.orderId}`.length + 1) || 0);
    const held = decision.get(a.orderId);
    if (!held || n >= held.n) decision.set(a.orderId, { n, status: a.status });
  }
  return orders.map((order) => {
    const evs = byOrder.get(order._id) ?? [];
    return {
      order,
      events: evs,
      state: foldOrder(order, evs),
      allocation: decision.get(order._id)?.status ?? null,
    };
  });
}

/** The shop's settings (every shop has them; the defaults fill what an old one lacks). */
export async function settingsOf(db: ShopDb): Promise<SettingsFields> {
  try {
    return { ...DEFAULT_SETTINGS, ...(await db.get<Partial<SettingsFields>>('settings')) };
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export function orderView(f: OrderFacts): RestOrder {
  const { order, state } = f;
  return {
    id: publicId(order._id),
    number: order.number,
    channel: order.channel,
    customerId: state.customerId ? publicId(state.customerId) : null,
    customerName: state.customerName,
    lines: state.lines.map((l) => ({
      productId: publicId(l.productId),
      code: l.code,
      name: l.name,
      unit: l.unit,
      unitPrice: l.unitPrice,
      qty: l.qty,
      lineTotal: l.lineTotal,
    })),
    currency: order.currency,
    subtotal: state.subtotal,
    tax: state.tax,
    total: state.total,
    status: state.status,
    paymentStatus: state.paymentStatus,
    paid: state.paid,
    refunded: state.refunded,
    balance: state.balance,
    allocation: f.allocation,
    delivery: state.delivery
      ? {
          scheduledFor: state.delivery.scheduledFor,
          windowEnd: state.delivery.windowEnd,
          address: state.delivery.address,
        }
      : null,
    actions: allowedActions(order, state),
    note: order.note,
    createdAt: order.createdAt,
    by: order.by,
  };
}
