import {
  allocationDoc,
  applyDoc,
  emptyEngine,
  HybridClock,
  PRODUCT_MERGE_FIELDS,
  type Alert,
  type Allocation,
  type EngineDoc,
  type Order,
  type OrderEvent,
  type Product,
  type StockMovement,
} from '@stallkeeper/shared';
import {
  auditDoc,
  orderEventDoc,
  productDoc,
  saleOf,
  stampsFor,
  stockMovementDoc,
} from '@stallkeeper/shared/fixtures';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../app.ts';
import { createShopDatabase } from '../shops/shop-db.ts';
import { memoryStorage } from '../storage/backends.ts';
import { createLogger } from '../log.ts';
import { ShopResolver } from './resolver.ts';
import { saveDue } from './saved-state.ts';

let seq = 0;

/** A product stamped by the owner's device, with stock alerts at `threshold`. */
const product = (name: string, threshold: number | null = 0): Product =>
  productDoc({
    code: `C${++seq}`,
    name,
    price: 500,
    lowStockThreshold: threshold,
    stamps: stampsFor(PRODUCT_MERGE_FIELDS, new HybridClock('owner-dev').next()),
  });

const restock = (p: Product, qty: number): StockMovement =>
  stockMovementDoc({
    productId: p._id,
    qty,
    reason: 'restock',
    by: 'owner-1',
    deviceId: 'laptop-1',
  });

/** A sale on `device` (paid at once at the counter, on fulfilment otherwise). */
const sale = (p: Product, qty: number, device: string, channel: Order['channel'] = 'counter') =>
  saleOf(p, qty, {
    number: `K${device.slice(-1)}-${String(++seq).padStart(4, '0')}`,
    channel,
    by: `seller-${device}`,
    deviceId: device,
  });

const cancel = (o: Order): OrderEvent =>
  orderEventDoc('cancelled', { orderId: o._id, reason: '', by: 'owner-1', deviceId: 'laptop-1' });

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

async function setup() {
  const app = createApp({ storage: memoryStorage() });
  const shop = await app.services.shops.create('Test stall', 'owner-1');
  await createShopDatabase(app.services.storage, shop.id, shop.name);
  await app.services.resolvers?.start();
  const db = app.services.storage.shop(shop.id);
  const resolver = app.services.resolvers?.get(shop.id);
  if (!resolver) throw new Error('resolver did not start');
  cleanup = async () => {
    await app.services.resolvers?.stop();
    await app.services.storage.close();
  };
  /** write in arrival order, one at a time, and wait for the resolver */
  const arrive = async (...docs: object[]) => {
    for (const d of docs) await db.put(d);
    await new Promise((r) => setTimeout(r, 30));
    await resolver.idle();
  };
  const allocations = async () =>
    (
      await db.allDocs({ startkey: 'allocation:', endkey: 'allocation:\ufff0', include_docs: true })
    ).rows.map((r) => r.doc as unknown as Allocation);
  const alerts = async () =>
    (await db.allDocs({ startkey: 'alert:', endkey: 'alert:\ufff0', include_docs: true })).rows.map(
      (r) => r.doc as unknown as Alert,
    );
  return { app, shopId: shop.id, db, resolver, arrive, allocations, alerts };
}

