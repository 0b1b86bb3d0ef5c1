import { formatMoney } from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import { describeChanges, type ChangeWords } from './changes.ts';

const words = (over: Partial<ChangeWords> = {}): ChangeWords => ({
  money: (n) => formatMoney(n, 'EUR', 'en-US'),
  unit: null,
  person: (id) => (id === 'user-sam' ? 'Sam' : 'Another seller'),
  date: (iso) => iso.slice(0, 10),
  locale: 'en-US',
  ...over,
});
const flat = (cs: ReturnType<typeof describeChanges>) =>
  cs.map((c) => `${c.label}: ${c.before ?? ''} → ${c.after ?? ''}`);

describe('activity entries in words', () => {
  it('shows an edit with labels and money, not field names and minor units', () => {
    const out = flat(
      describeChanges(
        { price: 250, lowStockThreshold: null },
        { price: 300, lowStockThreshold: 2500 },
        words({ unit: 'kg' }),
      ),
    );
    expect(out).toEqual(['Price: €2.50 → €3.00', 'Low-stock alert at: shop default → 2.5 kg']);
  });

  it('leaves out what a new record left empty, and anything it has no words for', () => {
    const out = flat(
      describeChanges(
        null,
        {
          name: 'Tomatoes',
          cost: null,
          description: '',
          imageUrl: null,
          active: true,
          stamps: { a: 1 },
        },
        words(),
      ),
    );
    expect(out).toEqual(['Name:  → Tomatoes', 'On sale:  → yes']);
  });

  it('shows quantities only with their unit, and people by name', () => {
    expect(flat(describeChanges(null, { qty: -1500, counted: 0 }, words({ unit: 'kg' })))).toEqual([
      'Stock change:  → −1.5 kg',
      'Counted:  → 0 kg',
    ]);
    // No unit known: a bare number of grams would mislead, so it is not shown.
    expect(describeChanges(null, { qty: 1500 }, words())).toEqual([]);
    expect(
      flat(describeChanges({ acknowledgedBy: null }, { acknowledgedBy: 'user-sam' }, words())),
    ).toEqual(['Resolved by: none → Sam']);
  });

  it('says payments, methods and hand-over in the seller’s words', () => {
    const out = flat(
      describeChanges(
        null,
        { kind: 'payment', amount: 1250, method: 'mobile', channel: 'delivery', taxRate: 750 },
        words(),
      ),
    );
    expect(out).toEqual([
      'Hand-over:  → Delivery',
      'Amount:  → €12.50',
      'Paid by:  → Mobile money',
      'Tax rate:  → 7.5%',
    ]);
    expect(JSON.stringify(out)).not.toMatch(/null|payment|mobile\b|1250/);
  });

  it('names the shop settings a receipt or invoice prints, and a refund’s method', () => {
    const out = flat(
      describeChanges(
        { taxId: '', receiptFooter: 'Thanks', allowSellerCancel: false },
        { taxId: 'P051234567X', receiptFooter: 'Asante!', allowSellerCancel: true },
        words(),
      ),
    );
    expect(out).toEqual([
      'Tax ID: none → P051234567X',
      'Receipt footer: Thanks → Asante!',
      'Sellers may cancel orders others took: no → yes',
    ]);
    expect(flat(describeChanges(null, { refund: 500, refundMethod: 'cash' }, words()))).toEqual([
      'Refund:  → €5.00',
      'Refunded by:  → Cash',
    ]);
  });
});
