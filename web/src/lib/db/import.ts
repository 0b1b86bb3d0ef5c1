import {
  CUSTOMER_MERGE_FIELDS,
  PRODUCT_MERGE_FIELDS,
  customerFields,
  isoNow,
  productFields,
  ulid,
  type Customer,
  type CustomerPlan,
  type ExistingCustomer,
  type ExistingProduct,
  type Product,
  type ProductPlan,
  type ShopDoc,
  type StockMovement,
} from '@stallkeeper/shared';
import type { ShopContext } from './shop.ts';

/** Documents per replica write: big enough to be quick, small enough to show progress. */
const CHUNK = 2000;

export interface ImportProgress {
  /** rows written so far */
  done: number;
  total: number;
}

export interface ImportOutcome {
  added: number;
  updated: number;
  /** rows the replica refused at the last moment (changed meanwhile, say), in words */
  failed: { line: number; label: string; message: string }[];
}

/** The shop's products by code key, read once from the read model (archived ones too). */
export async function existingProducts(ctx: ShopContext): Promise<Map<string, ExistingProduct>> {
  const rows = await ctx.local.products.toArray();
  return new Map(
    rows.map((r) => [
      r.codeLower,
      {
        id: r.id,
        fields: {
          code: r.code,
          name: r.name,
          unit: r.unit,
          price: r.price,
          cost: r.cost,
          description: r.description,
          imageUrl: r.imageUrl,
          lowStockThreshold: r.lowStockThreshold,
          active: r.active === 1,
          category: r.category,
        },
      },
    ]),
  );
}

/** The shop's customers by their phone's digits (those with a phone), read once. */
export async function existingCustomers(ctx: ShopContext): Promise<Map<string, ExistingCustomer>> {
  const rows = await ctx.local.customers.toArray();
  return new Map(
    rows.flatMap((r) =>
      r.phoneDigits
        ? [
            [
              r.phoneDigits,
              {
                id: r.id,
                fields: {
                  name: r.name,
                  phone: r.phone,
                  email: r.email,
                  address: r.address,
                  location: r.location,
                  notes: r.notes,
                },
              },
            ] as const,
          ]
        : [],
    ),
  );
}

/** A file name fit for a note and the activity log (no control or direction characters). */
const cleanName = (name: string) => name.replace(/[^\p{L}\p{N} ._()-]/gu, '').slice(0, 120);

const GONE = 'it was deleted on another device meanwhile';
const CHANGED = 'it was changed on another device meanwhile; check it and import again';

/** One planned row's documents, and how to name it if the replica refuses them. */
interface Unit {
  line: number;
  label: string;
  docs: ShopDoc[];
  kind: 'added' | 'updated';
}

/**
 * Write the units in chunks of about CHUNK documents, each chunk one replica write;
 * updates read their current documents once per chunk. A unit whose documents the
 * replica refuses is reported; the rest go in.
 */
async function writeUnits(
  ctx: ShopContext,
  units: Unit[],
  onProgress: (p: ImportProgress) => void,
): Promise<ImportOutcome> {
  const out: ImportOutcome = { added: 0, updated: 0, failed: [] };
  let done = 0;
  onProgress({ done, total: units.length });
  for (let start = 0; start < units.length;) {
    const chunk: Unit[] = [];
    let size = 0;
    while (start < units.length && size < CHUNK) {
      const u = units[start++];
      if (!u) break;
      chunk.push(u);
      size += u.docs.length;
    }
    const errors = await ctx.putMany(chunk.flatMap((u) => u.docs));
    let k = 0;
    for (const u of chunk) {
      const mine = errors.slice(k, (k += u.docs.length)).filter((e) => e !== null);
      if (mine.length) out.failed.push({ line: u.line, label: u.label, message: mine[0] ?? '' });
      else out[u.kind]++;
    }
    done += chunk.length;
    onProgress({ done, total: units.length });
  }
  return out;
}

/**
 * Write with the read models paused: projecting each chunk while the next is written
 * more than doubles an import's time. The lists catch up right after, from the
 * replica; the import is done once its documents are in the replica.
 */
async function writeQuietly(
  ctx: ShopContext,
  units: Unit[],
  onProgress: (p: ImportProgress) => void,
): Promise<ImportOutcome> {
  ctx.projector.pause();
  try {
    return await writeUnits(ctx, units, onProgress);
  } finally {
    void ctx.projector.resume();
  }
}

/** The current documents of `ids`, by id (those still there). */
async function current<T extends ShopDoc>(
  ctx: ShopContext,
  ids: string[],
): Promise<Map<string, T>> {
  if (!ids.length) return new Map();
  const res = await ctx.pouch.allDocs({ keys: ids, include_docs: true });
  return new Map(
    res.rows.flatMap((r) => ('doc' in r && r.doc ? [[r.id, r.doc as unknown as T] as const] : [])),
  );
}

/**
 * An edit as `updateProduct`/`updateCustomer` make it: the row's fields over the
 * current document, a new clock stamp on each field that changed. Null when nothing did.
 */
function edited<D extends { stamps: Record<string, string> }>(
  doc: D,
  changes: Partial<D>,
  fields: readonly (keyof D & string)[],
  stamp: string,
): D | null {
  const stamps = { ...doc.stamps };
  let changed = false;
  for (const f of fields) {
    if (!(f in changes)) continue;
    // a product from before categories has none: '' is no change
    if (JSON.stringify(doc[f] === undefined ? '' : doc[f]) !== JSON.stringify(changes[f])) {
      stamps[f] = stamp;
      changed = true;
    }
  }
  return changed ? { ...doc, ...changes, stamps, updatedAt: isoNow() } : null;
}

