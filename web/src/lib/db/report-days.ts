import type { OrderRow, ReportDayRow, ReportOrderRow, ShopLocalDb } from './local.ts';
import { decodeOrder, encodeOrder, type Catalogued, type OrderTuple } from './report-codec.ts';
import { reportRow } from './report-row.ts';

/**
 * The reports read a period's orders a day at a time: one row per UTC day holds
 * that day's orders in compact form (report-row.ts), so a month is ~31 reads
 * instead of thousands. Writing orders only marks their day stale (a first sync
 * writes 100,000 orders and must not rewrite day rows as it goes); stale days are
 * remade from the order rows when the device is quiet, and until then a report
 * reads those days' order rows directly, so it is never behind. A day's orders are
 * kept as one JSON text (of report-codec.ts arrays): IndexedDB and Dexie then hand over one string per day
 * instead of copying (and freezing) thousands of small objects, which is most of
 * what a month's report used to wait for. A busy day is kept in parts of at most
 * PART_CHARS: Chromium moves a value above 64 KB out to a file of its own, and
 * reading those files back was the slowest part of the read.
 */

/** The UTC day an order is kept under. */
export const dayOf = (iso: string): string => iso.slice(0, 10);

/**
 * Every day kept so far is stale: a product left the catalogue, and the day rows
 * leave its lines' names to it (report-codec.ts).
 */
export async function markAllDaysStale(db: ShopLocalDb): Promise<void> {
  const keys = (await db.reportDays.toCollection().primaryKeys()).filter(
    (k): k is string => typeof k === 'string',
  );
  const days = new Set(keys.map((key) => key.slice(0, 10))); // `<day>#<part>`
  if (days.size) await db.reportStale.bulkPut([...days].map((day) => ({ day })));
}

/** Mark the days of these orders stale (inside the projector's transaction). */
export async function markDaysStale(db: ShopLocalDb, rows: readonly OrderRow[]): Promise<void> {
  if (!rows.length) return;
  const days = new Set(rows.map((r) => dayOf(r.createdAt)));
  await db.reportStale.bulkPut([...days].map((day) => ({ day })));
}

/** The most JSON text one row holds (below Chromium's 64 KB for values kept inline). */
export const PART_CHARS = 30_000;

/** A day's orders as rows of at most PART_CHARS of JSON each (a bigger order gets a row alone). */
export function dayParts(
  day: string,
  orders: readonly ReportOrderRow[],
  catalogued: Catalogued,
): ReportDayRow[] {
  const parts: ReportDayRow[] = [];
  let texts: string[] = [];
  let size = 0;
  const flush = () => {
    if (!texts.length) return;
    const n = String(parts.length).padStart(3, '0');
    parts.push({ key: `${day}#${n}`, day, orders: `[${texts.join(',')}]` });
    texts = [];
    size = 0;
  };
  for (const o of orders) {
    const text = JSON.stringify(encodeOrder(o, catalogued));
    if (size + text.length > PART_CHARS) flush();
    texts.push(text);
    size += text.length + 1;
  }
  flush();
  return parts;
}

const next = (day: string): string => {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * Remake up to `max` stale days from the order rows (in its own transaction);
 * answers how many were remade (0: none is stale).
 */
export async function remakeStaleDays(db: ShopLocalDb, max = 2): Promise<number> {
  return db.transaction('rw', [db.orders, db.products, db.reportDays, db.reportStale], async () => {
    const stale = await db.reportStale.limit(max).primaryKeys();
    if (!stale.length) return 0;
    // Which products the catalogue holds: all its keys in one read, not a cursor that
    // steps once per id of the day (the remake holds the device's other writes up).
    const held = new Set<unknown>(await db.products.toCollection().primaryKeys());
    for (const day of stale) {
      const rows = await db.orders
        .where('createdAt')
        .between(`${day}T`, `${next(day)}T`, true, false)
        .toArray();
      await db.reportDays.where('day').equals(day).delete();
      await db.reportDays.bulkPut(dayParts(day, rows.map(reportRow), (id) => held.has(id)));
    }
    await db.reportStale.bulkDelete(stale);
    return stale.length;
  });
}

/** The orders created in [from, to), compact: from the day rows, stale days from the orders. */
export async function readReportOrders(
  db: ShopLocalDb,
  from: string,
  to: string,
): Promise<ReportOrderRow[]> {
  const first = dayOf(from);
  const last = dayOf(to);
  const [days, stale] = await Promise.all([
    // by the primary key: a range of the table itself reads faster than through an index
    db.reportDays.where(':id').between(`${first}#`, `${last}#\uffff`, true, true).toArray(),
    db.reportStale.where('day').between(first, last, true, true).primaryKeys(),
  ]);
  const staleDays = new Set(stale);
  const out: ReportOrderRow[] = [];
  for (const d of days) {
    if (staleDays.has(d.day)) continue;
    for (const t of JSON.parse(d.orders) as OrderTuple[]) {
      if (t[2] >= from && t[2] < to) out.push(decodeOrder(t)); // [2]: createdAt
    }
  }
  if (!staleDays.size) return out;
  // stale days: their order rows, in runs of consecutive days (one range read each)
  const sorted = [...staleDays].sort();
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === next(sorted[i - 1] ?? '')) continue;
    const lo = `${sorted[start]}T`;
    const hi = `${next(sorted[i - 1] ?? '')}T`;
    const rows = await db.orders
      .where('createdAt')
      .between(lo < from ? from : lo, hi > to ? to : hi, true, false)
      .toArray();
    for (const r of rows) out.push(reportRow(r));
    start = i;
  }
  return out;
}
