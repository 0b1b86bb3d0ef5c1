/**
 * The resolver's rules, as a pure engine fed documents in server arrival order.
 *
 * - L[p], the ledger, is exactly shared/stock.ts's stock on hand for the facts seen.
 * - B[p] is what delivery/pickup orders are still owed (backordered, not yet filled).
 * - P[p] = L[p] + B[p] is what is physically there and promised to no one.
 *
 * A counter sale was handed over, so it is always accepted; the part of it beyond
 * P is oversold and raises an alert. A delivery/pickup order takes what P covers,
 * first come first served; the rest is backordered and filled, in order, when stock
 * comes back (restock, return, cancellation). Feeding the same documents in the same
 * order gives the same decisions; feeding a document twice changes nothing.
 *
 * The rules are split by event: allocation-orders.ts (orders, cancellations, returns),
 * allocation-amend.ts (amendments and hand-overs), allocation-stock.ts (decisions and
 * stock coming back), allocation-alerts.ts (low-stock and oversell alerts).
 */

import { earliest } from './amendments.ts';
import { emptyCodeIndex, onProductCode } from './catalog-codes.ts';
import { reallocate } from './allocation-amend.ts';
import { onCancel, onOrder, onReturn } from './allocation-orders.ts';
import { stockIn } from './allocation-stock.ts';
import type { EngineDoc, EngineOutput, EngineState } from './allocation-state.ts';

export * from './allocation-state.ts';
export { ALERT_TAKERS } from './allocation-alerts.ts';

/** Feed one document (in server arrival order). Mutates `s`; returns what to write. */
export function applyDoc(s: EngineState, doc: EngineDoc): EngineOutput {
  const out: EngineOutput = { decisions: [], alerts: [] };
  switch (doc.type) {
    case 'product':
      // Mutable: always take the latest threshold, name and code.
      s.thresholds[doc._id] = doc.lowStockThreshold;
      s.names[doc._id] = doc.name;
      (s.units ??= {})[doc._id] = doc.unit;
      out.alerts.push(
        ...onProductCode((s.codes ??= emptyCodeIndex()), doc._id, doc.code, s.names, doc.updatedAt),
      );
      return out;
    case 'settings':
      s.lowDefault = doc.lowStockDefault;
      return out;
    default:
      break;
  }
  if (s.seen[doc._id]) return out;
  s.seen[doc._id] = true;
  switch (doc.type) {
    case 'order':
      onOrder(s, doc, out);
      break;
    case 'stock':
      stockIn(s, doc.productId, doc.qty, doc.at, out);
      break;
    case 'orderevent':
      if (doc.kind === 'cancelled') {
        onCancel(s, doc, out);
      } else if (doc.kind === 'returned') {
        onReturn(s, doc, out);
      } else if (doc.kind === 'amended') {
        for (const l of doc.lines) s.names[l.productId] ??= l.name;
        const list = ((s.amendments ??= {})[doc.orderId] ??= []);
        list.push({
          id: doc._id,
          at: doc.at,
          lines: doc.lines.map((l) => ({ productId: l.productId, qty: l.qty })),
        });
        reallocate(s, doc.orderId, doc.at, out);
      } else if (doc.kind === 'dispatched' || doc.kind === 'delivered') {
        const hs = (s.handedOver ??= {});
        const was = hs[doc.orderId] ?? null;
        hs[doc.orderId] = earliest(was, doc.at);
        if (s.online) delete s.online[doc.orderId]; // it left the shop: no longer held
        // a hand-over earlier than an amendment undoes it (it was amended too late)
        if (hs[doc.orderId] !== was) reallocate(s, doc.orderId, doc.at, out);
      }
      break;
  }
  return out;
}

/** The allocation document id for decision `n` about an order. */
export function allocationId(orderId: string, n: number): string {
  return n === 0 ? `allocation:${orderId}` : `allocation:${orderId}:${n}`;
}
