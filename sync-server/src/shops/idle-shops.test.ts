import { HybridClock, PRODUCT_MERGE_FIELDS, type Allocation } from '@stallkeeper/shared';
import { productDoc, saleOf, stampsFor, stockMovementDoc } from '@stallkeeper/shared/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { memoryStorage } from '../storage/backends.ts';
import { createShopDatabase } from './shop-db.ts';

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

const until = async (check: () => Promise<boolean>, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('idle shops leave memory with their resolver', () => {
  it('an idle shop unloads, its resolver saved; the next sale loads it and is allocated once', async () => {
    const storage = memoryStorage();
    const app = createApp({ storage, shops: { idleSeconds: 1 } });
    const resolvers = app.services.resolvers;
    if (!resolvers || !storage.sweep) throw new Error('needs resolvers and a pooled store');
    cleanup = async () => {
      await resolvers.stop();
      await storage.close();
    };
    const shop = await app.services.shops.create('Quiet stall', 'owner-1');
    await createShopDatabase(storage, shop.id, shop.name);
    await resolvers.start();
    await resolvers.ensure(shop.id);
    const db = storage.shop(shop.id);
    const jam = productDoc({
      code: 'JAM',
      name: 'Jam',
      price: 450,
      stamps: stampsFor(PRODUCT_MERGE_FIELDS, new HybridClock('owner-dev').next()),
    });
    const sell = (n: number) =>
      saleOf(jam, 1, { number: `K1-000${n}`, by: 'seller-1', deviceId: 'phone-1' });
    const first = sell(1);
    await db.bulkDocs([
      jam,
      stockMovementDoc({
        productId: jam._id,
        qty: 5,
        reason: 'restock',
        by: 'owner-1',
        deviceId: 'laptop-1',
      }),
      first,
    ]);
    const decided = (orderId: string) => async () =>
      Boolean(await db.get<Allocation>(`allocation:${orderId}`).catch(() => null));
    await until(decided(first._id));

    await new Promise((r) => setTimeout(r, 1_100));
    expect(await storage.sweep()).toEqual([shop.id]);
    expect(resolvers.get(shop.id)).toBeUndefined();

    // the next write loads the shop; its resolver starts from its saved state
    const second = sell(2);
    await db.bulkDocs([second]);
    await until(decided(second._id));
    const onHand = await resolvers.get(shop.id)?.onHand();
    expect(onHand?.get(jam._id)).toBe(3);
    const allocations = await db.allDocs({ startkey: 'allocation:', endkey: 'allocation:\ufff0' });
    expect(allocations.rows.map((r) => r.id).sort()).toEqual(
      [`allocation:${first._id}`, `allocation:${second._id}`].sort(),
    );
  });
});
