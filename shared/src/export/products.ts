import type { Minor } from '../money.ts';
import { BASE_PER_UNIT, type Unit } from '../quantity.ts';
import { decimal, type ExportTable } from './table.ts';

/**
 * The catalog's CSV columns, in order. The import reads the same names back (see
 * import/presets.ts), so an export opened in a spreadsheet, edited and imported again
 * lands field for field.
 */
export const PRODUCT_COLUMNS = [
  'code',
  'name',
  'category',
  'unit',
  'price',
  'cost',
  'currency',
  'stock',
  'low_stock_at',
  'description',
  'active',
] as const;

/** A product as either side holds it: the replica's document (`_id`) or a read-model row (`id`). */
export type CatalogProduct = {
  code: string;
  name: string;
  /** missing on products from before categories */
  category?: string;
  unit: Unit;
  price: Minor;
  cost: Minor | null;
  description: string;
  lowStockThreshold: number | null;
  /** a document's boolean or a read-model row's 0/1 */
  active: boolean | 0 | 1;
} & ({ id: string } | { _id: string });

const idOf = (p: CatalogProduct): string => ('id' in p ? p.id : p._id);

/**
 * Base units as a plain decimal in the sales unit, as a spreadsheet reads it:
 * 1250 g → "1.25", 12 pieces → "12", -500 g → "-0.5". Exact (no floating point).
 */
export function quantityDecimal(base: number, unit: Unit): string {
  const per = BASE_PER_UNIT[unit];
  const sign = base < 0 ? '-' : '';
  const abs = Math.abs(base);
  const whole = Math.floor(abs / per);
  const frac = abs % per;
  if (frac === 0) return `${sign}${whole}`;
  const digits = String(per).length - 1;
  return `${sign}${whole}.${String(frac).padStart(digits, '0').replace(/0+$/, '')}`;
}

/**
 * The shop's catalog as a table: one row per product, archived ones included (marked
 * `active` no). Prices and costs are per sales unit in `currency`; `stock` is what is
 * on hand now and `low_stock_at` the product's own warning level, both in the sales
 * unit (kg, l, m or pieces). `onHand` maps product ids to base units (absent = 0).
 */
export function productsTable(
  products: readonly CatalogProduct[],
  onHand: ReadonlyMap<string, number>,
  currency: string,
): ExportTable {
  const rows = [...products]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((p) => [
      p.code,
      p.name,
      p.category ?? '',
      p.unit,
      decimal(p.price, currency),
      decimal(p.cost, currency),
      currency,
      quantityDecimal(onHand.get(idOf(p)) ?? 0, p.unit),
      p.lowStockThreshold === null ? '' : quantityDecimal(p.lowStockThreshold, p.unit),
      p.description,
      p.active === true || p.active === 1 ? 'yes' : 'no',
    ]);
  return { name: 'products', columns: [...PRODUCT_COLUMNS], rows };
}
