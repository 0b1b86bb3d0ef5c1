import { multiply, type Minor } from './money.ts';

/**
 * Quantities are integers in a product's base unit: pieces, or grams, millilitres and
 * millimetres for products sold by kg, l and m, so sales by weight are exact.
 */
export const UNITS = ['piece', 'kg', 'l', 'm'] as const;
export type Unit = (typeof UNITS)[number];

/** How many base units make one sales unit (the unit a price is quoted per). */
export const BASE_PER_UNIT = { piece: 1, kg: 1000, l: 1000, m: 1000 } as const satisfies Record<
  Unit,
  number
>;

export const BASE_UNIT_LABEL = { piece: 'pc', kg: 'g', l: 'ml', m: 'mm' } as const satisfies Record<
  Unit,
  string
>;

export function isWeighed(unit: Unit): boolean {
  return BASE_PER_UNIT[unit] !== 1;
}

/** Total of a line: unit price is per sales unit (per piece, per kg, ...). */
export function lineTotal(unitPrice: Minor, quantity: number, unit: Unit): Minor {
  return multiply(unitPrice, quantity, BASE_PER_UNIT[unit]);
}

/**
 * Parse a typed quantity in sales units ("1.25" kg) into base units (1250 g).
 * Returns null if it is not a positive exact amount of base units.
 */
export function parseQuantity(input: string, unit: Unit): number | null {
  const per = BASE_PER_UNIT[unit];
  const decimals = Math.round(Math.log10(per));
  const m = /^(\d{1,9})(?:[.,](\d*))?$/.exec(input.trim());
  if (!m) return null;
  const [, whole = '0', frac = ''] = m;
  if (frac.length > decimals) return null;
  const value = Number(whole) * per + Number(frac.padEnd(decimals, '0') || '0');
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}

/** Base units back to a readable amount in sales units: 1250 g → "1.25 kg". */
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string | undefined, decimals: number): Intl.NumberFormat {
  const key = `${locale ?? ''}|${decimals}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: decimals });
    numberFormats.set(key, f);
  }
  return f;
}

export function formatQuantity(quantity: number, unit: Unit, locale?: string): string {
  const per = BASE_PER_UNIT[unit];
  if (per === 1) return numberFormat(locale, 0).format(quantity);
  return `${numberFormat(locale, 3).format(quantity / per)} ${unit}`;
}
