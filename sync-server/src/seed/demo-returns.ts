import { returnValue } from '@stallkeeper/shared';
import type { CategoryName } from './catalog-data.ts';
import { DEVICES, type DemoWriter } from './demo-context.ts';
import { orderEvent } from './demo-order-life.ts';
import type { Sale, ShopProduct } from './demo-sales.ts';
import { between, nextOpenDay } from './market-week.ts';

/** What a customer brings back a perishable for; it is thrown out, not restocked. */
const SPOILT: Partial<Record<CategoryName, string>> = {
  Fruit: 'Mouldy at the bottom of the punnet.',
  Vegetables: 'Soft in the middle when cut.',
  Herbs: 'Wilted by the evening.',
  'Eggs & Dairy': 'Two cracked in the box.',
  Bakery: 'Stale the same day.',
  Flowers: 'Drooped the next morning.',
};
const UNOPENED = ['Bought two by mistake, unopened.', 'A present she already had, unopened.'];

/**
 * A few customers bring something back at the next market: a perishable gone off
 * (refunded, thrown out) or a jar they did not need (refunded, back on the shelf).
 * Refunds are what the app's return dialog computes, the way the sale was paid.
 */
export function buildReturns(
  w: DemoWriter,
  sales: readonly Sale[],
  products: readonly ShopProduct[],
): void {
  const { rng, now, people } = w;
  const byId = new Map(products.map((p) => [p.doc._id, p]));
  const stall = { by: people.sellerId, deviceId: DEVICES.stall };
  for (const s of sales) {
    const o = s.order;
    if (o.channel !== 'counter' || o.payment.method === 'account' || !rng.chance(0.012)) continue;
    const line = rng.pick(o.lines);
    const p = byId.get(line.productId);
    if (!p) continue;
    const spoilt = p.spec.perishable ? SPOILT[p.spec.category] : undefined;
    const qty = line.unit === 'piece' && line.qty > 1 && rng.chance(0.5) ? 1 : line.qty;
    const t = between(nextOpenDay(s.day), 8, 12, rng);
    const refund = returnValue(o.lines, [{ productId: line.productId, qty }], o);
    if (t >= now || refund <= 0) continue;
    orderEvent(
      w,
      o,
      t,
      {
        kind: 'returned',
        items: [{ productId: line.productId, qty, restock: !spoilt }],
        refund,
        refundMethod: o.payment.method,
        reason: spoilt ?? rng.pick(UNOPENED),
      },
      stall,
    );
  }
}
