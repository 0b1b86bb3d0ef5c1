import {
  emptyEngine,
  formatQuantity,
  heldOnline,
  onlineAvailable,
  type EngineState,
  type Unit,
} from '@stallkeeper/shared';

/** An open online order (not cancelled, not handed over) and the lines it holds now. */
export interface HeldOrder {
  id: string;
  lines: { productId: string; qty: number }[];
}

/** A product as the list has it: its shop-page fields and its stock on hand. */
export interface OnlineStockProduct {
  id: string;
  active: 0 | 1;
  online?: 0 | 1;
  onlineAllowance?: number | null;
  onHand: number;
}

/** What online orders may still take of a product, and why (all in base units). */
export interface OnlineStock {
  /** what open online orders hold now */
  held: number;
  /** the owner's cap; null: all free stock */
  allowance: number | null;
  /** what a new online order may take now */
  mayTake: number;
}

/**
 * The device's view of the resolver's state, enough for the shared allowance rule
 * (shared/src/online-stock.ts). The rule's "free" stock is on hand plus what
 * backordered orders are still owed; the resolver fills what is owed as soon as
 * anything is free, so whenever something is owed nothing is free, and on hand
 * clamped at zero is the same figure. The device therefore feeds on hand alone.
 */
function engineOf(products: readonly OnlineStockProduct[], holds: readonly HeldOrder[]) {
  const s: EngineState = emptyEngine();
  for (const p of products) s.ledger[p.id] = Math.max(0, p.onHand);
  s.online = {};
  for (const h of holds) {
    s.online[h.id] = true;
    s.orders[h.id] = {
      channel: 'pickup',
      lines: h.lines,
      alloc: [],
      n: 0,
      cancelled: false,
      by: '',
      deviceId: '',
      number: '',
    };
  }
  return s;
}

/** Per online product: what online orders hold and may still take. */
export function onlineStock(
  products: readonly OnlineStockProduct[],
  holds: readonly HeldOrder[],
): Map<string, OnlineStock> {
  const online = products.filter((p) => p.online === 1);
  const s = engineOf(online, holds);
  const held = heldOnline(s);
  return new Map(
    online.map((p) => {
      const allowance = p.onlineAllowance ?? null;
      const product = {
        _id: p.id,
        online: true,
        onlineAllowance: allowance,
        active: p.active === 1,
      };
      return [
        p.id,
        { held: held.get(p.id) ?? 0, allowance, mayTake: onlineAvailable(s, product, held) },
      ];
    }),
  );
}

/** The owner's line under an online product: "3 kg more may be ordered online · 2 kg held · limit 5 kg". */
export function onlineStockWords(s: OnlineStock, unit: Unit, locale?: string): string {
  const q = (n: number) => formatQuantity(n, unit, locale);
  const parts = [
    s.mayTake > 0
      ? `${q(s.mayTake)} more may be ordered online`
      : 'No more may be ordered online now',
  ];
  if (s.held > 0) parts.push(`${q(s.held)} held by online orders`);
  parts.push(s.allowance === null ? 'no limit' : `limit ${q(s.allowance)}`);
  return parts.join(' · ');
}
