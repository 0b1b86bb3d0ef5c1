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
export interface StockFacts {
  /** stock movement id → signed quantity of a product */
  movements: Map<string, { productId: string; qty: number }>;
  /** order id → its sold lines */
  sales: Map<string, { productId: string; qty: number }[]>;
  /** returned-event id → the order it belongs to and the lines given back */
  returns: Map<string, { orderId: string; items: { productId: string; qty: number }[] }>;
  /** ids of cancelled orders */
  cancelled: Set<string>;
}

export function emptyFacts(): StockFacts {
  return { movements: new Map(), sales: new Map(), returns: new Map(), cancelled: new Set() };
}

export type StockDoc = StockMovement | Order | OrderEvent;

/** Record one document's contribution (idempotent: keyed by its id). */
export function addFact(facts: StockFacts, doc: StockDoc): void {
  switch (doc.type) {
    case 'stock':
      facts.movements.set(doc._id, { productId: doc.productId, qty: doc.qty });
      break;
    case 'order':
      facts.sales.set(
        doc._id,
        doc.lines.map((l) => ({ productId: l.productId, qty: l.qty })),
      );
      break;
    case 'orderevent':
      if (doc.kind === 'cancelled') facts.cancelled.add(doc.orderId);
      if (doc.kind === 'returned') {
        facts.returns.set(doc._id, { orderId: doc.orderId, items: doc.items });
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
  for (const [orderId, lines] of facts.sales) {
    if (facts.cancelled.has(orderId)) continue;
    for (const l of lines) add(l.productId, -l.qty);
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
