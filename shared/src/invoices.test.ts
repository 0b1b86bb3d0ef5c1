import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  AGING_BUCKETS,
  agingBucket,
  daysBetween,
  dueDate,
  invoiceMatches,
  invoiceStanding,
  statement,
  taxBreakdown,
  type OwedOrder,
} from './invoices.ts';

const dayArb = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 11, 31) })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));

describe('due dates and aging', () => {
  it('is due the terms after the issue date, across months and leap years', () => {
    expect(dueDate('2026-01-25', 14)).toBe('2026-02-08');
    expect(dueDate('2024-02-28', 1)).toBe('2024-02-29');
    expect(dueDate('2026-12-20', 30)).toBe('2027-01-19');
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 0, max: 365 }), (d, n) => {
        const due = dueDate(d, n);
        expect(due >= d).toBe(true);
        expect(daysBetween(d, due)).toBe(n);
      }),
    );
  });

  it('buckets by days past due: current, 1–30, 31–60, 61–90, 90+; never moving back as days pass', () => {
    expect([0, 1, 30, 31, 60, 61, 90, 91, -5].map(agingBucket)).toEqual([
      'current',
      '1-30',
      '1-30',
      '31-60',
      '31-60',
      '61-90',
      '61-90',
      '90+',
      'current',
    ]);
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 400 }), fc.nat(400), (d, more) => {
        const i = AGING_BUCKETS.indexOf(agingBucket(d));
        expect(AGING_BUCKETS.indexOf(agingBucket(d + more))).toBeGreaterThanOrEqual(i);
      }),
    );
  });
});

describe('invoiceStanding', () => {
  const standingArb = fc.record({
    total: fc.integer({ min: 1, max: 1_000_000 }),
    paid: fc.integer({ min: 0, max: 1_500_000 }),
    refunded: fc.integer({ min: 0, max: 500_000 }),
    dueOn: dayArb,
    today: dayArb,
  });

  it('derives status, balance and overdue from the payments, never below zero', () => {
    fc.assert(
      fc.property(standingArb, ({ total, paid, refunded, dueOn, today }) => {
        const s = invoiceStanding({ total, dueOn }, { paid, refunded, status: 'delivered' }, today);
        const net = Math.max(0, paid - refunded);
        expect(s.paid + s.balance).toBe(total);
        expect(s.balance).toBe(Math.max(0, total - net));
        expect(s.status).toBe(s.balance === 0 ? 'paid' : net > 0 ? 'partial' : 'unpaid');
        expect(s.overdue).toBe(s.balance > 0 && today > dueOn);
        expect(s.daysOverdue).toBe(s.overdue ? daysBetween(dueOn, today) : 0);
        expect(s.bucket).toBe(agingBucket(s.daysOverdue));
        expect(invoiceMatches(s, 'all')).toBe(true);
        expect(invoiceMatches(s, 'overdue')).toBe(s.overdue);
      }),
    );
  });

  it('is overdue the day after the due date, not on it; a cancelled order voids it', () => {
    const inv = { total: 1000, dueOn: '2026-03-15' };
    const state = { paid: 400, refunded: 0, status: 'open' as const };
    expect(invoiceStanding(inv, state, '2026-03-15')).toMatchObject({
      status: 'partial',
      balance: 600,
      overdue: false,
    });
    expect(invoiceStanding(inv, state, '2026-03-16')).toMatchObject({
      overdue: true,
      daysOverdue: 1,
      bucket: '1-30',
    });
    expect(invoiceStanding(inv, { ...state, status: 'cancelled' }, '2026-09-01')).toMatchObject({
      status: 'void',
      balance: 0,
      overdue: false,
    });
  });
});

describe('taxBreakdown', () => {
  it('splits the total into net and tax at the shop rate; none when there is no tax', () => {
    const base = { subtotal: 1100, total: 1100, taxInclusive: true };
    expect(taxBreakdown({ ...base, tax: 100, taxRate: 1000 })).toEqual([
      { rate: 1000, base: 1000, tax: 100 },
    ]);
    expect(taxBreakdown({ ...base, tax: 0, taxRate: 0 })).toEqual([]);
    expect(
      taxBreakdown({ subtotal: 1000, tax: 100, total: 1100, taxRate: 1000, taxInclusive: false }),
    ).toEqual([{ rate: 1000, base: 1000, tax: 100 }]);
  });
});

describe('statement', () => {
  const owed = (
    n: number,
    over: {
      method?: 'cash' | 'account';
      channel?: 'counter' | 'delivery';
      total?: number;
      paid?: number;
      status?: 'completed' | 'open' | 'delivered' | 'cancelled';
      day?: string;
      invoice?: { dueOn: string } | null;
    } = {},
  ): OwedOrder => {
    const total = over.total ?? 1000;
    const paid = over.paid ?? 0;
    const day = over.day ?? '2026-01-01';
    return {
      order: {
        _id: `order:${n}`,
        number: `K3-${String(n).padStart(4, '0')}`,
        createdAt: `${day}T10:00:00.000Z`,
        channel: over.channel ?? 'counter',
        payment: { method: over.method ?? 'account', paid: 0, tendered: null, change: null },
      },
      state: {
        status: over.status ?? 'completed',
        total,
        paid,
        refunded: 0,
        balance: Math.max(0, total - paid),
        handedOverAt: null,
      },
      invoice: over.invoice
        ? {
            number: `IK3-${String(n).padStart(4, '0')}`,
            issuedOn: day,
            dueOn: over.invoice.dueOn,
            total,
          }
        : null,
    };
  };

  it('lists what is owed on account and on invoices, oldest first, with aging totals', () => {
    const s = statement(
      [
        owed(1, { day: '2026-03-01' }), // on account, due 14 days later
        owed(2, { day: '2026-01-10', paid: 250 }),
        owed(3, { method: 'cash', paid: 1000 }), // paid in full
        owed(4, { status: 'cancelled' }),
        owed(5, { channel: 'delivery', status: 'open', method: 'cash' }), // pay on delivery, not yet there
        owed(6, {
          method: 'cash',
          channel: 'delivery',
          status: 'open',
          invoice: { dueOn: '2026-02-01' },
        }),
      ],
      14,
      '2026-03-20',
    );
    expect(s.lines.map((l) => [l.orderNumber, l.balance, l.bucket])).toEqual([
      ['K3-0006', 1000, '31-60'],
      ['K3-0002', 750, '31-60'],
      ['K3-0001', 1000, '1-30'],
    ]);
    expect(s.owed).toBe(2750);
    expect(s.byBucket).toEqual({ current: 0, '1-30': 1000, '31-60': 1750, '61-90': 0, '90+': 0 });
  });

  it('owes the sum of its lines, and the buckets add up to it', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            total: fc.integer({ min: 0, max: 10_000 }),
            paid: fc.integer({ min: 0, max: 12_000 }),
            day: dayArb,
            invoiced: fc.boolean(),
          }),
          { maxLength: 12 },
        ),
        dayArb,
        (specs, today) => {
          const s = statement(
            specs.map((x, n) =>
              owed(n, { ...x, invoice: x.invoiced ? { dueOn: dueDate(x.day, 7) } : null }),
            ),
            14,
            today,
          );
          expect(s.owed).toBe(s.lines.reduce((t, l) => t + l.balance, 0));
          expect(Object.values(s.byBucket).reduce((t, v) => t + v, 0)).toBe(s.owed);
          expect(s.lines.every((l) => l.balance > 0)).toBe(true);
        },
      ),
    );
  });
});
