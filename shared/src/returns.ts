import { divRound, sum, type Minor } from './money.ts';
import { lineTotal, type Unit } from './quantity.ts';

/** What a return needs to know of an order line. */
export interface ReturnLine {
  productId: string;
  unit: Unit;
  unitPrice: Minor;
  qty: number;
}

/** A quantity of one product coming back (base units). */
export interface ReturnItem {
  productId: string;
  qty: number;
}

/**
 * What returned goods are worth: each product's returned quantity (at most what the
 * line sold, several entries for one product add up) at the line's price, rounded per
 * line as at checkout. When tax was added on top of the prices (`totals.total` above
 * `totals.subtotal`), the value carries the same share of tax, so returning everything
 * is worth exactly the order's total.
 */
export function returnValue(
  lines: readonly ReturnLine[],
  items: readonly ReturnItem[],
  totals?: { subtotal: Minor; total: Minor },
): Minor {
  const wanted = new Map<string, number>();
  for (const i of items) {
    if (Number.isSafeInteger(i.qty) && i.qty > 0) {
      wanted.set(i.productId, (wanted.get(i.productId) ?? 0) + i.qty);
    }
  }
  const goods = sum(
    lines.map((l) => {
      const qty = Math.min(wanted.get(l.productId) ?? 0, l.qty);
      return qty > 0 ? lineTotal(l.unitPrice, qty, l.unit) : 0;
    }),
  );
  if (!totals || totals.subtotal <= 0 || totals.total <= totals.subtotal) return goods;
  return Number(divRound(BigInt(goods) * BigInt(totals.total), BigInt(totals.subtotal)));
}
