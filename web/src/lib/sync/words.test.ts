import { describe, expect, it } from 'vitest';
import {
  changesInFull,
  changesShort,
  lastSyncLine,
  logoutWarning,
  refusalLine,
  waitingSentence,
} from './words.ts';

describe('what is waiting, in words', () => {
  it('names what the person did, singular and plural right', () => {
    expect(changesShort({ order: 1 })).toBe('1 sale');
    expect(changesShort({ order: 1, customer: 1 })).toBe('1 sale and 1 customer');
    expect(changesShort({ customer: 2, order: 3 })).toBe('3 sales and 2 customers');
    expect(changesShort({ stock: 1, orderevent: 2 })).toBe('1 stock change and 2 order updates');
  });

  it('keeps the header short once more than two kinds wait, and lists them all in full', () => {
    const many = { order: 3, customer: 1, product: 1 };
    expect(changesShort(many)).toBe('5 changes');
    expect(changesInFull(many)).toBe('3 sales, 1 customer and 1 product');
  });

  it('agrees the verb with the count', () => {
    expect(waitingSentence({ order: 1 })).toBe('1 sale is on this device only.');
    expect(waitingSentence({ order: 1, customer: 1 })).toBe(
      '1 sale and 1 customer are on this device only.',
    );
    expect(logoutWarning({ order: 1 })).toBe(
      '1 sale is on this device only. If you log out now, it stays here and syncs after the next login on this device.',
    );
    expect(logoutWarning({ product: 2 })).toMatch(
      /^2 products are .* they stay here and sync after/,
    );
  });
});

describe('a refused document, in words', () => {
  it('says what it is and its number or name, never its id', () => {
    const line = refusalLine({
      id: 'order:01J0000000000000000000000',
      kind: 'order',
      label: 'K3-0042',
      reason: 'this phone may not sell',
    });
    expect(line).toBe('A sale (K3-0042) was refused: this phone may not sell');
    expect(line).not.toContain('order:');
    expect(
      refusalLine({ id: 'stock:01J0000000000000000000000', kind: 'stock', label: '', reason: 'x' }),
    ).toBe('A stock change was refused: x');
  });
});

describe('the last sync, in the past tense', () => {
  const now = Date.parse('2026-05-01T12:00:00Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();

  it('reads "just now" for a stamp slightly ahead of the device clock, never "in 2 seconds"', () => {
    expect(lastSyncLine(ago(-2_000), now, 'en')).toBe('Synced just now');
    expect(lastSyncLine(ago(-90_000), now, 'en')).toBe('Synced just now');
  });

  it('says how long ago, in the device language', () => {
    expect(lastSyncLine(ago(10_000), now, 'en')).toBe('Synced just now');
    expect(lastSyncLine(ago(2 * 60_000 + 5_000), now, 'en')).toBe('Synced 2 minutes ago');
    expect(lastSyncLine(ago(60 * 60_000), now, 'en')).toBe('Synced 1 hour ago');
    expect(lastSyncLine(ago(3 * 86_400_000), now, 'en')).toBe('Synced 3 days ago');
    expect(lastSyncLine(ago(5 * 60_000), now, 'de')).toBe('Synced vor 5 Minuten');
  });

  it('says so when there was none', () => {
    expect(lastSyncLine(null, now, 'en')).toBe('Not synced yet');
  });
});
