import { parseMoney, toDecimalString, type Minor } from '@stallkeeper/shared';

/** A typed amount as minor units: null when it is not an exact, non-negative amount. */
export function readAmount(text: string, currency: string): Minor | null {
  const n = parseMoney(text, currency);
  return n === null || n < 0 ? null : n;
}

/** An amount as a money input shows it ("12.50"). */
export function amountText(amount: Minor, currency: string): string {
  return toDecimalString(amount, currency);
}
