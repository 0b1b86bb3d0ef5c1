import type { Product } from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import { createCustomer, EMPTY_CUSTOMER } from '../db/customers.ts';
import { liveDeliveries } from '../db/deliveries.ts';
import { checkout, liveOrder } from '../db/orders.ts';
import type { ShopContext } from '../db/shop.ts';
import { addProduct, firstValue, openTestShop, settle } from '../db/testing.ts';
import { DeliveryDialogs } from './delivery-dialogs.svelte.ts';
import { deliveryActions } from './steps.ts';

async function deliveryOrder(ctx: ShopContext, p: Product) {
  const c = await createCustomer(ctx, {
    ...EMPTY_CUSTOMER,
    name: 'Ana',
    phone: '+49 30 1234',
    address: '5 Garden Lane',
  });
  return checkout(ctx, {
    lines: [
      { productId: p._id, code: p.code, name: p.name, unit: p.unit, unitPrice: p.price, qty: 3 },
    ],
    settings: { taxRate: 0, taxInclusive: true, currency: 'EUR' },
    channel: 'delivery',
    method: 'cash',
    tendered: null,
    payNow: false,
    customer: { id: c._id, name: c.name },
    note: '',
  });
}

async function detailOf(ctx: ShopContext, id: string) {
  await settle(ctx);
  const d = await firstValue(liveOrder(ctx, id));
  if (!d) throw new Error('no order');
  return d;
}

describe('a delivery from plan to doorstep, on the device', () => {
  it('schedules, dispatches and delivers, recording the cash as a payment', async () => {
    const ctx = await openTestShop();
    const o = await deliveryOrder(ctx, await addProduct(ctx));
    const flow = new DeliveryDialogs(() => ctx);

    let d = await detailOf(ctx, o._id);
    expect(deliveryActions(d)).toEqual(['delivery_scheduled', 'dispatched']);
    await flow.start('delivery_scheduled', d);
    // the customer's address and phone are the first guess
    expect(flow.schedule.address).toBe('5 Garden Lane');
    expect(flow.schedule.phone).toBe('+49 30 1234');
    flow.schedule = { ...flow.schedule, date: '2026-12-03', from: '10:00', to: '12:00' };
    await flow.saveSchedule(d);
    expect(flow.error).toBeNull();
    expect(flow.open).toBeNull();

    d = await detailOf(ctx, o._id);
    expect(d.state.status).toBe('scheduled');
    expect(d.state.delivery).toEqual({
      scheduledFor: new Date(2026, 11, 3, 10).toISOString(),
      windowEnd: new Date(2026, 11, 3, 12).toISOString(),
      address: '5 Garden Lane',
      phone: '+49 30 1234',
    });
    expect((await firstValue(liveDeliveries(ctx))).map((r) => r.row.id)).toEqual([o._id]);

    // a reschedule starts from the plan it changes
    await flow.start('delivery_scheduled', d);
    expect([flow.schedule.date, flow.schedule.from, flow.schedule.to]).toEqual([
      '2026-12-03',
      '10:00',
      '12:00',
    ]);
    flow.open = null;

    await flow.dispatch(d);
    d = await detailOf(ctx, o._id);
    expect(d.state.status).toBe('dispatched');
    expect(deliveryActions(d)).toEqual(['delivered', 'delivery_failed']);

    await flow.start('delivered', d);
    expect(flow.cash).toBe('3.00');
    flow.receivedBy = 'Ana’s neighbour';
    await flow.deliver(d);
    d = await detailOf(ctx, o._id);
    expect(d.state.status).toBe('delivered');
    expect(d.state.paymentStatus).toBe('paid');
    expect(d.state.balance).toBe(0);
    expect(d.events.map((e) => e.kind)).toEqual([
      'delivery_scheduled',
      'dispatched',
      'delivered',
      'payment',
    ]);
    expect(d.events.find((e) => e.kind === 'delivered')).toMatchObject({
      receivedBy: 'Ana’s neighbour',
    });
    expect(d.events.find((e) => e.kind === 'payment')).toMatchObject({
      amount: 300,
      method: 'cash',
    });
    expect(deliveryActions(d)).toEqual([]);
    expect(await firstValue(liveDeliveries(ctx))).toEqual([]);
  });

  it('records a delivery with no cash collected as delivered and still owed', async () => {
    const ctx = await openTestShop();
    const o = await deliveryOrder(ctx, await addProduct(ctx));
    const flow = new DeliveryDialogs(() => ctx);
    await flow.dispatch(await detailOf(ctx, o._id));
    const d = await detailOf(ctx, o._id);
    await flow.start('delivered', d);
    flow.cash = '0';
    await flow.deliver(d);
    const after = await detailOf(ctx, o._id);
    expect([after.state.status, after.state.paymentStatus]).toEqual(['delivered', 'unpaid']);
    expect(after.events.map((e) => e.kind)).toEqual(['dispatched', 'delivered']);
  });

  it('asks for a reason when a delivery fails, then offers to try again', async () => {
    const ctx = await openTestShop();
    const o = await deliveryOrder(ctx, await addProduct(ctx));
    const flow = new DeliveryDialogs(() => ctx);
    await flow.dispatch(await detailOf(ctx, o._id));
    let d = await detailOf(ctx, o._id);
    await flow.start('delivery_failed', d);
    await flow.fail(d);
    expect(flow.error).toMatch(/what went wrong/);
    expect(flow.open).toBe('delivery_failed');
    flow.reason = 'Nobody home';
    await flow.fail(d);
    d = await detailOf(ctx, o._id);
    expect(d.state.status).toBe('failed');
    expect(deliveryActions(d)).toEqual(['delivery_scheduled', 'dispatched']);
  });

  it('refuses a window that ends before it starts, and more cash than is owed', async () => {
    const ctx = await openTestShop();
    const o = await deliveryOrder(ctx, await addProduct(ctx));
    const flow = new DeliveryDialogs(() => ctx);
    const d = await detailOf(ctx, o._id);
    await flow.start('delivery_scheduled', d);
    flow.schedule = { ...flow.schedule, date: '2026-12-03', from: '12:00', to: '10:00' };
    await flow.saveSchedule(d);
    expect(flow.error).toMatch(/end after it starts/);
    flow.cash = '3.01';
    await flow.deliver(d);
    expect(flow.error).toMatch(/more than is owed/);
    expect((await detailOf(ctx, o._id)).events).toEqual([]);
  });
});

describe('a step another device overtook', () => {
  it('is refused with what the order is now, and writes nothing', async () => {
    const ctx = await openTestShop();
    const o = await deliveryOrder(ctx, await addProduct(ctx));
    const flow = new DeliveryDialogs(() => ctx);
    const before = await detailOf(ctx, o._id);
    await flow.dispatch(before);
    await flow.start('delivered', await detailOf(ctx, o._id));
    flow.cash = '0';
    await flow.deliver(await detailOf(ctx, o._id));
    // this dialog was opened on the order as it was before it left
    await flow.dispatch(await detailOf(ctx, o._id));
    expect(flow.error).toBe('This order is now “delivered”: that step no longer applies.');
    expect((await detailOf(ctx, o._id)).events.map((e) => e.kind)).toEqual([
      'dispatched',
      'delivered',
    ]);
  });
});