/**
 * Add and update the planned products in one batch: new products with their opening
 * stock as an 'initial' stock movement (an update never adds stock), then one entry in
 * the activity log for the whole import. Done when the documents are in the replica;
 * the product list follows as the read model catches up.
 */
export async function importProducts(
  ctx: ShopContext,
  plan: ProductPlan,
  fileName: string,
  onProgress: (p: ImportProgress) => void = () => {},
): Promise<ImportOutcome> {
  const now = isoNow();
  const note = `Opening stock from ${cleanName(fileName)}`.trim();
  const updates = plan.rows.flatMap((r) => (r.action === 'update' ? [r] : []));
  const docs = await current<Product>(
    ctx,
    updates.map((u) => u.id),
  );
  const units: Unit[] = [];
  const gone: ImportOutcome['failed'] = [];
  for (const row of plan.rows) {
    if (row.action === 'new') {
      const stamp = ctx.clock.next();
      const product: Product = {
        _id: `product:${ulid()}`,
        type: 'product',
        ...row.fields,
        createdAt: now,
        updatedAt: now,
        stamps: Object.fromEntries(PRODUCT_MERGE_FIELDS.map((f) => [f, stamp])),
      };
      const unit: Unit = { line: row.line, label: row.label, docs: [product], kind: 'added' };
      if (row.opening !== 0) {
        const movement: StockMovement = {
          _id: `stock:${ulid()}`,
          type: 'stock',
          productId: product._id,
          qty: row.opening,
          reason: 'initial',
          counted: null,
          alertId: null,
          note,
          at: now,
          by: ctx.actor.userId,
          deviceId: ctx.actor.deviceId,
        };
        unit.docs.push(movement);
      }
      units.push(unit);
    } else if (row.action === 'update') {
      const doc = docs.get(row.id);
      if (!doc) {
        gone.push({ line: row.line, label: row.label, message: GONE });
        continue;
      }
      const next = edited<Product>(doc, row.changes, PRODUCT_MERGE_FIELDS, ctx.clock.next());
      const valid = next && productFields.safeParse({ category: '', ...next });
      if (valid && !valid.success) {
        gone.push({ line: row.line, label: row.label, message: CHANGED });
      } else if (next) {
        units.push({ line: row.line, label: row.label, docs: [next], kind: 'updated' });
      }
    }
  }
  const out = await writeQuietly(ctx, units, onProgress);
  out.failed.unshift(...gone);
  await logImport(ctx, 'products', fileName, plan.counts.skip, out);
  return out;
}

/** Add and update the planned customers in one batch, with one entry in the activity log. */
export async function importCustomers(
  ctx: ShopContext,
  plan: CustomerPlan,
  fileName: string,
  onProgress: (p: ImportProgress) => void = () => {},
): Promise<ImportOutcome> {
  const now = isoNow();
  const updates = plan.rows.flatMap((r) => (r.action === 'update' ? [r] : []));
  const docs = await current<Customer>(
    ctx,
    updates.map((u) => u.id),
  );
  const units: Unit[] = [];
  const gone: ImportOutcome['failed'] = [];
  for (const row of plan.rows) {
    if (row.action === 'new') {
      const stamp = ctx.clock.next();
      const customer: Customer = {
        _id: `customer:${ulid()}`,
        type: 'customer',
        ...row.fields,
        createdAt: now,
        updatedAt: now,
        stamps: Object.fromEntries(CUSTOMER_MERGE_FIELDS.map((f) => [f, stamp])),
      };
      units.push({ line: row.line, label: row.label, docs: [customer], kind: 'added' });
    } else if (row.action === 'update') {
      const doc = docs.get(row.id);
      if (!doc) {
        gone.push({ line: row.line, label: row.label, message: GONE });
        continue;
      }
      const next = edited<Customer>(doc, row.changes, CUSTOMER_MERGE_FIELDS, ctx.clock.next());
      if (next && !customerFields.safeParse(next).success) {
        gone.push({ line: row.line, label: row.label, message: CHANGED });
      } else if (next) {
        units.push({ line: row.line, label: row.label, docs: [next], kind: 'updated' });
      }
    }
  }
  const out = await writeQuietly(ctx, units, onProgress);
  out.failed.unshift(...gone);
  await logImport(ctx, 'customers', fileName, plan.counts.skip, out);
  return out;
}

/** One activity entry for a whole import: "Imported 812 products from square-export.csv". */
async function logImport(
  ctx: ShopContext,
  kind: 'products' | 'customers',
  fileName: string,
  skipped: number,
  out: ImportOutcome,
): Promise<void> {
  if (!out.added && !out.updated) return;
  const file = cleanName(fileName);
  const parts = [
    out.added ? `${out.added} new` : '',
    out.updated ? `${out.updated} updated` : '',
  ].filter(Boolean);
  await ctx.audit(
    `import.${kind}`,
    kind,
    `Imported ${out.added + out.updated} ${kind}${file ? ` from ${file}` : ''} (${parts.join(', ')})`,
    null,
    { file, added: out.added, updated: out.updated, skipped, failed: out.failed.length },
  );
}

const MAPPING_KEY = 'import.mapping:';

/** The owner's own mapping for files with these columns, if this device has one. */
export async function rememberedMapping(
  ctx: ShopContext,
  headerKey: string,
): Promise<Record<string, unknown> | null> {
  const row = await ctx.local.meta.get(MAPPING_KEY + headerKey);
  const value: unknown = row?.value;
  return typeof value === 'object' && value !== null ? { ...value } : null;
}

/** Remember the mapping used for files with these columns (on this device only). */
export async function rememberMapping(
  ctx: ShopContext,
  headerKey: string,
  mapping: Readonly<Record<string, number | null>>,
): Promise<void> {
  await ctx.local.meta.put({ key: MAPPING_KEY + headerKey, value: { ...mapping } });
}
