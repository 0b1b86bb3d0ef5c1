import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { COPY_KEYS, ShopLocalDb } from './local.ts';
import { decodeOrder, type OrderTuple } from './report-codec.ts';
import { remakeStaleDays } from './report-days.ts';
import { addProduct, cashSale, openTestShop, settle } from './testing.ts';

/** The device database as the previous release left it (schema version 3). */
async function version3(name: string): Promise<void> {
  const old = new Dexie(name);
  old.version(3).stores({
    products: 'id, codeLower, nameLower, active, updatedAt',
    customers: 'id, nameLower, phoneDigits, createdAt',
    orders: 'id, createdAt, status, customerId, deviceId, by, number',
    events: 'id, orderId, at',
    sales: 'key, orderId, productId',
    moves: 'id, productId, at',
    returns: 'key, orderId, productId',
    cancels: 'orderId',
    stock: 'productId',
    cart: 'key',
    outbox: 'id, refused',
    meta: 'key',
    allocations: 'orderId',
    alerts: 'id, open, kind, createdAt',
    audit: 'id, at, by, action, target',
  });
  await old.table('meta').bulkPut([
    { key: 'seq.order', value: 41 },
    { key: 'seq.invoice', value: 7 },
    { key: 'projector.seq', value: 900 },
    { key: COPY_KEYS.since, value: 800 },
    { key: 'settings', value: { currency: 'EUR' } },
  ]);
  await old
    .table('sales')
    .put({ key: 'order:a|product:b', orderId: 'order:a', productId: 'p', qty: 1 });
  await old.table('stock').put({ productId: 'product:b', onHand: 3 });
  await old
    .table('outbox')
    .put({ id: 'order:a', rev: '1-a', kind: 'order', at: '', refused: null });
  old.close();
}

describe('upgrading the device database', () => {
  it('keeps the number series and the outbox, and rebuilds the read models', async () => {
    const id = `up${Date.now().toString(36)}`;
    await version3(`stallkeeper_local_${id}`);
    const db = new ShopLocalDb(id);
    await db.open();
    // Numbers are never reused: the series moved to their own table.
    expect(await db.counters.get('seq.order')).toEqual({ key: 'seq.order', value: 41 });
    expect(await db.counters.get('seq.invoice')).toEqual({ key: 'seq.invoice', value: 7 });
    expect(await db.meta.get('seq.order')).toBeUndefined();
    // Unsynced work stays; derived data and what describes it are forgotten.
    expect(await db.outbox.count()).toBe(1);
    expect(await db.stock.count()).toBe(0);
    expect(await db.meta.get('projector.seq')).toBeUndefined();
    expect(await db.meta.get(COPY_KEYS.since)).toBeUndefined();
    expect(db.tables.map((t) => t.name)).not.toContain('sales');
    db.close();
  });
});

describe("upgrading to the reports' day rows (version 7)", () => {
  it('marks every day with orders to be remade from the rows already here, without a new copy', async () => {
    const id = `v7${Date.now().toString(36)}`;
    const ctx = await openTestShop();
    const product = await addProduct(ctx, { price: 250 });
    await cashSale(ctx, product, 2);
    await settle(ctx);
    const [order] = await ctx.local.orders.toArray();
    if (!order) throw new Error('no order row');
    // the database as version 6 left it: order rows, no day rows
    const old = new Dexie(`stallkeeper_local_${id}`);
    old.version(6).stores({
      orders: 'id, createdAt, customerId, *saleKeys, deliveryAt, balance',
      meta: 'key',
    });
    await old
      .table('orders')
      .bulkPut([order, { ...order, id: 'order:older', createdAt: '2026-01-02T09:00:00.000Z' }]);
    await old.table('meta').put({ key: 'projector.seq', value: 5 });
    old.close();
    const db = new ShopLocalDb(id);
    await db.open();
    expect((await db.reportStale.toArray()).map((r) => r.day).sort()).toEqual(
      ['2026-01-02', order.createdAt.slice(0, 10)].sort(),
    );
    expect(await db.meta.get('projector.seq')).toEqual({ key: 'projector.seq', value: 5 });
    expect(await remakeStaleDays(db, 10)).toBe(2);
    expect(
      (JSON.parse((await db.reportDays.get('2026-01-02#000'))?.orders ?? '[]') as OrderTuple[]).map(
        decodeOrder,
      ),
    ).toMatchObject([
      { id: 'order:older', total: 500, doc: { lines: [{ qty: 2, lineTotal: 500 }] } },
    ]);
    expect(await db.reportStale.count()).toBe(0);
    db.close();
  });
});

