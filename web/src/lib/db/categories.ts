import { isoNow, type Product } from '@stallkeeper/shared';
import { liveQuery, type Observable } from 'dexie';
import { schemas } from '../schemas.ts';
import { ValidationError, type ShopContext } from './shop.ts';

export interface CategoryCount {
  name: string;
  /** products in it, archived ones included */
  products: number;
}

/** The shop's categories with how many products each holds, by name. */
export function liveCategoryCounts(ctx: ShopContext): Observable<CategoryCount[]> {
  return liveQuery(async () => {
    const counts = new Map<string, number>();
    // (only products with a category are in this index)
    await ctx.local.products.orderBy('categoryKey').each((p) => {
      counts.set(p.category, (counts.get(p.category) ?? 0) + 1);
    });
    return [...counts]
      .map(([name, products]) => ({ name, products }))
      .sort((a, b) => a.name.localeCompare(b.name));
  });
}

/**
 * Move every product of category `from` to `to` ('' removes the category): each
 * product's category changes like an edit (a new clock stamp, so the merge keeps
 * it over an older edit), and one activity entry says what the owner did.
 * Returns how many products changed.
 */
export async function renameCategory(ctx: ShopContext, from: string, to: string): Promise<number> {
  const { lineText } = await schemas();
  const parsed = lineText(60).safeParse(to);
  if (!parsed.success) throw new ValidationError('category: use up to 60 letters, on one line');
  const next = parsed.data;
  if (!from || next === from) return 0;
  const rows = await ctx.local.products.where('categoryKey').equals(from).toArray();
  const stamp = ctx.clock.next();
  const edits: (Product & { _rev: string })[] = [];
  for (const row of rows) {
    const doc = await ctx.get<Product>(row.id);
    if (!doc || (doc.category ?? '') !== from) continue;
    edits.push({
      ...doc,
      _rev: doc._rev ?? '',
      category: next,
      stamps: { ...doc.stamps, category: stamp },
      updatedAt: isoNow(),
    });
  }
  const changed = edits.length;
  if (changed) {
    const what = next
      ? `Renamed category ${from} to ${next}`
      : `Removed category ${from} from its products`;
    // every product and the entry in one write: a page closed midway renames none
    await ctx.putEdits(
      edits,
      ctx.auditDoc(
        'category.rename',
        `category:${from}`.slice(0, 120),
        `${what} (${changed} ${changed === 1 ? 'product' : 'products'})`,
        { category: from },
        { category: next, products: changed },
      ),
    );
  }
  return changed;
}
