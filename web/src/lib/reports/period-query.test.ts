import { fixedOffsetTime, periodFor } from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import { choiceFromQuery, dayCount, daysOfPeriod, queryOf } from './period-query.ts';

const q = (s: string) => new URLSearchParams(s);
const TODAY = '2026-11-18';

describe('the period in the URL', () => {
  it('reads each kind, and this week when the link says nothing or nonsense', () => {
    expect(choiceFromQuery(q('period=month'), TODAY)).toEqual({ kind: 'month', from: '', to: '' });
    expect(choiceFromQuery(q(''), TODAY).kind).toBe('week');
    expect(choiceFromQuery(q('period=year'), TODAY).kind).toBe('week');
  });

  it('reads a custom span, either way round, with a missing day taken from the other', () => {
    expect(choiceFromQuery(q('period=custom&from=2026-11-10&to=2026-11-01'), TODAY)).toEqual({
      kind: 'custom',
      from: '2026-11-01',
      to: '2026-11-10',
    });
    expect(choiceFromQuery(q('period=custom&from=2026-11-10'), TODAY)).toMatchObject({
      from: '2026-11-10',
      to: '2026-11-10',
    });
    expect(choiceFromQuery(q('period=custom&from=2026-02-30'), TODAY)).toMatchObject({
      from: TODAY,
      to: TODAY,
    });
  });

  it('writes what it reads back', () => {
    for (const choice of [
      { kind: 'today', from: '', to: '' },
      { kind: 'last30', from: '', to: '' },
      { kind: 'custom', from: '2026-10-01', to: '2026-11-30' },
    ] as const) {
      expect(queryOf(choice)).toMatch(/^period=/);
      expect(choiceFromQuery(q(queryOf(choice)), TODAY)).toEqual(choice);
    }
  });
});

describe('the days of a period', () => {
  const local = fixedOffsetTime(60);
  it('are its first and last local day, both included', () => {
    const now = '2026-11-18T10:00:00.000Z';
    const month = daysOfPeriod(periodFor('month', now, local), local);
    expect(month).toEqual({ first: '2026-11-01', last: '2026-11-30' });
    expect(dayCount(month)).toBe(30);
    const today = daysOfPeriod(periodFor('today', now, local), local);
    expect(today).toEqual({ first: '2026-11-18', last: '2026-11-18' });
    expect(dayCount(today)).toBe(1);
  });
});
