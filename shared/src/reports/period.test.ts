import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysOf,
  fixedOffsetTime,
  isDay,
  lastDays,
  periodFor,
  previousPeriod,
} from './period.ts';

const utc = fixedOffsetTime(0);
/** Friday 2026-03-06, noon UTC */
const FRIDAY = '2026-03-06T12:00:00.000Z';
const at = (day: string) => `${day}T00:00:00.000Z`;

describe('periodFor (UTC)', () => {
  it('today is the local day', () => {
    expect(periodFor('today', FRIDAY, utc)).toEqual({
      from: at('2026-03-06'),
      to: at('2026-03-07'),
    });
  });

  it('a week runs Monday to Sunday', () => {
    const week = { from: at('2026-03-02'), to: at('2026-03-09') };
    expect(periodFor('week', FRIDAY, utc)).toEqual(week);
    expect(periodFor('week', '2026-03-08T23:59:59.000Z', utc)).toEqual(week); // Sunday night
    expect(periodFor('week', '2026-03-02T00:00:00.000Z', utc)).toEqual(week); // Monday morning
    expect(periodFor('week', '2026-03-09T00:00:00.000Z', utc).from).toBe(at('2026-03-09'));
  });

  it('a month is the calendar month', () => {
    expect(periodFor('month', FRIDAY, utc)).toEqual({
      from: at('2026-03-01'),
      to: at('2026-04-01'),
    });
    expect(periodFor('month', '2026-12-31T10:00:00.000Z', utc)).toEqual({
      from: at('2026-12-01'),
      to: at('2027-01-01'),
    });
  });

  it('the last 30 days end with today', () => {
    // March 6 back 29 days: Feb 5
    expect(periodFor('last30', FRIDAY, utc)).toEqual({
      from: at('2026-02-05'),
      to: at('2026-03-07'),
    });
  });

  it('the last 7 days (the dashboard’s) end with today', () => {
    expect(lastDays(7, FRIDAY, utc)).toEqual({ from: at('2026-02-28'), to: at('2026-03-07') });
  });

  it('a custom period holds both its days, given either way round', () => {
    const p = { from: at('2026-03-01'), to: at('2026-03-11') };
    expect(periodFor('custom', FRIDAY, utc, { from: '2026-03-01', to: '2026-03-10' })).toEqual(p);
    expect(periodFor('custom', FRIDAY, utc, { from: '2026-03-10', to: '2026-03-01' })).toEqual(p);
    // not a day: today
    expect(periodFor('custom', FRIDAY, utc, { from: '2026-02-30', to: 'x' })).toEqual(
      periodFor('today', FRIDAY, utc),
    );
  });
});

describe('periodFor in the device’s time zone', () => {
  it('starts days at local midnight', () => {
    // 23:30 UTC on Sunday is 01:30 on Monday at UTC+2
    const plus2 = fixedOffsetTime(120);
    expect(periodFor('today', '2026-03-01T23:30:00.000Z', plus2)).toEqual({
      from: '2026-03-01T22:00:00.000Z',
      to: '2026-03-02T22:00:00.000Z',
    });
    expect(periodFor('week', '2026-03-01T23:30:00.000Z', plus2).from).toBe(
      '2026-03-01T22:00:00.000Z',
    );
    // and 20:00 UTC on Friday is 10:00 on Friday at UTC−10
    expect(periodFor('today', '2026-03-06T20:00:00.000Z', fixedOffsetTime(-600))).toEqual({
      from: '2026-03-06T10:00:00.000Z',
      to: '2026-03-07T10:00:00.000Z',
    });
  });
});

describe('previousPeriod', () => {
  it('is the same number of days just before', () => {
    expect(previousPeriod(periodFor('today', FRIDAY, utc), utc)).toEqual({
      from: at('2026-03-05'),
      to: at('2026-03-06'),
    });
    expect(previousPeriod(periodFor('week', FRIDAY, utc), utc)).toEqual({
      from: at('2026-02-23'),
      to: at('2026-03-02'),
    });
    // 30 days before Feb 5: Jan 6
    expect(previousPeriod(periodFor('last30', FRIDAY, utc), utc)).toEqual({
      from: at('2026-01-06'),
      to: at('2026-02-05'),
    });
  });

  it('is the month before for a calendar month', () => {
    expect(previousPeriod(periodFor('month', FRIDAY, utc), utc)).toEqual({
      from: at('2026-02-01'),
      to: at('2026-03-01'),
    });
    expect(previousPeriod(periodFor('month', '2026-01-15T10:00:00.000Z', utc), utc)).toEqual({
      from: at('2025-12-01'),
      to: at('2026-01-01'),
    });
  });
});

describe('daysOf', () => {
  it('lists every local day of a period', () => {
    expect(daysOf(periodFor('week', FRIDAY, utc), utc)).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
    ]);
    expect(daysOf(periodFor('month', '2026-02-10T10:00:00.000Z', utc), utc)).toHaveLength(28);
    expect(daysOf(periodFor('today', FRIDAY, fixedOffsetTime(330)), fixedOffsetTime(330))).toEqual([
      '2026-03-06',
    ]);
  });

  it('a period and the one before have as many days (months aside), back to back', () => {
    const kinds = fc.constantFrom('today' as const, 'week' as const, 'last30' as const);
    const instant = fc
      .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) })
      .map((t) => new Date(t).toISOString());
    const offset = fc.integer({ min: -720, max: 840 });
    fc.assert(
      fc.property(kinds, instant, offset, (kind, now, off) => {
        const local = fixedOffsetTime(off);
        const p = periodFor(kind, now, local);
        const prev = previousPeriod(p, local);
        expect(prev.to).toBe(p.from);
        const wholeMonths =
          local.dayOf(p.from).endsWith('-01') && local.dayOf(p.to).endsWith('-01');
        // (30 days that happen to be a whole month, June, compare with the month before)
        if (wholeMonths) expect(local.dayOf(prev.from)).toMatch(/-01$/);
        else expect(daysOf(prev, local)).toHaveLength(daysOf(p, local).length);
        expect(p.from <= now && now < p.to).toBe(true);
        expect(daysOf(p, local)).toContain(local.dayOf(now));
      }),
    );
  });
});

describe('calendar days', () => {
  it('adds days across months and years', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
  it('knows a real day', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-3-1')).toBe(false);
  });
});
