import {
  editProductDoc,
  newProductDoc,
  productFieldsOf,
  stockAudit,
  stockMovementDoc,
  ulid,
  type Product,
  type ProductFields,
  type ShopDoc,
  type StockMovement,
  type StockMoveInput,
} from '@stallkeeper/shared';
import { liveQuery, type Observable } from 'dexie';
import { matchesProduct, type ProductListItem } from './catalogue.ts';
import type { ProductRow } from './local.ts';
import { schemas } from '../schemas.ts';
import { blobToBase64 } from './blobs.ts';
import { ValidationError, type ShopContext } from './shop.ts';

export type ProductSort = 'name' | 'code' | 'price' | 'stock' | 'updated';

/** Products with their derived stock, filtered and sorted, from the read model. */
export function liveProducts(
  ctx: ShopContext,
  search: string,
  opts: { sort?: ProductSort; includeArchived?: boolean } = {},
): Observable<ProductListItem[]> {
  const term = search.trim().toLowerCase();
  const sort = opts.sort ?? 'name';
  return liveQuery(async () => {
    const [rows, stock] = await Promise.all([
      ctx.local.products.orderBy('nameLower').toArray(),
      ctx.local.stock.toArray(),
    ]);
    const onHand = new Map(stock.map((s) => [s.productId, s.onHand]));
    const list = rows
      .filter((p) => (opts.includeArchived || p.active === 1) && (!term || matchesProduct(p, term)))
      .map((p) => ({ ...p, onHand: onHand.get(p.id) ?? 0 }));
    const by: Record<ProductSort, (a: ProductListItem, b: ProductListItem) => number> = {
      name: (a, b) => a.nameLower.localeCompare(b.nameLower),
      code: (a, b) => a.codeLower.localeCompare(b.codeLower),
      price: (a, b) => a.price - b.price,
      stock: (a, b) => a.onHand - b.onHand,
      updated: (a, b) => b.updatedAt.localeCompare(a.updatedAt),
    };
    return list.sort(by[sort]);
  });
}

export function liveProduct(ctx: ShopContext, id: string): Observable<ProductListItem | null> {
  return liveQuery(async () => {
    const [p, s] = await Promise.all([ctx.local.products.get(id), ctx.local.stock.get(id)]);
    return p ? { ...p, onHand: s?.onHand ?? 0 } : null;
  });
}

/** One product as the read model holds it (archived ones too), or undefined. */
/** The shop's product categories, sorted (what the product form suggests). */
export function liveCategories(ctx: ShopContext): Observable<string[]> {
  return liveQuery(async () => {
    const keys = await ctx.local.products.orderBy('categoryKey').uniqueKeys();
    return keys.filter((k): k is string => typeof k === 'string'); // (only named ones are indexed)
  });
}

export async function productById(ctx: ShopContext, id: string): Promise<ProductRow | undefined> {
  return ctx.local.products.get(id);
}

export async function isCodeTaken(
  ctx: ShopContext,
  code: string,
  exceptId?: string,
): Promise<boolean> {
  const hits = await ctx.local.products
    .where('codeLower')
    .equals(code.trim().toLowerCase())
    .toArray();
  return hits.some((p) => p.id !== exceptId);
}

async function validate(input: ProductFields): Promise<ProductFields> {
  const { productFields, describeIssues } = await schemas();
  const parsed = productFields.safeParse(input);
  if (!parsed.success) throw new ValidationError(describeIssues(parsed.error));
  return parsed.data;
}

/**
 * A new product, with what is already on the shelf (`opening`, base units) as its first
 * stock movement: both, and their audit entries, in one write, so a page closed right
 * after saving cannot keep the product and lose its stock.
 */
export async function createProduct(
  ctx: ShopContext,
  input: ProductFields,
  photo?: Blob,
  opening = 0,
): Promise<Product> {
  const fields = await validate(input);
  if (await isCodeTaken(ctx, fields.code)) {
    throw new ValidationError(`code: ${fields.code} is already used by another product`);
  }
  const stamp = ctx.clock.next();
  const doc: Product = {
    ...newProductDoc(`product:${ulid()}`, fields, { ...ctx.actor, stamp }),
    ...(photo ? { _attachments: await photoAttachment(photo) } : {}),
  };
  // The photo merges like a field: the later edit wins.
  if (photo) doc.stamps = { ...doc.stamps, _attachments: stamp };
  const created = ctx.auditDoc(
    'product.create',
    doc._id,
    `Added product ${doc.name}`,
    null,
    fields,
  );
  // what is already on the shelf is a stock movement like any other (never a stored count)
  const stock =
    opening > 0 ? movement(ctx, { productId: doc._id, reason: 'initial', qty: opening }) : [];
  return ctx.putNew(doc, created, ...stock);
}

/** Change some fields; only changed fields get a new clock stamp (for the merge). */
export async function updateProduct(
  ctx: ShopContext,
  id: string,
  input: ProductFields,
  photo?: Blob | null,
): Promise<Product> {
  const current = await ctx.get<Product>(id);
  if (!current) throw await ctx.missing('product');
  const fields = await validate(input);
  if (await isCodeTaken(ctx, fields.code, id)) {
    throw new ValidationError(`code: ${fields.code} is already used by another product`);
  }
  const stamp = ctx.clock.next();
  const {
    doc: next,
    before,
    after,
    changed,
  } = editProductDoc(current, fields, {
    ...ctx.actor,
    stamp,
  });
  // The photo merges like a field: the later edit wins.
  if (photo !== undefined) next.stamps._attachments = stamp;
  if (photo === null) delete next._attachments;
  else if (photo) next._attachments = await photoAttachment(photo);
  const audit =
    changed || photo !== undefined
      ? [ctx.auditDoc('product.update', id, `Edited product ${next.name}`, before, after)]
      : [];
  const [saved] = await ctx.putEdits([{ ...next, _rev: current._rev ?? '' }], ...audit);
  return saved ?? next;
}

export async function setArchived(ctx: ShopContext, id: string, archived: boolean): Promise<void> {
  const current = await ctx.get<Product>(id);
  if (!current) {
    if (await ctx.stillCopying()) throw await ctx.missing('product');
    return; // gone already
  }
  // Parsing with the field schema keeps exactly the editable fields.
  await updateProduct(ctx, id, { ...productFieldsOf(current), active: !archived });
}

async function photoAttachment(photo: Blob) {
  const data = await blobToBase64(photo);
  return { photo: { content_type: photo.type || 'image/jpeg', data } };
}

/** A signed stock movement and its audit entry. */
function movement(ctx: ShopContext, input: StockMoveInput): [StockMovement, ShopDoc] {
  const doc = stockMovementDoc(`stock:${ulid()}`, input, ctx.actor);
  const entry = stockAudit(doc);
  return [doc, ctx.auditDoc(entry.action, entry.target, entry.summary, entry.before, entry.after)];
}

/** Restock, count or adjust: one signed stock movement. */
export async function moveStock(ctx: ShopContext, input: StockMoveInput): Promise<StockMovement> {
  return ctx.putNew(...movement(ctx, input));
}

/** A stock count: the movement is the difference between counted and on hand. */
export async function countStock(
  ctx: ShopContext,
  productId: string,
  counted: number,
  alertId: string | null = null,
): Promise<StockMovement | null> {
  const onHand = (await ctx.local.stock.get(productId))?.onHand ?? 0;
  const diff = counted - onHand;
  if (diff === 0) return null;
  return moveStock(ctx, { productId, reason: 'count', qty: diff, counted, alertId });
}
