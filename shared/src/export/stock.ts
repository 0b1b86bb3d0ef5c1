import type { Unit } from '../quantity.ts';
import type { StockMovement } from '../schemas/stock.ts';
import { nameOf } from './names.ts';
import { quantityDecimal } from './products.ts';
import type { ExportTable } from './table.ts';

/** A stock movement as both the replica's document and the device's row carry it. */
export type ExportMovement = Pick<StockMovement, 'productId' | 'qty' | 'at' | 'by'> & {
  reason: string;
};

/** What a movement's product is called and sold by. */
export interface MovementProduct {
  code: string;
  name: string;
  unit: Unit;
}

export const STOCK_COLUMNS = [
  'at',
  'product_code',
  'product_name',
  'unit',
  'reason',
  'quantity',
  'by',
] as const;

/**
 * One row per stock movement, in the order given: restocks, counts (the difference
 * found), adjustments and damage. `quantity` is signed, a decimal in the product's
 * sales unit (−0.5 for 500 g taken off a product sold by the kg). A product this
 * side does not know leaves its columns empty and the quantity in base units.
 */
export function stockMovementsTable(
  movements: readonly ExportMovement[],
  products: ReadonlyMap<string, MovementProduct>,
  people: ReadonlyMap<string, string>,
): ExportTable {
  const rows = movements.map((m) => {
    const p = products.get(m.productId);
    return [
      m.at,
      p?.code ?? '',
      p?.name ?? '',
      p?.unit ?? '',
      m.reason,
      p ? quantityDecimal(m.qty, p.unit) : String(m.qty),
      nameOf(people, m.by),
    ];
  });
  return { name: 'stock-movements', columns: [...STOCK_COLUMNS], rows };
}
