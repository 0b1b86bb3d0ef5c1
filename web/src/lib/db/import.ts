import {
  CUSTOMER_MERGE_FIELDS,
  PRODUCT_MERGE_FIELDS,
  customerFields,
  isoNow,
  productFields,
  ulid,
  type Customer,
  type CustomerFields,
  type CustomerPlan,
  type Product,
  type ProductFields,
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
  const res = await (await ctx.replica()).allDocs({ keys: ids, include_docs: true });
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

/** A planned row as the writer sees it: a new document, or changes to an existing one. */
type PlanRow<F> =
  | { action: 'new'; line: number; label: string; fields: F }
  | { action: 'update'; line: number; label: string; id: string; changes: Partial<F> }
  | { action: 'same' | 'skip' | 'error'; line: number; label: string };

/**
 * The documents a plan writes, per row: `added` makes a new row's documents; an
 * update is an edit of the current document (checked again with `valid`, since it
 * may have changed since the preview). Rows whose document is gone or no longer
 * valid are reported, never written.
 */
async function unitsOf<D extends Product | Customer, F>(
  ctx: ShopContext,
  rows: readonly PlanRow<F>[],
  fields: readonly (keyof D & string)[],
  added: (fields: F, row: { line: number; label: string }) => ShopDoc[],
  valid: (doc: D) => boolean,
): Promise<{ units: Unit[]; gone: ImportOutcome['failed'] }> {
  const docs = await current<D>(
    ctx,
    rows.flatMap((r) => (r.action === 'update' ? [r.id] : [])),
  );
  const units: Unit[] = [];
  const gone: ImportOutcome['failed'] = [];
  for (const row of rows) {
    const { line, label } = row;
    if (row.action === 'new') {
      units.push({ line, label, docs: added(row.fields, row), kind: 'added' });
    } else if (row.action === 'update') {
      const doc = docs.get(row.id);
      const next = doc && edited<D>(doc, row.changes as Partial<D>, fields, ctx.clock.next());
      if (!doc) gone.push({ line, label, message: GONE });
      else if (next && !valid(next)) gone.push({ line, label, message: CHANGED });
      else if (next) units.push({ line, label, docs: [next], kind: 'updated' });
    }
  }
  return { units, gone };
}

/** Write the units, then one entry in the activity log for the whole import. */
async function finish(
  ctx: ShopContext,
  kind: 'products' | 'customers',
  fileName: string,
  skipped: number,
  { units, gone }: { units: Unit[]; gone: ImportOutcome['failed'] },
  onProgress: (p: ImportProgress) => void,
): Promise<ImportOutcome> {
  const out = await writeQuietly(ctx, units, onProgress);
  out.failed.unshift(...gone);
  await logImport(ctx, kind, fileName, skipped, out);
  return out;
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
  const opening = new Map(
    plan.rows.flatMap((r) => (r.action === 'new' ? [[r.line, r.opening]] : [])),
  );
  const planned = await unitsOf<Product, ProductFields>(
    ctx,
    plan.rows,
    PRODUCT_MERGE_FIELDS,
    (fields, row) => {
      const stamp = ctx.clock.next();
      const product: Product = {
        _id: `product:${ulid()}`,
        type: 'product',
        ...fields,
        createdAt: now,
        updatedAt: now,
        stamps: Object.fromEntries(PRODUCT_MERGE_FIELDS.map((f) => [f, stamp])),
      };
      const qty = opening.get(row.line) ?? 0;
      if (qty === 0) return [product];
      const movement: StockMovement = {
        _id: `stock:${ulid()}`,
        type: 'stock',
        productId: product._id,
        qty,
        reason: 'initial',
        counted: null,
        alertId: null,
        note,
        at: now,
        by: ctx.actor.userId,
        deviceId: ctx.actor.deviceId,
      };
      return [product, movement];
    },
    (next) => productFields.safeParse({ category: '', ...next }).success,
  );
  return finish(ctx, 'products', fileName, plan.counts.skip, planned, onProgress);
}

/** Add and update the planned customers in one batch, with one entry in the activity log. */
export async function importCustomers(
  ctx: ShopContext,
  plan: CustomerPlan,
  fileName: string,
  onProgress: (p: ImportProgress) => void = () => {},
): Promise<ImportOutcome> {
  const now = isoNow();
  const planned = await unitsOf<Customer, CustomerFields>(
    ctx,
    plan.rows,
    CUSTOMER_MERGE_FIELDS,
    (fields) => {
      const stamp = ctx.clock.next();
      const customer: Customer = {
        _id: `customer:${ulid()}`,
        type: 'customer',
        ...fields,
        createdAt: now,
        updatedAt: now,
        stamps: Object.fromEntries(CUSTOMER_MERGE_FIELDS.map((f) => [f, stamp])),
      };
      return [customer];
    },
    (next) => customerFields.safeParse(next).success,
  );
  return finish(ctx, 'customers', fileName, plan.counts.skip, planned, onProgress);
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
