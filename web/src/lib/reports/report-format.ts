import {
  formatMoney,
  formatQuantity,
  minorDigits,
  type Minor,
  type Unit,
} from '@stallkeeper/shared';

/** How a report says its figures: money, quantities, days and hours, in one locale. */
export interface ReportFormat {
  locale: string;
  money: (amount: Minor) => string;
  /** money for a chart's axis: whole units, compact ("KES 12K") */
  moneyShort: (amount: Minor) => string;
  quantity: (base: number, unit: Unit) => string;
  count: (n: number) => string;
  /** a calendar day (YYYY-MM-DD), short: "4 Nov" */
  day: (day: string) => string;
  /** a calendar day with its year: "4 Nov 2026" */
  dayLong: (day: string) => string;
  /** an hour of the day (0–23) as the locale's clock says it: "09:00", "9 AM" */
  hour: (hour: number) => string;
  /** an instant, day and time */
  when: (iso: string) => string;
}

/** A calendar day at noon UTC, so formatting it in UTC never slips a day. */
const noon = (day: string) => new Date(`${day}T12:00:00Z`);

/**
 * The report's formats. `money` may be replaced (the PDF's fonts lack some currency
 * signs and spell them with the ISO code instead).
 */
export function reportFormat(
  currency: string,
  locale: string,
  money: (amount: Minor) => string = (a) => formatMoney(a, currency, locale),
): ReportFormat {
  const digits = minorDigits(currency);
  const compact = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  const count = new Intl.NumberFormat(locale);
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const dayLong = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const hour = new Intl.DateTimeFormat(locale, {
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'UTC',
  });
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    locale,
    money,
    // an axis label only: the exact amounts are in the tooltips and the tables
    moneyShort: (a) => compact.format(a / 10 ** digits),
    quantity: (base, unit) => formatQuantity(base, unit, locale),
    count: (n) => count.format(n),
    day: (d) => day.format(noon(d)),
    dayLong: (d) => dayLong.format(noon(d)),
    hour: (h) => hour.format(new Date(Date.UTC(2026, 0, 1, h))),
    when: (iso) => when.format(new Date(iso)),
  };
}
