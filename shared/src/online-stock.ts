import { available, type EngineState } from './allocation-state.ts';

/**
 * How much of a product the shop page may still promise. Online orders take from
 * the same stock as the stall (the resolver's rules), but at most the product's
 * online allowance at once: what open online orders (not cancelled, not yet handed
 * over) hold counts against it, so the stall's own sales keep the rest.
 */

/** Base units of each product that open online orders hold now. */
export function heldOnline(s: EngineState): Map<string, number> {
  const held = new Map<string, number>();
  for (const id of Object.keys(s.online ?? {})) {
    const o = s.orders[id];
    if (!o || o.cancelled) continue;
    for (const l of o.lines) held.set(l.productId, (held.get(l.productId) ?? 0) + l.qty);
  }
  return held;
}

/** What an online product may still be ordered: free stock, capped by its allowance. */
export interface OnlineProduct {
  _id: string;
  online?: boolean;
  onlineAllowance?: number | null;
  active: boolean;
}

/**
 * Base units a new online order may take of `p`: 0 when it is not sold online;
 * else what is physically free (promised to no one), and no more than its
 * allowance minus what open online orders hold.
 */
export function onlineAvailable(
  s: EngineState,
  p: OnlineProduct,
  held: ReadonlyMap<string, number>,
): number {
  if (!p.online || !p.active) return 0;
  const free = Math.max(0, available(s, p._id));
  const allowance = p.onlineAllowance ?? null;
  if (allowance === null) return free;
  return Math.max(0, Math.min(free, allowance - (held.get(p._id) ?? 0)));
}

/**
 * What the shop page tells customers of a product's stock: the exact count only when
 * it is low (at or below the product's low-stock threshold), else just "in stock";
 * null when none may be ordered (the product is then not listed).
 */
export function onlineStockShown(
  availableUnits: number,
  lowThreshold: number,
): { stock: 'in_stock' | 'low'; available?: number } | null {
  if (availableUnits <= 0) return null;
  return availableUnits <= lowThreshold
    ? { stock: 'low', available: availableUnits }
    : { stock: 'in_stock' };
}
