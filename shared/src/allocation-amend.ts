/** Amendments and hand-overs: an order's allocation follows the lines that hold now. */

import { effectiveLines } from './amendments.ts';
import { checkLow } from './allocation-alerts.ts';
import { available, get, uniq, type EngineOutput, type EngineState } from './allocation-state.ts';
import { decide, stockIn } from './allocation-stock.ts';

/** The lines an order takes now, by the shared amendment rule. */
export function currentLines(
  s: EngineState,
  orderId: string,
  channel: string,
  original: readonly { productId: string; qty: number }[],
): { productId: string; qty: number }[] {
  const lines = effectiveLines(
    channel,
    original,
    s.amendments?.[orderId] ?? [],
    s.handedOver?.[orderId] ?? null,
  );
  return lines.map((l) => ({ productId: l.productId, qty: l.qty }));
}

/**
 * An amendment or a hand-over arrived: if the lines that hold changed, move the
 * order's allocation to them. Less of a product gives back what was backordered
 * first, then what was allocated (which may fill others' backorders); more is
 * allocated from what is free and the rest backordered, behind those already waiting.
 */
export function reallocate(s: EngineState, orderId: string, at: string, out: EngineOutput): void {
  const o = s.orders[orderId];
  if (!o || o.cancelled || o.channel === 'counter') return;
  // until the first change, the lines held are the order's own
  o.original ??= o.lines;
  const before = new Map(o.lines.map((l) => [l.productId, l.qty]));
  const next = currentLines(s, orderId, o.channel, o.original);
  const after = new Map(next.map((l) => [l.productId, l.qty]));
  const products = uniq([...before.keys(), ...after.keys()]);
  if (products.every((p) => (before.get(p) ?? 0) === (after.get(p) ?? 0))) return;
  for (const p of products) {
    const delta = (after.get(p) ?? 0) - (before.get(p) ?? 0);
    if (delta === 0) continue;
    let line = o.alloc.find((l) => l.productId === p);
    if (!line) {
      line = { productId: p, qty: 0, allocated: 0, backordered: 0, oversold: 0 };
      o.alloc.push(line);
    }
    if (delta < 0) {
      let release = -delta;
      // what is still owed first: the ledger gets it back and the queue forgets it
      const fromBack = Math.min(release, line.backordered);
      if (fromBack > 0) {
        line.backordered -= fromBack;
        let left = fromBack;
        const queue = s.owed[p] ?? [];
        for (let i = queue.length - 1; i >= 0 && left > 0; i--) {
          const q = queue[i];
          if (!q || q.orderId !== orderId) continue;
          const take = Math.min(left, q.remaining);
          q.remaining -= take;
          left -= take;
        }
        s.owed[p] = queue.filter((q) => q.remaining > 0);
        s.ledger[p] = get(s.ledger, p) + fromBack;
        release -= fromBack;
      }
      line.allocated -= release;
      line.qty += delta;
      if (release > 0) stockIn(s, p, release, at, out);
    } else {
      const covered = Math.min(delta, Math.max(0, available(s, p)));
      const short = delta - covered;
      line.qty += delta;
      line.allocated += covered;
      line.backordered += short;
      s.ledger[p] = get(s.ledger, p) - delta;
      if (short > 0) (s.owed[p] ??= []).push({ orderId, remaining: short });
      checkLow(s, p, at, out);
    }
  }
  o.lines = next;
  o.alloc = o.alloc.filter((l) => l.qty > 0);
  decide(s, orderId, at, out);
}
