import { isWeighed, type StockMovement } from '@stallkeeper/shared';
import type { CategoryName } from './catalog-data.ts';
import { DEVICES, iso, type DemoWriter } from './demo-context.ts';
import type { Sale, ShopProduct } from './demo-sales.ts';
import { DAY, HOUR, type MarketDay } from './market-week.ts';

/** Why perishables get written off, in the seller's words. */
const SPOILT: Record<CategoryName, string> = {
  Fruit: 'Bruised, thrown out',
  Vegetables: 'Gone soft',
  Herbs: 'Wilted',
  'Eggs & Dairy': 'Past its date',
  Bakery: 'Day-old, given to the food bank',
  Pantry: 'Jar broke',
  Flowers: 'Wilted',
  Drinks: 'Bottle broke',
};

const roundUp = (qty: number, step: number) => Math.max(step, Math.ceil(qty / step) * step);

interface SaleDay {
  day: MarketDay;
  qty: number;
}

/**
 * The stock movements behind the sales: opening stock, restocks before the market
 * days that need them (a week's sales in whole cases), now and then a perishable
 * written off after the market or a shelf count that found a little more or less.
 * A few products were not restocked in the last days, so the demo has some low stock.
 * The movements never let stock go below zero. Without the activity log (benchmarks
 * of bare history) each product gets one opening stock covering all its sales.
 */
export function buildStock(
  w: DemoWriter,
  input: { start: number; products: readonly ShopProduct[]; sales: readonly Sale[] },
): void {
  const { rng, now, people } = w;
  const byProduct = new Map<string, Map<string, SaleDay>>();
  for (const s of input.sales) {
    for (const l of s.order.lines) {
      const days = byProduct.get(l.productId) ?? new Map<string, SaleDay>();
      byProduct.set(l.productId, days);
      const d = days.get(s.day.date) ?? { day: s.day, qty: 0 };
      d.qty += l.qty;
      days.set(s.day.date, d);
    }
  }
  const move = (
    t: number,
    p: ShopProduct,
    fields: Pick<StockMovement, 'qty' | 'reason' | 'counted' | 'note'>,
    by: string,
    deviceId: string,
  ) => {
    const doc: StockMovement = {
      _id: `stock:${w.id(t)}`,
      type: 'stock',
      productId: p.doc._id,
      alertId: null,
      ...fields,
      at: iso(t),
      by,
      deviceId,
    };
    w.push(t, doc);
    w.audit(
      t,
      by,
      deviceId,
      `stock.${fields.reason}`,
      p.doc._id,
      `Stock ${fields.reason} ${fields.qty > 0 ? '+' : ''}${fields.qty}`,
      { qty: fields.qty, counted: fields.counted },
    );
  };
  const owner = people.ownerId;

  input.products.forEach((p, i) => {
    const opened = input.start + i;
    const { caseSize } = p.spec;
    const threshold = p.spec.lowStockThreshold ?? 5;
    const days = [...(byProduct.get(p.doc._id)?.values() ?? [])].sort(
      (a, b) => a.day.midnight - b.day.midnight,
    );
    const week = (from: number) => {
      let sum = 0;
      for (let k = from; k < days.length; k++) {
        const d = days[k];
        const first = days[from];
        if (!d || !first || d.day.midnight >= first.day.midnight + 7 * DAY) break;
        sum += d.qty;
      }
      return sum;
    };
    const all = days.reduce((n, d) => n + d.qty, 0);
    const initial = w.activity
      ? roundUp(week(0) + 2 * threshold, caseSize)
      : roundUp(all + threshold, caseSize);
    move(
      opened,
      p,
      { qty: initial, reason: 'initial', counted: null, note: 'Opening stock' },
      owner,
      DEVICES.laptop,
    );
    if (!w.activity) return;

    // one in ten products missed its last deliveries: low on stock now
    const short = rng.chance(0.1);
    let onHand = initial;
    days.forEach((d, k) => {
      const lastDays = d.day.midnight > now - 4 * DAY;
      if (onHand - d.qty <= threshold && (onHand - d.qty < 0 || !(short && lastDays))) {
        const qty = roundUp(week(k) + 2 * threshold - onHand, caseSize);
        const t = d.day.midnight + 6 * HOUR + Math.floor(rng.next() * 40 * 60_000);
        move(
          t,
          p,
          { qty, reason: 'restock', counted: null, note: `Delivery from ${p.spec.grower}` },
          owner,
          DEVICES.ownerPhone,
        );
        onHand += qty;
      }
      onHand -= d.qty;
      if (p.spec.perishable && onHand > 0 && rng.chance(0.03)) {
        const lost = Math.min(onHand, isWeighed(p.doc.unit) ? rng.int(2, 10) * 100 : rng.int(1, 3));
        const t = d.day.midnight + 14 * HOUR + Math.floor(rng.next() * 30 * 60_000);
        if (t < now) {
          move(
            t,
            p,
            { qty: -lost, reason: 'damage', counted: null, note: SPOILT[p.spec.category] },
            people.sellerId,
            DEVICES.stall,
          );
          onHand -= lost;
        }
      } else if (!p.spec.perishable && onHand > 2 && rng.chance(0.02)) {
        const diff = isWeighed(p.doc.unit) ? rng.int(-3, 3) * 50 || 50 : rng.chance(0.5) ? 1 : -1;
        const t = d.day.midnight + 18 * HOUR + Math.floor(rng.next() * HOUR);
        if (t < now && onHand + diff >= 0) {
          move(
            t,
            p,
            { qty: diff, reason: 'count', counted: onHand + diff, note: 'Shelf count' },
            owner,
            DEVICES.laptop,
          );
          onHand += diff;
        }
      }
    });
  });
}
