import { foldOrder } from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import { addOrderEvent } from '../db/orders.ts';
import { addProduct, cashSale, openTestShop, settle } from '../db/testing.ts';
import { paymentsOf } from '@stallkeeper/shared';

describe('the payments an invoice lists', () => {
  it('are what was paid at the sale, then each payment with its method and reference', async () => {
    const ctx = await openTestShop();
    const order = await cashSale(ctx, await addProduct(ctx), 2);
    await addOrderEvent(ctx, order, {
      kind: 'payment',
      amount: 1,
      method: 'mobile',
      reference: 'MP-1',
    });
    await settle(ctx);
    const events = await ctx.local.events.where('orderId').equals(order._id).toArray();
    const listed = paymentsOf(order, foldOrder(order, events));
    expect(listed.map((p) => [p.method, p.reference])).toEqual([
      ['Cash (at the sale)', ''],
      ['Mobile money', 'MP-1'],
    ]);
    expect(listed[0]?.amount).toBe(order.payment.paid);
    expect(listed[1]?.amount).toBe(1);
  });
});
