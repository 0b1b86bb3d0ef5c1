import {
  buildReport,
  DEFAULT_SETTINGS,
  periodFor,
  previousPeriod,
  type LocalTime,
  type PeriodKind,
  type Report,
  type ReportPeriod,
  type SettingsFields,
} from '@stallkeeper/shared';
import { liveQuery, type Observable } from 'dexie';
import type { OrderRow } from './local.ts';
import type { ShopContext } from './shop.ts';

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The device's own calendar (its time zone and daylight saving), for shared/reports. */
export function deviceLocalTime(): LocalTime {
  return {
    dayOf(iso) {
      const d = new Date(iso);
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    },
    hourOf: (iso) => new Date(iso).getHours(),
    startOfDay(day) {
      const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
      return new Date(y, m - 1, d).toISOString();
    },
  };
}

/** A report period on this device's calendar (see shared periodFor). */
export function devicePeriod(
  kind: PeriodKind,
  custom?: { from: string; to: string },
  now: Date = new Date(),
): ReportPeriod {
  return periodFor(kind, now.toISOString(), deviceLocalTime(), custom);
}

/**
 * The report of a period from this device's read models (works offline). One
 * range read per table over [previous period's start, period's end): order rows
 * already carry their folded state, so nothing is folded again here.
 */
export async function loadReport(
  ctx: ShopContext,
  period: ReportPeriod,
  onlyBy: string | null,
  now: Date = new Date(),
): Promise<Report> {
  const db = ctx.local;
  const local = deviceLocalTime();
  const previous = previousPeriod(period, local);
  const [orders, events, moves, alerts, products, stock, invoices, settingsRow] = await Promise.all(
    [
      db.orders.where('createdAt').between(previous.from, period.to, true, false).toArray(),
      // later events tell how a delivery of the period ended
      db.events.where('at').aboveOrEqual(previous.from).toArray(),
      db.moves.where('at').between(period.from, period.to, true, false).toArray(),
      db.alerts.where('createdAt').between(period.from, period.to, true, false).toArray(),
      db.products.toArray(),
      db.stock.toArray(),
      // money owed is today's standing of every invoice (a shop issues few)
      onlyBy === null ? db.invoices.toArray() : [],
      db.meta.get('settings'),
    ],
  );
  const settings: SettingsFields = {
    ...DEFAULT_SETTINGS,
    ...((settingsRow?.value as Partial<SettingsFields> | undefined) ?? {}),
  };

  // Orders made before the range that the period's events or the invoices name.
  const have = new Set<string>();
  for (const o of orders) have.add(o.id);
  const missing = new Set<string>();
  for (const e of events) if (!have.has(e.orderId)) missing.add(e.orderId);
  for (const i of invoices) if (!have.has(i.orderId)) missing.add(i.orderId);
  const more = missing.size
    ? (await db.orders.bulkGet([...missing])).filter((o): o is OrderRow => o !== undefined)
    : [];
  for (const o of more) have.add(o.id);
  // Before the shop issues invoices, money owed is what customers owe on sales.
  const owing =
    onlyBy === null && invoices.length === 0
      ? await db.orders
          .where('customerId')
          .above('')
          .filter((o) => o.balance > 0 && !have.has(o.id))
          .toArray()
      : [];

  return buildReport({
    period,
    previousPeriod: previous,
    local,
    today: local.dayOf(now.toISOString()),
    currency: settings.currency,
    lowStockDefault: settings.lowStockDefault,
    invoiceTermsDays: settings.invoiceTermsDays,
    onlyBy,
    orders: more.length || owing.length ? [...orders, ...more, ...owing] : orders,
    events,
    products,
    stock,
    moves,
    alerts,
    invoices,
  });
}

/** The report, kept up to date as sales, payments and stock change on this device. */
export function liveReport(
  ctx: ShopContext,
  period: ReportPeriod,
  onlyBy: string | null,
): Observable<Report> {
  return liveQuery(() => loadReport(ctx, period, onlyBy));
}
