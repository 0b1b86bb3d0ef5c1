import { isDeliveryOverdue, type DeliveryPlan, type OrderState } from '@stallkeeper/shared';
import { addDays, localDate } from './local-time.ts';

/** What grouping needs of a delivery (DeliveryRow from lib/db/deliveries.ts has it). */
export interface Plannable {
  row: { id: string; createdAt: string };
  state: Pick<OrderState, 'status'>;
  plan: DeliveryPlan | null;
}

export interface DayGroup<T> {
  /** "YYYY-MM-DD" on this device's calendar */
  day: string;
  rows: T[];
}

export interface DeliveryGroups<T> {
  /** the window has closed and it has not arrived */
  overdue: T[];
  /** planned for today, window still open */
  today: T[];
  /** later days, one group a day, earliest first */
  upcoming: DayGroup<T>[];
  /** came back; to be rescheduled or cancelled */
  failed: T[];
  /** delivery orders nobody has planned yet */
  unscheduled: T[];
}

/** Planned ones by start (unplanned last), then the older order first. */
function byPlan(a: Plannable, b: Plannable): number {
  const ta = a.plan ? Date.parse(a.plan.scheduledFor) : Number.MAX_SAFE_INTEGER;
  const tb = b.plan ? Date.parse(b.plan.scheduledFor) : Number.MAX_SAFE_INTEGER;
  return ta !== tb ? ta - tb : a.row.createdAt.localeCompare(b.row.createdAt);
}

/**
 * Sort open deliveries into the screen's sections, each in time order (oldest
 * waiting first). Days are this device's calendar days at `now`.
 */
export function groupDeliveries<T extends Plannable>(
  rows: readonly T[],
  now: number,
): DeliveryGroups<T> {
  const today = localDate(new Date(now));
  const groups: DeliveryGroups<T> = {
    overdue: [],
    today: [],
    upcoming: [],
    failed: [],
    unscheduled: [],
  };
  const later = new Map<string, T[]>();
  for (const r of [...rows].sort(byPlan)) {
    if (r.state.status === 'failed') {
      groups.failed.push(r);
    } else if (!r.plan) {
      groups.unscheduled.push(r);
    } else if (isDeliveryOverdue(r.state.status, r.plan, now)) {
      groups.overdue.push(r);
    } else {
      const day = localDate(new Date(r.plan.scheduledFor));
      // a window that opened on an earlier day and is still open belongs to today
      if (day <= today) groups.today.push(r);
      else later.set(day, [...(later.get(day) ?? []), r]);
    }
  }
  groups.upcoming = [...later].map(([day, dayRows]) => ({ day, rows: dayRows }));
  return groups;
}

/** The deliveries of one day for the run sheet, in time order (failed ones came back already). */
export function runSheetRows<T extends Plannable>(rows: readonly T[], day: string): T[] {
  return rows
    .filter(
      (r) =>
        r.plan !== null &&
        r.state.status !== 'failed' &&
        localDate(new Date(r.plan.scheduledFor)) === day,
    )
    .sort(byPlan);
}

/** "Tomorrow, Thursday, December 3" in the device's locale. */
export function dayLabel(day: string, now: number, locale: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  const full = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
  }).format(date);
  if (day !== localDate(addDays(new Date(now), 1))) return full;
  const word = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(1, 'day');
  return `${word.charAt(0).toLocaleUpperCase(locale)}${word.slice(1)}, ${full}`;
}

/** "10:00 AM – 12:00 PM" (with the day in front when asked), or just the start when it has no end. */
export function windowLabel(plan: DeliveryPlan, locale: string, withDay = false): string {
  const f = new Intl.DateTimeFormat(locale, {
    ...(withDay ? { weekday: 'short', month: 'short', day: 'numeric' } : {}),
    hour: 'numeric',
    minute: '2-digit',
  });
  const start = new Date(plan.scheduledFor);
  return plan.windowEnd ? f.formatRange(start, new Date(plan.windowEnd)) : f.format(start);
}
