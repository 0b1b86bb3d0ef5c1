import type { AlertDecision } from './allocation-state.ts';
import { kindOfId, type DocKind } from './schemas/vocabulary.ts';

/**
 * What the resolver cannot decide becomes an alert, never a silent skip: an
 * append-only document stored in two versions (it should have one), or a document
 * it cannot read. The alert is keyed by the document, so raising it again is a no-op.
 */
export type IntegrityProblem = 'versions' | 'unreadable';

const NOUN: Partial<Record<DocKind, string>> = {
  order: 'A sale',
  orderevent: 'A change to an order',
  stock: 'A stock movement',
  invoice: 'An invoice',
  audit: 'An activity log entry',
  product: 'A product',
  customer: 'A customer',
  settings: 'The shop settings',
};

const text = (v: unknown) => (typeof v === 'string' ? v : null);

export function integrityAlert(
  doc: Record<string, unknown> & { _id: string },
  problem: IntegrityProblem,
  at: string,
): AlertDecision {
  const kind = kindOfId(doc._id);
  const number = text(doc.number);
  const what = `${(kind && NOUN[kind]) ?? 'A document'}${number ? ` (${number})` : ''}`;
  const orderId = kind === 'order' ? doc._id : text(doc.orderId);
  const deviceId = text(doc.deviceId);
  const by = text(doc.by);
  return {
    id: `alert:integrity:${doc._id}`.slice(0, 126),
    kind: 'integrity',
    cleared: false,
    productIds: [],
    orderIds: orderId ? [orderId] : [],
    deviceIds: deviceId ? [deviceId] : [],
    sellerIds: by ? [by] : [],
    message:
      problem === 'versions'
        ? `${what} reached the server in two different versions. Stock counts the first to arrive: check it against the receipt and correct it if needed.`
        : `${what} could not be read by the server, so stock and reports leave it out. Update the app on the device that made it.`,
    at,
  };
}
