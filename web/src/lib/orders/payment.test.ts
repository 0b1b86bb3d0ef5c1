import { formatMoney } from '@stallkeeper/shared';
import { orderDoc } from '@stallkeeper/shared/fixtures';
import { describe, expect, it } from 'vitest';
import { paymentLine, saleTitle } from './payment.ts';

const eur = (n: number) => formatMoney(n, 'EUR', 'en-US');
const unpaid = (over: Parameters<typeof orderDoc>[0] = {}) =>
  orderDoc({
    channel: 'delivery',
    payment: { method: 'cash', paid: 0, tendered: null, change: null },
    ...over,
  });

describe('where a payment stands, in words', () => {
  it('says a sale paid at the counter was paid, and how', () => {
    const o = orderDoc({ payment: { method: 'card', paid: 250, tendered: null, change: null } });
    expect(paymentLine(o, eur)).toBe('Paid: €2.50 (Card)');
    expect(saleTitle(o)).toBe('Sold');
  });

  it('never says "Paid: €0.00" for an order to pay on delivery, pickup or account', () => {
    expect(paymentLine(unpaid(), eur)).toBe('Not paid yet — to pay on delivery (Cash)');
    expect(saleTitle(unpaid())).toBe('Ordered');
    expect(paymentLine(unpaid({ channel: 'pickup' }), eur)).toBe(
      'Not paid yet — to pay on pickup (Cash)',
    );
    const account = unpaid({
      channel: 'counter',
      payment: { method: 'account', paid: 0, tendered: null, change: null },
    });
    expect(paymentLine(account, eur)).toBe('On account — not paid yet');
    expect(paymentLine(unpaid(), eur, { paid: 0, refunded: 0 })).not.toMatch(/0\.00/);
  });

  it('follows later payments and refunds when it has the events', () => {
    const o = unpaid();
    expect(paymentLine(o, eur, { paid: 250, refunded: 0 })).toBe('Paid: €2.50');
    expect(paymentLine(o, eur, { paid: 100, refunded: 0 })).toBe(
      'Paid: €1.00 — €1.50 still to pay',
    );
    const paid = orderDoc({
      payment: { method: 'mobile', paid: 250, tendered: null, change: null },
    });
    expect(paymentLine(paid, eur, { paid: 250, refunded: 0 })).toBe('Paid: €2.50 (Mobile money)');
    expect(paymentLine(paid, eur, { paid: 250, refunded: 250 })).toBe('Refunded: €2.50');
  });
});