describe('the stock resolver', () => {
  it('two phones sell the last crate: both accepted, the second oversold, one alert naming both', async () => {
    const { arrive, allocations, alerts } = await setup();
    const crate = product('Crate of tomatoes');
    const a = sale(crate, 1, 'phone-A');
    const b = sale(crate, 1, 'phone-B');
    await arrive(crate, restock(crate, 1), a, b);

    const allocs = await allocations();
    expect(allocs.find((x) => x.orderId === a._id)).toMatchObject({ status: 'confirmed' });
    expect(allocs.find((x) => x.orderId === b._id)).toMatchObject({
      status: 'oversold',
      lines: [{ allocated: 1, oversold: 1 }],
    });
    const oversells = (await alerts()).filter((x) => x.kind === 'oversell');
    expect(oversells).toHaveLength(1);
    expect(oversells[0]?.orderIds.sort()).toEqual([a._id, b._id].sort());
    expect(oversells[0]?.deviceIds.sort()).toEqual(['phone-A', 'phone-B']);
    expect(oversells[0]?.sellerIds.sort()).toEqual(['seller-phone-A', 'seller-phone-B']);
    expect(oversells[0]?.productIds).toEqual([crate._id]);
  });

  it('allocates deliveries first come first served, backorders the rest and fills it on restock', async () => {
    const { arrive, allocations } = await setup();
    const p = product('Apples');
    const first = sale(p, 2, 'phone-A', 'delivery');
    const second = sale(p, 2, 'phone-B', 'delivery');
    await arrive(p, restock(p, 3), first, second);
    let allocs = await allocations();
    expect(allocs.find((x) => x._id === `allocation:${first._id}`)).toMatchObject({
      status: 'confirmed',
    });
    expect(allocs.find((x) => x._id === `allocation:${second._id}`)).toMatchObject({
      status: 'backordered',
      lines: [{ allocated: 1, backordered: 1 }],
    });

    await arrive(restock(p, 1));
    allocs = await allocations();
    expect(allocs.find((x) => x._id === `allocation:${second._id}:1`)).toMatchObject({
      status: 'confirmed',
      lines: [{ allocated: 2, backordered: 0 }],
    });
    // The first decision is never rewritten.
    expect(allocs.find((x) => x._id === `allocation:${second._id}`)?._rev).toMatch(/^1-/);
  });

  it('a cancellation releases its allocation and the freed stock fills the next backorder', async () => {
    const { arrive, allocations } = await setup();
    const p = product('Pears');
    const first = sale(p, 2, 'phone-A', 'pickup');
    const second = sale(p, 1, 'phone-B', 'pickup');
    await arrive(p, restock(p, 2), first, second);
    await arrive(cancel(first));
    const allocs = await allocations();
    expect(allocs.find((x) => x._id === `allocation:${first._id}:1`)).toMatchObject({
      status: 'released',
    });
    expect(allocs.find((x) => x._id === `allocation:${second._id}:1`)).toMatchObject({
      status: 'confirmed',
    });
  });

  it('raises one low-stock alert per crossing and clears it on restock', async () => {
    const { arrive, alerts } = await setup();
    const p = product('Plums', 2);
    await arrive(
      p,
      restock(p, 4),
      sale(p, 1, 'phone-A'),
      sale(p, 1, 'phone-A'),
      sale(p, 1, 'phone-A'),
    );
    let low = (await alerts()).filter((x) => x.kind === 'low_stock');
    expect(low).toHaveLength(1);
    expect(low[0]?.resolution).toBe('');
    await arrive(restock(p, 10));
    low = (await alerts()).filter((x) => x.kind === 'low_stock');
    expect(low).toHaveLength(1);
    expect(low[0]?.resolution).toMatch(/restocked/);
    await arrive(sale(p, 11, 'phone-B'));
    expect((await alerts()).filter((x) => x.kind === 'low_stock')).toHaveLength(2);
  });

  it('is deterministic: a restart writes nothing new and a replay from scratch makes the same decisions', async () => {
    const { app, shopId, db, arrive, allocations } = await setup();
    const p = product('Onions');
    const q = product('Leeks');
    const docs: EngineDoc[] = [p, q, restock(p, 3), restock(q, 1)];
    for (let i = 0; i < 12; i++) {
      docs.push(
        sale(i % 2 ? p : q, 1 + (i % 2), `phone-${i % 3}`, i % 3 === 0 ? 'delivery' : 'counter'),
      );
    }
    docs.push(restock(p, 5));
    await arrive(...docs);
    const before = await allocations();

    // Restart: stop and start the resolvers again from the persisted checkpoint.
    await app.services.resolvers?.stop();
    const again = createApp({ storage: app.services.storage });
    await again.services.resolvers?.start();
    await again.services.resolvers?.get(shopId)?.idle();
    const after = await allocations();
    expect(after.map((a) => `${a._id}@${a._rev}`)).toEqual(before.map((a) => `${a._id}@${a._rev}`));
    await again.services.resolvers?.stop();

    // Replay from scratch, in arrival order, into a fresh engine: the same decisions.
    const feed = await db.changes({ include_docs: true });
    const engine = emptyEngine();
    const replayed = feed.results
      .map((r) => r.doc as unknown as EngineDoc)
      .filter((d) => ['product', 'order', 'orderevent', 'stock', 'settings'].includes(d.type))
      .flatMap((d) => applyDoc(engine, d).decisions.map(allocationDoc));
    const strip = (a: Allocation) => ({ ...a, _rev: undefined });
    expect(replayed.map(strip).sort((x, y) => x._id.localeCompare(y._id))).toEqual(
      after.map(strip).sort((x, y) => x._id.localeCompare(y._id)),
    );
  });

  it('merges conflicting offline edits field by field within seconds and audits what was overwritten', async () => {
    const { db, arrive, resolver } = await setup();
    const p = product('Garlic');
    await arrive(p);
    const stored = await db.get<Product>(p._id);
    const gen = Number(stored._rev.split('-')[0]);
    const laterA = new HybridClock('phone-A', () => Date.now() + 1000).next();
    const laterB = new HybridClock('phone-B', () => Date.now() + 2000).next();
    // Device A renames; device B reprices: both offline, both from the same parent.
    const revA = {
      ...stored,
      name: 'Garlic (local)',
      stamps: { ...stored.stamps, name: laterA },
      _rev: `${gen + 1}-aaaa`,
      _revisions: { start: gen + 1, ids: ['aaaa', stored._rev.split('-')[1]] },
    };
    const revB = {
      ...stored,
      price: 650,
      stamps: { ...stored.stamps, price: laterB },
      _rev: `${gen + 1}-bbbb`,
      _revisions: { start: gen + 1, ids: ['bbbb', stored._rev.split('-')[1]] },
    };
    await db.bulkDocs([revA, revB] as PouchDB.Core.PutDocument<object>[], { new_edits: false });
    await new Promise((r) => setTimeout(r, 50));
    await resolver.idle();
    await new Promise((r) => setTimeout(r, 50));
    await resolver.idle();

    const merged = await db.get<Product>(p._id, { conflicts: true });
    expect(merged._conflicts ?? []).toEqual([]);
    expect(merged.name).toBe('Garlic (local)');
    expect(merged.price).toBe(650);
    const audits = await db.allDocs({
      startkey: 'audit:',
      endkey: 'audit:\ufff0',
      include_docs: true,
    });
    const entry = audits.rows
      .map(
        (r) =>
          r.doc as unknown as { action: string; target: string; before: Record<string, unknown> },
      )
      .find((a) => a.action === 'conflict.resolve');
    expect(entry?.target).toBe(p._id);
    expect(Object.keys(entry?.before ?? {}).sort()).toEqual(['name', 'price']);
  });

  it('seals audit entries into a hash chain that detects tampering', async () => {
    const { db, arrive, resolver } = await setup();
    const entries = Array.from({ length: 5 }, (_, i) =>
      auditDoc({
        summary: `entry ${i}`,
        userName: 'Owner',
        after: { i },
        by: 'owner-1',
        deviceId: 'laptop-1',
      }),
    );
    await arrive(...entries);
    expect(await resolver.verifyAudit()).toMatchObject({ ok: true, entries: 5 });

    // Someone with disk access edits the third entry.
    const third = await db.get<Record<string, unknown>>(entries[2]!._id);
    await db.put({ ...third, summary: 'nothing to see here' });
    await resolver.idle();
    expect(await resolver.verifyAudit()).toMatchObject({
      ok: false,
      brokenAt: 3,
      auditId: entries[2]!._id,
    });
  });
});

