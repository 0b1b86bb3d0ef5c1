import {
  addDays,
  isDay,
  PERIOD_KINDS,
  type LocalTime,
  type PeriodKind,
  type ReportPeriod,
} from '@stallkeeper/shared';
import type { ReportDays } from '@stallkeeper/shared';

/**
 * The period a link asks for: `?period=today|week|month|last30|custom` and, for
 * custom, `&from=YYYY-MM-DD&to=YYYY-MM-DD` (both days included). What the link
 * leaves out or gets wrong falls back to this week, and a custom period's missing
 * day to the other (or to today).
 */
export interface PeriodChoice {
  kind: PeriodKind;
  /** custom only: the first and last day; '' otherwise */
  from: string;
  to: string;
}

const isKind = (s: string | null): s is PeriodKind => PERIOD_KINDS.some((k) => k === s);

export function choiceFromQuery(params: URLSearchParams, today: string): PeriodChoice {
  const period = params.get('period');
  const kind: PeriodKind = isKind(period) ? period : 'week';
  if (kind !== 'custom') return { kind, from: '', to: '' };
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const a = isDay(from) ? from : isDay(to) ? to : today;
  const b = isDay(to) ? to : a;
  // given either way round, the earlier day starts the period
  return a <= b ? { kind, from: a, to: b } : { kind, from: b, to: a };
}

/** The query string of a choice (without "?"), as `choiceFromQuery` reads it back. */
export function queryOf(choice: PeriodChoice): string {
  const q = new URLSearchParams({ period: choice.kind });
  if (choice.kind === 'custom') {
    q.set('from', choice.from);
    q.set('to', choice.to);
  }
  return q.toString();
}

/** The first and last local day of a period [from, to). */
export function daysOfPeriod(period: ReportPeriod, local: LocalTime): ReportDays {
  const first = local.dayOf(period.from);
  const last = addDays(local.dayOf(period.to), -1);
  return { first, last: last < first ? first : last };
}

/** How many days a span holds, both ends included. */
export function dayCount(days: ReportDays): number {
  const at = (d: string) => Date.parse(`${d}T00:00:00Z`);
  return Math.round((at(days.last) - at(days.first)) / 86_400_000) + 1;
}
