import { describe, expect, it } from 'vitest';
import { arrivals, arrivalText, FRESH_MS, shouldNotify } from './arrivals.ts';

const now = Date.parse('2026-12-05T10:00:00Z');
const at = (msAgo: number) => new Date(now - msAgo).toISOString();

describe('announcing new online orders', () => {
  it('announces nothing it found on opening, then each order that appears once', () => {
    const first = arrivals({ seen: null }, [{ id: 'a', createdAt: at(1000) }], now);
    expect(first.announce).toEqual([]);
    const second = arrivals(
      { seen: first.seen },
      [
        { id: 'a', createdAt: at(1000) },
        { id: 'b', createdAt: at(500) },
      ],
      now,
    );
    expect(second.announce.map((o) => o.id)).toEqual(['b']);
    // accepted elsewhere, then nothing new
    const third = arrivals({ seen: second.seen }, [{ id: 'b', createdAt: at(500) }], now);
    expect(third.announce).toEqual([]);
    expect([...third.seen]).toEqual(['b']);
  });

  it('does not announce old orders a first sync brings', () => {
    const r = arrivals({ seen: new Set() }, [{ id: 'old', createdAt: at(FRESH_MS + 1) }], now);
    expect(r.announce).toEqual([]);
  });

  it('says the order, its customer and its total', () => {
    const money = (n: number, c: string) => `${c} ${(n / 100).toFixed(2)}`;
    expect(
      arrivalText({ number: 'WEB-0003', customerName: 'Ann', total: 1250, currency: 'EUR' }, money),
    ).toBe('New online order WEB-0003 from Ann — EUR 12.50');
    expect(
      arrivalText({ number: 'WEB-0004', customerName: ' ', total: 0, currency: 'EUR' }, money),
    ).toBe('New online order WEB-0004 — EUR 0.00');
  });

  it('notifies the system only when asked for, allowed, and the app is out of sight', () => {
    expect(shouldNotify(true, 'granted', true)).toBe(true);
    expect(shouldNotify(true, 'granted', false)).toBe(false);
    expect(shouldNotify(false, 'granted', true)).toBe(false);
    expect(shouldNotify(true, 'default', true)).toBe(false);
    expect(shouldNotify(true, 'denied', true)).toBe(false);
  });
});
