import {
  emptyFacts,
  stockLevels,
  ulid,
  type Allocation,
  type AuditEntry,
  type Product,
} from '@stallkeeper/shared';
import {
  allocationDoc,
  orderDoc,
  orderEventDoc,
  orderLine,
  stockMovementDoc,
} from '@stallkeeper/shared/fixtures';
import type { Observable } from 'dexie';
import { describe, expect, it } from 'vitest';
import { Cart } from '../sell/cart.svelte.ts';
import { MEMBERS_CACHE_KEY } from './activity.ts';
import {
  addOrderEvent,
  checkout,
  liveOrder,
  liveOrderFacets,
  liveOrders,
  type OrderDetail,
  type OrderFilter,
} from './orders.ts';
import type { ChangeDoc } from './projection.ts';
import { recomputeStock } from './read-models.ts';
import { createProduct, moveStock } from './products.ts';
import type { ShopContext } from './shop.ts';
import { openTestShop, productFields, settle } from './testing.ts';

const actor = { userId: 'user-rm-1', userName: 'Reader', deviceId: 'dev-rm-1' };
const settings = { taxRate: 0, taxInclusive: true, currency: 'EUR' };

const openShop = () => openTestShop(actor);

/** The order detail as the screen reads it (first value of the live query). */
function detail(ctx: ShopContext, id: string) {
  return new Promise<OrderDetail | null>((resolve, reject) => {
    const sub = liveOrder(ctx, id).subscribe({
      next: (v) => {
        sub.unsubscribe();
        resolve(v);
      },
      error: reject,
    });
  });
}

/** First value of the orders list query. */
function list(ctx: ShopContext, f: OrderFilter) {
  return new Promise<string[]>((resolve, reject) => {
    const sub = liveOrders(ctx, f).subscribe({
      next: (rows) => {
        sub.unsubscribe();
        resolve(rows.map((r) => r.number));
      },
      error: reject,
    });
  });
}

/** The first value of a live query. */
function firstValue<T>(q: Observable<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const sub = q.subscribe({
      next: (v) => {
        sub.unsubscribe();
        resolve(v);
      },
      error: reject,
    });
  });
}

/** One of a product, paid by card at the counter. */
const cardSale = (ctx: ShopContext, p: Product) =>
  checkout(ctx, {
    lines: [line(p, 1)],
    settings,
    channel: 'counter',
    method: 'card',
    tendered: null,
    payNow: true,
    customer: null,
    note: '',
  });

async function apples(ctx: ShopContext, stock: number): Promise<Product> {
  const p = await createProduct(ctx, productFields({ code: 'APL', name: 'Apples', price: 120 }));
  await moveStock(ctx, { productId: p._id, reason: 'restock', qty: stock });
  return p;
}

const line = (p: Product, qty: number) => ({
  productId: p._id,
  code: p.code,
  name: p.name,
  unit: p.unit,
  unitPrice: p.price,
  qty,
});