describe('saving the resolver state', () => {
  it('is due every 2 s, but takes no more than 2 % of the time if saving is slow', () => {
    expect(saveDue(1_999, 0, 5)).toBe(false);
    expect(saveDue(2_000, 0, 5)).toBe(true);
    // a save that took 1 s waits 50 s for the next
    expect(saveDue(49_999, 0, 1_000)).toBe(false);
    expect(saveDue(50_000, 0, 1_000)).toBe(true);
  });
});

describe('the saved resolver state', () => {
  it('is saved as soon as the resolver has caught up, also within 2 s of the last save', async () => {
    const { db, arrive } = await setup();
    const head = async () =>
      (JSON.parse((await db.readStateParts('resolver/head'))[0]?.[1] ?? '{}') as { seq?: number })
        .seq;
    const p = product('Medlars');
    await arrive(p, restock(p, 9));
    expect(await head()).toBe((await db.info()).update_seq);
    // the next sale, well within 2 s: its decision is saved too, not left for a later one
    await arrive(sale(p, 2, 'phone-A'));
    expect(await head()).toBe((await db.info()).update_seq);
    expect((await db.readStateParts(`resolver/ledger\u0000${p._id}`))[0]?.[1]).toBe('7');
  });

  it('a restart resumes from the parts saved, and an older whole snapshot is converted once', async () => {
    const { app, shopId, db, arrive } = await setup();
    const p = product('Leeks');
    await arrive(p, restock(p, 9), sale(p, 2, 'phone-A'));
    await app.services.resolvers?.stop();
    const parts = new Map(await db.readStateParts('resolver/'));
    const head = JSON.parse(parts.get('resolver/head') ?? '{}') as { seq: number };
    expect(head.seq).toBe((await db.info()).update_seq);
    expect(parts.get(`resolver/ledger\u0000${p._id}`)).toBe('7');

    // as an older server left it: one snapshot, no parts
    const snapshot = { seq: head.seq, engine: { ...emptyEngine(), ledger: { [p._id]: 5 } } };
    await db.writeStateParts([], [...parts.keys()]);
    await db.writeState(
      'resolver',
      JSON.stringify({
        ...snapshot,
        chain: JSON.parse(parts.get('resolver/head') ?? '{}').chain,
        version: 1,
      }),
    );
    const system = app.services.storage.system();
    const again = new ShopResolver(shopId, db, system, createLogger('silent'));
    await again.start();
    // resumed where the snapshot stood: nothing replayed (a replay would give 7)
    expect((await again.onHand()).get(p._id)).toBe(5);
    expect(await again.stop()).toBe(true);
    expect(await db.readState('resolver')).toBeUndefined();
    expect((await db.readStateParts('resolver/ledger')).length).toBe(1);
    const third = new ShopResolver(shopId, db, system, createLogger('silent'));
    await third.start();
    expect((await third.onHand()).get(p._id)).toBe(5);
    await third.stop();
  });
});

