import {
  buildReport,
  periodFor,
  previousPeriod,
  type LocalTime,
  type PeriodKind,
  type Report,
  type ReportPeriod,
} from '@stallkeeper/shared';
import { liveQuery, type Observable } from 'dexie';
import type { OrderRow } from './local.ts';
import { twoStep } from './live-steps.ts';
import { readPeriod, readRest, type PeriodReads } from './report-reads.ts';
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

/** How a report is put together from what was read (see report-reads.ts). */
function assemble(
  period: ReportPeriod,
  previous: ReportPeriod,
  onlyBy: string | null,
  first: PeriodReads,
  rest: OrderRow[] | null,
  local: LocalTime,
  now: Date,
): Report {
  const { settings } = first;
  const report = buildReport({
    period,
    previousPeriod: previous,
    local,
    today: local.dayOf(now.toISOString()),
    currency: settings.currency,
    lowStockDefault: settings.lowStockDefault,
    invoiceTermsDays: settings.invoiceTermsDays,
    onlyBy,
    orders: rest?.length ? [...first.orders, ...rest] : first.orders,
    events: first.events,
    products: first.products,
    stock: first.stock,
    moves: first.moves,
    alerts: first.alerts,
    invoices: first.invoices,
  });
  if (rest) return report;
  // the period first: what depends on older orders follows
  const owedLater = owedFromSales(onlyBy, first);
  return {
    ...report,
    owed: owedLater
      ? {
          ...report.owed,
          aging: report.owed.aging.map((a) => ({ ...a, count: 0, amount: 0 })),
          customers: [],
          total: 0,
        }
      : report.owed,
    pending: owedLater ? ['previous', 'owed'] : ['previous'],
  };
}

/** Money owed comes from sales (not invoices) for the whole shop until it has invoices. */
const owedFromSales = (onlyBy: string | null, first: PeriodReads) =>
  onlyBy === null && first.invoices.length === 0;

/**
 * The complete report of a period from this device's read models (works offline),
 * for exports and tests. One range read per table over [previous period's start,
 * period's end); order rows carry their folded state, so nothing is folded here.
 */
export async function loadReport(
  ctx: ShopContext,
  period: ReportPeriod,
  onlyBy: string | null,
  now: Date = new Date(),
): Promise<Report> {
  const local = deviceLocalTime();
  const previous = previousPeriod(period, local);
  const first = await readPeriod(ctx.local, period, previous, onlyBy);
  const rest = await readRest(ctx.local, period, previous, onlyBy);
  return assemble(period, previous, onlyBy, first, rest, local, now);
}

/**
 * The report, kept up to date as sales, payments and stock change on this device.
 * It comes in two steps when the first is quicker to read: the period itself
 * (with `pending` naming what is still being worked out), then the complete
 * report; later changes bring complete reports.
 */
export function liveReport(
  ctx: ShopContext,
  period: ReportPeriod,
  onlyBy: string | null,
): Observable<Report> {
  const local = deviceLocalTime();
  const previous = previousPeriod(period, local);
  return twoStep(
    liveQuery(() => readPeriod(ctx.local, period, previous, onlyBy)),
    liveQuery(() => readRest(ctx.local, period, previous, onlyBy)),
    (first, rest) => assemble(period, previous, onlyBy, first, rest, local, new Date()),
  );
}
