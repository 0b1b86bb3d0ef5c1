import { foldOrder, type DeliveryPlan, type OrderState } from '@stallkeeper/shared';
import { liveQuery, type Observable } from 'dexie';
import type { OrderRow } from './local.ts';
import type { ShopContext } from './shop.ts';

export interface DeliveryRow {
  row: OrderRow;
  state: OrderState;
  /** null: a delivery order nobody has scheduled yet */
  plan: DeliveryPlan | null;
}

/** How many open deliveries the screen reads at most (a shop's week is far below). */
const DELIVERY_LIMIT = 1000;

/**
 * Open deliveries (scheduled, out, failed) and delivery orders not yet scheduled,
 * by planned time; the screen groups them by day on this device's calendar.
 */
export function liveDeliveries(ctx: ShopContext): Observable<DeliveryRow[]> {
  return liveQuery(async () => {
    const rows = await ctx.local.orders
      .where('deliveryKey')
      .above('')
      .limit(DELIVERY_LIMIT)
      .toArray();
    const events = await ctx.local.events
      .where('orderId')
      .anyOf(rows.map((r) => r.id))
      .toArray();
    const byOrder = new Map<string, typeof events>();
    for (const e of events) byOrder.set(e.orderId, [...(byOrder.get(e.orderId) ?? []), e]);
    return rows.map((row) => {
      const state = foldOrder(row.doc, byOrder.get(row.id) ?? []);
      return { row, state, plan: state.delivery };
    });
  });
}