describe('a quiet resolver', () => {
  it('lets its engine leave memory, saved, and reads it back for the next sale', async () => {
    const { db, resolver, arrive, allocations } = await setup();
    const p = product('Quinces');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      for (const d of [p, restock(p, 6), sale(p, 2, 'phone-A')]) await db.put(d);
      await resolver.idle();
      expect(resolver.engineLoaded).toBe(true);
      vi.advanceTimersByTime(29_000);
      await resolver.idle();
      expect(resolver.engineLoaded).toBe(true);
      vi.advanceTimersByTime(1_000);
    } finally {
      vi.useRealTimers();
    }
    await resolver.idle();
    expect(resolver.engineLoaded).toBe(false);
    const head = JSON.parse((await db.readStateParts('resolver/head'))[0]?.[1] ?? '{}') as {
      seq: number;
    };
    expect(head.seq).toBe((await db.info()).update_seq);

    const late = sale(p, 5, 'phone-B');
    await arrive(late);
    expect(resolver.engineLoaded).toBe(true);
    expect((await allocations()).find((a) => a.orderId === late._id)).toMatchObject({
      status: 'oversold',
      lines: [{ oversold: 1 }],
    });
    expect((await resolver.onHand()).get(p._id)).toBe(-1);
  });

  it('does not read its engine back for what it need not decide (an audit entry, its own decisions)', async () => {
    const { db, resolver, arrive } = await setup();
    const p = product('Medlars');
    await arrive(p, restock(p, 3), sale(p, 1, 'phone-A'));
    expect(resolver.restNow()).toBe(true);
    await resolver.idle();
    expect(resolver.engineLoaded).toBe(false);
    await arrive(auditDoc());
    expect(resolver.engineLoaded).toBe(false);
    expect((await db.info()).update_seq).toBeGreaterThan(0);
  });
});

describe('many shops deciding at once', () => {
  it('keep their engines within the budget: the least recently used rests, saved, and decides correctly once read back', async () => {
    // a budget smaller than any engine: each shop's decision rests the other's engine
    const app = createApp({ storage: memoryStorage(), shops: { memoryMb: 1e-6 } });
    cleanup = async () => {
      await app.services.resolvers?.stop();
      await app.services.storage.close();
    };
    await app.services.resolvers?.start();
    const shops = [];
    for (const name of ['North stall', 'South stall']) {
      const shop = await app.services.shops.create(name, 'owner-1');
      await createShopDatabase(app.services.storage, shop.id, shop.name);
      const resolver = await app.services.resolvers?.ensure(shop.id);
      if (!resolver) throw new Error('resolver did not start');
      const db = app.services.storage.shop(shop.id);
      shops.push({ db, resolver, p: product(`${name} pears`) });
    }
    const [north, south] = shops as [(typeof shops)[0], (typeof shops)[0]];
    const sell = async (s: typeof north, ...docs: object[]) => {
      for (const d of docs) await s.db.put(d);
      await new Promise((r) => setTimeout(r, 30));
      await s.resolver.idle();
    };
    await sell(north, north.p, restock(north.p, 5), sale(north.p, 2, 'phone-N'));
    expect(north.resolver.engineLoaded).toBe(true);
    await sell(south, south.p, restock(south.p, 4), sale(south.p, 1, 'phone-S'));
    await north.resolver.idle();
    expect(south.resolver.engineLoaded).toBe(true);
    expect(north.resolver.engineLoaded).toBe(false);
    // north's engine comes back from its saved parts for its next sale, and rests south's
    const late = sale(north.p, 4, 'phone-N');
    await sell(north, late);
    await south.resolver.idle();
    expect(north.resolver.engineLoaded).toBe(true);
    expect(south.resolver.engineLoaded).toBe(false);
    const decided = await north.db.allDocs({
      startkey: 'allocation:',
      endkey: 'allocation:\ufff0',
      include_docs: true,
    });
    const decision = decided.rows
      .map((r) => r.doc as unknown as Allocation)
      .find((a) => a.orderId === late._id);
    expect(decision).toMatchObject({ status: 'oversold', lines: [{ oversold: 1 }] });
    expect((await north.resolver.onHand()).get(north.p._id)).toBe(-1);
    expect((await south.resolver.onHand()).get(south.p._id)).toBe(3);
  });
});
