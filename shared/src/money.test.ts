import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  MoneyError,
  allocate,
  assertMinor,
  divRound,
  formatMoney,
  includedTax,
  minorDigits,
  multiply,
  parseMoney,
  percentOf,
  sum,
  toDecimalString,
} from './money.ts';

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

/** Amounts inside the range the schemas accept (|x| ≤ 1e13 minor units). */
const schemaMinor = fc.integer({ min: -1e13, max: 1e13 });

describe('assertMinor', () => {
  it('accepts safe integers and returns them', () => {
    expect(assertMinor(0)).toBe(0);
    expect(assertMinor(-1250)).toBe(-1250);
    expect(assertMinor(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('rejects fractions, NaN, infinities and unsafe integers with a labelled message', () => {
    expect(() => assertMinor(1.5, 'price')).toThrow(/price must be a whole number/);
    expect(() => assertMinor(Number.NaN)).toThrow(MoneyError);
    expect(() => assertMinor(Number.POSITIVE_INFINITY)).toThrow(MoneyError);
    expect(() => assertMinor(Number.MAX_SAFE_INTEGER + 1)).toThrow(MoneyError);
  });
});

describe('divRound', () => {
  it('rounds halves away from zero in every sign combination', () => {
    expect(divRound(5n, 2n)).toBe(3n);
    expect(divRound(-5n, 2n)).toBe(-3n);
    expect(divRound(5n, -2n)).toBe(-3n);
    expect(divRound(-5n, -2n)).toBe(3n);
    expect(divRound(7n, 3n)).toBe(2n);
    expect(divRound(8n, 3n)).toBe(3n);
    expect(divRound(-7n, 3n)).toBe(-2n);
    expect(divRound(-8n, 3n)).toBe(-3n);
    expect(divRound(0n, 7n)).toBe(0n);
    expect(divRound(1n, 3n)).toBe(0n);
    expect(divRound(-1n, 3n)).toBe(0n);
  });

  it('refuses to divide by zero', () => {
    expect(() => divRound(1n, 0n)).toThrow(MoneyError);
    expect(() => divRound(0n, 0n)).toThrow(/division by zero/);
  });

  it('property: is the exact rational n/d rounded half away from zero', () => {
    const big = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });
    const nonZero = fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).filter((d) => d !== 0n);
    fc.assert(
      fc.property(big, nonZero, (n, d) => {
        const r = divRound(n, d);
        // Normalise to a positive denominator: n/d = N/D.
        const D = abs(d);
        const N = d < 0n ? -n : n;
        // err = 2·(r − N/D)·D, so |r − N/D| = |err| / (2D).
        const err = 2n * r * D - 2n * N;
        expect(abs(err) <= D).toBe(true); // within half a unit
        if (abs(err) === D) {
          // an exact tie: must have moved away from zero
          expect(err > 0n === N > 0n).toBe(true);
          expect(abs(r) * D > abs(N)).toBe(true);
        }
      }),
    );
  });

  it('property: odd-symmetric (divRound(-n, d) = -divRound(n, d))', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        (n, d) => {
          expect(divRound(-n, d)).toBe(-divRound(n, d));
          expect(divRound(n, -d)).toBe(-divRound(n, d));
        },
      ),
    );
  });
});

