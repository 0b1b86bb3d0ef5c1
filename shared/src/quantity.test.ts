import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  BASE_PER_UNIT,
  BASE_UNIT_LABEL,
  UNITS,
  formatQuantity,
  isWeighed,
  lineTotal,
  parseQuantity,
  type Unit,
} from './quantity.ts';

const weighed: readonly Unit[] = ['kg', 'l', 'm'];

/** Base units written as a decimal in sales units with all three decimals: 1250 → "1.250". */
function toSalesDecimal(base: number): string {
  return `${Math.floor(base / 1000)}.${(base % 1000).toString().padStart(3, '0')}`;
}

describe('units', () => {
  it('maps each unit to its base unit', () => {
    expect(UNITS).toEqual(['piece', 'kg', 'l', 'm']);
    expect(BASE_PER_UNIT).toEqual({ piece: 1, kg: 1000, l: 1000, m: 1000 });
    expect(BASE_UNIT_LABEL).toEqual({ piece: 'pc', kg: 'g', l: 'ml', m: 'mm' });
  });

  it('knows which units are weighed/measured', () => {
    expect(isWeighed('piece')).toBe(false);
    for (const u of weighed) expect(isWeighed(u)).toBe(true);
  });
});

describe('parseQuantity', () => {
  it('parses sales units into base units', () => {
    expect(parseQuantity('1.25', 'kg')).toBe(1250);
    expect(parseQuantity('1,25', 'kg')).toBe(1250);
    expect(parseQuantity('0.001', 'kg')).toBe(1);
    expect(parseQuantity('2', 'kg')).toBe(2000);
    expect(parseQuantity('2.', 'kg')).toBe(2000);
    expect(parseQuantity(' 0.5 ', 'l')).toBe(500);
    expect(parseQuantity('3.2', 'm')).toBe(3200);
    expect(parseQuantity('3', 'piece')).toBe(3);
    expect(parseQuantity('007', 'piece')).toBe(7);
  });

  it('rejects more than 3 decimals for kg, l and m', () => {
    for (const u of weighed) {
      expect(parseQuantity('1.2345', u)).toBeNull();
      expect(parseQuantity('0.0001', u)).toBeNull();
    }
  });

  it('rejects any decimals for pieces', () => {
    expect(parseQuantity('1.5', 'piece')).toBeNull();
    expect(parseQuantity('2,0', 'piece')).toBeNull();
    expect(parseQuantity('2.0', 'piece')).toBeNull();
  });

  it('rejects zero, negatives and garbage', () => {
    const bad = [
      '',
      ' ',
      '0',
      '0.000',
      '0,0',
      '-1',
      '-0.5',
      'abc',
      '1e3',
      '1.2.3',
      'Infinity',
      'NaN',
      '0x10',
      '1 000',
      '+1',
      '.5',
      '1234567890',
    ];
    for (const u of UNITS) {
      for (const input of bad) expect(parseQuantity(input, u), `${input} ${u}`).toBeNull();
    }
  });

  it('property: round-trips grams (and ml, mm) written as decimal sales units', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999_999_999_999 }),
        fc.constantFrom(...weighed),
        (base, unit) => {
          const text = toSalesDecimal(base);
          expect(parseQuantity(text, unit)).toBe(base);
          expect(parseQuantity(text.replace('.', ','), unit)).toBe(base);
          // trailing zeros may be dropped: "1.250" ≡ "1.25"
          const trimmed = text.replace(/0+$/, '').replace(/\.$/, '');
          expect(parseQuantity(trimmed, unit)).toBe(base);
        },
      ),
    );
  });

  it('property: round-trips whole pieces', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999 }), (n) => {
        expect(parseQuantity(String(n), 'piece')).toBe(n);
      }),
    );
  });

  it('property: rejects 4 or more decimals for weighed units', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999 }),
        fc.stringMatching(/^\d{4,8}$/),
        fc.constantFrom(...weighed),
        (whole, frac, unit) => {
          expect(parseQuantity(`${whole}.${frac}`, unit)).toBeNull();
        },
      ),
    );
  });

  it('property: rejects any decimal part for pieces', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999 }),
        fc.stringMatching(/^\d{1,5}$/),
        (whole, frac) => {
          expect(parseQuantity(`${whole}.${frac}`, 'piece')).toBeNull();
        },
      ),
    );
  });

  it('property: every accepted input yields a positive safe integer', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.constantFrom(...UNITS), (s, unit) => {
        const q = parseQuantity(s, unit);
        if (q !== null) {
          expect(Number.isSafeInteger(q)).toBe(true);
          expect(q).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe('formatQuantity', () => {
  it('shows base units back in sales units', () => {
    expect(formatQuantity(1250, 'kg', 'en')).toBe('1.25 kg');
    expect(formatQuantity(1, 'kg', 'en')).toBe('0.001 kg');
    expect(formatQuantity(1500, 'l', 'en')).toBe('1.5 l');
    expect(formatQuantity(1000, 'm', 'en')).toBe('1 m');
    expect(formatQuantity(3, 'piece', 'en')).toBe('3');
    expect(formatQuantity(1234567, 'piece', 'en')).toBe('1,234,567');
    expect(formatQuantity(1250, 'kg', 'de')).toBe('1,25 kg');
  });

  it('property: parseQuantity reads the English output back', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999_999_999 }),
        fc.constantFrom(...UNITS),
        (base, unit) => {
          const text = formatQuantity(base, unit, 'en')
            .replace(/ (kg|l|m)$/, '')
            .replaceAll(',', '');
          expect(parseQuantity(text, unit)).toBe(base);
        },
      ),
    );
  });
});

describe('lineTotal', () => {
  it('prices weighed goods per kg and rounds half away from zero', () => {
    expect(lineTotal(1299, 1250, 'kg')).toBe(1624); // 12.99 €/kg × 1.25 kg = 16.2375
    expect(lineTotal(999, 500, 'kg')).toBe(500); // 4.995 → 5.00
    expect(lineTotal(1, 499, 'kg')).toBe(0);
    expect(lineTotal(1, 500, 'kg')).toBe(1);
    expect(lineTotal(250, 4, 'piece')).toBe(1000);
    expect(lineTotal(0, 1000, 'l')).toBe(0);
  });

  it('property: kg total = price per kg × grams / 1000, rounded half away from zero', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 1, max: 1e7 }),
        fc.constantFrom(...weighed),
        (price, grams, unit) => {
          const exact = BigInt(price) * BigInt(grams);
          // non-negative: round half up = floor((2x + 1000) / 2000)
          const expected = (2n * exact + 1000n) / 2000n;
          expect(BigInt(lineTotal(price, grams, unit))).toBe(expected);
        },
      ),
    );
  });

  it('property: per-piece total is price × count', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 1, max: 1e6 }),
        (price, n) => {
          expect(lineTotal(price, n, 'piece')).toBe(price * n);
        },
      ),
    );
  });

  it('property: monotonic in quantity', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e8 }),
        fc.integer({ min: 1, max: 1e7 }),
        fc.integer({ min: 0, max: 1e7 }),
        fc.constantFrom(...UNITS),
        (price, q, extra, unit) => {
          expect(lineTotal(price, q + extra, unit)).toBeGreaterThanOrEqual(
            lineTotal(price, q, unit),
          );
        },
      ),
    );
  });

  it('property: monotonic in price', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e8 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 1, max: 1e7 }),
        fc.constantFrom(...UNITS),
        (price, extra, q, unit) => {
          expect(lineTotal(price + extra, q, unit)).toBeGreaterThanOrEqual(
            lineTotal(price, q, unit),
          );
        },
      ),
    );
  });
});
