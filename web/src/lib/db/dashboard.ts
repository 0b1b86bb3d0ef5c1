import {
  countsAsSale,
  dayFigures,
  daysOf,
  lastDays,
  stockBadge,
  type DayFigures,
} from '@stallkeeper/shared';
import { liveQuery, type Observable } from 'dexie';
import type { OrderRow } from './local.ts';
import { deviceLocalTime } from './reports.ts';
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
  /** the last 7 local days, today last: revenue and sales per day (as the reports count them) */
  week: DayFigures[];
}

/** Today's figures and the week's; `onlyBy` limits sales to one seller (a seller sees their own). */
export function liveDashboard(
  ctx: ShopContext,
  onlyBy: string | null,
  lowDefault: number,
): Observable<DashboardFigures> {
  return liveQuery(async () => {
    const local = deviceLocalTime();
    const week = lastDays(7, new Date().toISOString(), local);
    const [products, customers, recentDays, stock, settings] = await Promise.all([
      ctx.local.products.filter((p) => p.active === 1).toArray(),
      ctx.local.customers.count(),
      ctx.local.orders.where('createdAt').between(week.from, week.to, true, false).toArray(),
      ctx.local.stock.toArray(),
      ctx.local.meta.get('settings'),
    ]);
    const mine = recentDays.filter((o) => countsAsSale(o, onlyBy));
    const days = dayFigures(mine, daysOf(week, local), local);
    const today = days.at(-1) ?? {
      day: local.dayOf(new Date().toISOString()),
      revenue: 0,
      orders: 0,
    };
    const onHand = new Map(stock.map((s) => [s.productId, s.onHand]));
    let low = 0;
    let out = 0;
    for (const p of products) {
      const badge = stockBadge(onHand.get(p.id) ?? 0, p.lowStockThreshold ?? lowDefault);
      if (badge === 'low') low++;
      if (badge === 'out') out++;
    }
    const since = local.startOfDay(today.day);
    return {
      products: products.length,
      customers,
      todayCount: today.orders,
      todayRevenue: today.revenue,
      lowStock: low,
      outOfStock: out,
      recent: mine
        .filter((o) => o.createdAt >= since)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .slice(0, 8),
      currency: (settings?.value as { currency?: string } | undefined)?.currency ?? 'EUR',
      week: days,
    };
  });
}