describe('multiply', () => {
  it('rounds once at the line: 1.299 €/kg × 1250 g', () => {
    expect(multiply(1299, 1250, 1000)).toBe(1624); // 1623.75
    expect(multiply(999, 500, 1000)).toBe(500); // 499.5 → away from zero
    expect(multiply(-999, 500, 1000)).toBe(-500);
    expect(multiply(1, 499, 1000)).toBe(0);
    expect(multiply(250, 3)).toBe(750);
  });

  it('rejects bad inputs', () => {
    expect(() => multiply(1.5, 1)).toThrow(/price/);
    expect(() => multiply(100, 1.5)).toThrow(/quantity/);
    expect(() => multiply(100, 1, 0)).toThrow(/per must be positive/);
    expect(() => multiply(100, 1, -1000)).toThrow(MoneyError);
    expect(() => multiply(100, 1, 0.5)).toThrow(MoneyError);
  });

  it('throws instead of returning an unsafe number when the result is out of range', () => {
    expect(() => multiply(Number.MAX_SAFE_INTEGER, 2)).toThrow(/out of range/);
    expect(multiply(Number.MAX_SAFE_INTEGER, 2, 2)).toBe(Number.MAX_SAFE_INTEGER);
  });

  const reference = (price: number, qty: number, per: number) => {
    const num = BigInt(price) * BigInt(qty);
    const P = BigInt(per);
    // half away from zero as sign(x) · floor((2|x| + per) / (2·per))
    const magnitude = (2n * abs(num) + P) / (2n * P);
    return num < 0n ? -magnitude : magnitude;
  };

  it('property: the floating-point path for everyday amounts equals BigInt arithmetic', () => {
    const factor = fc.oneof(
      fc.integer({ min: -1e6, max: 1e6 }),
      fc.integer({ min: -(2 ** 24), max: 2 ** 24 }),
    );
    // products up to 2^48 and just past it, where the path changes
    const nearEdge = fc.tuple(
      fc.integer({ min: 2 ** 23, max: 2 ** 25 }),
      fc.integer({ min: 2 ** 23, max: 2 ** 25 }),
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.tuple(factor, factor), nearEdge),
        fc.oneof(fc.constantFrom(1, 2, 3, 7, 10, 12, 1000), fc.integer({ min: 1, max: 2 ** 40 })),
        ([price, qty], per) => {
          const got = multiply(price, qty, per);
          expect(Object.is(got, -0)).toBe(false);
          expect(BigInt(got)).toBe(reference(price, qty, per));
        },
      ),
      { numRuns: 5000 },
    );
    expect(Object.is(multiply(-5, 0), 0)).toBe(true);
    expect(Object.is(multiply(-1, 499, 1000), 0)).toBe(true);
  });

  it('property: equals an independent BigInt reference', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e13, max: 1e13 }),
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.constantFrom(1, 10, 100, 1000, 3, 7, 12),
        (price, qty, per) => {
          const num = BigInt(price) * BigInt(qty);
          const P = BigInt(per);
          // half away from zero as sign(x) · floor((2|x| + per) / (2·per))
          const magnitude = (2n * abs(num) + P) / (2n * P);
          const expected = num < 0n ? -magnitude : magnitude;
          if (abs(expected) > BigInt(Number.MAX_SAFE_INTEGER)) {
            expect(() => multiply(price, qty, per)).toThrow(MoneyError);
          } else {
            const got = multiply(price, qty, per);
            expect(Number.isSafeInteger(got)).toBe(true);
            expect(BigInt(got)).toBe(expected);
          }
        },
      ),
    );
  });
});

describe('sum', () => {
  it('adds amounts exactly', () => {
    expect(sum([])).toBe(0);
    expect(sum([1, 2, 3])).toBe(6);
    expect(sum([1250, -250])).toBe(1000);
    // would lose precision in floating point order-dependent ways
    expect(sum([Number.MAX_SAFE_INTEGER, 1, -2])).toBe(Number.MAX_SAFE_INTEGER - 1);
  });

  it('rejects non-integer parts and an out-of-range total', () => {
    expect(() => sum([1, 0.5])).toThrow(MoneyError);
    // a part after the total left the safe range is checked as well
    expect(() => sum([Number.MAX_SAFE_INTEGER, 1, 0.5])).toThrow(MoneyError);
    expect(() => sum([Number.MAX_SAFE_INTEGER, 1])).toThrow(/out of range/);
  });

  it('property: order-independent and equal to a BigInt sum', () => {
    const amounts = fc.array(fc.integer({ min: -1e14, max: 1e14 }), { maxLength: 40 });
    fc.assert(
      fc.property(
        amounts.chain((xs) =>
          fc.tuple(
            fc.constant(xs),
            fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }),
          ),
        ),
        ([xs, shuffled]) => {
          const total = sum(xs);
          expect(sum(shuffled)).toBe(total);
          expect(sum([...xs].reverse())).toBe(total);
          expect(BigInt(total)).toBe(xs.reduce((a, b) => a + BigInt(b), 0n));
        },
      ),
    );
  });
});

