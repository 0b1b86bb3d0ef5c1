import { describe, expect, it } from 'vitest';
import { money, onlyLeft, quantity, slotLabel, unitPrice, when } from './format.ts';

describe('the shop page’s words for money, quantities and times', () => {
  it('writes money in the shop’s currency and the device’s language', () => {
    expect(money(350, 'EUR', 'en-US')).toBe('€3.50');
    expect(money(1250, 'EUR', 'de-DE')).toBe('12,50\u00a0€');
    expect(money(500, 'JPY', 'en-US')).toBe('¥500');
  });

  it('says what a price is for', () => {
    expect(unitPrice(350, 'kg', 'EUR', 'en-US')).toBe('€3.50 / kg');
    expect(unitPrice(120, 'piece', 'EUR', 'en-US')).toBe('€1.20 each');
    expect(unitPrice(900, 'm', 'GBP', 'en-GB')).toBe('£9.00 / m');
  });

  it('shows weighed quantities in the sales unit, never in grams', () => {
    expect(quantity(500, 'kg', 'en-US')).toBe('0.5 kg');
    expect(quantity(1250, 'l', 'en-US')).toBe('1.25 l');
    expect(quantity(500, 'm', 'en-US')).toBe('0.5 m');
    expect(quantity(3, 'piece', 'en-US')).toBe('3');
    expect(quantity(750, 'kg', 'de-DE')).toBe('0,75 kg');
  });

  it('says how few are left', () => {
    expect(onlyLeft(3, 'piece', 'en-US')).toBe('Only 3 left');
    expect(onlyLeft(750, 'kg', 'en-US')).toBe('Only 0.75 kg left');
  });

  it('labels a pickup time with its day and hours, on the given clock', () => {
    const slot = { from: '2026-12-05T07:00:00.000Z', to: '2026-12-05T12:00:00.000Z' };
    expect(slotLabel(slot, 'en-GB', 'Europe/Berlin')).toBe('Sat 5 Dec, 08:00–13:00');
    expect(slotLabel(slot, 'en-GB', 'Europe/Lisbon')).toBe('Sat 5 Dec, 07:00–12:00');
    expect(when('2026-12-05T07:14:00.000Z', 'en-GB', 'Europe/Berlin')).toBe('Sat 5 Dec, 08:14');
  });
});
