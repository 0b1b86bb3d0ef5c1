import { DEFAULT_SETTINGS } from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import { settingsSummary } from './summary.ts';

describe('the settings a seller reads', () => {
  it('says each setting in words: currency by name, tax as a percent', () => {
    const rows = settingsSummary(
      {
        ...DEFAULT_SETTINGS,
        currency: 'KES',
        taxRate: 1600,
        taxInclusive: false,
        invoiceTermsDays: 1,
      },
      'en-US',
    );
    const value = (label: string) => rows.find((r) => r.label === label)?.value;
    expect(value('Currency')).toBe('Kenyan Shilling (KES)');
    expect(value('Tax')).toBe('16%, added to prices');
    expect(value('Invoices due')).toBe('1 day after the invoice');
    expect(value('Tax ID')).toBe('Not set');
    expect(value('Sellers may cancel orders others took')).toBe('No');
  });

  it('says when there is no tax', () => {
    const tax = settingsSummary(DEFAULT_SETTINGS, 'en-US').find((r) => r.label === 'Tax');
    expect(tax?.value).toBe('No tax');
  });
});
