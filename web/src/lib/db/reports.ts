import {
  buildReport,
  periodFor,
  previousPeriod,
  type LocalTime,
  type PeriodKind,
  type Report,
  type ReportPart,
  type ReportPeriod,
} from '@stallkeeper/shared';
import { liveQuery, type Observable } from 'dexie';
import type { OrderRow } from './local.ts';
import { both, shareLatest, twoStep, type Shared } from './live-steps.ts';
import {
  readOwing,
  readPeriodFacts,
  readPrevious,
  readShopWide,
  type PeriodReads,
  type PreviousReads,
  type ShopWideReads,
} from './report-reads.ts';
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

/** What the later steps read: null while a step has not answered yet. */
interface Later {
  previous: PreviousReads | null;
  owing: OrderRow[] | null;
}

/** How a report is put together from what was read (see report-reads.ts). */
function assemble(
  period: ReportPeriod,
  previous: ReportPeriod,
  onlyBy: string | null,
  first: PeriodReads,
  later: Later,
  local: LocalTime,
  now: Date,
): Report {
  const { settings } = first;
  const extra = [...first.invoiceOrders, ...(later.previous?.orders ?? []), ...(later.owing ?? [])];
  const report = buildReport({
    period,
    previousPeriod: previous,
    local,
    today: local.dayOf(now.toISOString()),
    currency: settings.currency,
    lowStockDefault: settings.lowStockDefault,
    invoiceTermsDays: settings.invoiceTermsDays,
    onlyBy,
    orders: extra.length ? [...first.orders, ...extra] : first.orders,
    events: later.previous ? [...later.previous.events, ...first.events] : first.events,
    products: first.products,
    stock: first.stock,
    moves: first.moves,
    alerts: first.alerts,
    invoices: first.invoices,
  });
  // the period first: what depends on older orders follows
  const pending: ReportPart[] = [];
  if (!later.previous) pending.push('previous');
  if (!later.owing && onlyBy === null && first.invoices.length === 0) pending.push('owed');
  if (!pending.length) return report;
  const { owed } = report;
  return {
    ...report,
    owed: pending.includes('owed')
      ? {
          ...owed,
          aging: owed.aging.map((a) => ({ ...a, count: 0, amount: 0 })),
          customers: [],
          total: 0,
        }
      : owed,
    pending,
  };
}

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
  const first: PeriodReads = {
    ...(await readShopWide(ctx.local, onlyBy)),
    ...(await readPeriodFacts(ctx.local, period)),
  };
  const later = {
    previous: await readPrevious(ctx.local, period, previous),
    owing: await readOwing(ctx.local, onlyBy),
  };
  return assemble(period, previous, onlyBy, first, later, local, now);
}

/**
 * The shop-wide reads every period's report shares, kept up to date until closed:
 * a screen holds them while the owner switches periods, so each switch reads only
 * the period's own facts.
 */
export function liveShopWide(ctx: ShopContext, onlyBy: string | null): Shared<ShopWideReads> {
  return shareLatest(liveQuery(() => readShopWide(ctx.local, onlyBy)));
}

/**
 * The report, kept up to date as sales, payments and stock change on this device.
 * It comes in steps, each read once the one before has answered: the period
 * itself (with `pending` naming what is still being worked out), then the
 * previous period for the comparison, then (before the shop has invoices) money
 * owed from sales; later changes bring complete reports. `shopWide` is the
 * catalogue, stock and invoices, shared between periods (liveShopWide); without
 * it they are read with the period.
 */
export function liveReport(
  ctx: ShopContext,
  period: ReportPeriod,
  onlyBy: string | null,
  shopWide: Observable<ShopWideReads> = liveQuery(() => readShopWide(ctx.local, onlyBy)),
): Observable<Report> {
  const local = deviceLocalTime();
  const previous = previousPeriod(period, local);
  const later = twoStep(
    liveQuery(() => readPrevious(ctx.local, period, previous)),
    liveQuery(() => readOwing(ctx.local, onlyBy)),
    (p, owing): Later => ({ previous: p, owing }),
  );
  return twoStep(
    both(
      shopWide,
      liveQuery(() => readPeriodFacts(ctx.local, period)),
    ),
    later,
    ([wide, facts], rest) =>
      assemble(
        period,
        previous,
        onlyBy,
        { ...wide, ...facts },
        rest ?? { previous: null, owing: null },
        local,
        new Date(),
      ),
  );
}

/**
 * Work out, and let go, the longest period the picker offers (the last 30 days,
 * with the 30 before for its comparison), so the owner's next tap finds its rows in
 * the browser's cache and the report's code warmed up: IndexedDB's first read of a
 * month from disk took several times as long as the next read of the same rows
 * (BENCHMARKS.md). Called once, when the screen is idle.
 */
export async function warmPeriods(
  ctx: ShopContext,
  onlyBy: string | null,
  now: Date = new Date(),
): Promise<void> {
  await loadReport(ctx, devicePeriod('last30', undefined, now), onlyBy, now);
}
