import { orderDoc } from '@stallkeeper/shared/fixtures';
import { describe, expect, it } from 'vitest';
import { receiptText } from './receipt.ts';

describe('the text receipt', () => {
  it('says what was paid in cash and the change given', () => {
    const o = orderDoc({ payment: { method: 'cash', paid: 250, tendered: 1000, change: 750 } });
    const text = receiptText(o, 'Rosa Fruit Stall', 'en-US');
    expect(text).toContain('Paid: €2.50 (Cash)');
    expect(text).toContain('Cash given: €10.00');
    expect(text).toContain('Change: €7.50');
    expect(text).not.toContain('CANCELLED');
  });

  it('says an unpaid delivery is still to pay, never "Paid: €0.00"', () => {
    const o = orderDoc({
      channel: 'delivery',
      payment: { method: 'cash', paid: 0, tendered: null, change: null },
    });
    const text = receiptText(o, 'Rosa Fruit Stall', 'en-US');
    expect(text).toContain('Not paid yet — to pay on delivery (Cash)');
    expect(text).toContain('To deliver later');
    expect(text).not.toContain('Paid: €0.00');
  });

  it('says a cancelled order was cancelled', () => {
    const o = orderDoc();
    const text = receiptText(o, 'Rosa Fruit Stall', 'en-US', {
      status: 'cancelled',
      paid: o.total,
      refunded: 0,
    });
    expect(text.split('\n').slice(0, 4)).toContain('CANCELLED — this order no longer stands');
  });
});
