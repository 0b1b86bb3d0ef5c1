import { productFieldsOf, type Product } from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import type { ShopContext } from '../db/shop.ts';
import { ProductForm } from './product-form.svelte.ts';
import { openTestShop } from '../db/testing.ts';

const actor = { userId: 'user-1234', userName: 'Test', deviceId: 'dev-test-1' };

const openShop = () => openTestShop(actor);

function filled(code: string, unit: 'piece' | 'kg', opening: string): ProductForm {
  const form = new ProductForm(() => 'EUR');
  form.code = code;
  form.name = `Product ${code}`;
  form.unit = unit;
  form.price = '2.50';
  form.openingStock = opening;
  return form;
}

/** The stock movements the replica holds, newest last. */
async function movements(ctx: ShopContext) {
  const all = await ctx.pouch.allDocs({
    startkey: 'stock:',
    endkey: 'stock:\ufff0',
    include_docs: true,
  });
  return all.rows.map(
    (r) => r.doc as unknown as { productId: string; qty: number; reason: string },
  );
}

describe('adding a product', () => {
  it('records what is already on the shelf as an opening stock movement, in base units', async () => {
    const ctx = await openShop();
    expect(await filled('APL', 'kg', '12,5').submit(ctx)).toBe(true);
    const [product] = (await ctx.pouch.allDocs({ startkey: 'product:', endkey: 'product:\ufff0' }))
      .rows;
    expect(await movements(ctx)).toEqual([
      expect.objectContaining({ productId: product?.id, qty: 12_500, reason: 'initial' }),
    ]);
  });

  it('writes no movement for an empty or zero opening stock', async () => {
    const ctx = await openShop();
    expect(await filled('A', 'piece', '').submit(ctx)).toBe(true);
    expect(await filled('B', 'piece', '0').submit(ctx)).toBe(true);
    expect(await movements(ctx)).toEqual([]);
  });

  it('refuses an opening stock that is not a quantity, and saves nothing', async () => {
    const ctx = await openShop();
    const form = filled('C', 'piece', '2.5');
    expect(await form.submit(ctx)).toBe(false);
    expect(form.errors.openingStock).toMatch(/on the shelf/);
    expect((await ctx.pouch.allDocs()).rows.filter((r) => r.id.startsWith('product:'))).toEqual([]);
  });
});

describe('selling a product on the shop page', () => {
  it('writes the online switch and the allowance in base units, and edits them back', async () => {
    const ctx = await openShop();
    const form = filled('POT', 'kg', '');
    form.online = true;
    form.onlineAllowance = '5.5';
    expect(await form.submit(ctx)).toBe(true);
    const [row] = (
      await ctx.pouch.allDocs({
        startkey: 'product:',
        endkey: 'product:\ufff0',
        include_docs: true,
      })
    ).rows;
    const doc = row?.doc as unknown as Product;
    expect(doc).toMatchObject({ online: true, onlineAllowance: 5500 });

    const edit = new ProductForm(() => 'EUR');
    edit.load(productFieldsOf(doc));
    expect(edit.onlineAllowance).toBe('5.5');
    edit.onlineAllowance = '';
    expect(await edit.submit(ctx, doc._id)).toBe(true);
    expect(await ctx.get(doc._id)).toMatchObject({ online: true, onlineAllowance: null });
  });

  it('takes 0 as an allowance and refuses what is not a quantity of the unit', async () => {
    const ctx = await openShop();
    const zero = filled('EGG', 'piece', '');
    zero.online = true;
    zero.onlineAllowance = '0';
    expect(await zero.submit(ctx)).toBe(true);
    const half = filled('JAM', 'piece', '');
    half.online = true;
    half.onlineAllowance = '1.5';
    expect(await half.submit(ctx)).toBe(false);
    expect(half.errors.onlineAllowance).toMatch(/online orders may hold/);
  });
});
