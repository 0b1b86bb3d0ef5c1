import type { Minor } from '../money.ts';
import { lineTotal } from '../quantity.ts';
import { stockBadge } from '../stock.ts';
import { inPeriod, linesOf, type ReportContext } from './context.ts';
import type { ReportProduct } from './input.ts';
import { MOVEMENT_KINDS, type MovementKind, type StockLine, type StockReport } from './types.ts';

/** Which movement kind a stock movement's reason reports as. */
const KIND_OF_REASON: Record<string, MovementKind> = {
  initial: 'restock',
  restock: 'restock',
  count: 'count',
  adjustment: 'adjustment',
  damage: 'writeoff',
};

interface OnHand {
  lines: StockLine[];
  totals: StockReport['totals'];
}

/**
 * On hand depends on the catalogue and stock alone, not on the period: a screen
 * that passes the same arrays for every period it shows (the web's shop-wide
 * reads) gets it worked out once. Keyed by the arrays themselves, so nothing is
 * kept once they are gone.
 */
const onHandMemo = new WeakMap<
  readonly ReportProduct[],
  WeakMap<readonly { productId: string; onHand: number }[], { lowDefault: number; value: OnHand }>
>();

function onHandOf(
  products: readonly ReportProduct[],
  stock: readonly { productId: string; onHand: number }[],
  lowDefault: number,
): OnHand {
  const known = onHandMemo.get(products)?.get(stock);
  if (known?.lowDefault === lowDefault) return known.value;
  const onHand = new Map<string, number>();
  for (const s of stock) onHand.set(s.productId, s.onHand);
  const lines: StockLine[] = [];
  let valueAtCost: Minor = 0;
  let valueAtPrice: Minor = 0;
  let low = 0;
  let out = 0;
  for (const p of products) {
    if (!p.active) continue;
    const qty = onHand.get(p.id) ?? 0;
    const counted = Math.max(0, qty);
    const atCost = p.cost === null ? null : lineTotal(p.cost, counted, p.unit);
    const atPrice = lineTotal(p.price, counted, p.unit);
    const badge = stockBadge(qty, p.lowStockThreshold ?? lowDefault);
    lines.push({
      productId: p.id,
      name: p.name,
      code: p.code,
      unit: p.unit,
      category: p.category,
      onHand: qty,
      valueAtCost: atCost,
      valueAtPrice: atPrice,
      badge,
    });
    valueAtCost += atCost ?? 0;
    valueAtPrice += atPrice;
    if (badge === 'low') low++;
    if (badge === 'out') out++;
  }
  lines.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const value: OnHand = { lines, totals: { valueAtCost, valueAtPrice, low, out } };
  const byStock = onHandMemo.get(products) ?? new WeakMap();
  byStock.set(stock, { lowDefault, value });
  onHandMemo.set(products, byStock);
  return value;
}

/**
 * Stock, always shop-wide (a seller's report shows the same stock as the owner's):
 * - on hand of every active product, from the device's stock read model; its value
 *   at cost and at price counts what is there (never below 0);
 * - low / out by shared stockBadge with the product's threshold, else the shop's;
 * - movements of the period, signed base units: restock (restocks and opening
 *   stock), count and adjustment (the differences they recorded), sale (sold lines
 *   that hold now of the period's orders not cancelled, negative), return (returned
 *   goods back on the shelf), writeoff (damage movements, and returned goods that
 *   did not go back on the shelf: these never re-entered stock, so they are a loss
 *   to know of rather than a change of on-hand);
 * - oversell alerts the server raised in the period.
 */
export function stockReport(
  ctx: ReportContext,
  products: ReadonlyMap<string, ReportProduct>,
): StockReport {
  const { input } = ctx;
  const { lines, totals } = onHandOf(input.products, input.stock, input.lowStockDefault);

  const moved = new Map<string, Partial<Record<MovementKind, number>>>();
  const add = (productId: string, kind: MovementKind, qty: number) => {
    if (qty === 0) return;
    const m = moved.get(productId) ?? {};
    m[kind] = (m[kind] ?? 0) + qty;
    moved.set(productId, m);
  };
  for (const m of input.moves) {
    const kind = KIND_OF_REASON[m.reason];
    if (kind && inPeriod(m.at, input.period)) add(m.productId, kind, m.qty);
  }
  for (const o of ctx.current) {
    if (o.status === 'cancelled') continue;
    for (const l of linesOf(o)) add(l.productId, 'sale', -l.qty);
  }
  for (const e of input.events) {
    if (e.kind !== 'returned' || !inPeriod(e.at, input.period) || !ctx.valid(e)) continue;
    for (const i of e.items) {
      add(
        i.productId,
        i.restock === false ? 'writeoff' : 'return',
        i.restock === false ? -i.qty : i.qty,
      );
    }
  }

  const nameOf = (id: string) => {
    const p = products.get(id);
    if (p) return { name: p.name, unit: p.unit };
    for (const o of ctx.current) {
      const l = linesOf(o).find((x) => x.productId === id);
      if (l) return { name: l.name ?? '', unit: l.unit };
    }
    return { name: '', unit: 'piece' as const };
  };
  const movementsByProduct = [...moved].map(([productId, moves]) => ({
    productId,
    ...nameOf(productId),
    moves,
  }));
  movementsByProduct.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const movements = MOVEMENT_KINDS.map((kind) => {
    let qty = 0;
    let n = 0;
    for (const p of movementsByProduct) {
      const q = p.moves[kind];
      if (q === undefined) continue;
      qty += q;
      n++;
    }
    return { kind, qty, products: n };
  });

  const oversells = input.alerts
    .filter((a) => a.kind === 'oversell' && inPeriod(a.createdAt, input.period))
    .map((a) => ({ alertId: a.id, at: a.createdAt, message: a.message, open: Boolean(a.open) }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  return {
    products: lines,
    totals,
    movements,
    movementsByProduct,
    oversells,
  };
}
