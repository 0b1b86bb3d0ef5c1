import type { Product } from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import { createCustomer, EMPTY_CUSTOMER } from './customers.ts';
import {
  confirm,
  forgetUnwritten,
  reconcile,
  record,
  refuse,
  summarize,
  unsent,
  watchOutbox,
  type OutboxSummary,
  type Refusal,
} from './outbox.ts';
import type { ShopContext } from './shop.ts';
import { addProduct, cashSale as saleOf, openTestShop, otherReplica } from './testing.ts';

const actor = { userId: 'user-ob-1', userName: 'Olga', deviceId: 'dev-ob-1' };

const openShop = () => openTestShop(actor);
const plums = (ctx: ShopContext) => addProduct(ctx);
const cashSale = (ctx: ShopContext, p: Product) => saleOf(ctx, p, 2);

/** The outbox as the header sees it, once. */
function seen(ctx: ShopContext): Promise<{ pending: OutboxSummary; refused: Refusal[] }> {
  return new Promise((resolve) => {
    let pending: OutboxSummary | null = null;
    const stop = watchOutbox(ctx.local, {
      pending: (s) => (pending = s),
      refused: (refused) => {
        if (!pending) return;
        queueMicrotask(stop);
        resolve({ pending, refused });
      },
    });
  });
}

describe('the outbox', () => {
  it('counts what a person did: a sale and a new customer are two things, not four documents', async () => {
    const ctx = await openShop();
    const p = await plums(ctx);
    await confirm(
      ctx.local,
      (await unsent(ctx.local)).map((r) => ({ _id: r.id, _rev: r.rev })),
    );
    await cashSale(ctx, p);
    await createCustomer(ctx, { ...EMPTY_CUSTOMER, name: 'Ana' });

    const { pending } = await seen(ctx);
    // Four documents wait (an order, a customer, and an audit entry for each)...
    expect(pending.unsent).toBe(4);
    // ...but the seller did two things.
    expect(pending.count).toBe(2);
    expect(pending.changes).toEqual({ order: 1, customer: 1 });
    await ctx.close();
  });

  it('records each write with its kind and the revision the replica holds', async () => {
    const ctx = await openShop();
    const p = await plums(ctx);
    const edited = await ctx.put({ ...p, price: 120 });
    const rows = await unsent(ctx.local);
    expect(rows.find((r) => r.id === p._id)).toMatchObject({
      kind: 'product',
      label: 'Plums',
      rev: edited._rev,
      refused: null,
    });
    expect(rows.filter((r) => r.kind === 'audit')).toHaveLength(1);
    await ctx.close();
  });

  it('confirms only the revision the server now holds; a later local edit stays pending', async () => {
    const ctx = await openShop();
    const p = await plums(ctx);
    const edited = await ctx.put({ ...p, price: 120 });
    await confirm(ctx.local, [{ _id: p._id, _rev: p._rev }]);
    expect((await unsent(ctx.local)).map((r) => r.id)).toContain(p._id);
    await confirm(ctx.local, [{ _id: p._id, _rev: edited._rev }]);
    expect((await unsent(ctx.local)).map((r) => r.id)).not.toContain(p._id);
    await ctx.close();
  });

  it('reconciles with the server: drops what it already holds, keeps the rest', async () => {
    const ctx = await openShop();
    const server = await otherReplica('ob_server');
    const p = await plums(ctx);
    // The server got the product (an earlier session sent it) but not its audit entry.
    await server.bulkDocs([await ctx.pouch.get(p._id, { revs: true })], { new_edits: false });
    await reconcile(ctx.local, server);
    const left = await unsent(ctx.local);
    expect(left.map((r) => r.kind)).toEqual(['audit']);
    expect(summarize(left)).toEqual({ changes: {}, count: 0, unsent: 1 });
    await server.destroy();
    await ctx.close();
  });

  it('forgets a write a closed page noted but never made, once the shop opens again', async () => {
    const ctx = await openShop();
    const p = await plums(ctx);
    // The page closed after noting a stock movement, before the replica got it.
    const lost = { ...(await ctx.pouch.get(p._id)), _id: 'stock:lost' } as unknown as Product;
    await record(ctx.local, lost, '1-0123456789abcdef0123456789abcdef');
    await new Promise((r) => setTimeout(r, 5));
    const opened = new Date().toISOString();
    // This page's own write, noted but not yet made, is left alone.
    await new Promise((r) => setTimeout(r, 5));
    const underWay = { ...lost, _id: 'stock:under-way' };
    await record(ctx.local, underWay, '1-fedcba9876543210fedcba9876543210');

    await forgetUnwritten(ctx.local, ctx.pouch, opened);
    const left = (await unsent(ctx.local)).map((r) => r.id);
    expect(left).not.toContain('stock:lost');
    expect(left).toEqual(expect.arrayContaining([p._id, 'stock:under-way']));
    // what the replica holds stays pending (the audit entry of the product too)
    expect(left).toHaveLength(3);
    await ctx.close();
  });

  it('keeps everything when the server cannot be asked (offline)', async () => {
    const ctx = await openShop();
    await plums(ctx);
    const unreachable = { revsDiff: () => Promise.reject(new TypeError('Failed to fetch')) };
    await reconcile(ctx.local, unreachable);
    expect(await unsent(ctx.local)).toHaveLength(2);
    await ctx.close();
  });

  it('lists a refused document by what it is, apart from what is pending', async () => {
    const ctx = await openShop();
    const p = await plums(ctx);
    const sale = await cashSale(ctx, p);
    await refuse(ctx.local, sale._id, 'this phone may not sell');
    const { pending, refused } = await seen(ctx);
    expect(refused).toEqual([
      { id: sale._id, kind: 'order', label: sale.number, reason: 'this phone may not sell' },
    ]);
    expect(pending.changes).toEqual({ product: 1 });
    // A refused document is not something the server should still get.
    expect((await unsent(ctx.local)).map((r) => r.id)).not.toContain(sale._id);
    await ctx.close();
  });
});
