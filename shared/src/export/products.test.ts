import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  PRODUCT_COLUMNS,
  productsTable,
  quantityDecimal,
  type CatalogProduct,
} from './products.ts';
import { BASE_PER_UNIT, UNITS } from '../quantity.ts';

const apples: CatalogProduct = {
  _id: 'product:01J00000000000000000000001',
  code: 'APL',
  name: 'Apples',
  category: 'Fruit',
  unit: 'kg',
  price: 350,
  cost: 120,
  description: 'Crisp, from the valley',
  lowStockThreshold: 2500,
  active: true,
};
const bags: CatalogProduct = {
  id: 'product:01J00000000000000000000002',
  code: 'BAG',
  name: 'Paper bag',
  unit: 'piece',
  price: 10,
  cost: null,
  description: '',
  lowStockThreshold: null,
  active: 0,
};

describe('productsTable', () => {
  it('writes one row per product in the catalog columns, amounts and stock in the sales unit', () => {
    const onHand = new Map([['product:01J00000000000000000000001', 12_250]]);
    const t = productsTable([bags, apples], onHand, 'EUR');
    expect(t.name).toBe('products');
    expect(t.columns).toEqual([...PRODUCT_COLUMNS]);
    expect(t.rows).toEqual([
      [
        'APL',
        'Apples',
        'Fruit',
        'kg',
        '3.50',
        '1.20',
        'EUR',
        '12.25',
        '2.5',
        'Crisp, from the valley',
        'yes',
      ],
      ['BAG', 'Paper bag', '', 'piece', '0.10', '', 'EUR', '0', '', '', 'no'],
    ]);
  });

  it('uses the currency’s own digits', () => {
    const t = productsTable([{ ...apples, price: 1500, cost: null }], new Map(), 'JPY');
    expect(t.rows[0]?.slice(4, 7)).toEqual(['1500', '', 'JPY']);
  });
});

describe('quantityDecimal', () => {
  it('writes base units as the sales unit’s decimal', () => {
    expect(quantityDecimal(1250, 'kg')).toBe('1.25');
    expect(quantityDecimal(5, 'kg')).toBe('0.005');
    expect(quantityDecimal(-500, 'l')).toBe('-0.5');
    expect(quantityDecimal(3000, 'm')).toBe('3');
    expect(quantityDecimal(7, 'piece')).toBe('7');
    expect(quantityDecimal(0, 'kg')).toBe('0');
  });

  it('is exact: the decimal times the units per sales unit is the base quantity', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.constantFrom(...UNITS), (q, unit) => {
        const text = quantityDecimal(q, unit);
        const [whole = '', frac = ''] = text.replace('-', '').split('.');
        const digits = String(BASE_PER_UNIT[unit]).length - 1;
        const back = Number(whole) * BASE_PER_UNIT[unit] + Number(frac.padEnd(digits, '0') || '0');
        expect(text.startsWith('-') ? -back : back).toBe(q);
      }),
    );
  });
});
