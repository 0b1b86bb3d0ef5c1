import { kindOfId, type Product } from '@stallkeeper/shared';
import type { ProductRow } from './local.ts';

/** Pure mapping of a stored product to its read-model row. */
export function productRow(p: Product): ProductRow {
  return {
    id: p._id,
    code: p.code,
    name: p.name,
    nameLower: p.name.toLowerCase(),
    unit: p.unit,
    price: p.price,
    cost: p.cost,
    description: p.description,
    imageUrl: p.imageUrl,
    lowStockThreshold: p.lowStockThreshold,
    active: p.active ? 1 : 0,
    updatedAt: p.updatedAt,
  };
}

export type ChangeDoc = { _id: string; _deleted?: boolean } & Record<string, unknown>;

export interface ProjectionBatch {
  products: { put: ProductRow[]; remove: string[] };
  settings: Record<string, unknown> | null;
}

/** Group a batch of changed documents into read-model writes. */
export function planProjection(docs: readonly ChangeDoc[]): ProjectionBatch {
  const batch: ProjectionBatch = { products: { put: [], remove: [] }, settings: null };
  for (const doc of docs) {
    const kind = kindOfId(doc._id);
    if (kind === 'product') {
      if (doc._deleted) batch.products.remove.push(doc._id);
      else batch.products.put.push(productRow(doc as unknown as Product));
    } else if (kind === 'settings' && !doc._deleted) {
      batch.settings = doc;
    }
  }
  return batch;
}
