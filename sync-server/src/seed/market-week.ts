import type { Rng } from './rng.ts';

/** The stall is in Kilkenny: market hours are Irish local time. */
export const MARKET_TIME_ZONE = 'Europe/Dublin';
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/**
 * How busy each weekday is (Sunday first, as Date.getDay counts): closed on Sunday,
 * quiet on Monday, busier towards the weekend, Saturday the big market day.
 */
export const WEEKDAY_WEIGHTS = [0, 0.35, 0.85, 0.9, 1, 1.5, 3] as const;

/** Market hours, 7:00 to 14:00, with the morning rush between 8 and 10. */
export const HOUR_WEIGHTS: readonly (readonly [number, number])[] = [
  [7, 0.8],
  [8, 2.6],
  [9, 3],
  [10, 2.2],
  [11, 1.7],
  [12, 1.3],
  [13, 0.8],
];

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: MARKET_TIME_ZONE,
  timeZoneName: 'shortOffset',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** The market's local calendar date, hour and UTC offset at an instant. */
export function marketClock(t: number): {
  date: string;
  weekday: number;
  hour: number;
  offset: number;
} {
  const p = Object.fromEntries(parts.formatToParts(t).map((x) => [x.type, x.value]));
  const date = `${p.year}-${p.month}-${p.day}`;
  const m = /GMT([+-]\d+)?(?::(\d+))?/.exec(p.timeZoneName ?? '');
  const sign = m?.[1]?.startsWith('-') ? -1 : 1;
  const offset = m?.[1] ? Number(m[1]) * HOUR + sign * Number(m[2] ?? 0) * 60_000 : 0;
  return { date, weekday: new Date(`${date}T12:00:00Z`).getUTCDay(), hour: Number(p.hour), offset };
}

/** One calendar day at the market. */
export interface MarketDay {
  date: string;
  weekday: number;
  /** the instant of local midnight */
  midnight: number;
}

/** Local midnight of a calendar date (the offset at noon: clocks change at night). */
function midnightOf(date: string): number {
  const noon = Date.parse(`${date}T12:00:00Z`);
  return noon - 12 * HOUR - marketClock(noon).offset;
}

/** The market days from the one after `from` to the one holding `to`. */
export function marketDays(from: number, to: number): MarketDay[] {
  const out: MarketDay[] = [];
  let date = marketClock(from).date;
  for (;;) {
    date = new Date(Date.parse(`${date}T12:00:00Z`) + DAY).toISOString().slice(0, 10);
    const midnight = midnightOf(date);
    if (midnight > to) break;
    out.push({ date, weekday: new Date(`${date}T12:00:00Z`).getUTCDay(), midnight });
  }
  return out;
}

/** A moment in `hour` of a day, never after `latest`; null if that hour has not come yet. */
function momentIn(day: MarketDay, hour: number, latest: number, rng: Rng): number | null {
  const from = day.midnight + hour * HOUR;
  const to = Math.min(from + HOUR, latest);
  if (to <= from) return null;
  return from + Math.floor(rng.next() * (to - from));
}

/** How much of a day's trade can have happened by `latest` (1 for a past day). */
function openShare(day: MarketDay, latest: number): number {
  let total = 0;
  let open = 0;
  for (const [h, w] of HOUR_WEIGHTS) {
    const from = day.midnight + h * HOUR;
    total += w;
    open += w * Math.min(1, Math.max(0, (latest - from) / HOUR));
  }
  return total ? open / total : 0;
}

/** When a sale happened, and on which market day. */
export interface SaleTime {
  at: number;
  day: MarketDay;
}

/**
 * Exactly `n` sale times between `from` and `to`, shaped like a market week: each
 * day gets its weekday's share (with some day-to-day jitter, like weather), each sale
 * an hour by the morning curve. Sorted. Deterministic for one `rng` state.
 */
export function saleTimes(n: number, from: number, to: number, rng: Rng): SaleTime[] {
  const latest = to - 60_000;
  const days = marketDays(from, latest);
  let weights = days.map(
    (d) => (WEEKDAY_WEIGHTS[d.weekday] ?? 1) * (0.75 + rng.next() * 0.5) * openShare(d, latest),
  );
  let total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) {
    // no market day in the window (a one-day window on a Sunday): any open hour will do
    weights = days.map((d) => openShare(d, latest));
    total = weights.reduce((a, b) => a + b, 0);
  }
  if (total === 0) {
    // not even an open hour yet (a window before 7:00): spread them over it
    return Array.from({ length: n }, (_, i) => {
      const at = from + Math.floor(((i + 1) * (latest - from)) / (n + 1));
      return { at, day: dayOf(at) };
    });
  }
  // largest remainder: the counts add up to exactly n
  const exact = weights.map((w) => (n * w) / total);
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((e, i) => [e - Math.floor(e), i] as const)
    .sort((a, b) => b[0] - a[0]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  const times: SaleTime[] = [];
  days.forEach((day, i) => {
    const hours = HOUR_WEIGHTS.filter(([h]) => day.midnight + h * HOUR < latest);
    for (let k = 0; k < (counts[i] ?? 0); k++) {
      const hour = rng.weighted(hours);
      const at = momentIn(day, hour, latest, rng) ?? day.midnight + hour * HOUR;
      times.push({ at, day });
    }
  });
  return times.sort((a, b) => a.at - b.at);
}

/** The market day holding an instant. */
export function dayOf(t: number): MarketDay {
  const { date, weekday } = marketClock(t);
  return { date, weekday, midnight: midnightOf(date) };
}

/** The next market day (Sunday skipped: the stall is closed). */
export function nextOpenDay(day: MarketDay): MarketDay {
  let date = day.date;
  for (;;) {
    date = new Date(Date.parse(`${date}T12:00:00Z`) + DAY).toISOString().slice(0, 10);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday !== 0) return { date, weekday, midnight: midnightOf(date) };
  }
}

/** A moment between two local hours of a day. */
export function between(day: MarketDay, fromHour: number, toHour: number, rng: Rng): number {
  return day.midnight + fromHour * HOUR + Math.floor(rng.next() * (toHour - fromHour) * HOUR);
}
