import { earliest, effectiveLines } from './amendments.ts';
import { emptyCodeIndex, onProductCode } from './catalog-codes.ts';
import { formatQuantity } from './quantity.ts';
import { MAX_ALERT_IDS } from './schemas/vocabulary.ts';
import type { Order } from './schemas/order.ts';
import type { OrderEvent } from './schemas/order-event.ts';

import {
  available,
  get,
  statusOf,
  threshold,
  uniq,
  type AllocLine,
  type EngineDoc,
  type EngineOutput,
  type EngineState,
  type EngineOrder,
} from './allocation-state.ts';

export * from './allocation-state.ts';

/**
 * The resolver's rules, as a pure engine fed documents in server arrival order.
 *
 * - L[p], the ledger, is exactly shared/stock.ts's stock on hand for the facts seen.
 * - B[p] is what delivery/pickup orders are still owed (backordered, not yet filled).
 * - P[p] = L[p] + B[p] is what is physically there and promised to no one.
 *
 * A counter sale was handed over, so it is always accepted; the part of it beyond
 * P is oversold and raises an alert. A delivery/pickup order takes what P covers,
 * first come first served; the rest is backordered and filled, in order, when stock
 * comes back (restock, return, cancellation). Feeding the same documents in the same
 * order gives the same decisions; feeding a document twice changes nothing.
 */
/**
 * An oversell alert names the most recent takers of each oversold product: enough to
 * know who to ask, and bounded, so a product sold thousands of times without stock
 * never makes alerts grow with its history (the schema allows 500 ids per list).
 */
export const ALERT_TAKERS = 50;

/** Low-stock alerts on crossing the threshold downwards; cleared when back above it. */
function checkLow(s: EngineState, p: string, at: string, out: EngineOutput): void {
  const level = available(s, p);
  const t = threshold(s, p);
  const state = s.low[p] ?? { open: false, n: 0 };
  const name = s.names[p] ?? p;
  // in the product's own unit: "1.5 kg", never 1500 (grams)
  const unit = s.units?.[p] ?? 'piece';
  const amount = (q: number) => formatQuantity(Math.max(q, 0), unit);
  if (!state.open && level <= t) {
    state.open = true;
    state.n += 1;
    out.alerts.push({
      id: `alert:low:${p}:${state.n}`,
      kind: 'low_stock',
      cleared: false,
      productIds: [p],
      orderIds: [],
      sellerIds: [],
      deviceIds: [],
      message:
        level > 0
          ? `${name} is low: ${amount(level)} left (alert at ${amount(t)}).`
          : `${name} is out of stock (alert at ${amount(t)}).`,
      at,
    });
  } else if (state.open && level > t) {
    state.open = false;
    out.alerts.push({
      id: `alert:low:${p}:${state.n}`,
      kind: 'low_stock',
      cleared: true,
      productIds: [p],
      orderIds: [],
      sellerIds: [],
      deviceIds: [],
      message: `${name} was restocked: ${amount(level)} available.`,
      at,
    });
  }
  s.low[p] = state;
}

/** Record a new decision for an order whose allocation changed. */
function decide(s: EngineState, orderId: string, at: string, out: EngineOutput): void {
  const o = s.orders[orderId];
  if (!o) return;
  out.decisions.push({
    orderId,
    n: o.n,
    status: statusOf(o.alloc, o.cancelled),
    lines: o.alloc.map((l) => ({ ...l })),
    at,
  });
  o.n += 1;
}

/** Stock came back for a product: fill what is owed, oldest first, while any is free. */
function fill(s: EngineState, p: string, at: string, out: EngineOutput): void {
  const queue = s.owed[p];
  if (!queue) return;
  const touched: string[] = [];
  while (queue.length && available(s, p) > 0) {
    const head = queue[0];
    if (!head) break;
    const give = Math.min(head.remaining, available(s, p));
    head.remaining -= give;
    const line = s.orders[head.orderId]?.alloc.find((l) => l.productId === p);
    if (line) {
      line.allocated += give;
      line.backordered -= give;
    }
    touched.push(head.orderId);
    if (head.remaining === 0) queue.shift();
  }
  for (const id of uniq(touched)) decide(s, id, at, out);
}

/** Units of a product came back (restock, return, release). */
function stockIn(s: EngineState, p: string, qty: number, at: string, out: EngineOutput): void {
  s.ledger[p] = get(s.ledger, p) + qty;
  if (qty > 0) {
    fill(s, p, at, out);
    if (available(s, p) >= 0) s.takers[p] = [];
  }
  checkLow(s, p, at, out);
}

function onOrder(s: EngineState, o: Order, out: EngineOutput): void {
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
    const takers = (s.takers[l.productId] ??= []);
    takers.push({ orderId: o._id, by: o.by, deviceId: o.deviceId });
    if (takers.length > ALERT_TAKERS) takers.splice(0, takers.length - ALERT_TAKERS);
  }
  decide(s, o._id, o.createdAt, out);
  if (oversoldProducts.length) {
    const takers = oversoldProducts.flatMap((p) => s.takers[p] ?? []);
    const names = oversoldProducts.map((p) => s.names[p] ?? p);
    out.alerts.push({
      id: `alert:oversell:${o._id}`,
      kind: 'oversell',
      cleared: false,
      productIds: oversoldProducts,
      orderIds: uniq(takers.map((t) => t.orderId)).slice(-MAX_ALERT_IDS),
      sellerIds: uniq(takers.map((t) => t.by)).slice(-MAX_ALERT_IDS),
      deviceIds: uniq(takers.map((t) => t.deviceId)).slice(-MAX_ALERT_IDS),
      message: `Sold more ${names.join(', ')} than in stock (order ${o.number}). Count the stock, or accept the difference.`,
      at: o.createdAt,
    });
  }
  for (const l of state.lines) checkLow(s, l.productId, o.createdAt, out);
}

