import type { Report } from '@stallkeeper/shared';

/**
 * Which shop-wide sections a report shows: the whole shop's report has them; a
 * seller's report is their own sales only (stock values show costs, which only
 * the owner's screens show, and money owed is the owner's to chase).
 */
export function shopWide(r: Report): { stock: boolean; owed: boolean } {
  if (r.onlyBy === null) return { stock: true, owed: r.owed.source !== 'hidden' };
  return { stock: false, owed: false };
}
