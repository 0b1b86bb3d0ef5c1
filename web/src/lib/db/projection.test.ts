import { orderDoc, orderEventDoc } from '@stallkeeper/shared/fixtures';
import { describe, expect, it } from 'vitest';
import { orderRow } from './projection.ts';

describe('an order row’s sparse index keys', () => {
  it('a paid counter sale with no customer has none (so it writes no record to those indexes)', () => {
    const row = orderRow(orderDoc(), []);
    expect(row.balance).toBe(0);
    expect(row.deliveryAt).toBe('');
    expect('customerKey' in row || 'deliveryKey' in row || 'owingKey' in row).toBe(false);
  });

  it('an unpaid delivery for a customer has all three', () => {
    const o = orderDoc({ channel: 'delivery', customerId: 'customer:k', customerName: 'Kate' });
    const row = orderRow(o, []);
    expect(row).toMatchObject({
      customerKey: 'customer:k',
      deliveryKey: '-',
      owingKey: o.total,
      balance: o.total,
    });
  });

  it('follows the order’s state: paid in full, it owes nothing', () => {
    const o = orderDoc({ channel: 'pickup', customerId: 'customer:k', customerName: 'Kate' });
    const paid = orderEventDoc('payment', { orderId: o._id, amount: o.total });
    const row = orderRow(o, [paid]);
    expect(row.balance).toBe(0);
    expect(row.customerKey).toBe('customer:k');
    expect('owingKey' in row).toBe(false);
  });
});
