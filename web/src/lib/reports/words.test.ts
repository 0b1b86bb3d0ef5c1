import { describe, expect, it } from 'vitest';
import { changeWords, previousNoun, spanWords } from './words.ts';

describe('changeWords', () => {
  it('says the direction in a word, then the percentage and what it compares with', () => {
    expect(changeWords(11_200, 10_000, 'previous week', 'en-US')).toEqual({
      direction: 'up',
      word: 'Up',
      text: '+12 % vs previous week',
    });
    expect(changeWords(6_000, 10_000, 'yesterday', 'en-US')).toEqual({
      direction: 'down',
      word: 'Down',
      text: '−40 % vs yesterday',
    });
  });

  it('has no percentage from nothing, and says when nothing changed', () => {
    expect(changeWords(500, 0, 'previous month', 'en-US')).toMatchObject({
      word: 'Up',
      text: 'from none vs previous month',
    });
    expect(changeWords(0, 0, 'previous month', 'en-US')).toMatchObject({
      direction: 'same',
      word: 'No change',
    });
    expect(changeWords(10_001, 10_000, 'yesterday', 'en-US').text).toBe('+<1 % vs yesterday');
  });
});

describe('period words', () => {
  it('names the period compared with', () => {
    expect(previousNoun('today', 1)).toBe('yesterday');
    expect(previousNoun('week', 7)).toBe('previous week');
    expect(previousNoun('custom', 12)).toBe('previous 12 days');
    expect(previousNoun('custom', 1)).toBe('the day before');
  });

  it('says a span of days in the locale', () => {
    expect(spanWords('2026-11-05', '2026-11-05', 'en-GB')).toBe('5 Nov 2026');
    expect(spanWords('2026-11-01', '2026-11-30', 'en-GB')).toMatch(/^1\s*[–-]\s*30 Nov 2026$/);
  });
});
