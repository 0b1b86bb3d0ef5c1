import { alertDoc, orderDoc, productDoc } from '@stallkeeper/shared/fixtures';
import { describe, expect, it } from 'vitest';
import { liveAlerts, type AlertView } from './alerts.ts';
import { productById } from './products.ts';
import type { ShopContext } from './shop.ts';
import { openTestShop } from './testing.ts';

const actor = { userId: 'user-av-1', userName: 'Rosa', deviceId: 'dev-av-1' };

const openShop = () => openTestShop(actor);

function first(ctx: ShopContext): Promise<AlertView[]> {
  return new Promise((resolve, reject) => {
    const sub = liveAlerts(ctx, 'open').subscribe({
      next: (v) => {
        sub.unsubscribe();
        resolve(v);
      },
      error: reject,
    });
  });
}

describe('alerts as the screen shows them', () => {
  it('names orders by number and sellers by name, never by id', async () => {
    const ctx = await openShop();
    const held = orderDoc({ number: 'K3-0007', by: actor.userId, deviceId: actor.deviceId });
    const elsewhere = orderDoc({ number: 'P2-0001', by: 'user-zed', deviceId: 'dev-zed' });
    const alert = alertDoc({
      kind: 'oversell',
      orderIds: [held._id, elsewhere._id],
      sellerIds: [actor.userId, 'user-zed'],
      deviceIds: [actor.deviceId, 'dev-zed'],
    });
    // The other seller's order has not reached this device yet.
    await ctx.projector.project([held, alert]);
    const [view] = await first(ctx);
    expect(view?.orders).toEqual([{ id: held._id, number: 'K3-0007' }]);
    expect(view?.sellers).toEqual(['Rosa', 'Another seller']);
    await ctx.close();
  });

  it('looks a product up by id for the count form (its unit reads the count)', async () => {
    const ctx = await openShop();
    const p = productDoc({ unit: 'kg', active: false });
    await ctx.projector.project([p]);
    expect(await productById(ctx, p._id)).toMatchObject({ name: p.name, unit: 'kg', active: 0 });
    expect(await productById(ctx, 'product:01JD0000000000000000000000')).toBeUndefined();
    await ctx.close();
  });
});
