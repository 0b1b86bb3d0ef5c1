import { mergeFields, PRODUCT_MERGE_FIELDS, type Product } from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import { liveCategoryCounts, renameCategory } from './categories.ts';
import { updateProduct } from './products.ts';
import { addProduct, firstValue, openTestShop, settle } from './testing.ts';

describe('categories', () => {
  it('counts products per category and renames or removes one on every product', async () => {
    const ctx = await openTestShop();
    const plums = await addProduct(ctx, { code: 'PLM', name: 'Plums', category: 'Fruit' });
    await addProduct(ctx, { code: 'PER', name: 'Pears', category: 'Fruit' });
    await addProduct(ctx, { code: 'LEK', name: 'Leeks', category: 'Vegetables' });
    await addProduct(ctx, { code: 'JAM', name: 'Jam', category: '' });
    await settle(ctx);
    expect(await firstValue(liveCategoryCounts(ctx))).toEqual([
      { name: 'Fruit', products: 2 },
      { name: 'Vegetables', products: 1 },
    ]);

    expect(await renameCategory(ctx, 'Fruit', '  Fresh fruit ')).toBe(2);
    await settle(ctx);
    expect(await firstValue(liveCategoryCounts(ctx))).toEqual([
      { name: 'Fresh fruit', products: 2 },
      { name: 'Vegetables', products: 1 },
    ]);
    const doc = await ctx.get<Product>(plums._id);
    expect(doc?.category).toBe('Fresh fruit');
    // the rename is an edit the merge keeps over the product's older version
    const { merged } = mergeFields([plums, doc as Product], [...PRODUCT_MERGE_FIELDS]);
    expect(merged.category).toBe('Fresh fruit');

    expect(await renameCategory(ctx, 'Vegetables', '')).toBe(1);
    await settle(ctx);
    expect(await firstValue(liveCategoryCounts(ctx))).toEqual([
      { name: 'Fresh fruit', products: 2 },
    ]);
    const log = await ctx.local.audit.where('action').equals('category.rename').toArray();
    expect(log.map((e) => e.summary).sort()).toEqual([
      'Removed category Vegetables from its products (1 product)',
      'Renamed category Fruit to Fresh fruit (2 products)',
    ]);
    await ctx.close();
  });

  it('keeps a product edited after the rename in its new category', async () => {
    const ctx = await openTestShop();
    const p = await addProduct(ctx, { code: 'FIG', name: 'Figs', category: 'Fruit' });
    await settle(ctx);
    await renameCategory(ctx, 'Fruit', 'Stone fruit');
    const doc = await ctx.get<Product>(p._id);
    await updateProduct(ctx, p._id, {
      code: 'FIG',
      name: 'Black figs',
      unit: 'piece',
      price: 100,
      cost: null,
      description: '',
      imageUrl: null,
      lowStockThreshold: null,
      active: true,
      category: doc?.category ?? '',
      online: false,
      onlineAllowance: null,
    });
    expect((await ctx.get<Product>(p._id))?.category).toBe('Stone fruit');
    await ctx.close();
  });

  it('refuses a category name over one line', async () => {
    const ctx = await openTestShop();
    await addProduct(ctx, { category: 'Fruit' });
    await expect(renameCategory(ctx, 'Fruit', 'Two\nlines')).rejects.toThrow(/one line/);
    await ctx.close();
  });
});
