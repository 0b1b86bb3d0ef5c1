import type { AgingBucket, MovementKind, PeriodKind, ReportTableKey } from '@stallkeeper/shared';

/** The period picker's choices. */
export const PERIOD_LABEL: Record<PeriodKind, string> = {
  today: 'Today',
  week: 'This week',
  month: 'This month',
  last30: 'Last 30 days',
  custom: 'Custom',
};

export const MOVEMENT_LABEL: Record<MovementKind, string> = {
  restock: 'Restocked',
  sale: 'Sold',
  return: 'Returned',
  writeoff: 'Written off',
  count: 'Counted',
  adjustment: 'Adjusted',
};

export const BADGE_LABEL = { ok: 'In stock', low: 'Low', out: 'Out' } as const;

export const AGE_LABEL: Record<AgingBucket, string> = {
  current: 'Not yet due',
  '1-30': '1–30 days late',
  '31-60': '31–60 days late',
  '61-90': '61–90 days late',
  '90+': 'Over 90 days late',
};

/** A product's category as the screen says it ('' is none). */
export const categoryName = (c: string): string => c || 'No category';

/** The span a figure is compared with: "yesterday", "previous week", "previous 12 days". */
export function previousNoun(kind: PeriodKind, days: number): string {
  switch (kind) {
    case 'today':
      return 'yesterday';
    case 'week':
      return 'previous week';
    case 'month':
      return 'previous month';
    case 'last30':
      return 'previous 30 days';
    case 'custom':
      return days === 1 ? 'the day before' : `previous ${days} days`;
  }
}

export interface Change {
  direction: 'up' | 'down' | 'same';
  /** the word said first: a change is never told by colour alone */
  word: 'Up' | 'Down' | 'No change';
  /** the rest: "+12 % vs previous week" */
  text: string;
}

/**
 * How a figure moved since the period before, in words: "Up +12 % vs previous
 * week", "Down −40 % vs yesterday", "Up from none vs previous week".
 */
export function changeWords(now: number, before: number, noun: string, locale: string): Change {
  const vs = `vs ${noun}`;
  if (now === before) return { direction: 'same', word: 'No change', text: vs };
  const direction = now > before ? 'up' : 'down';
  const word = direction === 'up' ? 'Up' : 'Down';
  if (before === 0) return { direction, word, text: `from none ${vs}` };
  const percent = Math.round((Math.abs(now - before) * 100) / Math.abs(before));
  const sign = direction === 'up' ? '+' : '−';
  const amount =
    percent === 0
      ? '<1'
      : new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(percent);
  return { direction, word, text: `${sign}${amount} % ${vs}` };
}

/**
 * A period in words, from its first and last day (YYYY-MM-DD on the device):
 * "4 Nov 2026", "1 – 30 Nov 2026".
 */
export function spanWords(first: string, last: string, locale: string): string {
  const f = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const a = new Date(`${first}T12:00:00Z`);
  if (first === last) return f.format(a);
  return f.formatRange(a, new Date(`${last}T12:00:00Z`));
}

/** What the CSV menu calls each file. */
export const TABLE_LABEL: Record<ReportTableKey, string> = {
  'sales-summary': 'Sales: headline figures, this period and the one before',
  'sales-by-day': 'Sales by day',
  'sales-by-hour': 'Sales by hour of the day',
  'sales-by-product': 'Sales by product',
  'sales-by-category': 'Sales by category',
  'sales-by-payment-method': 'Money received by payment method',
  'sales-by-seller': 'Sales by seller',
  'sales-by-device': 'Sales by device',
  'orders-by-status': 'Orders by status',
  'orders-by-channel': 'Orders by channel',
  deliveries: 'Delivery performance',
  cancellations: 'Cancellations',
  returns: 'Returns',
  'stock-on-hand': 'Stock on hand',
  'stock-movements': 'Stock movements',
  oversells: 'Oversold stock',
  'money-owed-by-age': 'Money owed, by how late',
  'money-owed-by-customer': 'Money owed, by customer',
};
