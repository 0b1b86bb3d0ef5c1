import type { ReportPeriod } from './types.ts';

/**
 * The device's calendar, injected: shared code never asks the machine for its time
 * zone, so tests are deterministic and the web passes the device's own local time.
 */
export interface LocalTime {
  /** the local calendar day of an instant, YYYY-MM-DD */
  dayOf(iso: string): string;
  /** the local hour of an instant, 0–23 */
  hourOf(iso: string): number;
  /** the instant (ISO) the local day YYYY-MM-DD starts at */
  startOfDay(day: string): string;
}

export type PeriodKind = 'today' | 'week' | 'month' | 'last30' | 'custom';
export const PERIOD_KINDS = [
  'today',
  'week',
  'month',
  'last30',
  'custom',
] as const satisfies readonly PeriodKind[];

const DAY_MS = 86_400_000;
const dayNumber = (day: string): number => Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
const dayFromNumber = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** A calendar day plus `n` days (pure date arithmetic, no time zone involved). */
export function addDays(day: string, n: number): string {
  return dayFromNumber(dayNumber(day) + n);
}

/** The first day of the month `n` months after the one `day` falls in. */
function monthStart(day: string, n = 0): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + n;
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}

/** Monday of the week `day` falls in (weeks start on Monday). */
function mondayOf(day: string): string {
  const n = dayNumber(day);
  // day 0 of the epoch (1970-01-01) was a Thursday: Monday is 3 days before it
  const weekday = (((n + 3) % 7) + 7) % 7;
  return dayFromNumber(n - weekday);
}

/** Whether a string is a real calendar day YYYY-MM-DD. */
export function isDay(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && dayFromNumber(dayNumber(s)) === s;
}

/** The half-open span of local days [first, last + 1 day). */
function spanOfDays(first: string, last: string, local: LocalTime): ReportPeriod {
  return { from: local.startOfDay(first), to: local.startOfDay(addDays(last, 1)) };
}

/**
 * The report period of a kind, on the device's calendar, as instants [from, to):
 * - today: this local day;
 * - week: Monday to Sunday of this week;
 * - month: this calendar month, first day to the first day of the next (the days
 *   still to come simply have no sales yet);
 * - last30: the 30 local days ending with today;
 * - custom: from one local day to another, both included (given either way round).
 */
export function periodFor(
  kind: PeriodKind,
  now: string,
  local: LocalTime,
  custom?: { from: string; to: string },
): ReportPeriod {
  const today = local.dayOf(now);
  switch (kind) {
    case 'today':
      return spanOfDays(today, today, local);
    case 'week': {
      const monday = mondayOf(today);
      return spanOfDays(monday, addDays(monday, 6), local);
    }
    case 'month':
      return {
        from: local.startOfDay(monthStart(today)),
        to: local.startOfDay(monthStart(today, 1)),
      };
    case 'last30':
      return lastDays(30, now, local);
    case 'custom': {
      const a = custom && isDay(custom.from) ? custom.from : today;
      const b = custom && isDay(custom.to) ? custom.to : a;
      return a <= b ? spanOfDays(a, b, local) : spanOfDays(b, a, local);
    }
  }
}

/** The `n` local days ending with today's. */
export function lastDays(n: number, now: string, local: LocalTime): ReportPeriod {
  const today = local.dayOf(now);
  return spanOfDays(addDays(today, 1 - Math.max(1, n)), today, local);
}

/**
 * The period before, to compare with: the same number of local days immediately
 * before. A period of whole calendar months (first day to first day) is compared
 * with as many whole months before it — March with February, not with the last
 * 31 days before March.
 */
export function previousPeriod(p: ReportPeriod, local: LocalTime): ReportPeriod {
  const first = local.dayOf(p.from);
  const end = local.dayOf(p.to);
  if (first.endsWith('-01') && end.endsWith('-01') && first < end) {
    const months =
      (Number(end.slice(0, 4)) - Number(first.slice(0, 4))) * 12 +
      Number(end.slice(5, 7)) -
      Number(first.slice(5, 7));
    return { from: local.startOfDay(monthStart(first, -months)), to: p.from };
  }
  const days = Math.max(1, dayNumber(end) - dayNumber(first));
  return { from: local.startOfDay(addDays(first, -days)), to: p.from };
}

/** Every local day of a period, in order (a day counts when it starts before `to`). */
export function daysOf(p: ReportPeriod, local: LocalTime): string[] {
  const days: string[] = [];
  for (let d = local.dayOf(p.from); local.startOfDay(d) < p.to; d = addDays(d, 1)) {
    days.push(d);
    if (days.length > 3660) break; // ten years: a guard against a reversed or endless period
  }
  return days;
}

/** A calendar at a fixed offset from UTC (minutes east), for tests and servers. */
export function fixedOffsetTime(offsetMinutes = 0): LocalTime {
  const shift = offsetMinutes * 60_000;
  return {
    dayOf: (iso) => new Date(Date.parse(iso) + shift).toISOString().slice(0, 10),
    hourOf: (iso) => new Date(Date.parse(iso) + shift).getUTCHours(),
    startOfDay: (day) => new Date(dayNumber(day) * DAY_MS - shift).toISOString(),
  };
}
