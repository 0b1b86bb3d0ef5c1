import { describe, expect, it } from 'vitest';
import { currencyOptions, filterCurrencies, moneyPreview } from './currencies.ts';

describe('the currency choice', () => {
  const options = currencyOptions('en-US');

  it('offers every ISO 4217 currency by its name', () => {
    expect(options).toContainEqual({ code: 'KES', name: 'Kenyan Shilling' });
    expect(options).toContainEqual({ code: 'GBP', name: 'British Pound' });
    expect(options.length).toBeGreaterThan(100);
  });

  it('finds a currency by code or name, in any case, keeping the chosen one', () => {
    expect(filterCurrencies(options, 'kes', 'EUR').map((o) => o.code)).toEqual(['EUR', 'KES']);
    expect(filterCurrencies(options, 'shilling', 'EUR').map((o) => o.code)).toEqual(
      expect.arrayContaining(['KES', 'TZS', 'UGX', 'EUR']),
    );
    expect(filterCurrencies(options, '', 'EUR')).toHaveLength(options.length);
  });

  it('previews money with the currency’s own digits', () => {
    expect(moneyPreview('GBP', 'en-GB')).toBe('£1,234.00');
    expect(moneyPreview('JPY', 'en-US')).toBe('¥1,234');
  });
});
