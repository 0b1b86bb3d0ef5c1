import { describe, expect, it } from 'vitest';
import { onlineOrderedText, onlinePaymentText, planText, slotText } from './online-words.ts';

describe('an online order in words', () => {
  it('says the chosen time with its end as a time only', () => {
    const plan = {
      scheduledFor: '2026-12-05T08:00:00.000Z',
      windowEnd: '2026-12-05T09:00:00.000Z',
    };
    expect(slotText(plan, 'en-GB', 'UTC')).toBe('Sat 5 Dec, 08:00–09:00');
    expect(slotText({ ...plan, windowEnd: null }, 'en-GB', 'UTC')).toBe('Sat 5 Dec, 08:00');
  });

  it('says how the customer pays and whether it is done', () => {
    expect(onlinePaymentText({ onlinePayment: 'on_collection' }, { paymentStatus: 'unpaid' })).toBe(
      'Pays on collection or delivery',
    );
    expect(onlinePaymentText({ onlinePayment: 'test_card' }, { paymentStatus: 'unpaid' })).toBe(
      'Card payment online not completed yet',
    );
    expect(onlinePaymentText({ onlinePayment: 'test_card' }, { paymentStatus: 'paid' })).toBe(
      'Paid by card online',
    );
    expect(onlinePaymentText({}, { paymentStatus: 'refunded' })).toBe('Refunded');
  });

  it('says how the customer chose to pay when they ordered', () => {
    expect(onlineOrderedText({ onlinePayment: 'test_card' })).toBe(
      'on the shop page, to pay by card online',
    );
    expect(onlineOrderedText({ onlinePayment: 'on_collection' })).toBe(
      'on the shop page, to pay on collection or delivery',
    );
  });

  it('says where and when, for the receipt', () => {
    const delivery = {
      scheduledFor: '2026-12-05T08:00:00.000Z',
      windowEnd: '2026-12-05T09:00:00.000Z',
      address: 'Stall 12',
      phone: '',
    };
    expect(planText({ channel: 'pickup' }, { delivery }, 'en-GB', 'UTC')).toBe(
      'Pickup: Sat 5 Dec, 08:00–09:00, at Stall 12',
    );
    expect(
      planText({ channel: 'delivery' }, { delivery: { ...delivery, address: '' } }, 'en-GB', 'UTC'),
    ).toBe('Delivery: Sat 5 Dec, 08:00–09:00');
    expect(planText({ channel: 'pickup' }, { delivery: null })).toBe('');
  });
});
