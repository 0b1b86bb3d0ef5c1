import { liveQuery, type Observable } from 'dexie';
import type { ProductRow } from './local.ts';
import { steadyQuery, type SteadyQuery } from './steady-query.ts';
import type { ShopContext } from './shop.ts';

/*
 * What selling reads of the catalogue. Apart from products.ts (editing it), so the
 * sell screen's first load does not carry the product form's code.
 */

export interface ProductListItem extends ProductRow {
  onHand: number;
}

/** Search by name (anywhere) or code (prefix), case-insensitive. */
export function matchesProduct(p: ProductRow, term: string): boolean {
  return p.nameLower.includes(term) || p.codeLower.startsWith(term);
}

/**
 * The first `limit` products matching `term` (lower case; '' matches all) and how many
 * match in all: one pass, no list of every match (a keystroke's work, 10,000 products).
 */
export function searchCatalogue(
  all: readonly ProductRow[],
  term: string,
  limit: number,
): { shown: ProductRow[]; total: number } {
  if (!term) return { shown: all.slice(0, limit), total: all.length };
  const shown: ProductRow[] = [];
  let total = 0;
  for (const p of all) {
    if (!matchesProduct(p, term)) continue;
    if (total++ < limit) shown.push(p);
  }
  return { shown, total };
}

/**
 * The first `n` active products by name with their stock: what the sell screen draws
 * first. Reading the whole catalogue takes half a second at 10,000 products; this
 * reads a page of them. (Index order: an accented first letter sorts after z here
 * until the whole catalogue, sorted for the locale, replaces it.) A steady query:
 * a new device's first sync writes products while this reads them (steady-query.ts).
 */
export function liveFirstProducts(ctx: ShopContext, n: number): SteadyQuery<ProductListItem[]> {
  // One read transaction: a second one, made after the copy's next write, would wait for it.
  const { products, stock } = ctx.local;
  return steadyQuery(
    ctx.local,
    ['products', 'stock'],
    () =>
      ctx.local.transaction('r', products, stock, async () => {
        const rows = await firstActive(ctx, n);
        const levels = await stock.bulkGet(rows.map((p) => p.id));
        return rows.map((p, i) => ({ ...p, onHand: levels[i]?.onHand ?? 0 }));
      }),
    // a screenful waits for the rest of a first copy (each read held up its writes)
    { settled: (rows) => rows.length >= n },
  );
}

/**
 * The first `n` active products by name. A page read twice as long as needed is one
 * request; skipping archived rows one by one (a filtered cursor) is a round trip per
 * row, most of this screen's wait on a phone. The cursor is left for a catalogue whose
 * first rows are mostly archived.
 */
async function firstActive(ctx: ShopContext, n: number): Promise<ProductRow[]> {
  const page = await ctx.local.products
    .orderBy('nameLower')
    .limit(n * 2)
    .toArray();
  const active = page.filter((p) => p.active === 1);
  if (active.length >= n || page.length < n * 2) return active.slice(0, n);
  return ctx.local.products
    .orderBy('nameLower')
    .filter((p) => p.active === 1)
    .limit(n)
    .toArray();
}

/**
 * The active catalogue by name, without stock: the sell screen searches it in memory.
 * A sale changes stock, not this list, so it is not read again after each sale.
 */
export function liveCatalogue(ctx: ShopContext): Observable<ProductRow[]> {
  return liveQuery(async () => {
    const rows = await ctx.local.products.orderBy('nameLower').toArray();
    return rows
      .filter((p) => p.active === 1)
      .sort((a, b) => a.nameLower.localeCompare(b.nameLower));
  });
}

/** Every product's stock on hand (small rows: read again after each sale). */
export function liveStockLevels(ctx: ShopContext): Observable<Map<string, number>> {
  return liveQuery(
    async () => new Map((await ctx.local.stock.toArray()).map((s) => [s.productId, s.onHand])),
  );
}

/** An active product found by its exact code, with its stock, as a tile shows it. */
export async function productForSale(
  ctx: ShopContext,
  code: string,
): Promise<ProductListItem | null> {
  const row = await findByCode(ctx, code);
  if (!row || row.active !== 1) return null;
  return { ...row, onHand: (await ctx.local.stock.get(row.id))?.onHand ?? 0 };
}

async function findByCode(ctx: ShopContext, code: string): Promise<ProductRow | undefined> {
  return ctx.local.products.where('codeLower').equals(code.trim().toLowerCase()).first();
}

/** A photo's object URL from the replica (null when the product has none). */
async function photoUrl(ctx: ShopContext, id: string): Promise<string | null> {
  try {
    const blob = (await (await ctx.replica()).getAttachment(id, 'photo')) as Blob;
    return URL.createObjectURL(blob);
  } catch {
    return null;
  }
}

/**
 * Show a product's photo: hands its object URL to `show` once read, and returns
 * the cleanup (for an `$effect`) that revokes it, also when it arrives too late.
 */
export function showPhoto(
  ctx: ShopContext,
  id: string,
  show: (url: string | null) => void,
): () => void {
  let url: string | null = null;
  let live = true;
  void photoUrl(ctx, id).then((u) => {
    if (live) show((url = u));
    else if (u) URL.revokeObjectURL(u);
  });
  return () => {
    live = false;
    if (url) URL.revokeObjectURL(url);
    show(null);
  };
}
