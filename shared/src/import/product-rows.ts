import { minorDigits, type Minor } from '../money.ts';
import type { ProductFields } from '../schemas/product.ts';
import type { Unit } from '../quantity.ts';
import { quoteCell, type RowError } from './errors.ts';
import type { ProductTarget } from './fields.ts';
import type { ColumnMapping } from './mapping.ts';
import { cellOf } from './plan.ts';
import { parseAmount, parseStockQuantity, parseUnit, parseYesNo, plainText } from './values.ts';

/** What one row of a product file says, before it meets the shop's catalog. */
export interface ProductRowRead {
  line: number;
  /** the code as given ('' for none) */
  code: string;
  /** the fields the row gives a value for (empty cells give none) */
  changes: Partial<ProductFields>;
  /** stock and low-stock level as written: read once the unit is known */
  stockText: string;
  lowStockText: string;
  errors: RowError[];
}

/** Read the cells a mapping points at; each unreadable cell is one error. */
export function readProductRow(
  cells: readonly string[],
  line: number,
  mapping: ColumnMapping<'products'>,
  currency: string,
): ProductRowRead {
  const cell = (t: ProductTarget) => cellOf(cells, mapping[t]);
  const errors: RowError[] = [];
  const fail = (field: ProductTarget, message: string) => errors.push({ line, field, message });
  const changes: Partial<ProductFields> = {};

  const name = cell('name');
  if (name) changes.name = name;
  const category = cell('category');
  // a web shop's category path ("Food > Fruit") keeps its last step
  if (category) changes.category = category.split(' > ').pop()?.trim() ?? category;
  const description = cell('description');
  if (description) changes.description = plainText(description);

  const unitText = cell('unit');
  if (unitText) {
    const unit = parseUnit(unitText);
    if (unit) {
      changes.unit = unit;
    } else {
      fail(
        'unit',
        `unit ${quoteCell(unitText)} is not one Stallkeeper sells by (piece, kg, l or m)`,
      );
    }
  } else if (cell('byWeight')) {
    const weighed = parseYesNo(cell('byWeight'));
    if (weighed === null) {
      fail('byWeight', `sold by weight ${quoteCell(cell('byWeight'))} is not yes or no`);
    } else {
      changes.unit = weighed ? 'kg' : 'piece';
    }
  }

  const other = cell('currency').toUpperCase();
  if (other && other !== currency) {
    fail('currency', `prices are in ${other}, but the shop sells in ${currency}`);
  }
  const amount = (field: 'price' | 'cost'): Minor | undefined => {
    const text = cell(field);
    if (!text) return undefined;
    const value = parseAmount(text, currency);
    if (value === null) {
      const digits = minorDigits(currency);
      const example = digits ? `12.${'5'.padEnd(digits, '0')}` : '1250';
      fail(field, `${field} ${quoteCell(text)} is not an amount (write it like ${example})`);
    } else if (value < 0) {
      fail(field, `${field} ${quoteCell(text)} is below zero`);
    } else {
      return value;
    }
    return undefined;
  };
  const price = amount('price');
  if (price !== undefined) changes.price = price;
  const cost = amount('cost');
  if (cost !== undefined) changes.cost = cost;

  const activeText = cell('active');
  const archivedText = cell('archived');
  if (activeText) {
    const active = parseYesNo(activeText);
    if (active === null) fail('active', `for sale ${quoteCell(activeText)} is not yes or no`);
    else changes.active = active;
  } else if (archivedText) {
    const archived = parseYesNo(archivedText);
    if (archived === null) fail('archived', `archived ${quoteCell(archivedText)} is not yes or no`);
    else changes.active = !archived;
  }

  return {
    line,
    code: cell('code'),
    changes,
    stockText: cell('stock'),
    lowStockText: cell('lowStock'),
    errors,
  };
}

const UNIT_WORDS: Record<Unit, string> = {
  piece: 'a whole number of pieces',
  kg: 'a quantity in kg (at most 3 decimals)',
  l: 'a quantity in litres (at most 3 decimals)',
  m: 'a quantity in metres (at most 3 decimals)',
};

/**
 * Stock and low-stock level in base units for the row's unit. Stock may be below
 * zero (a shop that sold more than it counted); the warning level may not.
 */
export function readQuantities(
  read: ProductRowRead,
  unit: Unit,
): { opening: number; lowStock: number | null | undefined; errors: RowError[] } {
  const errors: RowError[] = [];
  let opening = 0;
  if (read.stockText) {
    const q = parseStockQuantity(read.stockText, unit);
    if (q === null) {
      errors.push({
        line: read.line,
        field: 'stock',
        message: `stock ${quoteCell(read.stockText)} is not ${UNIT_WORDS[unit]}`,
      });
    } else {
      opening = q;
    }
  }
  let lowStock: number | null | undefined;
  if (read.lowStockText) {
    const q = parseStockQuantity(read.lowStockText, unit);
    if (q === null || q < 0) {
      errors.push({
        line: read.line,
        field: 'lowStock',
        message:
          q === null
            ? `low stock level ${quoteCell(read.lowStockText)} is not ${UNIT_WORDS[unit]}`
            : `low stock level ${quoteCell(read.lowStockText)} is below zero`,
      });
    } else {
      lowStock = q;
    }
  }
  return { opening, lowStock, errors };
}
