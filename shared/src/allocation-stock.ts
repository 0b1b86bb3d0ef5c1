/** Decisions about orders, and stock coming back that fills what they are owed. */

import { checkLow } from './allocation-alerts.ts';
import {
  available,
  get,
  statusOf,
  uniq,
  type EngineOutput,
  type EngineState,
} from './allocation-state.ts';

/** Record a new decision for an order whose allocation changed. */
export function decide(s: EngineState, orderId: string, at: string, out: EngineOutput): void {
  const o = s.orders[orderId];
  if (!o) return;
  out.decisions.push({
    orderId,
    n: o.n,
    status: statusOf(o.alloc, o.cancelled),
    lines: o.alloc.map((l) => ({ ...l })),
    at,
  });
  o.n += 1;
}

/** Stock came back for a product: fill what is owed, oldest first, while any is free. */
function fill(s: EngineState, p: string, at: string, out: EngineOutput): void {
  const queue = s.owed[p];
  if (!queue) return;
  const touched: string[] = [];
  while (queue.length && available(s, p) > 0) {
    const head = queue[0];
    if (!head) break;
    const give = Math.min(head.remaining, available(s, p));
    head.remaining -= give;
    const line = s.orders[head.orderId]?.alloc.find((l) => l.productId === p);
    if (line) {
      line.allocated += give;
      line.backordered -= give;
    }
    touched.push(head.orderId);
    if (head.remaining === 0) queue.shift();
  }
  for (const id of uniq(touched)) decide(s, id, at, out);
}

/** Units of a product came back (restock, return, release). */
export function stockIn(
  s: EngineState,
  p: string,
  qty: number,
  at: string,
  out: EngineOutput,
): void {
  s.ledger[p] = get(s.ledger, p) + qty;
  if (qty > 0) {
    fill(s, p, at, out);
    if (available(s, p) >= 0) s.takers[p] = [];
  }
  checkLow(s, p, at, out);
}
