import { earliest, effectiveLines } from './amendments.ts';
import type { Order } from './schemas/order.ts';
import type { OrderEvent } from './schemas/order-event.ts';
import type { StockMovement } from './schemas/stock.ts';

/**
 * The stock ledger. Stock on hand is never stored: it is restocks and adjustments,
 * minus sold lines of orders that are not cancelled, plus returned lines of orders
 * that are not cancelled (a cancellation already gives every sold line back).
 * Facts are keyed by document id, so applying a document twice changes nothing and
 * the result does not depend on the order the facts arrived in.
 */
interface AmendmentFact {
  at: string;
  lines: { productId: string; qty: number }[];
}
/** amendment event id → what it set */
type AmendmentFacts = Map<string, AmendmentFact>;

export interface StockFacts {
  /** stock movement id → signed quantity of a product */
  movements: Map<string, { productId: string; qty: number }>;
  /** order id → its sold lines (as sold; amendments below may replace them) */
  sales: Map<string, { productId: string; qty: number }[]>;
  /** returned-event id → the order it belongs to and the lines back on the shelf */
  returns: Map<string, { orderId: string; items: { productId: string; qty: number }[] }>;
  /** ids of cancelled orders */
  cancelled: Set<string>;
  /** order id → its channel (a counter sale is never amended) */
  channels: Map<string, string>;
  /** order id → its amendments by event id */
  amendments: Map<string, AmendmentFacts>;
  /** order id → when it was first dispatched or delivered */
  handedOver: Map<string, string>;
}

export function emptyFacts(): StockFacts {
  return {
    movements: new Map(),
    sales: new Map(),
    returns: new Map(),
    cancelled: new Set(),
    channels: new Map(),
    amendments: new Map(),
    handedOver: new Map(),
  };
}

const qtyLines = (lines: readonly { productId: string; qty: number }[]) =>
  lines.map((l) => ({ productId: l.productId, qty: l.qty }));

/** The lines an order takes from stock now (see amendments.ts). */
export function soldLines(
  facts: StockFacts,
  orderId: string,
): { productId: string; qty: number }[] {
  const sold = facts.sales.get(orderId) ?? [];
  const amendments = facts.amendments.get(orderId);
  if (!amendments?.size) return sold;
  return [
    ...effectiveLines(
      facts.channels.get(orderId) ?? 'counter',
      sold,
      [...amendments].map(([id, a]) => ({ id, ...a })),
      facts.handedOver.get(orderId) ?? null,
    ),
  ];
}

export type StockDoc = StockMovement | Order | OrderEvent;

/** Record one document's contribution (idempotent: keyed by its id). */
export function addFact(facts: StockFacts, doc: StockDoc): void {
  switch (doc.type) {
    case 'stock':
      facts.movements.set(doc._id, { productId: doc.productId, qty: doc.qty });
      break;
    case 'order':
      facts.sales.set(doc._id, qtyLines(doc.lines));
      facts.channels.set(doc._id, doc.channel);
      break;
    case 'orderevent':
      if (doc.kind === 'cancelled') facts.cancelled.add(doc.orderId);
      if (doc.kind === 'returned') {
        // a written-off item went back to the customer's refund, not to the shelf
        const items = doc.items.filter((i) => i.restock !== false).map((i) => ({ ...i }));
        for (const i of items) delete i.restock;
        facts.returns.set(doc._id, { orderId: doc.orderId, items });
      }
      if (doc.kind === 'amended') {
        const byOrder = facts.amendments.get(doc.orderId) ?? new Map<string, AmendmentFact>();
        byOrder.set(doc._id, { at: doc.at, lines: qtyLines(doc.lines) });
        facts.amendments.set(doc.orderId, byOrder);
      }
      if (doc.kind === 'dispatched' || doc.kind === 'delivered') {
        facts.handedOver.set(
          doc.orderId,
          earliest(facts.handedOver.get(doc.orderId) ?? null, doc.at),
        );
      }
      break;
  }
}

export function factsFrom(docs: Iterable<StockDoc>): StockFacts {
  const facts = emptyFacts();
  for (const d of docs) addFact(facts, d);
  return facts;
}

/** Stock on hand per product id (products with no facts are absent, i.e. 0). */
export function stockLevels(facts: StockFacts): Map<string, number> {
  const levels = new Map<string, number>();
  const add = (productId: string, qty: number) =>
    levels.set(productId, (levels.get(productId) ?? 0) + qty);
  for (const m of facts.movements.values()) add(m.productId, m.qty);
  for (const orderId of facts.sales.keys()) {
    if (facts.cancelled.has(orderId)) continue;
    for (const l of soldLines(facts, orderId)) add(l.productId, -l.qty);
  }
  for (const r of facts.returns.values()) {
    if (facts.cancelled.has(r.orderId)) continue;
    for (const i of r.items) add(i.productId, i.qty);
  }
  return levels;
}

export function stockOf(facts: StockFacts, productId: string): number {
  return stockLevels(facts).get(productId) ?? 0;
}

export type StockBadge = 'out' | 'low' | 'ok';

/** Out at zero or below; low at or below the threshold. */
export function stockBadge(onHand: number, threshold: number): StockBadge {
  if (onHand <= 0) return 'out';
  if (onHand <= threshold) return 'low';
  return 'ok';
}
