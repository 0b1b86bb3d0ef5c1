import { formatQuantity, isoNow, type Alert } from '@stallkeeper/shared';
import { withLeafHistory } from './revisions.ts';
import { liveQuery, type Observable } from 'dexie';
import { personName } from '../people.ts';
import { knownNames } from './activity.ts';
import type { AlertRow } from './local.ts';
import { countStock } from './products.ts';
import type { ShopContext } from './shop.ts';

/** An alert with the orders and sellers it names, in words (numbers and names, not ids). */
export interface AlertView extends AlertRow {
  /** the orders this device holds; one not synced here yet has no number to show */
  orders: { id: string; number: string }[];
  sellers: string[];
}

export function liveAlerts(ctx: ShopContext, which: 'open' | 'all'): Observable<AlertView[]> {
  return liveQuery(async () => {
    const rows =
      which === 'open'
        ? await ctx.local.alerts.where('open').equals(1).toArray()
        : await ctx.local.alerts.toArray();
    const orderIds = [...new Set(rows.flatMap((a) => a.orderIds))];
    const [orders, names] = await Promise.all([
      ctx.local.orders.bulkGet(orderIds),
      knownNames(ctx),
    ]);
    const numbers = new Map(orders.flatMap((o) => (o ? [[o.id, o.number] as const] : [])));
    return [...rows]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((a) => ({
        ...a,
        orders: a.orderIds.flatMap((id) => {
          const number = numbers.get(id);
          return number ? [{ id, number }] : [];
        }),
        sellers: [...new Set(a.sellerIds.map((id) => personName(id, names)))],
      }));
  });
}

/**
 * An alert as the replica holds it. A new device copies alerts into its read
 * model only; the first edit adopts the copied revision into the replica, so the
 * edit builds on the server's revision (and replicates as an update).
 */
async function alertToEdit(ctx: ShopContext, id: string): Promise<Alert | null> {
  const held = await ctx.get<Alert>(id);
  if (held) return held;
  const row = await ctx.local.alerts.get(id);
  if (!row?._rev) return null;
  const { id: _, open: __, ...doc } = row;
  await (
    await ctx.replica()
  ).bulkDocs([withLeafHistory({ ...doc, _rev: row._rev })], { new_edits: false });
  return ctx.get<Alert>(id);
}

/** The owner accepts an alert as it is (e.g. the oversell is fine). */
export async function acknowledge(ctx: ShopContext, id: string, resolution: string): Promise<void> {
  const current = await alertToEdit(ctx, id);
  if (!current) return;
  const stamp = ctx.clock.next();
  await ctx.putEdits(
    [
      {
        ...current,
        _rev: current._rev ?? '',
        acknowledgedAt: isoNow(),
        acknowledgedBy: ctx.actor.userId,
        resolution: resolution.slice(0, 500),
        stamps: {
          ...current.stamps,
          acknowledgedAt: stamp,
          acknowledgedBy: stamp,
          resolution: stamp,
        },
      },
    ],
    ctx.auditDoc('alert.acknowledge', id, `Resolved alert: ${resolution}`.slice(0, 500), null, {
      resolution,
    }),
  );
}

/** Resolve an oversell by counting the product: an adjustment, then acknowledge. */
export async function resolveByCount(
  ctx: ShopContext,
  alert: AlertRow,
  productId: string,
  counted: number,
): Promise<void> {
  const move = await countStock(ctx, productId, counted, alert.id);
  // in the product's unit ("1.5 kg"), as the seller counted it
  const unit = (await ctx.local.products.get(productId))?.unit ?? 'piece';
  const amount = (q: number) => formatQuantity(Math.abs(q), unit, navigator.language);
  const diff = move ? `${move.qty > 0 ? '+' : '−'}${amount(move.qty)}` : 'no change';
  await acknowledge(ctx, alert.id, `Counted ${amount(counted)} (${diff})`);
}
