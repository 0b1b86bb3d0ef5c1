import Dexie from 'dexie';
import { orderDoc, orderEventDoc, orderLine } from '@stallkeeper/shared/fixtures';
import { describe, expect, it } from 'vitest';
import { PROJECTOR_KEYS } from './local.ts';
import {
  liveAttentionCount,
  liveNewOnlineOrders,
  liveOnlineHolds,
  liveOrderCustomer,
} from './online-orders.ts';
import { addOrderEvent } from './orders.ts';
import { ShopContext } from './shop.ts';
import { addProduct, firstValue, openTestShop, settle, TEST_ACTOR } from './testing.ts';

/** An order the server took from the shop page, as it reaches a device by sync. */
function webOrder(productId: string, qty: number, number = 'WEB-0001') {
  return orderDoc({
    number,
    channel: 'pickup',
    source: 'online',
    by: 'storefront',
    deviceId: 'storefront',
    customerName: 'Ann',
    lines: [orderLine({ productId, qty })],
  });
}

describe('online orders on a device', () => {
  it('counts new orders and open requests, and lists what open online orders hold', async () => {
    const ctx = await openTestShop();
    const plums = await addProduct(ctx, { online: true, onlineAllowance: 5 });
    const first = webOrder(plums._id, 2);
    const second = webOrder(plums._id, 1, 'WEB-0002');
    await ctx.pouch.bulkDocs([first, second]);
    await settle(ctx);
    expect(await firstValue(liveAttentionCount(ctx))).toBe(2);
    expect((await firstValue(liveNewOnlineOrders(ctx))).map((o) => o.number)).toEqual(
      expect.arrayContaining(['WEB-0001', 'WEB-0002']),
    );
    expect(
      (await firstValue(liveOnlineHolds(ctx)))
        .flatMap((h) => h.lines)
        .reduce((n, l) => n + l.qty, 0),
    ).toBe(3);

    // accepted on this device: no longer new, still holding its lines
    await addOrderEvent(ctx, first, { kind: 'accepted' });
    await settle(ctx);
    expect(await firstValue(liveAttentionCount(ctx))).toBe(1);
    expect((await firstValue(liveNewOnlineOrders(ctx))).map((o) => o.number)).toEqual(['WEB-0002']);

    // the customer asks to cancel the accepted one (the server writes the request)
    const ask = orderEventDoc('customer_request', {
      orderId: first._id,
      request: 'cancel',
      reason: 'Plans changed',
      by: 'storefront',
      deviceId: 'storefront',
    });
    await ctx.pouch.put(ask);
    await settle(ctx);
    expect(await firstValue(liveAttentionCount(ctx))).toBe(2);
    await addOrderEvent(ctx, first, {
      kind: 'request_declined',
      requestId: ask._id,
      reason: 'Already packed',
    });
    await addOrderEvent(ctx, second, { kind: 'cancelled', reason: 'no answer' });
    await settle(ctx);
    expect(await firstValue(liveAttentionCount(ctx))).toBe(0);
    expect((await firstValue(liveOnlineHolds(ctx))).map((h) => h.id)).toEqual([first._id]);
    expect(await firstValue(liveOrderCustomer(ctx, null))).toBeNull();
    await ctx.close();
  });

  it('flags online orders a device held before its rows had flags (version 9)', async () => {
    const ctx = await openTestShop();
    const plums = await addProduct(ctx, { online: true, onlineAllowance: 3 });
    const order = webOrder(plums._id, 2);
    await ctx.pouch.put(order);
    await settle(ctx);
    const [row, product] = await Promise.all([
      ctx.local.orders.get(order._id),
      ctx.local.products.get(plums._id),
    ]);
    if (!row || !product) throw new Error('no rows');
    // the rows as the previous release wrote them: no flags, no shop-page fields
    const { flags: _, ...oldRow } = row;
    const { online: _o, onlineAllowance: _a, ...oldProduct } = product;
    const id = `v9${Date.now().toString(36)}`;
    const old = new Dexie(`stallkeeper_local_${id}`);
    old.version(8).stores({
      products: 'id, codeLower, nameLower, active, updatedAt, category',
      orders: 'id, createdAt, customerId, *saleKeys, deliveryAt, balance',
      events: 'id, orderId, at',
      meta: 'key',
    });
    await old.table('orders').put({ ...oldRow, createdAt: new Date().toISOString() });
    await old.table('products').put(oldProduct);
    await old.table('meta').bulkPut([
      { key: PROJECTOR_KEYS.backfill, value: ['mail:'] },
      { key: PROJECTOR_KEYS.seq, value: (await ctx.pouch.info()).update_seq },
    ]);
    old.close();

    // the same replica, opened by this release: the upgrade names what to read again
    const upgraded = await ShopContext.open(id, TEST_ACTOR, ctx.pouch);
    await settle(upgraded);
    expect(await upgraded.local.orders.where('flags').equals('new').primaryKeys()).toEqual([
      order._id,
    ]);
    expect(await upgraded.local.products.get(plums._id)).toMatchObject({
      online: 1,
      onlineAllowance: 3,
    });
    expect(await upgraded.local.meta.get(PROJECTOR_KEYS.backfill)).toBeUndefined();
    await upgraded.close();
  });
});
