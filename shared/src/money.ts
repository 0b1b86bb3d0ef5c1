/**
 * Money is always an integer number of minor units (cents) of one ISO currency.
 * Every rounding rule in Stallkeeper lives here: round half away from zero, once,
 * at the line level, using exact integer (BigInt) arithmetic so large totals never
 * pick up binary floating-point error.
 */
export type Minor = number;

export class MoneyError extends Error {
  override name = 'MoneyError';
}

export function assertMinor(value: number, label = 'amount'): Minor {
  if (!Number.isSafeInteger(value)) {
    throw new MoneyError(`${label} must be a whole number of minor units, got ${value}`);
  }
  return value;
}

/** Divide two BigInts, rounding half away from zero. */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new MoneyError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = n / d;
  const r = n % d;
  const rounded = r * 2n >= d ? q + 1n : q;
  return negative ? -rounded : rounded;
}

function toSafe(value: bigint): Minor {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new MoneyError('amount out of range');
  }
  return Number(value);
}

/**
 * Below this magnitude a product of two integers, its quotient's floor and the
 * remainder are all exact in floating point (with the one-step correction below).
 */
const EXACT_IN_DOUBLES = 2 ** 48;

/** `divRound` for a product known exact and small (see EXACT_IN_DOUBLES), `per` positive. */
function divRoundSmall(n: number, per: number): number {
  const a = Math.abs(n);
  let q = Math.floor(a / per);
  let r = a - q * per;
  // a / per may round across an integer: the exact remainder says which way
  if (r < 0) {
    q -= 1;
    r += per;
  } else if (r >= per) {
    q += 1;
    r -= per;
  }
  const rounded = r * 2 >= per ? q + 1 : q;
  return n < 0 && rounded !== 0 ? -rounded : rounded;
}

/** price (minor units per `per` base units) × quantity (base units), rounded once. */
export function multiply(price: Minor, quantity: number, per = 1): Minor {
  assertMinor(price, 'price');
  if (!Number.isSafeInteger(quantity)) throw new MoneyError('quantity must be a whole number');
  if (!Number.isSafeInteger(per) || per <= 0) throw new MoneyError('per must be positive');
  // Every replicated order's lines are checked with this: BigInt only when it matters.
  const product = price * quantity;
  if (Math.abs(product) < EXACT_IN_DOUBLES) {
    // `+ 0` turns a -0 (a negative price × 0) into the 0 BigInt arithmetic gives
    return per === 1 ? product + 0 : divRoundSmall(product, per);
  }
  return toSafe(divRound(BigInt(price) * BigInt(quantity), BigInt(per)));
}

export function sum(amounts: readonly Minor[]): Minor {
  let total = 0;
  for (const a of amounts) {
    total += assertMinor(a);
    // exact while it stays a safe integer; past that, BigInt decides
    if (!Number.isSafeInteger(total)) return exactSum(amounts);
  }
  return total;
}

function exactSum(amounts: readonly Minor[]): Minor {
  let total = 0n;
  for (const a of amounts) total += BigInt(assertMinor(a));
  return toSafe(total);
}

/** A rate given in basis points (1 bp = 0.01 %), e.g. tax 7.5 % = 750. */
export function percentOf(amount: Minor, basisPoints: number): Minor {
  assertMinor(amount);
  if (!Number.isSafeInteger(basisPoints)) throw new MoneyError('rate must be whole basis points');
  return toSafe(divRound(BigInt(amount) * BigInt(basisPoints), 10_000n));
}

/** Tax already contained in a tax-inclusive gross amount. */
export function includedTax(gross: Minor, basisPoints: number): Minor {
  assertMinor(gross);
  return toSafe(divRound(BigInt(gross) * BigInt(basisPoints), 10_000n + BigInt(basisPoints)));
}

/**
 * Split an amount into parts proportional to weights so the parts always add up to
 * the amount exactly (largest-remainder method; ties go to the earliest part).
 */
export function allocate(amount: Minor, weights: readonly number[]): Minor[] {
  assertMinor(amount);
  if (weights.length === 0) throw new MoneyError('no weights');
  const w = weights.map((x) => {
    if (!Number.isSafeInteger(x) || x < 0) throw new MoneyError('weights must be whole and ≥ 0');
    return BigInt(x);
  });
  const totalWeight = w.reduce((a, b) => a + b, 0n);
  if (totalWeight === 0n) throw new MoneyError('weights sum to zero');
  const a = BigInt(amount);
  const sign = a < 0n ? -1n : 1n;
  const abs = a * sign;
  const floors = w.map((x) => (abs * x) / totalWeight);
  const remainders = w.map((x, i) => ({ i, r: (abs * x) % totalWeight }));
  let left = abs - floors.reduce((s, x) => s + x, 0n);
  remainders.sort((p, q) => (q.r > p.r ? 1 : q.r < p.r ? -1 : p.i - q.i));
  for (const { i } of remainders) {
    if (left === 0n) break;
    floors[i] = (floors[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return floors.map((x) => toSafe(x * sign));
}

const minorDigitsCache = new Map<string, number>();

/** Minor-unit digits of a currency (EUR 2, JPY 0, KWD 3), from Intl. */
export function minorDigits(currency: string): number {
  const cached = minorDigitsCache.get(currency);
  if (cached !== undefined) return cached;
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  minorDigitsCache.set(currency, digits);
  return digits;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Building an Intl formatter is slow; a screen of prices reuses one per currency. */
function moneyFormat(
  currency: string,
  locale: string | undefined,
  digits: number,
): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    moneyFormats.set(key, f);
  }
  return f;
}

export function formatMoney(amount: Minor, currency: string, locale?: string): string {
  const digits = minorDigits(currency);
  return moneyFormat(currency, locale, digits).format(amount / 10 ** digits);
}

/**
 * Parse what a person typed ("12.5", "12,50", "1 234.5") into minor units.
 * Returns null for anything that is not an exact amount with at most the
 * currency's digits, rather than guessing.
 */
export function parseMoney(input: string, currency: string): Minor | null {
  const digits = minorDigits(currency);
  const cleaned = input.trim().replace(/[\s\u00a0']/g, '');
  const m = /^(-)?(\d{1,13})(?:[.,](\d*))?$/.exec(cleaned);
  if (!m) return null;
  const [, neg, whole = '0', frac = ''] = m;
  if (frac.length > digits) return null;
  const value = BigInt(whole) * 10n ** BigInt(digits) + BigInt(frac.padEnd(digits, '0') || '0');
  const signed = neg ? -value : value;
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(signed);
}

/** Minor units as a plain decimal string for inputs and CSV ("12.50"). */
export function toDecimalString(amount: Minor, currency: string): string {
  const digits = minorDigits(currency);
  const negative = amount < 0;
  const abs = Math.abs(amount)
    .toString()
    .padStart(digits + 1, '0');
  const whole = digits === 0 ? abs : abs.slice(0, -digits);
  const frac = digits === 0 ? '' : `.${abs.slice(-digits)}`;
  return `${negative ? '-' : ''}${whole}${frac}`;
}
