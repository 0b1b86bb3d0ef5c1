import type { Report } from '@stallkeeper/shared';

/**
 * Which shop-wide sections a report shows. The whole shop's report always has
 * them; a seller's shows them only where the report filled them in (money owed
 * is the owner's to chase, so a seller's report leaves it out).
 */
export function shopWide(r: Report): { stock: boolean; owed: boolean } {
  if (r.onlyBy === null) return { stock: true, owed: r.owed.source !== 'hidden' };
  return {
    stock: r.stock.products.length > 0,
    owed: r.owed.source !== 'hidden' && r.owed.customers.length > 0,
  };
}
