import { formatMoney, minorDigits } from '@stallkeeper/shared';

/** A currency the settings offer: its ISO code and its name in the device's language. */
export interface CurrencyOption {
  code: string;
  name: string;
}

/** Every ISO 4217 currency this browser knows, named in the device's language. */
export function currencyOptions(locale?: string): CurrencyOption[] {
  const names = new Intl.DisplayNames(locale ? [locale] : undefined, {
    type: 'currency',
    fallback: 'code',
  });
  return Intl.supportedValuesOf('currency').map((code) => ({
    code,
    name: names.of(code) ?? code,
  }));
}

/**
 * The options a search leaves (by code or name, any case), always with the one
 * chosen now so the list never loses the current value.
 */
export function filterCurrencies(
  options: readonly CurrencyOption[],
  query: string,
  keep: string,
): CurrencyOption[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...options];
  return options.filter(
    (o) => o.code === keep || o.code.toLowerCase().includes(q) || o.name.toLowerCase().includes(q),
  );
}

/** A sample amount (one thousand two hundred and thirty-four) as the shop will show money. */
export function moneyPreview(currency: string, locale?: string): string {
  try {
    return formatMoney(1234 * 10 ** minorDigits(currency), currency, locale);
  } catch {
    return '';
  }
}
