import { ulid } from '@stallkeeper/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log.ts';
import { memoryStorage } from '../storage/backends.ts';
import type { Storage } from '../storage/storage.ts';
import { LeaseFence, LeaseLostError } from './lease-fence.ts';
import { acquire, leaseId, release, type Holder, type LeaseDoc } from './leases.ts';
import { ResolverManager } from './manager.ts';

const holder = (instance: string): Holder => ({ instance, host: 'test', pid: 1 });
const one = holder('one');
const two = holder('two');
const newShopId = () => ulid().toLowerCase();

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** The memory store standing in for a CouchDB: the managers take leases on it. */
function sharedCouch(): Storage {
  const storage = memoryStorage();
  cleanup.push(() => storage.close());
  return new Proxy(storage, {
    get(target, key) {
      if (key === 'kind') return 'couchdb';
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}

describe('resolver leases in the system database', () => {
  it('two replicas racing for a free lease: exactly one gets it', async () => {
    const system = memoryStorage().system();
    const shopId = newShopId();
    for (let round = 0; round < 5; round++) {
      const [a, b] = await Promise.all([
        acquire(system, one, [shopId], 30_000),
        acquire(system, two, [shopId], 30_000),
      ]);
      // the first round is a race; later rounds the holder renews and the other waits
      expect(Number(a.held.has(shopId)) + Number(b.held.has(shopId))).toBe(1);
    }
  });

  it('is not taken while it runs, is taken once expired, and is free at once when released', async () => {
    const system = memoryStorage().system();
    const shopId = newShopId();
    expect((await acquire(system, one, [shopId], 30_000)).held.has(shopId)).toBe(true);
    expect((await acquire(system, two, [shopId], 30_000)).held.has(shopId)).toBe(false);

    const lease = await system.get<LeaseDoc>(leaseId(shopId));
    await system.put({ ...lease, expiresAt: Date.now() - 1 }); // its holder died
    expect((await acquire(system, two, [shopId], 30_000)).held.has(shopId)).toBe(true);
    expect((await acquire(system, one, [shopId], 30_000)).held.has(shopId)).toBe(false);

    await release(system, one, shopId); // not its lease: nothing happens
    expect((await acquire(system, one, [shopId], 30_000)).held.has(shopId)).toBe(false);
    await release(system, two, shopId);
    expect((await acquire(system, one, [shopId], 30_000)).held.has(shopId)).toBe(true);
  });

  it('takes at most `limit` free leases at a time', async () => {
    const system = memoryStorage().system();
    const shops = Array.from({ length: 5 }, newShopId);
    expect((await acquire(system, one, shops, 30_000, 2)).held.size).toBe(2);
    expect((await acquire(system, two, shops, 30_000)).held.size).toBe(3);
  });
});

describe('the lease fence', () => {
  it('refuses every write once shut or past its term, with a rejected promise; reads go on', async () => {
    const storage = memoryStorage();
    cleanup.push(() => storage.close());
    const shopId = newShopId();
    const fence = new LeaseFence(shopId, Date.now() + 60_000);
    const db = fence.shop(storage.shop(shopId));
    await db.put({ _id: 'customer:1', type: 'customer' });
    fence.shut();
    const refused = db.bulkDocs([{ _id: 'customer:2' }]);
    await expect(refused).rejects.toBeInstanceOf(LeaseLostError);
    await expect(db.writeState('resolver', '{}')).rejects.toBeInstanceOf(LeaseLostError);
    await expect(fence.system(storage.system()).put({ _id: 'seal:x' })).rejects.toThrow(
      /no longer held/,
    );
    expect((await db.get('customer:1'))._id).toBe('customer:1');

    const lapsed = new LeaseFence(shopId, Date.now() - 1);
    await expect(lapsed.shop(storage.shop(shopId)).put({ _id: 'customer:3' })).rejects.toThrow();
    lapsed.extend(Date.now() + 60_000); // too late: a shut fence stays shut
    expect(lapsed.open).toBe(false);
  });
});

describe('ResolverManager over a shared CouchDB', () => {
  const manager = (storage: Storage) => {
    const m = new ResolverManager(storage, createLogger('silent'), {}, { leaseSeconds: 3 });
    cleanup.push(async () => void (await m.stop()));
    return m;
  };

  it('one replica resolves a shop; it drops the shop when it loses the lease, and another takes an expired one over', async () => {
    const storage = sharedCouch();
    const system = storage.system();
    const shopId = newShopId();
    await system.put({ _id: `shop:${shopId}`, type: 'shop', id: shopId, name: 'Stall' });
    const a = manager(storage);
    const b = manager(storage);
    await a.start();
    await b.start();
    expect(a.get(shopId)).toBeDefined();
    expect(b.get(shopId)).toBeUndefined();
    expect(await b.ensure(shopId)).toBeNull();

    // someone else holds it now (as after a takeover A did not see): A lets go
    const lease = await system.get<LeaseDoc>(leaseId(shopId));
    await system.put({ ...lease, holder: 'elsewhere', expiresAt: Date.now() + 60_000 });
    await a.tick();
    expect(a.get(shopId)).toBeUndefined();
    await b.tick();
    expect(b.get(shopId)).toBeUndefined();

    // that holder died: its lease runs out and B's next round takes the shop
    const taken = await system.get<LeaseDoc>(leaseId(shopId));
    await system.put({ ...taken, expiresAt: Date.now() - 1 });
    await b.tick();
    expect(b.get(shopId)).toBeDefined();
    await a.tick();
    expect(a.get(shopId)).toBeUndefined();

    // a graceful stop gives the lease back: A takes the shop at its next round
    await b.stop();
    await a.tick();
    expect(a.get(shopId)).toBeDefined();
  });

  it('on the embedded stores, start() opens no shop: only those asked for get a resolver', async () => {
    const storage = memoryStorage();
    cleanup.push(() => storage.close());
    const system = storage.system();
    const [asked, other] = [newShopId(), newShopId()];
    for (const id of [asked, other]) await system.put({ _id: `shop:${id}`, type: 'shop', id });
    const m = manager(storage);
    expect(await m.ensure(asked)).toBeNull(); // before start: remembered
    await m.start();
    expect(m.get(asked)).toBeDefined();
    expect(m.get(other)).toBeUndefined();
    const [x, y] = await Promise.all([m.ensure(other), m.ensure(other)]);
    expect(x).toBe(y); // one resolver, however often asked
    await m.forget(other);
    expect(m.get(other)).toBeUndefined();
  });
});
