import {
  PRODUCT_MERGE_FIELDS,
  productFields,
  ulid,
  describeIssues,
  type Product,
  type ProductFields,
} from '@stallkeeper/shared';
import { liveQuery, type Observable } from 'dexie';
import type { ProductRow } from './local.ts';
import { ValidationError, type ShopContext } from './shop.ts';

/** Data access for products: reads from the Dexie read model, writes to PouchDB. */
export function liveProducts(ctx: ShopContext, search: string): Observable<ProductRow[]> {
  const term = search.trim().toLowerCase();
  return liveQuery(async () => {
    const all = await ctx.local.products.orderBy('nameLower').toArray();
    if (!term) return all;
    return all.filter((p) => p.nameLower.includes(term) || p.code.toLowerCase().includes(term));
  });
}

export async function isCodeTaken(
  ctx: ShopContext,
  code: string,
  exceptId?: string,
): Promise<boolean> {
  const hits = await ctx.local.products.where('code').equals(code.trim()).toArray();
  return hits.some((p) => p.id !== exceptId);
}

export async function createProduct(ctx: ShopContext, input: ProductFields): Promise<Product> {
  const parsed = productFields.safeParse(input);
  if (!parsed.success) throw new ValidationError(describeIssues(parsed.error));
  if (await isCodeTaken(ctx, parsed.data.code)) {
    throw new ValidationError(`code: ${parsed.data.code} is already used by another product`);
  }
  const now = new Date().toISOString();
  const stamp = ctx.clock.next();
  const doc: Product = {
    _id: `product:${ulid()}`,
    type: 'product',
    ...parsed.data,
    createdAt: now,
    updatedAt: now,
    stamps: Object.fromEntries(PRODUCT_MERGE_FIELDS.map((f) => [f, stamp])),
  };
  return ctx.put(doc);
}
