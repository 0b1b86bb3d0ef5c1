import { invoiceStanding, type InvoiceStanding } from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import { agingSummary, invoiceCustomers, ofCustomer, withStatus } from './invoice-list.ts';
import { calendarDay, standingWords } from './invoice-words.ts';

const TODAY = '2026-12-02';
const open = (paid: number) => ({ paid, refunded: 0, status: 'completed' as const });
const row = (customerId: string, customerName: string, standing: InvoiceStanding) => ({
  row: { customerId, customerName },
  standing,
});

const rows = [
  row('c:a', 'Ana', invoiceStanding({ total: 1000, dueOn: '2026-12-10' }, open(0), TODAY)),
  row('c:a', 'Ana', invoiceStanding({ total: 1000, dueOn: '2026-11-20' }, open(400), TODAY)),
  row('c:b', 'Bruno', invoiceStanding({ total: 500, dueOn: '2026-08-01' }, open(0), TODAY)),
  row('c:b', 'Bruno', invoiceStanding({ total: 700, dueOn: '2026-11-01' }, open(700), TODAY)),
  row(
    '',
    '',
    invoiceStanding(
      { total: 300, dueOn: '2026-11-01' },
      { ...open(0), status: 'cancelled' },
      TODAY,
    ),
  ),
];

describe('the aging summary', () => {
  it('counts and sums what is owed by how late it is, leaving paid and void invoices out', () => {
    const { lines, owed } = agingSummary(rows.map((r) => r.standing));
    expect(lines.map((l) => [l.bucket, l.count, l.owed])).toEqual([
      ['current', 1, 1000],
      ['1-30', 1, 600],
      ['31-60', 0, 0],
      ['61-90', 0, 0],
      ['90+', 1, 500],
    ]);
    expect(owed).toBe(2100);
  });
});

describe('the list filters', () => {
  it('offers each customer with invoices once, by name', () => {
    expect(invoiceCustomers(rows)).toEqual([
      { id: 'c:a', name: 'Ana' },
      { id: 'c:b', name: 'Bruno' },
    ]);
  });

  it('narrow by customer and by status', () => {
    expect(ofCustomer(rows, 'c:b')).toHaveLength(2);
    expect(ofCustomer(rows, '')).toHaveLength(5);
    expect(withStatus(rows, 'overdue')).toHaveLength(2);
    expect(withStatus(rows, 'partial')).toHaveLength(1);
    expect(withStatus(rows, 'paid')).toHaveLength(1);
    expect(withStatus(ofCustomer(rows, 'c:a'), 'unpaid')).toHaveLength(1);
  });
});

describe('status words', () => {
  it('say how late, or when due, in words', () => {
    const [notDue, latePart, late, paid, cancelled] = rows.map((r) => r.standing);
    expect(standingWords(notDue!, '2026-12-10', TODAY)).toBe('Unpaid · due in 8 days');
    expect(standingWords(notDue!, TODAY, TODAY)).toBe('Unpaid · due today');
    expect(standingWords(latePart!, '2026-11-20', TODAY)).toBe('Overdue by 12 days · part paid');
    expect(standingWords(late!, '2026-08-01', TODAY)).toBe('Overdue by 123 days');
    expect(standingWords(paid!, '2026-11-01', TODAY)).toBe('Paid');
    expect(standingWords(cancelled!, '2026-11-01', TODAY)).toBe('Void (order cancelled)');
    const oneDay = invoiceStanding({ total: 1, dueOn: '2026-12-01' }, open(0), TODAY);
    expect(standingWords(oneDay, '2026-12-01', TODAY)).toBe('Overdue by 1 day');
  });

  it('print a calendar day in the locale without shifting it', () => {
    expect(calendarDay('2026-12-16', 'en-US')).toBe('Dec 16, 2026');
    expect(calendarDay('2026-01-01', 'de-DE')).toBe('01.01.2026');
  });
});