describe('upgrading to fewer product indexes (version 10)', () => {
  it('keeps the product rows, without the indexes no screen queried', async () => {
    const id = `v10${Date.now().toString(36)}`;
    const old = new Dexie(`stallkeeper_local_${id}`);
    old.version(9).stores({
      products: 'id, codeLower, nameLower, active, updatedAt, category',
      meta: 'key',
    });
    const row = { id: 'product:1', codeLower: 'a-1', nameLower: 'apples', active: 1, category: '' };
    await old.table('products').bulkPut([row, { ...row, id: 'product:2', active: 0 }]);
    old.close();
    const db = new ShopLocalDb(id);
    await db.open();
    expect(db.products.schema.indexes.map((i) => i.name).sort()).toEqual([
      'categoryKey', // (version 14)
      'codeLower',
      'nameLower',
    ]);
    expect(await db.products.filter((p) => p.active === 1).primaryKeys()).toEqual(['product:1']);
    expect(await db.products.where('codeLower').equals('a-1').count()).toBe(2);
    db.close();
  });
});

describe('upgrading to sparse order indexes (versions 11 and 12)', () => {
  it('indexes only the orders with a customer, an open delivery or money owed', async () => {
    const id = `v11${Date.now().toString(36)}`;
    const old = new Dexie(`stallkeeper_local_${id}`);
    old.version(10).stores({
      orders: 'id, createdAt, customerId, *saleKeys, deliveryAt, balance, *flags',
      meta: 'key',
    });
    const row = {
      id: 'order:1',
      createdAt: '2026-01-02T09:00:00.000Z',
      customerId: '',
      deliveryAt: '',
      balance: 0,
      saleKeys: ['product:a|1|0'],
    };
    await old.table('orders').bulkPut([
      row,
      { ...row, id: 'order:2', customerId: 'customer:x', balance: 300 },
      { ...row, id: 'order:3', customerId: 'customer:x', deliveryAt: '-' },
      // owed by nobody in particular: not money a customer owes
      { ...row, id: 'order:4', balance: 100 },
      // a delivery with no customer on file is found by its delivery alone
      { ...row, id: 'order:5', deliveryAt: '2026-01-03T10:00:00.000Z' },
    ]);
    old.close();
    const db = new ShopLocalDb(id);
    await db.open();
    expect(db.orders.schema.indexes.map((i) => i.name).sort()).toEqual([
      'createdAt',
      'customerKey',
      'deliveryKey',
      'flags',
      'owingKey',
      'saleKeys',
    ]);
    expect(await db.orders.where('customerKey').equals('customer:x').primaryKeys()).toEqual([
      'order:2',
      'order:3',
    ]);
    expect(await db.orders.orderBy('deliveryKey').primaryKeys()).toEqual(['order:3', 'order:5']);
    expect(await db.orders.orderBy('owingKey').primaryKeys()).toEqual(['order:2']);
    expect(await db.orders.where('saleKeys').startsWith('product:a|').count()).toBe(5);
    expect((await db.orders.get('order:1'))?.customerId).toBe('');
    db.close();
  });
});

describe('upgrading to a sparse category index (versions 13 and 14)', () => {
  it('indexes only the products with a category', async () => {
    const id = `v13${Date.now().toString(36)}`;
    const old = new Dexie(`stallkeeper_local_${id}`);
    old.version(12).stores({ products: 'id, codeLower, nameLower, category', meta: 'key' });
    const row = { id: 'product:1', codeLower: 'a-1', nameLower: 'apples', active: 1, category: '' };
    await old
      .table('products')
      .bulkPut([
        row,
        { ...row, id: 'product:2', category: 'Fruit' },
        { ...row, id: 'product:3', category: 'Veg' },
        { ...row, id: 'product:4', category: 'Fruit' },
      ]);
    old.close();
    const db = new ShopLocalDb(id);
    await db.open();
    expect(db.products.schema.indexes.map((i) => i.name).sort()).toEqual([
      'categoryKey',
      'codeLower',
      'nameLower',
    ]);
    expect(await db.products.orderBy('categoryKey').primaryKeys()).toEqual([
      'product:2',
      'product:4',
      'product:3',
    ]);
    expect(await db.products.orderBy('categoryKey').uniqueKeys()).toEqual(['Fruit', 'Veg']);
    expect((await db.products.get('product:1'))?.category).toBe('');
    db.close();
  });
});
