import { formatRate, type SettingsFields } from '@stallkeeper/shared';
import { currencyOptions } from './currencies.ts';

/** One line of the read-only settings: what it is and its value in words. */
export interface SettingRow {
  label: string;
  value: string;
}

const NOT_SET = 'Not set';

/** The shop's settings as a seller reads them (no inputs, nothing technical). */
export function settingsSummary(s: SettingsFields, locale?: string): SettingRow[] {
  const currency = currencyOptions(locale).find((o) => o.code === s.currency);
  const tax =
    s.taxRate === 0
      ? 'No tax'
      : `${formatRate(s.taxRate, locale)}, ${s.taxInclusive ? 'included in prices' : 'added to prices'}`;
  const days = s.invoiceTermsDays;
  return [
    { label: 'Shop name', value: s.shopName },
    { label: 'Address', value: s.address || NOT_SET },
    { label: 'Contact', value: s.contact || NOT_SET },
    { label: 'Tax ID', value: s.taxId || NOT_SET },
    { label: 'Currency', value: currency ? `${currency.name} (${s.currency})` : s.currency },
    { label: 'Tax', value: tax },
    {
      label: 'Invoices due',
      value: days === 0 ? 'On the day' : `${days} ${days === 1 ? 'day' : 'days'} after the invoice`,
    },
    { label: 'Payment instructions', value: s.paymentInstructions || NOT_SET },
    { label: 'Invoice footer', value: s.invoiceFooter || NOT_SET },
    { label: 'Receipt footer', value: s.receiptFooter || NOT_SET },
    { label: 'Low-stock alert at (default)', value: String(s.lowStockDefault) },
    {
      label: 'Sellers may cancel orders others took',
      value: s.allowSellerCancel ? 'Yes' : 'No',
    },
  ];
}
