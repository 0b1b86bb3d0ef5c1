import { pickStamped } from './merge.ts';

/**
 * A shop's currency is fixed once it has sales: their amounts were taken in it. What
 * the seller reads when a write would change it anyway.
 */
export const CURRENCY_LOCKED_REASON = 'the currency cannot change once the shop has sales';

/** The part of a settings revision the lock looks at. */
export interface CurrencyRevision {
  currency: string;
  stamps: Readonly<Record<string, string>>;
}

/**
 * Whether storing `next` would change the shop's currency from `current`'s (the
 * settings the shop holds now). A revision that builds on `current` replaces it. One
 * on a branch of its own (an offline device's edit from before it saw `current`) is
 * merged with it field by field, so it changes the currency only when its currency
 * wins that merge: a stale branch still carrying the old currency under its old
 * stamp changes nothing.
 */
export function changesCurrency(
  next: CurrencyRevision,
  current: CurrencyRevision,
  buildsOnCurrent: boolean,
): boolean {
  if (next.currency === current.currency) return false;
  if (buildsOnCurrent) return true;
  const mine = { value: next.currency, stamp: next.stamps.currency ?? '' };
  const held = { value: current.currency, stamp: current.stamps.currency ?? '' };
  return pickStamped(mine, held) === mine;
}
