import { includedTax, percentOf, type Minor } from './money.ts';

/**
 * Rates are whole basis points (1 bp = 0.01 %): tax 7.5 % is 750. What a person
 * types and reads is a percent; these are the only conversions between the two.
 */
export const MAX_RATE_BP = 10_000;

/**
 * "16", "7.5", "7,25 %" → basis points; null for anything that is not a percent
 * from 0 to 100 with at most two decimals (never a guess).
 */
export function parsePercent(input: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{0,2}))?$/.exec(input.trim().replace(/\s*%$/, ''));
  if (!m) return null;
  const [, whole = '0', frac = ''] = m;
  const bp = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return bp <= MAX_RATE_BP ? bp : null;
}

/** Basis points as the plain number an input shows ("7.5", "16", "0.25"). */
export function percentInput(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

/** Basis points as the device's locale writes a percent ("7.5%", "7,5 %"). */
export function formatRate(bp: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(
    bp / 10_000,
  );
}

/** The tax an order carries, as a receipt states it. */
export interface OrderTax {
  /** prices included the tax (the total is the subtotal) */
  inclusive: boolean;
  /** the rate, when the shop's rate is the one that gives this tax; else unknown */
  rate: number | null;
}

/**
 * How an order's tax was taken, from its own amounts (checkout adds tax to the
 * subtotal, or takes it out of it): an order does not store the rate, so the shop's
 * rate is named only when it yields exactly this tax; a rate changed since is not
 * printed on an older receipt.
 */
export function orderTax(
  order: { subtotal: Minor; tax: Minor; total: Minor },
  shopRate: number,
): OrderTax | null {
  if (order.tax === 0) return null;
  const inclusive = order.total === order.subtotal;
  const expected = inclusive
    ? includedTax(order.subtotal, shopRate)
    : percentOf(order.subtotal, shopRate);
  return { inclusive, rate: shopRate > 0 && expected === order.tax ? shopRate : null };
}
