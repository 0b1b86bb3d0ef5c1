import { describe, expect, it } from 'vitest';
import { loadPouch } from './pouch.ts';
import { createProduct, isCodeTaken } from './products.ts';
import { ShopContext, ValidationError } from './shop.ts';
import { cashSale, productFields, settle } from './testing.ts';

const actor = { userId: 'user-1234', userName: 'Test', deviceId: 'dev-test-1' };
const tomatoes = productFields({ code: 'TOM-1', name: 'Tomatoes', unit: 'kg', price: 349 });

let n = 0;
async function openShop() {
  const shopId = `test${++n}${Date.now().toString(36)}`;
  const Pouch = await loadPouch();
  const pouch = new Pouch(`t_${shopId}`, { adapter: 'idb' });
  return ShopContext.open(shopId, actor, pouch);
}

/** The kinds of documents in each replica write from now on, in order. */
function replicaWrites(ctx: ShopContext): string[][] {
  const writes: string[][] = [];
  const bulkDocs = ctx.pouch.bulkDocs.bind(ctx.pouch);
  ctx.pouch.bulkDocs = (docs: { _id: string }[], opts: object) => {
    writes.push(docs.map((d) => d._id.split(':')[0] ?? ''));
    return bulkDocs(docs, opts);
  };
  return writes;
}

describe('shop data layer on fake-indexeddb', () => {
  it('writes a product to PouchDB, notes it in the outbox and projects it into Dexie', async () => {
    const ctx = await openShop();
    const saved = await createProduct(ctx, tomatoes);
    expect(saved._id).toMatch(/^product:/);
    const stored = await ctx.pouch.get(saved._id);
    expect(stored).toMatchObject({ name: 'Tomatoes', price: 349, unit: 'kg' });
    // The outbox holds the revision the replica holds, for a new document and an edit.
    expect(stored._rev).toBe(saved._rev);
    expect(await ctx.local.outbox.get(saved._id)).toMatchObject({ rev: saved._rev, refused: null });
    const edited = await ctx.put({ ...(stored as typeof saved), price: 399 });
    expect(edited._rev).toMatch(/^2-/);
    expect((await ctx.pouch.get(saved._id))._rev).toBe(edited._rev);
    expect(await ctx.local.outbox.get(saved._id)).toMatchObject({ rev: edited._rev });
    // A second new document under an existing id is a conflict, not a silent branch.
    const { _rev: _, ...again } = saved;
    await expect(ctx.put(again)).rejects.toMatchObject({ status: 409 });
    expect(await ctx.local.outbox.get(saved._id)).toMatchObject({ rev: edited._rev });

    await settle(ctx);
    const row = await ctx.local.products.get(saved._id);
    expect(row).toMatchObject({
      name: 'Tomatoes',
      nameLower: 'tomatoes',
      code: 'TOM-1',
      active: 1,
    });
    await ctx.close();
  });

  it('refuses an invalid product and a duplicate code without storing anything', async () => {
    const ctx = await openShop();
    await expect(createProduct(ctx, { ...tomatoes, name: '  ' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await createProduct(ctx, tomatoes);
    await settle(ctx);
    expect(await isCodeTaken(ctx, 'TOM-1')).toBe(true);
    await expect(createProduct(ctx, { ...tomatoes, name: 'Other' })).rejects.toThrow(
      /already used/,
    );
    const all = await ctx.pouch.allDocs();
    expect(all.rows.filter((r) => r.id.startsWith('product:'))).toHaveLength(1);
    // The one successful create left an audit entry; the refused ones left none.
    const audits = await ctx.pouch.allDocs({
      startkey: 'audit:',
      endkey: 'audit:\ufff0',
      include_docs: true,
    });
    expect(audits.rows.map((r) => (r.doc as unknown as { action: string }).action)).toEqual([
      'product.create',
    ]);
    await ctx.close();
  });

  it('writes a new product with its opening stock and their audit entries in one replica write', async () => {
    const ctx = await openShop();
    // One bulk write: a page closed right after saving keeps all of them or none.
    const writes = replicaWrites(ctx);
    const saved = await createProduct(ctx, tomatoes, undefined, 12_000);
    expect(writes).toEqual([['product', 'audit', 'stock', 'audit']]);
    const stored = await ctx.pouch.get(saved._id);
    expect(stored._rev).toBe(saved._rev);
    await settle(ctx);
    expect(await ctx.local.stock.get(saved._id)).toMatchObject({ onHand: 12_000 });
    // each of the four waits in the outbox with the revision the replica holds
    const rows = await ctx.local.outbox.toArray();
    expect(rows.map((r) => r.kind).sort()).toEqual(['audit', 'audit', 'product', 'stock']);
    for (const r of rows) {
      expect((await ctx.pouch.get(r.id))._rev).toBe(r.rev);
    }
    await ctx.close();
  });

  it('writes a sale and its audit entry in one replica write', async () => {
    const ctx = await openShop();
    const p = await createProduct(ctx, tomatoes, undefined, 5_000);
    const writes = replicaWrites(ctx);
    const order = await cashSale(ctx, p);
    expect(writes).toEqual([['order', 'audit']]);
    expect((await ctx.pouch.get(order._id))._rev).toBe(order._rev);
    expect(await ctx.local.outbox.get(order._id)).toMatchObject({ rev: order._rev });
    await ctx.close();
  });

  it('writes none of a product and its opening stock when one of them is invalid', async () => {
    const ctx = await openShop();
    const product = { ...(await createProduct(ctx, tomatoes)), _id: 'product:x' };
    const { _rev: _, ...fresh } = product;
    const move = { _id: 'stock:bad', type: 'stock', productId: 'product:x', qty: 'ten' };
    await expect(ctx.putNew(fresh, move as unknown as typeof fresh)).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await ctx.get('product:x')).toBeNull();
    expect(await ctx.local.outbox.get('product:x')).toBeUndefined();
    await ctx.close();
  });

  it('rebuilds the read model from the replica after it is wiped', async () => {
    const ctx = await openShop();
    await createProduct(ctx, tomatoes);
    await createProduct(ctx, { ...tomatoes, code: 'APL-1', name: 'Apples', unit: 'piece' });
    await ctx.projector.rebuild();
    const names = (await ctx.local.products.orderBy('nameLower').toArray()).map((p) => p.name);
    expect(names).toEqual(['Apples', 'Tomatoes']);
    await ctx.close();
  });
});
