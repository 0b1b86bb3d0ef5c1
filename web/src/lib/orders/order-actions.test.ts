import { DEFAULT_SETTINGS } from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import { createCustomer, EMPTY_CUSTOMER } from '../db/customers.ts';
import { liveOrder } from '../db/orders.ts';
import { addProduct, cashSale, firstValue, openTestShop, settle } from '../db/testing.ts';
import { OrderActions } from './order-actions.svelte.ts';

describe('order actions', () => {
  it('records events on the device and issues the invoice with the customer address', async () => {
    const ctx = await openTestShop();
    const p = await addProduct(ctx);
    const order = await cashSale(ctx, p, 2);
    await settle(ctx);
    const actions = new OrderActions(() => ctx);
    const read = async () => {
      await settle(ctx);
      const d = await firstValue(liveOrder(ctx, order._id));
      if (!d) throw new Error('order missing');
      return d;
    };

    const d = await read();
    expect(
      await actions.save(d, {
        kind: 'returned',
        items: [{ productId: p._id, qty: 1 }],
        refund: 100,
        refundMethod: 'cash',
      }),
    ).toBe(true);
    actions.note = 'bruised plum';
    expect(await actions.addNote(await read())).toBe(true);
    expect(actions.note).toBe('');
    const after = await read();
    expect(after.state.refunded).toBe(100);
    expect(after.events.map((e) => e.kind)).toEqual(['returned', 'note']);

    const ana = await createCustomer(ctx, {
      ...EMPTY_CUSTOMER,
      name: 'Ana',
      address: 'Harbour Rd 5',
    });
    await settle(ctx); // the invoice reads the customer's address from the read models
    const invoice = await actions.invoice(
      { ...after, state: { ...after.state, customerId: ana._id, customerName: 'Ana' } },
      { ...DEFAULT_SETTINGS, shopName: 'Rosa' },
    );
    expect(invoice).toMatchObject({
      orderId: order._id,
      customerAddress: 'Harbour Rd 5',
      total: 200,
    });
    await ctx.close();
  });

  it('says what went wrong instead of throwing', async () => {
    const ctx = await openTestShop();
    const p = await addProduct(ctx);
    const order = await cashSale(ctx, p);
    await settle(ctx);
    const d = await firstValue(liveOrder(ctx, order._id));
    const actions = new OrderActions(() => ctx);
    // an amendment of no lines is refused by the schema
    const ok = await actions.save(d!, {
      kind: 'amended',
      lines: [],
      subtotal: 0,
      tax: 0,
      total: 0,
      customerId: null,
      customerName: '',
      address: '',
    });
    expect(ok).toBe(false);
    expect(actions.error).toBeTruthy();
    expect(actions.busy).toBe(false);
    await ctx.close();
  });
});
