import { formatQuantity } from './quantity.ts';
import { MAX_ALERT_IDS } from './schemas/vocabulary.ts';
import type { Order } from './schemas/order.ts';
import {
  available,
  threshold,
  uniq,
  type AlertDecision,
  type EngineState,
  type EngineOutput,
} from './allocation-state.ts';

/**
 * An oversell alert names the most recent takers of each oversold product: enough to
 * know who to ask, and bounded, so a product sold thousands of times without stock
 * never makes alerts grow with its history (the schema allows 500 ids per list).
 */
export const ALERT_TAKERS = 50;

/** Low-stock alerts on crossing the threshold downwards; cleared when back above it. */
export function checkLow(s: EngineState, p: string, at: string, out: EngineOutput): void {
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

/** Note who took a product, keeping only the most recent ALERT_TAKERS. */
export function recordTaker(s: EngineState, p: string, o: Order): void {
  const takers = (s.takers[p] ??= []);
  takers.push({ orderId: o._id, by: o.by, deviceId: o.deviceId });
  if (takers.length > ALERT_TAKERS) takers.splice(0, takers.length - ALERT_TAKERS);
}

/** The alert a counter sale beyond stock raises, naming who took the oversold products. */
export function oversellAlert(s: EngineState, o: Order, oversoldProducts: string[]): AlertDecision {
  const takers = oversoldProducts.flatMap((p) => s.takers[p] ?? []);
  const names = oversoldProducts.map((p) => s.names[p] ?? p);
  return {
    id: `alert:oversell:${o._id}`,
    kind: 'oversell',
    cleared: false,
    productIds: oversoldProducts,
    orderIds: uniq(takers.map((t) => t.orderId)).slice(-MAX_ALERT_IDS),
    sellerIds: uniq(takers.map((t) => t.by)).slice(-MAX_ALERT_IDS),
    deviceIds: uniq(takers.map((t) => t.deviceId)).slice(-MAX_ALERT_IDS),
    message: `Sold more ${names.join(', ')} than in stock (order ${o.number}). Count the stock, or accept the difference.`,
    at: o.createdAt,
  };
}
