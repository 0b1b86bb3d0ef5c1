import { describe, expect, it } from 'vitest';
import { orderDoc, orderEventDoc, orderLine } from '../fixtures/index.ts';
import { foldOrder } from '../order-state.ts';
import { PAYMENT_COLUMNS, paymentsTable } from './payments.ts';

describe('paymentsTable', () => {
  it('lists the checkout payment, later payments and refunds (negative) of each order by time', () => {
    const delivery = orderDoc({
      number: 'K3-0003',
      channel: 'delivery',
      createdAt: '2026-11-01T08:00:00.000Z',
      lines: [orderLine({ unitPrice: 2000, qty: 1 })],
      payment: { method: 'cash', paid: 500, tendered: 500, change: 0 },
    });
    const later = orderEventDoc('payment', {
      orderId: delivery._id,
      at: '2026-11-02T10:00:00.000Z',
      amount: 1500,
      method: 'mobile',
      reference: 'MP-4471',
    });
    const cancelled = orderEventDoc('cancelled', {
      orderId: delivery._id,
      at: '2026-11-03T11:00:00.000Z',
      reason: 'moved away',
      refund: 2000,
      refundMethod: 'mobile',
    });
    // an on-account sale moved no money
    const onAccount = orderDoc({
      number: 'K3-0004',
      payment: { method: 'account', paid: 0, tendered: null, change: null },
    });
    const t = paymentsTable(
      [onAccount, delivery].map((order) => ({
        order,
        // events arrive in any order; the fold sorts them
        state: foldOrder(order, [cancelled, later]),
      })),
    );
    expect(t.name).toBe('payments');
    expect(t.columns).toEqual([...PAYMENT_COLUMNS]);
    expect(t.rows).toEqual([
      ['K3-0003', '2026-11-01T08:00:00.000Z', 'payment', 'cash', '5.00', 'EUR', ''],
      ['K3-0003', '2026-11-02T10:00:00.000Z', 'payment', 'mobile', '15.00', 'EUR', 'MP-4471'],
      ['K3-0003', '2026-11-03T11:00:00.000Z', 'refund', 'mobile', '-20.00', 'EUR', ''],
    ]);
  });

  it('writes yen in whole units and a refund with no method as an empty method', () => {
    const sale = orderDoc({
      number: 'T1-0002',
      currency: 'JPY',
      createdAt: '2026-11-05T00:00:00.000Z',
      lines: [orderLine({ unitPrice: 1200, qty: 1 })],
    });
    const back = orderEventDoc('returned', {
      orderId: sale._id,
      at: '2026-11-06T00:00:00.000Z',
      items: [{ productId: sale.lines[0]?.productId ?? '', qty: 1 }],
      refund: 1200,
    });
    const { rows } = paymentsTable([{ order: sale, state: foldOrder(sale, [back]) }]);
    expect(rows).toEqual([
      ['T1-0002', '2026-11-05T00:00:00.000Z', 'payment', 'card', '1200', 'JPY', ''],
      ['T1-0002', '2026-11-06T00:00:00.000Z', 'refund', '', '-1200', 'JPY', ''],
    ]);
  });
});
