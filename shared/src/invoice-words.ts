import { daysBetween, type AgingBucket, type InvoiceStanding } from './invoices.ts';

/**
 * The words invoices and statements use, on screen and in their PDFs (made by the
 * app and by the server alike), so both say the same.
 */

export const AGING_LABEL: Record<AgingBucket, string> = {
  current: 'Not yet due',
  '1-30': '1–30 days late',
  '31-60': '31–60 days late',
  '61-90': '61–90 days late',
  '90+': 'Over 90 days late',
};

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/**
 * Where an invoice stands, as a sentence fragment: "Paid", "Overdue by 12 days",
 * "Part paid · due in 3 days". `today` and `dueOn` are YYYY-MM-DD.
 */
export function standingWords(s: InvoiceStanding, dueOn: string, today: string): string {
  if (s.status === 'void') return 'Void (order cancelled)';
  if (s.status === 'paid') return 'Paid';
  if (s.overdue) {
    return `Overdue by ${days(s.daysOverdue)}${s.status === 'partial' ? ' · part paid' : ''}`;
  }
  const left = daysBetween(today, dueOn);
  const base = s.status === 'partial' ? 'Part paid' : 'Unpaid';
  return `${base} · ${left <= 0 ? 'due today' : `due in ${days(left)}`}`;
}

/** A calendar day (YYYY-MM-DD) in the reader's words; read as UTC so it never shifts a day. */
export function calendarDay(
  isoDay: string,
  locale: string,
  style: 'medium' | 'long' = 'medium',
): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(
    new Date(`${isoDay}T00:00:00Z`),
  );
}