describe('allocate', () => {
  it('splits with the largest remainder, ties going to the earliest part', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocate(1, [1, 1])).toEqual([1, 0]);
    expect(allocate(10, [1, 2])).toEqual([3, 7]); // 3.33 / 6.67: 6.67 has the larger remainder
    expect(allocate(5, [0, 1, 0])).toEqual([0, 5, 0]);
    expect(allocate(0, [3, 4])).toEqual([0, 0]);
  });

  it('rejects empty, negative, fractional or all-zero weights', () => {
    expect(() => allocate(100, [])).toThrow(/no weights/);
    expect(() => allocate(100, [0, 0])).toThrow(/sum to zero/);
    expect(() => allocate(100, [1, -1])).toThrow(MoneyError);
    expect(() => allocate(100, [1, 0.5])).toThrow(MoneyError);
    expect(() => allocate(0.5, [1])).toThrow(MoneyError);
  });

  it('property: parts sum to the amount and each is within 1 of its exact share', () => {
    const weights = fc
      .array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 25 })
      .filter((ws) => ws.some((w) => w > 0));
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), weights, (amount, ws) => {
        const parts = allocate(amount, ws);
        expect(parts).toHaveLength(ws.length);
        expect(sum(parts)).toBe(amount);
        const W = ws.reduce((a, b) => a + BigInt(b), 0n);
        parts.forEach((part, i) => {
          const w = BigInt(ws[i] ?? 0);
          expect(Number.isSafeInteger(part)).toBe(true);
          // |part − amount·w/W| < 1  ⇔  |part·W − amount·w| < W
          expect(abs(BigInt(part) * W - BigInt(amount) * w) < W).toBe(true);
          if (w === 0n) expect(part).toBe(0);
          // never flips sign
          if (amount >= 0) expect(part).toBeGreaterThanOrEqual(0);
          else expect(part).toBeLessThanOrEqual(0);
        });
      }),
    );
  });

  it('property: allocating a negative amount mirrors the positive one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 10 }),
        (amount, ws) => {
          expect(allocate(-amount, ws).map((x) => -x + 0)).toEqual(
            allocate(amount, ws).map((x) => x + 0),
          );
        },
      ),
    );
  });
});

