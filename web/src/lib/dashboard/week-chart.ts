import type { DayFigures } from '@stallkeeper/shared';

/** One bar of the week chart, in the SVG's own units. */
export interface WeekBar {
  day: string;
  revenue: number;
  orders: number;
  x: number;
  y: number;
  width: number;
  height: number;
  /** the label's centre */
  cx: number;
  /** the last day (today) stands out */
  today: boolean;
}

export const CHART = { width: 280, height: 120, labels: 18, gap: 10 } as const;

/**
 * Bars for some days, scaled to the best day. A day with sales is never thinner
 * than 2 units, so it stays visible beside a big one; a day without is empty.
 */
export function weekBars(days: readonly DayFigures[]): WeekBar[] {
  const n = Math.max(1, days.length);
  const slot = CHART.width / n;
  const width = slot - CHART.gap;
  const plot = CHART.height - CHART.labels;
  const best = Math.max(0, ...days.map((d) => d.revenue));
  return days.map((d, i) => {
    const h = best > 0 && d.revenue > 0 ? Math.max(2, (d.revenue / best) * (plot - 4)) : 0;
    return {
      day: d.day,
      revenue: d.revenue,
      orders: d.orders,
      x: i * slot + CHART.gap / 2,
      y: plot - h,
      width,
      height: h,
      cx: i * slot + slot / 2,
      today: i === days.length - 1,
    };
  });
}

/** A local calendar day (YYYY-MM-DD) in words of the device's locale. */
export function dayName(
  day: string,
  locale: string,
  style: Intl.DateTimeFormatOptions = { weekday: 'short' },
): string {
  // the day is a calendar date, not an instant: format it as the UTC midnight it names
  return new Intl.DateTimeFormat(locale, { ...style, timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}