describe('read models rebuilt from the changes feed', () => {
  it('derives stock from restocks and sales, and gives it back on cancellation', async () => {
    const ctx = await openShop();
    const p = await apples(ctx, 10);
    const order = await checkout(ctx, {
      lines: [line(p, 3)],
      settings,
      channel: 'counter',
      method: 'cash',
      tendered: 500,
      payNow: true,
      customer: null,
      note: '',
    });
    await settle(ctx);
    expect((await ctx.local.stock.get(p._id))?.onHand).toBe(7);
    expect(await ctx.local.orders.get(order._id)).toMatchObject({
      status: 'completed',
      paymentStatus: 'paid',
      total: 360,
    });

    await addOrderEvent(ctx, order, { kind: 'cancelled', reason: 'changed mind' });
    await settle(ctx);
    expect((await ctx.local.stock.get(p._id))?.onHand).toBe(10);
    expect((await ctx.local.orders.get(order._id))?.status).toBe('cancelled');
    await ctx.close();
  });

  it('lists orders newest first, filtered, up to the limit, with decisions joined', async () => {
    const ctx = await openShop();
    const p = await apples(ctx, 10);
    const sell = () =>
      checkout(ctx, {
        lines: [line(p, 1)],
        settings,
        channel: 'counter',
        method: 'cash',
        tendered: 200,
        payNow: true,
        customer: null,
        note: '',
      });
    const first = await sell();
    const second = await sell();
    const third = await sell();
    await addOrderEvent(ctx, second, { kind: 'cancelled', reason: 'mistake' });
    await settle(ctx);
    expect(await list(ctx, { limit: 2 })).toEqual([third.number, second.number]);
    expect(await list(ctx, { status: 'cancelled' })).toEqual([second.number]);
    expect(await list(ctx, { status: 'completed', limit: 5 })).toEqual([
      third.number,
      first.number,
    ]);
    await ctx.close();
  });

  it('holds stock recomputes during a first sync and settles them once released', async () => {
    const ctx = await openShop();
    const p = await apples(ctx, 10);
    await settle(ctx);
    expect((await ctx.local.stock.get(p._id))?.onHand).toBe(10);

    ctx.projector.holdStock();
    await moveStock(ctx, { productId: p._id, reason: 'restock', qty: 5 });
    await settle(ctx);
    // The movement is in its read model, the stock figure waits.
    expect(await ctx.local.moves.where('productId').equals(p._id).count()).toBe(2);
    expect((await ctx.local.stock.get(p._id))?.onHand).toBe(10);

    await ctx.projector.releaseStock();
    expect((await ctx.local.stock.get(p._id))?.onHand).toBe(15);
    await ctx.close();
  });

  it('re-folds an order when a payment event arrives, and shows the resolver decision', async () => {
    const ctx = await openShop();
    const p = await apples(ctx, 1);
    const order = await checkout(ctx, {
      lines: [line(p, 2)],
      settings,
      channel: 'delivery',
      method: 'cash',
      tendered: null,
      payNow: false,
      customer: null,
      note: '',
    });
    await settle(ctx);
    expect(await ctx.local.orders.get(order._id)).toMatchObject({
      status: 'open',
      paymentStatus: 'unpaid',
      balance: 240,
    });

    await addOrderEvent(ctx, order, { kind: 'payment', amount: 240, method: 'card' });
    // The server's decision replicates in as an allocation document.
    const decision: Allocation = {
      _id: `allocation:${order._id}`,
      type: 'allocation',
      orderId: order._id,
      status: 'backordered',
      lines: [{ productId: p._id, qty: 2, allocated: 1, backordered: 1, oversold: 0 }],
      seq: 0,
      decidedAt: new Date().toISOString(),
    };
    await ctx.pouch.put(decision);
    await settle(ctx);
    expect(await ctx.local.orders.get(order._id)).toMatchObject({
      paymentStatus: 'paid',
      balance: 0,
    });
    expect((await detail(ctx, order._id))?.row.allocStatus).toBe('backordered');
    // A later decision (a fill) replaces it; an older one arriving late does not.
    await ctx.pouch.put({ ...decision, _id: `${decision._id}:1`, status: 'confirmed', seq: 1 });
    await settle(ctx);
    expect((await detail(ctx, order._id))?.row.allocStatus).toBe('confirmed');
    expect((await ctx.local.allocations.get(order._id))?.n).toBe(1);
    await ctx.close();
  });

  it('derives the same stock from the sale-key index for a few products and for all', async () => {
    const ctx = await openShop();
    const products = Array.from(
      { length: 450 },
      (_, i) => `product:${String(i).padStart(26, '0')}`,
    );
    const pid = (i: number) => products[i % products.length] ?? '';
    // Orders with repeated equal lines, several products each; one cancelled.
    const orders = Array.from({ length: 300 }, (_, i) =>
      orderDoc({
        lines: [
          orderLine({ productId: pid(i), qty: 2 }),
          orderLine({ productId: pid(i), qty: 2 }),
          orderLine({ productId: pid(i * 7 + 1), qty: 1 + (i % 5) }),
        ],
      }),
    );
    const moves = products.map((productId) => stockMovementDoc({ productId, qty: 100 }));
    const cancel = orderEventDoc('cancelled', { orderId: orders[3]?._id ?? '', reason: 'x' });
    const docs = [...moves, ...orders, cancel] as unknown as ChangeDoc[];
    await ctx.projector.project(docs);
    await settle(ctx);

    const facts = emptyFacts();
    for (const m of moves) facts.movements.set(m._id, { productId: m.productId, qty: m.qty });
    for (const o of orders) facts.sales.set(o._id, o.lines);
    facts.cancelled.add(cancel.orderId);
    const expected = stockLevels(facts);

    const few = new Set([pid(0), pid(1), pid(3), pid(22)]);
    await ctx.local.transaction('rw', ctx.local.readModels, () => recomputeStock(ctx.local, few));
    for (const id of few) expect((await ctx.local.stock.get(id))?.onHand).toBe(expected.get(id));
    await ctx.local.stock.clear();
    const all = new Set(products);
    await ctx.local.transaction('rw', ctx.local.readModels, () => recomputeStock(ctx.local, all));
    const stored = await ctx.local.stock.toArray();
    expect(stored).toHaveLength(products.length);
    for (const row of stored) expect(row.onHand).toBe(expected.get(row.productId) ?? 0);
    await ctx.close();
  });

  it('keeps the newer of a decision copied with its order and a later one', async () => {
    const ctx = await openShop();
    const order = orderDoc();
    const copied = allocationDoc({ orderId: order._id, seq: 1, status: 'confirmed' });
    await ctx.projector.project([order, copied]);
    await settle(ctx);
    expect((await ctx.local.orders.get(order._id))?.decision).toEqual({
      n: 1,
      status: 'confirmed',
    });
    // An older decision arriving late does not win; a newer one does.
    const older = allocationDoc({ orderId: order._id, seq: 0, status: 'backordered' });
    await ctx.pouch.put({ ...older, _id: `${older._id}:old` });
    await settle(ctx);
    expect((await detail(ctx, order._id))?.row.allocStatus).toBe('confirmed');
    const newer = allocationDoc({ orderId: order._id, seq: 2, status: 'oversold' });
    await ctx.pouch.put({ ...newer, _id: `${newer._id}:2` });
    await settle(ctx);
    expect((await detail(ctx, order._id))?.row.allocStatus).toBe('oversold');
    // An event re-folds the row and keeps the copied decision.
    await addOrderEvent(ctx, order, { kind: 'note' }, 'hello');
    await settle(ctx);
    expect((await ctx.local.orders.get(order._id))?.decision?.n).toBe(1);
    await ctx.close();
  });

  it('offers the devices and sellers seen in orders as filters', async () => {
    const ctx = await openShop();
    const p = await apples(ctx, 5);
    await cardSale(ctx, p);
    const other = orderDoc({ deviceId: 'dev-other', by: 'user-other' });
    await ctx.projector.project([other, orderDoc({ deviceId: 'dev-other', by: 'user-other' })]);
    await settle(ctx);
    const facets = await firstValue(liveOrderFacets(ctx));
    // By name, never by id: this device first; a device and seller with no known name yet.
    expect(facets.devices).toEqual([
      { id: actor.deviceId, name: 'This device' },
      { id: 'dev-other', name: 'Another device' },
    ]);
    expect(facets.sellers).toEqual([
      { id: 'user-other', name: 'Another seller' },
      { id: actor.userId, name: actor.userName },
    ]);
    await ctx.close();
  });

  it('names other sellers and their devices from the activity log and the team as last seen', async () => {
    const ctx = await openShop();
    const sam = orderDoc({ deviceId: 'dev-sam', by: 'user-sam' });
    const tess = orderDoc({ deviceId: 'dev-tess', by: 'user-tess' });
    // Sam's name from his activity-log entry; Tess's from the cached member list.
    const entry = {
      _id: `audit:${ulid()}`,
      type: 'audit' as const,
      action: 'order.create',
      target: sam._id,
      summary: `Sale ${sam.number}`,
      userName: 'Sam',
      before: null,
      after: null,
      at: sam.createdAt,
      by: 'user-sam',
      deviceId: 'dev-sam',
    } satisfies AuditEntry;
    await ctx.projector.project([sam, tess, entry]);
    await ctx.local.meta.put({
      key: MEMBERS_CACHE_KEY,
      value: [{ userId: 'user-tess', name: 'Tess', email: 't@example.test', role: 'seller' }],
    });
    await settle(ctx);
    const facets = await firstValue(liveOrderFacets(ctx));
    expect(facets.sellers).toEqual([
      { id: 'user-sam', name: 'Sam' },
      { id: 'user-tess', name: 'Tess' },
    ]);
    expect(facets.devices).toEqual([
      { id: 'dev-sam', name: "Sam's device" },
      { id: 'dev-tess', name: "Tess's device" },
    ]);
    await ctx.close();
  });

  it('numbers orders per device without gaps and never reuses a number', async () => {
    const ctx = await openShop();
    const p = await apples(ctx, 5);
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const o = await cardSale(ctx, p);
      numbers.push(o.number);
    }
    const prefix = ctx.prefix;
    expect(numbers).toEqual([`${prefix}-0001`, `${prefix}-0002`, `${prefix}-0003`]);
    await ctx.close();
  });
});

describe('the cart on the device', () => {
  it('merges repeated products into one line, survives a reload, and clears after a sale', async () => {
    const ctx = await openShop();
    const p = await apples(ctx, 5);
    const cart = new Cart();
    await cart.load(ctx);
    const product = {
      productId: p._id,
      code: p.code,
      name: p.name,
      unit: p.unit,
      unitPrice: p.price,
    };
    cart.add(product, 1);
    cart.add(product, 2);
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]?.qty).toBe(3);
    expect(cart.totals(settings).total).toBe(360);
    await cart.flush();

    const reloaded = new Cart();
    await reloaded.load(ctx);
    expect(reloaded.lines).toEqual([{ ...product, qty: 3 }]);
    reloaded.setQty(p._id, 0);
    expect(reloaded.lines).toEqual([]);
    await reloaded.flush();
    const stored = await ctx.local.cart.get('current');
    expect(stored?.lines).toEqual([]);
    await ctx.close();
  });
});
