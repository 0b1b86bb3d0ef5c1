/**
 * The resolver's state belongs to the server: no member can overwrite it through
 * `_local/`, a legacy copy is not believed, and a failed final save is reported. What
 * it cannot decide (two versions of a sale, an unreadable document) becomes an
 * integrity alert instead of a silent skip.
 */
import {
  applyDoc,
  emptyEngine,
  type Alert,
  type Allocation,
  type DocKind,
  type Product,
  type StockMovement,
} from '@stallkeeper/shared';
import {
  auditDoc,
  orderDoc,
  saleOf,
  sampleDoc,
  stockMovementDoc,
  type Authoring,
} from '@stallkeeper/shared/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app.ts';
import { createLogger } from '../log.ts';
import { createShopDatabase } from '../shops/shop-db.ts';
import { memoryStorage } from '../storage/backends.ts';
import type { ShopDb } from '../storage/shop-db.ts';
import type { Storage } from '../storage/storage.ts';
import {
  bulkDocs,
  callApi,
  readJson as json,
  registerUser,
  type TestAccount as Account,
} from '../test-helpers.ts';
import { ResolverManager } from './manager.ts';
import { ShopResolver } from './resolver.ts';
import { AuditChain, GENESIS } from './audit-chain.ts';

type Doc = Record<string, unknown> & { _id: string };

const DEVICE_A = 'dev-AAAA';
const DEVICE_B = 'dev-BBBB';
const hash = (c: string) => c.repeat(32);
const sample = (kind: DocKind, authoring: Authoring = {}): Doc => sampleDoc(kind, authoring);

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f();
  cleanup = [];
});

function newApp(storage: Storage = memoryStorage()): App {
  const app = createApp({ storage });
  cleanup.push(async () => {
    await app.services.resolvers?.stop();
    await storage.close();
  });
  return app;
}

/** A shop made without HTTP (the resolvers not started yet), for tests that seed storage first. */
async function bareShop(app: App) {
  const shop = await app.services.shops.create('Test stall', 'owner-1');
  await createShopDatabase(app.services.storage, shop.id, shop.name);
  return { shopId: shop.id, db: app.services.storage.shop(shop.id) };
}

