import { foldOrder } from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import { addOrderEvent } from '../db/orders.ts';
import { addProduct, cashSale, openTestShop } from '../db/testing.ts';
import { paymentsOf } from './invoice-payments.ts';
import { checkAmount } from './payment-form.svelte.ts';

describe('the amount of a payment', () => {
  it('is an exact amount, more than zero and at most the balance', () => {
    expect(checkAmount('6.25', 625, 'EUR')).toEqual({ amount: 625 });
    expect(checkAmount('2,5', 625, 'EUR')).toEqual({ amount: 250 });
    expect(checkAmount('abc', 625, 'EUR')).toEqual({ error: 'Type an amount, like 12.50.' });
    expect(checkAmount('0', 625, 'EUR')).toEqual({ error: 'The amount must be more than zero.' });
    expect(checkAmount('7', 625, 'EUR', 'en-US')).toEqual({
      error: 'That is more than the balance (€6.25).',
    });
    expect(checkAmount('1.234', 625, 'EUR')).toHaveProperty('error');
  });
});

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
    await ctx.projector.idle();
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
