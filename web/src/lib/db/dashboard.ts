import { stockBadge } from '@stallkeeper/shared';
import { liveQuery, type Observable } from 'dexie';
import type { OrderRow } from './local.ts';
import type { ShopContext } from './shop.ts';

export interface DashboardFigures {
  products: number;
  customers: number;
  todayCount: number;
  todayRevenue: number;
  lowStock: number;
  outOfStock: number;
  recent: OrderRow[];
  currency: string;
}

/** Start of the device's local day, as an ISO instant. */
export function startOfToday(now = new Date()): string {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.toISOString();
}

/** Today's figures; `onlyBy` limits sales to one seller (a seller sees their own day). */
export function liveDashboard(
  ctx: ShopContext,
  onlyBy: string | null,
  lowDefault: number,
): Observable<DashboardFigures> {
  return liveQuery(async () => {
    const since = startOfToday();
    const [products, customers, today, stock, settings] = await Promise.all([
      ctx.local.products.where('active').equals(1).toArray(),
      ctx.local.customers.count(),
      ctx.local.orders.where('createdAt').aboveOrEqual(since).toArray(),
      ctx.local.stock.toArray(),
      ctx.local.meta.get('settings'),
    ]);
    const mine = today.filter((o) => o.status !== 'cancelled' && (!onlyBy || o.by === onlyBy));
    const onHand = new Map(stock.map((s) => [s.productId, s.onHand]));
    let low = 0;
    let out = 0;
    for (const p of products) {
      const badge = stockBadge(onHand.get(p.id) ?? 0, p.lowStockThreshold ?? lowDefault);
      if (badge === 'low') low++;
      if (badge === 'out') out++;
    }
    return {
      products: products.length,
      customers,
      todayCount: mine.length,
      todayRevenue: mine.reduce((s, o) => s + o.total, 0),
      lowStock: low,
      outOfStock: out,
      recent: mine.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 8),
      currency: (settings?.value as { currency?: string } | undefined)?.currency ?? 'EUR',
    };
  });
}
