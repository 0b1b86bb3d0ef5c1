import type { z } from 'zod';
import { compileAcceptor } from './as-is.ts';
import { alertSchema } from './alert.ts';
import { allocationSchema } from './allocation.ts';
import { auditSchema } from './audit.ts';
import { customerSchema } from './customer.ts';
import { invoiceSchema } from './invoice.ts';
import { mailSchema, mailStatusSchema } from './mail.ts';
import { orderEventSchema } from './order-event.ts';
import { orderSchema } from './order.ts';
import { productSchema } from './product.ts';
import { settingsSchema } from './settings.ts';
import { stockMovementSchema } from './stock.ts';
import { kindOfId, type DocKind } from './vocabulary.ts';

export { safeParseAsIs } from './as-is.ts';

export * from './alert.ts';
export * from './allocation.ts';
export * from './audit.ts';
export * from './common.ts';
export * from './customer.ts';
export * from './invoice.ts';
export * from './mail.ts';
export * from './order-event.ts';
export * from './order.ts';
export * from './product.ts';
export * from './settings.ts';
export * from './stock.ts';
export * from './vocabulary.ts';

export const DOC_SCHEMAS = {
  product: productSchema,
  customer: customerSchema,
  order: orderSchema,
  orderevent: orderEventSchema,
  stock: stockMovementSchema,
  invoice: invoiceSchema,
  allocation: allocationSchema,
  alert: alertSchema,
  audit: auditSchema,
  settings: settingsSchema,
  mail: mailSchema,
  mailstatus: mailStatusSchema,
} as const satisfies Record<DocKind, z.ZodType>;

export type DocOf<K extends DocKind> = z.infer<(typeof DOC_SCHEMAS)[K]>;
export type ShopDoc = { [K in DocKind]: DocOf<K> }[DocKind];

export type ParseResult =
  { ok: true; kind: DocKind; doc: ShopDoc } | { ok: false; error: 'bad_request'; reason: string };

/** One readable line out of a zod error: `lines.0.qty: Too small: expected >= 1`. */
export function describeIssues(error: z.ZodError, max = 3): string {
  return error.issues
    .slice(0, max)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Parse an incoming shop document with the schema its id names. */
export function parseShopDoc(input: unknown): ParseResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, error: 'bad_request', reason: 'a document must be a JSON object' };
  }
  const id = (input as { _id?: unknown })._id;
  if (typeof id !== 'string') return { ok: false, error: 'bad_request', reason: '_id is missing' };
  const kind = kindOfId(id);
  if (!kind) {
    return {
      ok: false,
      error: 'bad_request',
      reason: `unknown document kind for id ${id.slice(0, 60)}`,
    };
  }
  const result = DOC_SCHEMAS[kind].safeParse(input);
  if (!result.success) {
    return { ok: false, error: 'bad_request', reason: `${kind}: ${describeIssues(result.error)}` };
  }
  const doc: ShopDoc = result.data;
  if (doc.type !== kind) {
    return { ok: false, error: 'bad_request', reason: `type must be "${kind}"` };
  }
  return { ok: true, kind, doc };
}

/**
 * True only when `parseShopDoc(doc)` would accept `doc` exactly as it is: same checks,
 * nothing stripped or rewritten (see as-is.ts). False means "not proven": parse it.
 * The server asks this first for every replicated document.
 */
export function acceptsAsIs(kind: DocKind, doc: unknown): boolean {
  const accept = compileAcceptor(DOC_SCHEMAS[kind]); // compiled once per schema
  return accept !== null && accept(doc) && (doc as { type?: unknown }).type === kind;
}
