import { describe, expect, it } from 'vitest';
import { CHART, dayName, weekBars } from './week-chart.ts';

const days = [
  { day: '2026-03-02', revenue: 1000, orders: 2 },
  { day: '2026-03-03', revenue: 0, orders: 0 },
  { day: '2026-03-04', revenue: 1, orders: 1 },
  { day: '2026-03-05', revenue: 500, orders: 1 },
];

describe('the week chart', () => {
  it('scales bars to the best day, keeps small days visible and empty days empty', () => {
    const bars = weekBars(days);
    const plot = CHART.height - CHART.labels;
    expect(bars.map((b) => b.height)).toEqual([plot - 4, 0, 2, (plot - 4) / 2]);
    // bars stand on the same baseline, side by side, the last one is today
    expect(bars.every((b) => b.y + b.height === plot)).toBe(true);
    expect(bars.map((b) => b.x)).toEqual([5, 75, 145, 215]);
    expect(bars.map((b) => b.today)).toEqual([false, false, false, true]);
  });

  it('draws nothing tall for a week without sales', () => {
    expect(weekBars(days.map((d) => ({ ...d, revenue: 0 }))).every((b) => b.height === 0)).toBe(
      true,
    );
  });

  it('names days in the device’s language, whatever its time zone', () => {
    expect(dayName('2026-03-02', 'en-GB')).toBe('Mon');
    expect(dayName('2026-03-08', 'de-DE', { weekday: 'long' })).toBe('Sonntag');
  });
});
