import { liveQuery, type Observable } from 'dexie';
import { ATTENTION_FLAGS } from '../orders/online.ts';
import type { HeldOrder } from '../products/online-stock.ts';
import type { CustomerRow } from './local.ts';
import type { ShopContext } from './shop.ts';

/** Orders from the shop page, as the badge, the notice and the allowances read them. */

/** How many orders want an answer: new online orders and customers' open requests. */
export function liveAttentionCount(ctx: ShopContext): Observable<number> {
  return liveQuery(async () => {
    const ids = await ctx.local.orders
      .where('flags')
      .anyOf([...ATTENTION_FLAGS])
      .primaryKeys();
    // an order both new and asked about counts once
    return new Set(ids).size;
  });
}

/** A new online order, as a notice names it. */
export interface NewOnlineOrder {
  id: string;
  number: string;
  customerName: string;
  total: number;
  currency: string;
  createdAt: string;
}

/** Online orders nobody has accepted yet, oldest first. */
export function liveNewOnlineOrders(ctx: ShopContext): Observable<NewOnlineOrder[]> {
  return liveQuery(async () => {
    const rows = await ctx.local.orders.where('flags').equals('new').toArray();
    return rows
      .map((r) => ({
        id: r.id,
        number: r.number,
        customerName: r.customerName,
        total: r.total,
        currency: r.currency,
        createdAt: r.createdAt,
      }))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  });
}

/** The open online orders and the lines they hold now (amendments applied). */
export function liveOnlineHolds(ctx: ShopContext): Observable<HeldOrder[]> {
  return liveQuery(async () => {
    const rows = await ctx.local.orders.where('flags').equals('held').toArray();
    return rows.map((r) => ({
      id: r.id,
      lines: (r.amendedLines ?? r.doc.lines).map((l) => ({ productId: l.productId, qty: l.qty })),
    }));
  });
}

/** The customer an order names, as this device has them (null: walk-in or not here). */
export function liveOrderCustomer(
  ctx: ShopContext,
  customerId: string | null,
): Observable<CustomerRow | null> {
  return liveQuery(async () =>
    customerId ? ((await ctx.local.customers.get(customerId)) ?? null) : null,
  );
}
