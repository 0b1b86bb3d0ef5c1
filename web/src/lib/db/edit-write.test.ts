import { describe, expect, it } from 'vitest';
import { renameCategory } from './categories.ts';
import { createCustomer, deleteCustomer, updateCustomer } from './customers.ts';
import { loadPouch } from './pouch.ts';
import { createProduct, updateProduct } from './products.ts';
import { ShopContext, ValidationError } from './shop.ts';
import { productFields, settle } from './testing.ts';

const actor = { userId: 'user-1234', userName: 'Test', deviceId: 'dev-test-1' };

let n = 0;
async function openShop() {
  const shopId = `edits${++n}${Date.now().toString(36)}`;
  const Pouch = await loadPouch();
  return ShopContext.open(shopId, actor, new Pouch(`t_${shopId}`, { adapter: 'idb' }));
}

/** Each replica write from now on, as the ids it held. */
function replicaWrites(ctx: ShopContext): string[][] {
  const writes: string[][] = [];
  const bulkDocs = ctx.pouch.bulkDocs.bind(ctx.pouch);
  ctx.pouch.bulkDocs = (docs: { _id: string }[], opts: object) => {
    writes.push(docs.map((d) => d._id));
    return bulkDocs(docs, opts);
  };
  const put = ctx.pouch.put.bind(ctx.pouch);
  ctx.pouch.put = (doc: { _id: string }) => {
    writes.push([doc._id]);
    return put(doc);
  };
  return writes;
}

const kinds = (ids: string[]) => ids.map((id) => id.split(':')[0]);

const customer = {
  name: 'Ada Lovelace',
  phone: '+44 20 7946 0000',
  email: '',
  address: '',
  location: '',
  notes: '',
};

describe('an edit and its activity entry, in one write', () => {
  it('writes the edited product and its entry together, and notes the new revision', async () => {
    const ctx = await openShop();
    const p = await createProduct(ctx, productFields({ code: 'JAM', name: 'Jam', price: 450 }));
    const writes = replicaWrites(ctx);
    const saved = await updateProduct(
      ctx,
      p._id,
      productFields({ code: 'JAM', name: 'Jam', price: 480 }),
    );
    expect(writes.map(kinds)).toEqual([['product', 'audit']]);
    expect(saved._rev).toMatch(/^2-[0-9a-f]{32}$/);
    const stored = await ctx.pouch.get(p._id, { revs: true });
    expect(stored).toMatchObject({ price: 480, _rev: saved._rev });
    // the new revision follows the old one: no branch
    expect((stored as unknown as { _revisions: { ids: string[] } })._revisions.ids[1]).toBe(
      p._rev?.split('-')[1],
    );
    const audit = await ctx.pouch.get(writes[0]?.[1] ?? '');
    expect(audit).toMatchObject({ action: 'product.update', target: p._id });
    expect(await ctx.local.outbox.get(p._id)).toMatchObject({ rev: saved._rev });
    await ctx.close();
  });

  it('keeps a photo the edit does not touch, and replaces one it does', async () => {
    const ctx = await openShop();
    const jpeg = (bytes: number[]) => new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' });
    const fields = productFields({ code: 'PIC', name: 'Pictured', price: 100 });
    const p = await createProduct(ctx, fields, jpeg([1, 2, 3]));
    const photo = async () => (await ctx.pouch.get(p._id))._attachments?.photo;
    const first = await photo();
    expect(first).toMatchObject({ length: 3, revpos: 1, stub: true });
    // the photo rides along as a stub of what the device holds
    await updateProduct(ctx, p._id, { ...fields, price: 120 });
    expect(await photo()).toEqual(first);
    const changed = await updateProduct(ctx, p._id, { ...fields, price: 130 }, jpeg([9, 9]));
    expect((await ctx.pouch.get(p._id))._rev).toBe(changed._rev);
    const replaced = await photo();
    // dated to the edit that brought it, as PouchDB dates it
    expect(replaced).toMatchObject({ length: 2, revpos: 3, stub: true });
    expect(replaced?.digest).not.toBe(first?.digest);
    await ctx.close();
  });

  it('drops the server’s seal from a document it edits', async () => {
    const ctx = await openShop();
    const c = await createCustomer(ctx, customer);
    const sealed = { ...c, _rev: c._rev ?? '', serverSeal: 'x'.repeat(43) };
    const [saved] = await ctx.putEdits([{ ...sealed, notes: 'regular' }]);
    expect(await ctx.pouch.get(c._id)).not.toHaveProperty('serverSeal');
    expect(saved?._rev).toMatch(/^2-/);
    await ctx.close();
  });

  it('refuses an edit of a revision that is no longer the document’s, writing nothing', async () => {
    const ctx = await openShop();
    const c = await createCustomer(ctx, customer);
    await updateCustomer(ctx, c._id, { ...customer, phone: '+44 20 7946 0001' });
    const stale = await ctx
      .putEdits([{ ...c, _rev: c._rev ?? '', notes: 'late' }])
      .catch((e: unknown) => e);
    expect(stale).toMatchObject({ status: 409 });
    expect(await ctx.pouch.get(c._id)).toMatchObject({ phone: '+44 20 7946 0001', notes: '' });
    // invalid content is refused before anything is written
    const writes = replicaWrites(ctx);
    const current = await ctx.pouch.get(c._id);
    await expect(
      ctx.putEdits([{ ...(current as unknown as typeof c), _rev: current._rev, name: '' }]),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(writes).toEqual([]);
    await ctx.close();
  });

  it('deletes a customer and notes it in one write', async () => {
    const ctx = await openShop();
    const c = await createCustomer(ctx, customer);
    const writes = replicaWrites(ctx);
    await deleteCustomer(ctx, c._id);
    expect(writes.map(kinds)).toEqual([['customer', 'audit']]);
    expect(await ctx.get(c._id)).toBeNull();
    // a bare tombstone: nothing of the customer stays in the leaf
    const [leaf] = await ctx.pouch.get(c._id, { open_revs: 'all' });
    expect(leaf && 'ok' in leaf ? Object.keys(leaf.ok).sort() : []).toEqual([
      '_deleted',
      '_id',
      '_rev',
    ]);
    // the outbox still knows it by name
    expect(await ctx.local.outbox.get(c._id)).toMatchObject({ label: 'Ada Lovelace' });
    const audit = await ctx.pouch.get(writes[0]?.[1] ?? '');
    expect(audit).toMatchObject({ action: 'customer.delete', before: { name: 'Ada Lovelace' } });
    await ctx.close();
  });

  it('renames a category on every product and notes it, all in one write', async () => {
    const ctx = await openShop();
    for (const code of ['A', 'B', 'C']) {
      await createProduct(ctx, productFields({ code, name: `Jar ${code}`, category: 'Jams' }));
    }
    await createProduct(ctx, productFields({ code: 'D', name: 'Bread', category: 'Bakery' }));
    await settle(ctx); // renaming reads the products by category from the read models
    const writes = replicaWrites(ctx);
    expect(await renameCategory(ctx, 'Jams', 'Preserves')).toBe(3);
    expect(writes.map(kinds)).toEqual([['product', 'product', 'product', 'audit']]);
    await ctx.close();
  });
});