async function docsOf<T>(db: ShopDb, prefix: string): Promise<T[]> {
  const res = await db.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0`, include_docs: true });
  return res.rows.map((r) => r.doc as unknown as T);
}

/** The resolver of `shopId` has processed everything that has arrived. */
async function settled(app: App, shopId: string): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 20));
    await app.services.resolvers?.get(shopId)?.idle();
  }
}

/** What a member would forge: the resolver believing there are 1,000 in stock. */
function forgedEngine(product: Product) {
  const engine = emptyEngine();
  applyDoc(engine, product);
  applyDoc(engine, stockMovementDoc({ productId: product._id, qty: 1000 }));
  return engine;
}

/** The allocation of `orderId` and the open oversell alerts naming it. */
async function decisionOn(db: ShopDb, orderId: string) {
  const allocation = (await docsOf<Allocation>(db, 'allocation:')).find(
    (a) => a.orderId === orderId,
  );
  const oversells = (await docsOf<Alert>(db, 'alert:')).filter(
    (a) => a.kind === 'oversell' && a.orderIds.includes(orderId),
  );
  return { allocation, oversells };
}

describe('the resolver state cannot be forged by a member', () => {
  it('a seller’s _local/resolver is refused or kept apart; after a restart a 50-unit sale of 2 in stock is oversold by 48', async () => {
    const app = newApp();
    await app.services.resolvers?.start();
    const owner = await registerUser(app, 'Olga', { deviceId: DEVICE_A });
    const seller0 = await registerUser(app, 'Sam', { deviceId: DEVICE_B });
    await app.services.shops.addMember(owner.shopId, seller0.userId, 'seller');
    const seller: Account = { ...seller0, shopId: owner.shopId };
    const { shopId } = owner;
    const db = app.services.storage.shop(shopId);

    const product = sample('product', { deviceId: DEVICE_A }) as unknown as Product;
    const restock: StockMovement = stockMovementDoc({
      productId: product._id,
      qty: 2,
      by: owner.userId,
      deviceId: DEVICE_A,
    });
    const rows = await bulkDocs(app, owner.cookie, shopId, [product, restock]);
    expect(rows.every((r) => r.ok)).toBe(true);
    await settled(app, shopId);
    const stateBefore = await db.readStateParts('resolver/');
    expect(stateBefore.length).toBeGreaterThan(0);

    // the attack: read the resolver's state where the old server kept it, write it back forged
    const path = `/db/${shopId}/_local/resolver`;
    const { update_seq: seq } = await db.info();
    const forgeries = [
      { seq: 999999, engine: forgedEngine(product), chain: GENESIS, version: 1 },
      { seq, engine: forgedEngine(product), chain: GENESIS, version: 1 },
    ];
    for (const forged of forgeries) {
      const peek = await callApi(app, seller.cookie, 'GET', path);
      expect(peek.status).toBe(404); // the server's state is no member's to read
      const held = peek.ok ? ((await peek.json()) as { _rev?: string }) : {};
      const res = await callApi(app, seller.cookie, 'PUT', path, { ...forged, _rev: held._rev });
      const err = await json<{ error: string; reason: string }>(res, 400);
      expect(err.reason).toMatch(/not a replication checkpoint/);
    }
    // a checkpoint-shaped one under that name is the seller's own checkpoint, nothing more
    const checkpoint = {
      session_id: 'x',
      last_seq: 999999,
      history: [{ session_id: 'x', last_seq: 999999 }],
      replicator: 'pouchdb',
      version: 1,
    };
    const put = await callApi(
      app,
      seller.cookie,
      'PUT',
      `/db/${shopId}/_local/resolver`,
      checkpoint,
    );
    expect(put.status).toBe(201);
    await expect(db.get(`_local/${seller.userId}~resolver`)).resolves.toMatchObject({
      last_seq: 999999,
    });
    expect(await db.readStateParts('resolver/')).toEqual(stateBefore);
    // and the owner does not see it under that name
    expect((await callApi(app, owner.cookie, 'GET', `/db/${shopId}/_local/resolver`)).status).toBe(
      404,
    );

    // restart the shop's resolver: it must start from its own state
    await app.services.resolvers?.forget(shopId);
    await app.services.resolvers?.ensure(shopId);

    const sale = saleOf(product, 50, { by: seller.userId, deviceId: DEVICE_B, channel: 'counter' });
    const [sold] = await bulkDocs(app, seller.cookie, shopId, [sale]);
    expect(sold?.ok).toBe(true);
    await settled(app, shopId);

    const { allocation, oversells } = await decisionOn(db, sale._id);
    expect(allocation).toMatchObject({
      status: 'oversold',
      lines: [{ productId: product._id, qty: 50, oversold: 48 }],
    });
    expect(oversells).toHaveLength(1);
  });

  it('a legacy _local/resolver left in storage is dropped, not believed', async () => {
    const storage = memoryStorage();
    const app = newApp(storage);
    const { shopId, db } = await bareShop(app);
    const product = sample('product') as unknown as Product;
    await db.bulkDocs([product, stockMovementDoc({ productId: product._id, qty: 2 })]);
    const { update_seq: seq } = await db.info();
    await db.put({
      _id: '_local/resolver',
      seq,
      engine: forgedEngine(product),
      chain: GENESIS,
      version: 1,
    });

    await app.services.resolvers?.start();
    const sale = saleOf(product, 50);
    await db.bulkDocs([sale]);
    await settled(app, shopId);

    const { allocation, oversells } = await decisionOn(db, sale._id);
    expect(allocation).toMatchObject({ status: 'oversold', lines: [{ oversold: 48 }] });
    expect(oversells).toHaveLength(1);
    await expect(db.get('_local/resolver')).rejects.toMatchObject({ status: 404 });
  });
});

// ---- a failed final save ---------------------------------------------------------

/** `db`, except that saving the resolver's state fails (in the new place and the old). */
function failingSaves(db: ShopDb): ShopDb {
  const refuse = () => Promise.reject(new Error('disk full'));
  return new Proxy(db, {
    get(target, key) {
      if (key === 'writeState' || key === 'writeStateParts') return refuse;
      if (key === 'put') {
        return (doc: { _id?: string }) =>
          doc._id?.startsWith('_local/') ? refuse() : target.put(doc);
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}

describe('a failed final save', () => {
  it('makes ShopResolver.stop() resolve false and logs an error', async () => {
    const app = newApp();
    const { shopId, db } = await bareShop(app);
    const lines: string[] = [];
    const log = createLogger('info', (l) => lines.push(l));
    const resolver = new ShopResolver(shopId, failingSaves(db), app.services.storage.system(), log);
    await resolver.start();
    const product = sample('product') as unknown as Product;
    await db.bulkDocs([product, stockMovementDoc({ productId: product._id, qty: 3 })]);
    await new Promise((r) => setTimeout(r, 20));
    await resolver.idle();

    expect(await resolver.stop()).toBe(false);
    const errors = lines
      .map((l) => JSON.parse(l) as { level: string; msg: string; shopId?: string })
      .filter((l) => l.level === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.at(-1)).toMatchObject({ shopId, msg: expect.stringMatching(/save/) as string });
  });

  it('makes ResolverManager.stop() name the shop whose save failed, and only it', async () => {
    const storage = memoryStorage();
    const app = newApp(storage);
    const broken = await bareShop(app);
    const healthy = await bareShop(app);
    const lines: string[] = [];
    const flaky: Storage = new Proxy(storage, {
      get(target, key) {
        if (key === 'shop') {
          return (id: string) =>
            id === broken.shopId ? failingSaves(target.shop(id)) : target.shop(id);
        }
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
    const manager = new ResolverManager(
      flaky,
      createLogger('info', (l) => lines.push(l)),
    );
    await manager.start();
    // shops open lazily: the storage asks for their resolvers as they load
    await manager.ensure(broken.shopId);
    await manager.ensure(healthy.shopId);
    expect(manager.get(broken.shopId)).toBeDefined();
    expect(manager.get(healthy.shopId)).toBeDefined();
    expect(await manager.stop()).toEqual([broken.shopId]);
    expect(lines.some((l) => l.includes('"level":"error"') && l.includes(broken.shopId))).toBe(
      true,
    );
  });
});

// ---- integrity alerts ------------------------------------------------------------

describe('what the resolver cannot decide becomes an integrity alert', () => {
  it('an order stored in two versions is allocated once and raises an alert naming it', async () => {
    const app = newApp();
    const { shopId, db } = await bareShop(app);
    await app.services.resolvers?.start();
    const product = sample('product') as unknown as Product;
    await db.bulkDocs([product, stockMovementDoc({ productId: product._id, qty: 5 })]);

    // written past validation, as an older server let through
    const sale = saleOf(product, 2);
    const first = { ...sale, _rev: `1-${hash('a')}`, _revisions: { start: 1, ids: [hash('a')] } };
    const second = {
      ...sale,
      note: 'the other version',
      _rev: `1-${hash('b')}`,
      _revisions: { start: 1, ids: [hash('b')] },
    };
    const stored = await db.bulkDocs([first, second], { new_edits: false });
    expect(stored.every((r) => 'ok' in r && r.ok)).toBe(true);
    const held = await db.get(sale._id, { conflicts: true });
    expect(held._conflicts).toHaveLength(1);
    await settled(app, shopId);

    const allocations = (await docsOf<Allocation>(db, 'allocation:')).filter(
      (a) => a.orderId === sale._id,
    );
    expect(allocations).toHaveLength(1);
    expect(allocations[0]).toMatchObject({ status: 'confirmed' });
    const alert = await db.get<Alert>(`alert:integrity:${sale._id}`);
    expect(alert).toMatchObject({
      kind: 'integrity',
      orderIds: [sale._id],
      deviceIds: [sale.deviceId],
      sellerIds: [sale.by],
      acknowledgedAt: null,
    });
    expect(alert.message).toMatch(/two different versions/);
  });

  it('an unreadable document raises an alert naming it, and the resolver carries on', async () => {
    const app = newApp();
    const { shopId, db } = await bareShop(app);
    await app.services.resolvers?.start();
    const product = sample('product') as unknown as Product;
    const negative = { ...orderDoc(), total: -500 };
    const zeroStock = { ...stockMovementDoc({ productId: product._id }), qty: 0 };
    const next = saleOf(product, 1);
    await db.bulkDocs([product, negative, zeroStock, next]);
    await settled(app, shopId);

    const order = await db.get<Alert>(`alert:integrity:${negative._id}`);
    expect(order).toMatchObject({ kind: 'integrity', orderIds: [negative._id] });
    expect(order.message).toMatch(/could not be read/);
    const stock = await db.get<Alert>(`alert:integrity:${zeroStock._id}`);
    expect(stock).toMatchObject({ kind: 'integrity', message: expect.stringMatching(/stock/i) });
    // the documents after them are still decided on
    expect((await decisionOn(db, next._id)).allocation).toMatchObject({ status: 'oversold' });
  });
});

// ---- the audit chain across an upgrade -------------------------------------------

describe('the audit chain after a replay', () => {
  it('an old entry the new rules cannot read does not leave the entries after it unsealed', async () => {
    const app = newApp();
    const { shopId, db } = await bareShop(app);
    const system = app.services.storage.system();
    // an older server stored and sealed three entries; the middle one is over today's 8 KB
    const old = [
      auditDoc({ summary: 'one' }),
      auditDoc({ summary: 'two', after: { blob: 'x'.repeat(9000) } }),
      auditDoc({ summary: 'three' }),
    ];
    await db.bulkDocs(old);
    const chain = new AuditChain(system, shopId);
    let head = GENESIS;
    for (const e of old) head = await chain.seal(head, await db.get(e._id));
    // its state was a `_local/` document, which the new server drops: it replays from the start
    await db.put({
      _id: '_local/resolver',
      seq: 0,
      engine: emptyEngine(),
      chain: head,
      version: 1,
    });

    await app.services.resolvers?.start();
    const fresh = auditDoc({ summary: 'after the upgrade' });
    await db.bulkDocs([fresh]);
    await settled(app, shopId);

    const seals = await system.allDocs({
      startkey: `seal:${shopId}:`,
      endkey: `seal:${shopId}:\ufff0`,
      include_docs: true,
    });
    const sealed = seals.rows.map((r) => (r.doc as unknown as { auditId: string }).auditId);
    expect(sealed).toEqual([...old.map((e) => e._id), fresh._id]);
    await expect(app.services.resolvers?.get(shopId)?.verifyAudit()).resolves.toMatchObject({
      ok: true,
      entries: 4,
    });
  });
});
