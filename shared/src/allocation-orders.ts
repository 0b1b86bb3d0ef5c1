/** An order arriving, being cancelled, and having items returned. */

import { currentLines } from './allocation-amend.ts';
import { checkLow, oversellAlert, recordTaker } from './allocation-alerts.ts';
import {
  available,
  get,
  type AllocLine,
  type EngineOrder,
  type EngineOutput,
  type EngineState,
} from './allocation-state.ts';
import { decide, stockIn } from './allocation-stock.ts';
import type { Order } from './schemas/order.ts';
import type { OrderEvent } from './schemas/order-event.ts';

/**
 * A new order takes its lines: a counter sale always (what stock did not cover is
 * oversold), a delivery/pickup order what is free, the rest backordered in turn.
 */
export function onOrder(s: EngineState, o: Order, out: EngineOutput): void {
  const state: EngineOrder = {
    channel: o.channel,
    // amendments that arrived before the order already hold
    lines: currentLines(s, o._id, o.channel, o.lines),
    ...(s.amendments?.[o._id]?.length
      ? { original: o.lines.map((l) => ({ productId: l.productId, qty: l.qty })) }
      : {}),
    alloc: [],
    n: 0,
    cancelled: Boolean(s.cancelledEarly[o._id]),
    by: o.by,
    deviceId: o.deviceId,
    number: o.number,
  };
  s.orders[o._id] = state;
  for (const l of o.lines) s.names[l.productId] ??= l.name;
  const handed = s.handedOver?.[o._id] !== undefined;
  if (o.source === 'online' && o.channel !== 'counter' && !state.cancelled && !handed) {
    (s.online ??= {})[o._id] = true;
  }
  if (state.cancelled) {
    state.alloc = state.lines.map((l) => ({ ...l, allocated: 0, backordered: 0, oversold: 0 }));
    decide(s, o._id, o.createdAt, out);
    return;
  }
  const oversoldProducts: string[] = [];
  for (const l of state.lines) {
    const free = Math.max(0, available(s, l.productId));
    const covered = Math.min(l.qty, free);
    const short = l.qty - covered;
    const line: AllocLine = {
      productId: l.productId,
      qty: l.qty,
      allocated: covered,
      backordered: 0,
      oversold: 0,
    };
    if (state.channel === 'counter') {
      // Handed over already: always accepted; what stock did not cover is oversold.
      line.allocated = l.qty;
      line.oversold = short;
      if (short > 0) oversoldProducts.push(l.productId);
      s.ledger[l.productId] = get(s.ledger, l.productId) - l.qty;
    } else {
      line.backordered = short;
      s.ledger[l.productId] = get(s.ledger, l.productId) - l.qty;
      if (short > 0) (s.owed[l.productId] ??= []).push({ orderId: o._id, remaining: short });
    }
    state.alloc.push(line);
    recordTaker(s, l.productId, o);
  }
  decide(s, o._id, o.createdAt, out);
  if (oversoldProducts.length) out.alerts.push(oversellAlert(s, o, oversoldProducts));
  for (const l of state.lines) checkLow(s, l.productId, o.createdAt, out);
}

export function onCancel(s: EngineState, e: OrderEvent, out: EngineOutput): void {
  const o = s.orders[e.orderId];
  if (!o) {
    if (s.cancelledEarly[e.orderId]) return;
    s.cancelledEarly[e.orderId] = true;
    // Returns counted before we knew the order was cancelled no longer count.
    for (const r of Object.values(s.returns)) {
      if (r.orderId !== e.orderId) continue;
      for (const i of r.items) stockIn(s, i.productId, -i.qty, e.at, out);
    }
    return;
  }
  if (o.cancelled) return;
  o.cancelled = true;
  if (s.online) delete s.online[e.orderId];
  // Drop what the order is still owed, then give its lines back (minus what was
  // already returned, which the ledger had counted back in).
  for (const l of o.alloc) {
    const queue = s.owed[l.productId];
    if (queue) s.owed[l.productId] = queue.filter((q) => q.orderId !== e.orderId);
    l.allocated = 0;
    l.backordered = 0;
  }
  decide(s, e.orderId, e.at, out);
  const returned: Record<string, number> = {};
  for (const r of Object.values(s.returns)) {
    if (r.orderId !== e.orderId) continue;
    for (const i of r.items) returned[i.productId] = (returned[i.productId] ?? 0) + i.qty;
  }
  for (const l of o.lines) stockIn(s, l.productId, l.qty - (returned[l.productId] ?? 0), e.at, out);
  // Returned products the order never had were counted in too: they no longer count.
  for (const [p, qty] of Object.entries(returned)) {
    if (!o.lines.some((l) => l.productId === p)) stockIn(s, p, -qty, e.at, out);
  }
}

export function onReturn(
  s: EngineState,
  e: Extract<OrderEvent, { kind: 'returned' }>,
  out: EngineOutput,
): void {
  // a written-off item is refunded but never back on the shelf
  const items = e.items
    .filter((i) => i.restock !== false)
    .map((i) => ({ productId: i.productId, qty: i.qty }));
  s.returns[e._id] = { orderId: e.orderId, items };
  const o = s.orders[e.orderId];
  if (o?.cancelled || s.cancelledEarly[e.orderId]) return;
  for (const i of items) stockIn(s, i.productId, i.qty, e.at, out);
}
