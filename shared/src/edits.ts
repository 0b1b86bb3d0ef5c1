import { isoNow } from './hlc.ts';
import type { AuditEntry } from './schemas/audit.ts';
import type { Customer, CustomerFields } from './schemas/customer.ts';
import type { Product, ProductFields } from './schemas/product.ts';
import type { StockMovement } from './schemas/stock.ts';
import { CUSTOMER_MERGE_FIELDS, PRODUCT_MERGE_FIELDS } from './schemas/vocabulary.ts';

/**
 * How an edit of a catalog record becomes a document, for every writer (the app on
 * a device and the REST API on the server): only the fields that changed get the
 * new clock stamp, so the field merge keeps another device's edit of another field.
 */

/** Who writes, and when (the writer's clock stamp and ISO time). */
export interface EditBy {
  userId: string;
  userName: string;
  deviceId: string;
  stamp: string;
  now?: string;
}

/** An edit's effect: the new document, and what changed for the activity log. */
export interface Edit<D> {
  doc: D;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  /** false: no field changed */
  changed: boolean;
}

function stampChanges<F extends string>(
  fields: readonly F[],
  was: (f: F) => unknown,
  next: (f: F) => unknown,
  stamps: Record<string, string>,
  stamp: string,
) {
  const out = { ...stamps };
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const f of fields) {
    if (JSON.stringify(was(f)) !== JSON.stringify(next(f))) {
      out[f] = stamp;
      before[f] = was(f);
      after[f] = next(f);
    }
  }
  return { stamps: out, before, after, changed: Object.keys(after).length > 0 };
}

export function newProductDoc(id: string, fields: ProductFields, by: EditBy): Product {
  const now = by.now ?? isoNow();
  return {
    _id: id,
    type: 'product',
    ...fields,
    createdAt: now,
    updatedAt: now,
    stamps: Object.fromEntries(PRODUCT_MERGE_FIELDS.map((f) => [f, by.stamp])),
  };
}

export function editProductDoc(current: Product, fields: ProductFields, by: EditBy): Edit<Product> {
  // a product from before categories has none: '' is no change
  const was = (f: (typeof PRODUCT_MERGE_FIELDS)[number]) =>
    f === 'category' ? (current.category ?? '') : current[f];
  const c = stampChanges(PRODUCT_MERGE_FIELDS, was, (f) => fields[f], current.stamps, by.stamp);
  return {
    doc: { ...current, ...fields, stamps: c.stamps, updatedAt: by.now ?? isoNow() },
    before: c.before,
    after: c.after,
    changed: c.changed,
  };
}

export function newCustomerDoc(id: string, fields: CustomerFields, by: EditBy): Customer {
  const now = by.now ?? isoNow();
  return {
    _id: id,
    type: 'customer',
    ...fields,
    createdAt: now,
    updatedAt: now,
    stamps: Object.fromEntries(CUSTOMER_MERGE_FIELDS.map((f) => [f, by.stamp])),
  };
}

export function editCustomerDoc(
  current: Customer,
  fields: CustomerFields,
  by: EditBy,
): Edit<Customer> {
  const c = stampChanges(
    CUSTOMER_MERGE_FIELDS,
    (f) => current[f],
    (f) => fields[f],
    current.stamps,
    by.stamp,
  );
  return {
    doc: { ...current, ...fields, stamps: c.stamps, updatedAt: by.now ?? isoNow() },
    before: c.before,
    after: c.after,
    changed: c.changed,
  };
}

/** What a stock movement records. */
export interface StockMoveInput {
  productId: string;
  reason: StockMovement['reason'];
  qty: number;
  counted?: number | null;
  note?: string;
  alertId?: string | null;
}

/** One signed stock movement (a count stores the difference it found and what was counted). */
export function stockMovementDoc(
  id: string,
  input: StockMoveInput,
  by: Omit<EditBy, 'stamp'>,
): StockMovement {
  return {
    _id: id,
    type: 'stock',
    productId: input.productId,
    qty: input.qty,
    reason: input.reason,
    counted: input.counted ?? null,
    alertId: input.alertId ?? null,
    note: input.note ?? '',
    at: by.now ?? isoNow(),
    by: by.userId,
    deviceId: by.deviceId,
  };
}

/** What a stock movement says in the activity log. */
export function stockAudit(
  m: StockMovement,
): Pick<AuditEntry, 'action' | 'target' | 'summary' | 'before' | 'after'> {
  return {
    action: `stock.${m.reason}`,
    target: m.productId,
    summary: `Stock ${m.reason} ${m.qty > 0 ? '+' : ''}${m.qty}`,
    before: null,
    after: { qty: m.qty, counted: m.counted },
  };
}

/** An activity-log entry in the writer's name. */
export function auditEntryDoc(
  id: string,
  entry: Pick<AuditEntry, 'action' | 'target' | 'summary' | 'before' | 'after'>,
  by: Omit<EditBy, 'stamp'>,
): AuditEntry {
  return {
    _id: id,
    type: 'audit',
    action: entry.action,
    target: entry.target,
    summary: entry.summary.slice(0, 500),
    userName: by.userName,
    before: entry.before,
    after: entry.after,
    at: by.now ?? isoNow(),
    by: by.userId,
    deviceId: by.deviceId,
  };
}