describe('percentOf / includedTax', () => {
  it('computes rates given in basis points', () => {
    expect(percentOf(1000, 750)).toBe(75);
    expect(percentOf(5, 1000)).toBe(1); // 0.5 → 1
    expect(percentOf(-5, 1000)).toBe(-1);
    expect(percentOf(1234, 0)).toBe(0);
    expect(percentOf(1234, 10_000)).toBe(1234);
    expect(includedTax(1075, 750)).toBe(75);
    expect(includedTax(119, 1900)).toBe(19);
    expect(includedTax(1000, 0)).toBe(0);
    expect(includedTax(1190, 1900)).toBe(190);
  });

  it('rejects fractional rates and amounts', () => {
    expect(() => percentOf(100, 7.5)).toThrow(/basis points/);
    expect(() => percentOf(1.5, 100)).toThrow(MoneyError);
    expect(() => includedTax(1.5, 100)).toThrow(MoneyError);
  });

  it('property: percentOf is the rounded exact percentage', () => {
    fc.assert(
      fc.property(schemaMinor, fc.integer({ min: 0, max: 10_000 }), (amount, bp) => {
        const got = BigInt(percentOf(amount, bp));
        const err = got * 10_000n - BigInt(amount) * BigInt(bp);
        expect(abs(2n * err) <= 10_000n).toBe(true);
      }),
    );
  });

  it('property: gross − includedTax(gross) recovers net within 1 minor unit', () => {
    fc.assert(
      fc.property(schemaMinor, fc.integer({ min: 0, max: 10_000 }), (net, bp) => {
        const gross = net + percentOf(net, bp);
        const tax = includedTax(gross, bp);
        expect(Math.abs(gross - tax - net)).toBeLessThanOrEqual(1);
        // tax never exceeds the gross amount and has its sign
        expect(Math.abs(tax)).toBeLessThanOrEqual(Math.abs(gross));
        if (gross > 0) expect(tax).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('minorDigits', () => {
  it('comes from Intl for each currency', () => {
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
    // cached answer is the same
    expect(minorDigits('KWD')).toBe(3);
  });
});

describe('toDecimalString', () => {
  it('writes plain decimals with the currency digits', () => {
    expect(toDecimalString(1250, 'EUR')).toBe('12.50');
    expect(toDecimalString(5, 'EUR')).toBe('0.05');
    expect(toDecimalString(-5, 'EUR')).toBe('-0.05');
    expect(toDecimalString(0, 'EUR')).toBe('0.00');
    expect(toDecimalString(1234, 'JPY')).toBe('1234');
    expect(toDecimalString(-1234, 'JPY')).toBe('-1234');
    expect(toDecimalString(1, 'KWD')).toBe('0.001');
    expect(toDecimalString(123456, 'KWD')).toBe('123.456');
  });
});

describe('parseMoney', () => {
  it('parses what people type', () => {
    expect(parseMoney('12.5', 'EUR')).toBe(1250);
    expect(parseMoney('12,50', 'EUR')).toBe(1250);
    expect(parseMoney(' 12 ', 'EUR')).toBe(1200);
    expect(parseMoney('12.', 'EUR')).toBe(1200);
    expect(parseMoney('1 234.5', 'EUR')).toBe(123450);
    expect(parseMoney('1\u00a0234,56', 'EUR')).toBe(123456);
    expect(parseMoney("1'234.56", 'EUR')).toBe(123456);
    expect(parseMoney('-3.5', 'EUR')).toBe(-350);
    expect(parseMoney('0.05', 'EUR')).toBe(5);
    expect(parseMoney('1234', 'JPY')).toBe(1234);
    expect(parseMoney('1.234', 'KWD')).toBe(1234);
    expect(parseMoney('1.2', 'KWD')).toBe(1200);
  });

  it('returns null instead of guessing', () => {
    for (const bad of [
      '',
      ' ',
      'abc',
      '12.345',
      '1.2.3',
      '1,234.50',
      '+5',
      '1e3',
      '.5',
      '--1',
      '12€',
      'NaN',
    ]) {
      expect(parseMoney(bad, 'EUR'), bad).toBeNull();
    }
    expect(parseMoney('12.5', 'JPY')).toBeNull();
    expect(parseMoney('1.2345', 'KWD')).toBeNull();
    expect(parseMoney('99999999999999', 'EUR')).toBeNull(); // more than 13 whole digits
  });

  it('returns null rather than an unsafe integer for huge amounts of either sign', () => {
    expect(parseMoney('9999999999999.999', 'KWD')).toBeNull();
    expect(parseMoney('-9999999999999.999', 'KWD')).toBeNull();
    const big = parseMoney('9007199254740.991', 'KWD');
    expect(big).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseMoney('-9007199254740.991', 'KWD')).toBe(-Number.MAX_SAFE_INTEGER);
  });

  it('property: parseMoney(toDecimalString(x)) === x for EUR, JPY and KWD', () => {
    // parseMoney accepts at most 13 whole digits, so stay below 1e13 minor units.
    const amount = fc.integer({ min: -(1e13 - 1), max: 1e13 - 1 });
    fc.assert(
      fc.property(amount, fc.constantFrom('EUR', 'JPY', 'KWD'), (x, currency) => {
        const text = toDecimalString(x, currency);
        expect(parseMoney(text, currency)).toBe(x);
        // a comma decimal separator is accepted just the same
        expect(parseMoney(text.replace('.', ','), currency)).toBe(x);
      }),
    );
  });

  it('property: any string either parses to a safe integer or is null', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('EUR', 'JPY', 'KWD'), (s, currency) => {
        const v = parseMoney(s, currency);
        if (v !== null) expect(Number.isSafeInteger(v)).toBe(true);
      }),
    );
  });
});

describe('formatMoney', () => {
  it('formats through Intl with the currency digits', () => {
    expect(formatMoney(1250, 'EUR', 'en')).toBe('€12.50');
    expect(formatMoney(-1250, 'EUR', 'en')).toBe('-€12.50');
    expect(formatMoney(123456789, 'EUR', 'en')).toBe('€1,234,567.89');
    expect(formatMoney(1234, 'JPY', 'en')).toBe('¥1,234');
    expect(formatMoney(5, 'USD', 'en-US')).toBe('$0.05');
    expect(formatMoney(1234, 'KWD', 'en')).toMatch(/^KWD\s1\.234$/);
    expect(formatMoney(123456, 'EUR', 'de')).toMatch(/^1\.234,56\s€$/);
  });

  it('property: the EUR/en output reads back as the same amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (x) => {
        const text = formatMoney(x, 'EUR', 'en');
        expect(text).toMatch(/^-?€\d{1,3}(,\d{3})*\.\d{2}$/);
        expect(parseMoney(text.replace('€', '').replaceAll(',', ''), 'EUR')).toBe(x);
      }),
    );
  });
});
