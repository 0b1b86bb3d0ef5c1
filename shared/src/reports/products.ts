import type { Minor } from '../money.ts';
import { lineTotal } from '../quantity.ts';
import { returnValue } from '../returns.ts';
import { linesOf, returnedBefore, type ReportContext } from './context.ts';
import type { ReportOrder, ReportProduct } from './input.ts';
import type { CategoryFigures, ProductFigures } from './types.ts';

/**
 * Sales per product, from the lines that hold now (after amendments) of the
 * period's sales. What came back from those orders before the period ended is
 * taken off: its quantity, and its value at the line's price (shared/returns.ts,
 * without the tax share: a line's revenue here is its value before tax added on
 * top, as its lineTotal is). Cost is the quantity at the product's cost now (null
 * when the product has none); margin = revenue − cost.
 */
export function salesByProduct(
  ctx: ReportContext,
  sales: readonly ReportOrder[],
  products: ReadonlyMap<string, ReportProduct>,
): ProductFigures[] {
  const until = ctx.input.period.to;
  const rows = new Map<string, ProductFigures>();
  for (const o of sales) {
    const back = ctx.eventsByOrder.has(o.id) ? returnedBefore(ctx, o.id, until) : null;
    for (const l of linesOf(o)) {
      const returned = Math.min(back?.get(l.productId) ?? 0, l.qty);
      const value =
        returned > 0
          ? l.lineTotal - returnValue([l], [{ productId: l.productId, qty: returned }])
          : l.lineTotal;
      let row = rows.get(l.productId);
      if (!row) {
        const p = products.get(l.productId);
        row = {
          productId: l.productId,
          name: p?.name ?? l.name ?? '',
          code: p?.code ?? l.code ?? '',
          unit: p?.unit ?? l.unit,
          category: p?.category ?? '',
          qty: 0,
          revenue: 0,
          cost: null,
          margin: null,
        };
        rows.set(l.productId, row);
      }
      row.qty += l.qty - returned;
      row.revenue += value;
    }
  }
  for (const row of rows.values()) {
    const cost = products.get(row.productId)?.cost ?? null;
    if (cost === null) continue;
    row.cost = lineTotal(cost, row.qty, row.unit);
    row.margin = row.revenue - row.cost;
  }
  return [...rows.values()].sort(
    (a, b) => b.revenue - a.revenue || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/**
 * byProduct summed by category ('' = uncategorised). A category's cost and margin
 * are null when any of its products has no cost (`uncosted` says how many), so a
 * margin is never shown for part of the goods.
 */
export function salesByCategory(byProduct: readonly ProductFigures[]): CategoryFigures[] {
  const cats = new Map<string, Required<CategoryFigures> & { costSum: Minor }>();
  for (const p of byProduct) {
    const c = cats.get(p.category) ?? {
      category: p.category,
      revenue: 0,
      cost: null,
      margin: null,
      products: 0,
      uncosted: 0,
      costSum: 0,
    };
    c.revenue += p.revenue;
    c.products++;
    if (p.cost === null) c.uncosted++;
    else c.costSum += p.cost;
    cats.set(p.category, c);
  }
  return [...cats.values()]
    .map(({ costSum, ...c }) =>
      c.uncosted === 0 ? { ...c, cost: costSum, margin: c.revenue - costSum } : c,
    )
    .sort((a, b) => b.revenue - a.revenue || (a.category < b.category ? -1 : 1));
}
