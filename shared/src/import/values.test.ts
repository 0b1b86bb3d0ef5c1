import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toDecimalString } from '../money.ts';
import {
  normaliseNumber,
  parseAmount,
  parseStockQuantity,
  parseUnit,
  parseYesNo,
  phoneDigits,
  plainText,
} from './values.ts';

describe('parseAmount', () => {
  it.each([
    ['2.50', 'EUR', 250],
    ['2,50', 'EUR', 250],
    ['€2,50', 'EUR', 250],
    ['2.50 €', 'EUR', 250],
    ['EUR 2.50', 'EUR', 250],
    ['$1,234.50', 'USD', 123_450],
    ['1.234,50', 'EUR', 123_450],
    ['1 234,5', 'EUR', 123_450],
    ["1'234.50", 'CHF', 123_450],
    ['1,234', 'EUR', 123_400],
    ['2.505', 'EUR', 250_500],
    ['1,234,567', 'KES', 123_456_700],
    ['12', 'EUR', 1200],
    ['.5', 'EUR', 50],
    ['1,500', 'JPY', 1500],
    ['1,234', 'KWD', 1234],
    ['-3.20', 'EUR', -320],
    ['(3.20)', 'EUR', -320],
  ])('reads %s in %s as %d minor units', (text, currency, minor) => {
    expect(parseAmount(text, currency)).toBe(minor);
  });

  it.each([
    ['abc', 'EUR'],
    ['', 'EUR'],
    ['2.5055', 'EUR'],
    ['USD 2.50', 'EUR'],
    ['1,23,4', 'EUR'],
    ['1.234.5', 'EUR'],
    ['1,234.567', 'EUR'],
    ['2.5', 'JPY'],
    ['12 kg', 'EUR'],
  ])('refuses %s in %s rather than guess', (text, currency) => {
    expect(parseAmount(text, currency)).toBeNull();
  });

  it('reads back every amount it exports, with or without thousands separators', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.constantFrom('EUR', 'JPY', 'KWD'),
        (minor, currency) => {
          expect(parseAmount(toDecimalString(minor, currency), currency)).toBe(minor);
          const grouped = new Intl.NumberFormat('en-US', {
            style: 'currency',
            currency,
          }).format(Number(toDecimalString(minor, currency)));
          // Intl rounds above 2^53 / 10^digits; compare only where the number is exact
          if (minor < 2 ** 50) expect(parseAmount(grouped, currency)).toBe(minor);
        },
      ),
    );
  });
});

describe('normaliseNumber', () => {
  it('keeps a lone mark with three digits as decimals when three decimals are possible', () => {
    expect(normaliseNumber('1,250', 3)).toBe('1.250');
    expect(normaliseNumber('1,250', 2)).toBe('1250');
  });
});

describe('parseStockQuantity', () => {
  it('reads sales units as base units, signed', () => {
    expect(parseStockQuantity('1.25', 'kg')).toBe(1250);
    expect(parseStockQuantity('1,25', 'kg')).toBe(1250);
    expect(parseStockQuantity('12', 'piece')).toBe(12);
    expect(parseStockQuantity('1,200', 'piece')).toBe(1200);
    expect(parseStockQuantity('-3', 'piece')).toBe(-3);
    expect(parseStockQuantity('0', 'l')).toBe(0);
    expect(parseStockQuantity('0.000', 'kg')).toBe(0);
  });
  it('refuses what is not an exact quantity of the unit', () => {
    expect(parseStockQuantity('2.5', 'piece')).toBeNull();
    expect(parseStockQuantity('1.2345', 'kg')).toBeNull();
    expect(parseStockQuantity('lots', 'piece')).toBeNull();
  });
});

describe('parseUnit', () => {
  it.each([
    ['kg', 'kg'],
    ['per kg', 'kg'],
    ['Per Kilogram (kg)', 'kg'],
    ['/kg', 'kg'],
    ['KGS', 'kg'],
    ['each', 'piece'],
    ['pcs', 'piece'],
    ['Per Unit', 'piece'],
    ['', 'piece'],
    ['litre', 'l'],
    ['L', 'l'],
    ['meters', 'm'],
  ] as const)('%s is %s', (word, unit) => {
    expect(parseUnit(word)).toBe(unit);
  });
  it('knows no pounds, dozens or boxes', () => {
    expect(parseUnit('lb')).toBeNull();
    expect(parseUnit('dozen')).toBeNull();
    expect(parseUnit('box')).toBeNull();
  });
});

describe('parseYesNo', () => {
  it('reads the words exports use', () => {
    expect(['Y', 'yes', 'TRUE', '1', 'active'].map(parseYesNo)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['N', 'no', 'false', '0', 'draft', 'archived'].map(parseYesNo)).toEqual(
      Array(6).fill(false),
    );
    expect(parseYesNo('maybe')).toBeNull();
  });
});

describe('plainText', () => {
  it('drops a web description’s tags and keeps its lines', () => {
    expect(plainText('<p>Fresh &amp; <b>crisp</b></p><p>From the valley</p>')).toBe(
      'Fresh & crisp\nFrom the valley',
    );
    expect(plainText('3 < 4 and 5 > 2')).toBe('3 < 4 and 5 > 2');
  });
});

describe('phoneDigits', () => {
  it('keeps the digits only', () => {
    expect(phoneDigits('+254 (700) 000-001')).toBe('254700000001');
  });
});
