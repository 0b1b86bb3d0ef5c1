import type { DiskResult } from './disk.ts';
import { machine } from './record.ts';

/** The `disk` section of BENCHMARKS.md. */
export function diskSection(r: DiskResult): string {
  const s = r.stall;
  return [
    '## Disk per order (issue 19)',
    '',
    `${machine()}. One shop written in process through the server's own revision store (LevelDB) with its resolver deciding every order, as a busy stall works: ${s.products} products (${s.photos} with a ${Math.round(s.photoBytes / 1000)} kB photo), ${s.customers} customers, then ${r.days} market days of ${s.ordersPerDay} orders (${s.linesPerOrder} lines each, pushed in the app's batches of 100), ${s.restocksPerDay} restocks, ${s.priceEditsPerDay} price edits and ${s.customerEditsPerDay} customer edits a day, and ${s.photoReplacementsPerWeek} photos replaced a week (${r.photosReplaced} in all). Sizes are the shop directory's files after the store was closed and opened again. Compaction is the store's own (\`RevStore.compact\`), run twice past a 1 ms grace as the pool runs it once \`COMPACT_GRACE_HOURS\` have passed: it dropped ${r.compaction.revisions} old revision bodies and ${r.compaction.attachments} replaced photos.`,
    '',
    '| measure | before compaction | after |',
    '| --- | --- | --- |',
    `| the shop (${r.orders.toLocaleString('en')} orders, ${r.docs.toLocaleString('en')} documents) | ${r.before.mb} MB | ${r.after.mb} MB |`,
    `| bytes per order, the whole shop ÷ its orders | ${r.before.bytesPerOrder.toLocaleString('en')} | ${r.after.bytesPerOrder.toLocaleString('en')} |`,
    `| growth per order (the days' writes ÷ their orders; the catalog's ${r.baseMb} MB aside) | ${r.year.growthPerOrderBefore.toLocaleString('en')} | ${r.year.growthPerOrderAfter.toLocaleString('en')} |`,
    `| a year of this stall (${s.marketDaysPerWeek} market days a week, ${r.year.marketDays} days, ${r.year.orders.toLocaleString('en')} orders) | ${r.year.beforeMb} MB | ${r.year.afterMb} MB |`,
    '',
    `The year is the catalog plus ${r.year.marketDays} times a measured market day (linear: orders, their allocations, stock movements and the resolver's saved state grow with the days; edits and photos replace). Compaction runs when a shop leaves memory and hourly for one kept loaded, so a stall's directory stays near the right-hand column.`,
  ].join('\n');
}
