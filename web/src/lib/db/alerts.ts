import { isoNow, type Alert } from '@stallkeeper/shared';
import { liveQuery, type Observable } from 'dexie';
import type { AlertRow } from './local.ts';
import { countStock } from './products.ts';
import type { ShopContext } from './shop.ts';

export function liveAlerts(ctx: ShopContext, which: 'open' | 'all'): Observable<AlertRow[]> {
  return liveQuery(async () => {
    const rows =
      which === 'open'
        ? await ctx.local.alerts.where('open').equals(1).toArray()
        : await ctx.local.alerts.toArray();
    return rows.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  });
}

/** The owner accepts an alert as it is (e.g. the oversell is fine). */
export async function acknowledge(ctx: ShopContext, id: string, resolution: string): Promise<void> {
  const current = await ctx.get<Alert>(id);
  if (!current) return;
  const stamp = ctx.clock.next();
  await ctx.put({
    ...current,
    acknowledgedAt: isoNow(),
    acknowledgedBy: ctx.actor.userId,
    resolution: resolution.slice(0, 500),
    stamps: { ...current.stamps, acknowledgedAt: stamp, acknowledgedBy: stamp, resolution: stamp },
  });
  await ctx.audit('alert.acknowledge', id, `Resolved alert: ${resolution}`.slice(0, 500), null, {
    resolution,
  });
}

/** Resolve an oversell by counting the product: an adjustment, then acknowledge. */
export async function resolveByCount(
  ctx: ShopContext,
  alert: AlertRow,
  productId: string,
  counted: number,
): Promise<void> {
  const move = await countStock(ctx, productId, counted, alert.id);
  const diff = move ? `${move.qty > 0 ? '+' : ''}${move.qty}` : 'no change';
  await acknowledge(ctx, alert.id, `Counted ${counted} (adjustment ${diff})`);
}
