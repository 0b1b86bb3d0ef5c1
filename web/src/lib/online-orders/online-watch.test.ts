import { orderDoc, orderLine } from '@stallkeeper/shared/fixtures';
import { describe, expect, it } from 'vitest';
import { addOrderEvent } from '../db/orders.ts';
import { openTestShop, settle, until } from '../db/testing.ts';
import { OnlineWatch } from './online-watch.svelte.ts';

const webOrder = (number: string) =>
  orderDoc({
    number,
    channel: 'pickup',
    source: 'online',
    by: 'storefront',
    deviceId: 'storefront',
    createdAt: new Date().toISOString(),
    lines: [orderLine()],
  });

describe('watching for online orders', () => {
  it('counts what waits, announces only what arrives while open, and forgets what was seen', async () => {
    const ctx = await openTestShop();
    const before = webOrder('WEB-0001');
    await ctx.pouch.put(before);
    await settle(ctx);
    const watch = new OnlineWatch();
    watch.follow(ctx);
    await until(() => watch.count === 1);
    // found on opening: counted, not announced
    expect(watch.notices).toEqual([]);

    const fresh = webOrder('WEB-0002');
    await ctx.pouch.put(fresh);
    await settle(ctx);
    await until(() => watch.notices.length === 1);
    expect(watch.count).toBe(2);
    expect(watch.notices[0]?.number).toBe('WEB-0002');

    // the list shows them all: a notice that arrives after stays
    watch.seen('/orders');
    expect(watch.notices).toEqual([]);
    const third = webOrder('WEB-0003');
    await ctx.pouch.put(third);
    await settle(ctx);
    await until(() => watch.notices.length === 1);
    watch.seen(`/orders/${third._id}`);
    expect(watch.notices).toEqual([]);

    // accepted anywhere: no longer counted
    await addOrderEvent(ctx, before, { kind: 'accepted' });
    await settle(ctx);
    await until(() => watch.count === 2);
    watch.stop();
    expect(watch.count).toBe(0);
    await ctx.close();
  });
});
