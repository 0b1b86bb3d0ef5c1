/**
 * Pickup and delivery times of the shop page: the owner sets weekly hours in the
 * shop's time zone ("Saturdays 08:00–13:00"), customers choose one of the upcoming
 * ones. Pure: the time zone arithmetic uses only Intl.
 */

/** One weekly opening: day 0 = Sunday … 6 = Saturday, times as HH:MM on the shop's clock. */
export interface WeeklyTime {
  day: number;
  from: string;
  to: string;
}

/** One time a customer can choose; `id` is its start on the shop's clock (`2026-12-05T08:00`). */
export interface Slot {
  id: string;
  from: string;
  to: string;
}

export const HHMM_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows this IANA time zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The shop's wall clock at an instant: [year, month, day, hour, minute]. */
function wallClock(ms: number, timeZone: string): number[] {
  const parts = formatter(timeZone).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return [get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second')];
}

/** The zone's offset from UTC at an instant, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const [y = 1970, mo = 1, d = 1, h = 0, mi = 0, s = 0] = wallClock(ms, timeZone);
  return Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(ms / 1000) * 1000;
}

/** The instant a wall-clock time of the zone stands for (the later one in a DST overlap). */
export function zonedInstant(day: string, time: string, timeZone: string): Date {
  const [y = 1970, mo = 1, d = 1] = day.split('-').map(Number);
  const [h = 0, mi = 0] = time.split(':').map(Number);
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  const first = guess - offsetAt(guess, timeZone);
  return new Date(guess - offsetAt(first, timeZone));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The shop's calendar day at an instant (YYYY-MM-DD). */
export function zonedDay(ms: number, timeZone: string): string {
  const [y = 1970, mo = 1, d = 1] = wallClock(ms, timeZone);
  return `${y}-${pad(mo)}-${pad(d)}`;
}

function addDays(day: string, n: number): string {
  const [y = 1970, mo = 1, d = 1] = day.split('-').map(Number);
  const t = new Date(Date.UTC(y, mo - 1, d + n));
  return t.toISOString().slice(0, 10);
}

/** The most slots a shop page offers at once. */
export const MAX_SLOTS = 60;

/**
 * The times a customer can choose: each weekly opening over the next `days` days
 * that starts at least `leadMinutes` from now, soonest first.
 */
export function upcomingSlots(
  times: readonly WeeklyTime[],
  timeZone: string,
  now: Date,
  { days = 14, leadMinutes = 60 }: { days?: number; leadMinutes?: number } = {},
): Slot[] {
  if (!times.length || !isTimeZone(timeZone)) return [];
  const earliest = now.getTime() + leadMinutes * 60_000;
  const today = zonedDay(now.getTime(), timeZone);
  const out: Slot[] = [];
  for (let i = 0; i <= days; i++) {
    const day = addDays(today, i);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    for (const t of times) {
      if (t.day !== weekday || !HHMM_RE.test(t.from) || !HHMM_RE.test(t.to) || t.to <= t.from) {
        continue;
      }
      const from = zonedInstant(day, t.from, timeZone);
      if (from.getTime() < earliest) continue;
      out.push({
        id: `${day}T${t.from}`,
        from: from.toISOString(),
        to: zonedInstant(day, t.to, timeZone).toISOString(),
      });
    }
  }
  out.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return out.slice(0, MAX_SLOTS);
}