function onCancel(s: EngineState, e: OrderEvent, out: EngineOutput): void {
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

function onReturn(
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

/** The lines an order takes now, by the shared amendment rule. */
function currentLines(
  s: EngineState,
  orderId: string,
  channel: string,
  original: readonly { productId: string; qty: number }[],
): { productId: string; qty: number }[] {
  const lines = effectiveLines(
    channel,
    original,
    s.amendments?.[orderId] ?? [],
    s.handedOver?.[orderId] ?? null,
  );
  return lines.map((l) => ({ productId: l.productId, qty: l.qty }));
}

/**
 * An amendment or a hand-over arrived: if the lines that hold changed, move the
 * order's allocation to them. Less of a product gives back what was backordered
 * first, then what was allocated (which may fill others' backorders); more is
 * allocated from what is free and the rest backordered, behind those already waiting.
 */
function reallocate(s: EngineState, orderId: string, at: string, out: EngineOutput): void {
  const o = s.orders[orderId];
  if (!o || o.cancelled || o.channel === 'counter') return;
  // until the first change, the lines held are the order's own
  o.original ??= o.lines;
  const before = new Map(o.lines.map((l) => [l.productId, l.qty]));
  const next = currentLines(s, orderId, o.channel, o.original);
  const after = new Map(next.map((l) => [l.productId, l.qty]));
  const products = uniq([...before.keys(), ...after.keys()]);
  if (products.every((p) => (before.get(p) ?? 0) === (after.get(p) ?? 0))) return;
  for (const p of products) {
    const delta = (after.get(p) ?? 0) - (before.get(p) ?? 0);
    if (delta === 0) continue;
    let line = o.alloc.find((l) => l.productId === p);
    if (!line) {
      line = { productId: p, qty: 0, allocated: 0, backordered: 0, oversold: 0 };
      o.alloc.push(line);
    }
    if (delta < 0) {
      let release = -delta;
      // what is still owed first: the ledger gets it back and the queue forgets it
      const fromBack = Math.min(release, line.backordered);
      if (fromBack > 0) {
        line.backordered -= fromBack;
        let left = fromBack;
        const queue = s.owed[p] ?? [];
        for (let i = queue.length - 1; i >= 0 && left > 0; i--) {
          const q = queue[i];
          if (!q || q.orderId !== orderId) continue;
          const take = Math.min(left, q.remaining);
          q.remaining -= take;
          left -= take;
        }
        s.owed[p] = queue.filter((q) => q.remaining > 0);
        s.ledger[p] = get(s.ledger, p) + fromBack;
        release -= fromBack;
      }
      line.allocated -= release;
      line.qty += delta;
      if (release > 0) stockIn(s, p, release, at, out);
    } else {
      const covered = Math.min(delta, Math.max(0, available(s, p)));
      const short = delta - covered;
      line.qty += delta;
      line.allocated += covered;
      line.backordered += short;
      s.ledger[p] = get(s.ledger, p) - delta;
      if (short > 0) (s.owed[p] ??= []).push({ orderId, remaining: short });
      checkLow(s, p, at, out);
    }
  }
  o.lines = next;
  o.alloc = o.alloc.filter((l) => l.qty > 0);
  decide(s, orderId, at, out);
}

/** Feed one document (in server arrival order). Mutates `s`; returns what to write. */
export function applyDoc(s: EngineState, doc: EngineDoc): EngineOutput {
  const out: EngineOutput = { decisions: [], alerts: [] };
  switch (doc.type) {
    case 'product':
      // Mutable: always take the latest threshold, name and code.
      s.thresholds[doc._id] = doc.lowStockThreshold;
      s.names[doc._id] = doc.name;
      (s.units ??= {})[doc._id] = doc.unit;
      out.alerts.push(
        ...onProductCode((s.codes ??= emptyCodeIndex()), doc._id, doc.code, s.names, doc.updatedAt),
      );
      return out;
    case 'settings':
      s.lowDefault = doc.lowStockDefault;
      return out;
    default:
      break;
  }
  if (s.seen[doc._id]) return out;
  s.seen[doc._id] = true;
  switch (doc.type) {
    case 'order':
      onOrder(s, doc, out);
      break;
    case 'stock':
      stockIn(s, doc.productId, doc.qty, doc.at, out);
      break;
    case 'orderevent':
      if (doc.kind === 'cancelled') {
        onCancel(s, doc, out);
      } else if (doc.kind === 'returned') {
        onReturn(s, doc, out);
      } else if (doc.kind === 'amended') {
        for (const l of doc.lines) s.names[l.productId] ??= l.name;
        const list = ((s.amendments ??= {})[doc.orderId] ??= []);
        list.push({
          id: doc._id,
          at: doc.at,
          lines: doc.lines.map((l) => ({ productId: l.productId, qty: l.qty })),
        });
        reallocate(s, doc.orderId, doc.at, out);
      } else if (doc.kind === 'dispatched' || doc.kind === 'delivered') {
        const hs = (s.handedOver ??= {});
        const was = hs[doc.orderId] ?? null;
        hs[doc.orderId] = earliest(was, doc.at);
        if (s.online) delete s.online[doc.orderId]; // it left the shop: no longer held
        // a hand-over earlier than an amendment undoes it (it was amended too late)
        if (hs[doc.orderId] !== was) reallocate(s, doc.orderId, doc.at, out);
      }
      break;
  }
  return out;
}

/** The allocation document id for decision `n` about an order. */
export function allocationId(orderId: string, n: number): string {
  return n === 0 ? `allocation:${orderId}` : `allocation:${orderId}:${n}`;
}
