import { cartTotals, type CartTotals, type Unit } from '@stallkeeper/shared';

/**
 * The shop page's cart arithmetic, pure: how far + and − go, what a line may hold,
 * and what the cart comes to. Quantities are base units (pieces, g, ml, mm).
 */

/** One tap of + or −: a piece, 250 g, 250 ml or 50 cm. */
export const STEP: Record<Unit, number> = { piece: 1, kg: 250, l: 250, m: 500 };

/** The most one line may hold whatever the stock (the checkout's own limit). */
export const MAX_QTY = 1_000_000;

export interface CartLine {
  productId: string;
  name: string;
  unit: Unit;
  /** minor units per sales unit */
  price: number;
  qty: number;
  /** base units the shop can still promise, when it said (only when few are left) */
  available?: number;
}

/** The most a line may hold: what the shop said is left, else the checkout's limit. */
export function maxQty(available: number | undefined): number {
  return available === undefined ? MAX_QTY : Math.max(0, Math.min(available, MAX_QTY));
}

/** One step up, to the next whole step (600 g → 750 g), never past what is left. */
export function increase(qty: number, unit: Unit, available?: number): number {
  const step = STEP[unit];
  const next = (Math.floor(qty / step) + 1) * step;
  return Math.max(qty, Math.min(next, maxQty(available)));
}

/** One step down, to the whole step below (600 g → 500 g); 0 takes the line out. */
export function decrease(qty: number, unit: Unit): number {
  const step = STEP[unit];
  return Math.max(0, Math.ceil(qty / step) * step - step);
}

/** A quantity brought within what is left (0 when nothing is). */
export function clamp(qty: number, available?: number): number {
  return Math.max(0, Math.min(Math.floor(qty), maxQty(available)));
}

export interface ShopTerms {
  taxRate: number;
  taxInclusive: boolean;
  minimumOrder: number;
}

export interface Totals extends CartTotals {
  /** the delivery fee (0 for pickup) */
  fee: number;
  /** what the customer pays: goods with tax, plus the fee */
  toPay: number;
  /** how much more the order must come to before the shop takes it (the fee counts, as the shop counts it) */
  shortOfMinimum: number;
}

/** What the cart comes to, by the same rules the shop's own tills use. */
export function totals(lines: readonly CartLine[], terms: ShopTerms, fee = 0): Totals {
  const goods = cartTotals(
    lines.map((l) => ({
      productId: l.productId,
      code: '',
      name: l.name,
      unit: l.unit,
      unitPrice: l.price,
      qty: l.qty,
    })),
    terms,
  );
  return {
    ...goods,
    fee,
    toPay: goods.total + fee,
    shortOfMinimum: Math.max(0, terms.minimumOrder - goods.total - fee),
  };
}

/** Items in the cart as a person counts them: pieces one by one, a weighed line as one. */
export function itemCount(lines: readonly CartLine[]): number {
  return lines.reduce((n, l) => n + (l.unit === 'piece' ? l.qty : 1), 0);
}
