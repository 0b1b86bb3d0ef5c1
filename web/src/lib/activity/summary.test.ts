import { formatMoney } from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import { describeEntry, type EntryRefs, type SummaryEntry, type SummaryWords } from './summary.ts';

const w: SummaryWords = {
  money: (n, cur) => formatMoney(n, cur, 'en-US').replace(/\u00a0/g, ' '),
  currency: 'EUR',
  date: (iso) => iso.slice(0, 10),
  locale: 'en-US',
};
const NONE: EntryRefs = { product: null, order: null, products: {} };
const APPLES: EntryRefs = { ...NONE, product: { name: 'Apples', unit: 'kg' } };
const A12: EntryRefs = { ...NONE, order: { number: 'K3-0012', currency: 'KES' } };
const entry = (action: string, after: SummaryEntry['after'], before = null, summary = '') => ({
  action,
  after,
  before,
  summary,
});

describe('an activity entry in a seller’s words', () => {
  it('says a product was archived or put back, not just edited', () => {
    const archived = { ...entry('product.update', { active: false }), before: { active: true } };
    expect(describeEntry(archived, APPLES, w)).toBe('Archived product Apples');
    const back = { ...entry('product.update', { active: true }), before: { active: false } };
    expect(describeEntry(back, APPLES, w)).toBe('Put product Apples back on sale');
    const renamed = {
      ...entry('product.update', { name: 'Red apples' }),
      before: { name: 'Apples' },
    };
    expect(describeEntry(renamed, APPLES, w)).toBe('Edited product Red apples');
  });

  it('names the product of a stock movement, in its unit', () => {
    expect(describeEntry(entry('stock.restock', { qty: 2500 }), APPLES, w)).toBe(
      'Restocked Apples +2.5 kg',
    );
    expect(describeEntry(entry('stock.count', { qty: -500, counted: 3000 }), APPLES, w)).toBe(
      'Counted Apples: 3 kg (−0.5 kg)',
    );
  });

  it('says order events with the order’s number and money in its currency', () => {
    expect(
      describeEntry(
        entry('order.create', { number: 'K3-0012', total: 11_600, channel: 'counter' }),
        A12,
        w,
      ),
    ).toBe('Sale K3-0012 — KES 116.00');
    expect(
      describeEntry(
        entry('order.payment', {
          kind: 'payment',
          amount: 5000,
          method: 'mobile',
          reference: 'QK7',
        }),
        A12,
        w,
      ),
    ).toBe('Payment of KES 50.00 for order K3-0012 (Mobile money, ref. QK7)');
    expect(
      describeEntry(
        entry('order.cancelled', { reason: 'wrong size', refund: 11_600, refundMethod: 'cash' }),
        A12,
        w,
      ),
    ).toBe('Cancelled order K3-0012, refunded KES 116.00 (Cash)');
    expect(describeEntry(entry('order.delivered', { receivedBy: 'Wanjiru' }), A12, w)).toBe(
      'Delivered order K3-0012 (received by Wanjiru)',
    );
    expect(describeEntry(entry('order.amended', { total: 8000 }), A12, w)).toBe(
      'Changed order K3-0012: total now KES 80.00',
    );
  });

  it('says what happened to an online order and what its customer asked', () => {
    const web: EntryRefs = { ...NONE, order: { number: 'WEB-0003', currency: 'EUR' } };
    expect(
      describeEntry(
        entry('order.create', {
          number: 'WEB-0003',
          total: 1250,
          channel: 'pickup',
          source: 'online',
        }),
        web,
        w,
      ),
    ).toBe('Online pickup order WEB-0003 — €12.50');
    // as the server writes it: how the customer pays, no source
    expect(
      describeEntry(
        entry('order.create', {
          number: 'WEB-0004',
          total: 500,
          channel: 'delivery',
          payment: 'test_card',
        }),
        { ...NONE, order: { number: 'WEB-0004', currency: 'EUR' } },
        w,
      ),
    ).toBe('Online delivery order WEB-0004 — €5.00');
    expect(
      describeEntry(
        entry('order.create', { number: 'K3-1', total: 500, channel: 'pickup' }),
        A12,
        w,
      ),
    ).toBe('Pickup order K3-0012 — KES 5.00');
    expect(describeEntry(entry('order.accepted', { kind: 'accepted' }), web, w)).toBe(
      'Accepted online order WEB-0003',
    );
    expect(describeEntry(entry('order.ready', { kind: 'ready' }), web, w)).toBe(
      'Marked order WEB-0003 ready for pickup',
    );
    expect(
      describeEntry(
        entry('order.customer_request', { request: 'cancel', reason: 'Plans changed' }),
        web,
        w,
      ),
    ).toBe('The customer asked to cancel order WEB-0003: Plans changed');
    expect(
      describeEntry(entry('order.customer_request', { request: 'return', reason: '' }), web, w),
    ).toBe('The customer asked to return items from order WEB-0003');
    expect(
      describeEntry(entry('order.request_declined', { reason: 'Already packed' }), web, w),
    ).toBe("Declined the customer's request on order WEB-0003: Already packed");
  });

  it('names returned items and the refund', () => {
    const refs = { ...A12, products: { 'product:1': { name: 'Apples', unit: 'kg' as const } } };
    const returned = entry('order.returned', {
      items: [{ productId: 'product:1', qty: 1500, restock: true }],
      refund: 300,
    });
    expect(describeEntry(returned, refs, w)).toBe(
      'Returned 1.5 kg × Apples from order K3-0012, refunded KES 3.00',
    );
    expect(describeEntry(returned, A12, w)).toBe(
      'Returned 1 item from order K3-0012, refunded KES 3.00',
    );
  });

  it('finds the order number in the written summary when the order is not on the device', () => {
    expect(describeEntry(entry('order.dispatched', {}, null, 'K3-0099: dispatched'), NONE, w)).toBe(
      'Sent order K3-0099 out for delivery',
    );
  });

  it('keeps the written summary for what it has no words for', () => {
    expect(describeEntry(entry('customer.create', {}, null, 'Added customer Ann'), NONE, w)).toBe(
      'Added customer Ann',
    );
  });
});
