import { DEFAULT_SETTINGS, ulid, type Order, type SettingsFields } from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import { Cart } from './cart.svelte.ts';
import { CheckoutForm } from './checkout.svelte.ts';
import { openTestShop } from '../db/testing.ts';

const actor = { userId: 'user-co-1', userName: 'Sam', deviceId: 'dev-co-1' };
const tomatoes = {
  productId: `product:${ulid()}`,
  code: 'TOM-1',
  name: 'Tomatoes',
  unit: 'piece',
  unitPrice: 250,
} as const;
const ana = { id: `customer:${ulid()}`, name: 'Ana Pereira' };

const openShop = () => openTestShop(actor);

/** A form over a cart of `qty` tomatoes, with the shop's settings. */
function form(qty = 1, settings: Partial<SettingsFields> = {}) {
  const cart = new Cart();
  if (qty) cart.add(tomatoes, qty);
  return { cart, form: new CheckoutForm(cart, () => ({ ...DEFAULT_SETTINGS, ...settings })) };
}

describe('the checkout form', () => {
  it('totals the cart with the shop tax, added on top or included', () => {
    expect(form(2).form.total).toBe(500);
    expect(form(2, { taxRate: 1000, taxInclusive: false }).form.total).toBe(550);
    expect(form(2, { taxRate: 1000, taxInclusive: true }).form.total).toBe(500);
  });

  it('works out the change from the cash given, and offers round amounts', () => {
    const { form: f } = form(1);
    expect(f.change).toBeNull();
    f.tendered = '10';
    expect(f.tenderedMinor).toBe(1000);
    expect(f.change).toBe(750);
    f.tendered = '2.50';
    expect(f.change).toBe(0);
    expect(f.quickCash).toEqual([250, 500, 1000, 2000]);
    // Card: no change to give.
    f.method = 'card';
    expect(f.change).toBeNull();
  });

  it('pays now at the counter, and later for a delivery unless paid now; never on account', () => {
    const { form: f } = form(1);
    expect(f.paysNow).toBe(true);
    f.channel = 'delivery';
    expect(f.paysNow).toBe(true);
    f.payNow = false;
    expect(f.paysNow).toBe(false);
    f.channel = 'counter';
    f.method = 'account';
    expect(f.paysNow).toBe(false);
  });

  it('says what stops the sale, in words', () => {
    expect(form(0).form.problem).toBe('The cart is empty.');
    const { cart, form: f } = form(1);
    f.method = 'account';
    expect(f.problem).toBe('Pick a customer to sell on account.');
    f.method = 'cash';
    f.channel = 'delivery';
    expect(f.problem).toBe('Pick a customer to deliver to.');
    cart.setCustomer(ana);
    expect(f.problem).toBeNull();
    f.channel = 'counter';
    f.tendered = 'ten';
    expect(f.problem).toBe('Enter the cash given, like 20 or 20.00.');
    f.tendered = '2';
    expect(f.problem).toBe('Not enough cash for the total.');
    f.tendered = '';
    expect(f.problem).toBeNull();
  });

  it('saves a cash sale with its change, then empties the cart and resets', async () => {
    const ctx = await openShop();
    const { cart, form: f } = form(2);
    f.tendered = '10';
    const order = await f.submit(ctx);
    expect(order?.payment).toEqual({ method: 'cash', paid: 500, tendered: 1000, change: 500 });
    expect(order?.by).toBe(actor.userId);
    expect(order?.deviceId).toBe(actor.deviceId);
    expect(await ctx.get<Order>(order?._id ?? '')).toMatchObject({ total: 500 });
    expect(cart.lines).toEqual([]);
    expect([f.method, f.channel, f.tendered, f.payNow, f.error]).toEqual([
      'cash',
      'counter',
      '',
      true,
      null,
    ]);
    await ctx.close();
  });

  it('saves a delivery to pay on hand-over as not paid, to the customer', async () => {
    const ctx = await openShop();
    const { cart, form: f } = form(1);
    cart.setCustomer(ana);
    f.channel = 'delivery';
    f.payNow = false;
    const order = await f.submit(ctx);
    expect(order).toMatchObject({
      channel: 'delivery',
      customerId: ana.id,
      customerName: ana.name,
      payment: { method: 'cash', paid: 0, tendered: null, change: null },
    });
    await ctx.close();
  });

  it('refuses a sale it cannot make: says why, writes nothing, keeps the cart', async () => {
    const ctx = await openShop();
    const { cart, form: f } = form(1);
    f.tendered = '1';
    expect(await f.submit(ctx)).toBeNull();
    expect(f.error).toBe('Not enough cash for the total.');
    expect(f.busy).toBe(false);
    expect(cart.lines).toHaveLength(1);
    const orders = await ctx.pouch.allDocs({ startkey: 'order:', endkey: 'order:\ufff0' });
    expect(orders.rows).toHaveLength(0);
    await ctx.close();
  });
});
