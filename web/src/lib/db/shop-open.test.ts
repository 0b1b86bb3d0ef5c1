import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TEST_ACTOR } from './testing.ts';

// Each test gets its own copy of the modules: whether the first screen is up is
// module state (first-screen.ts).
beforeEach(() => vi.resetModules());

async function modules() {
  const [{ ShopContext }, { firstScreenShown }, testing] = await Promise.all([
    import('./shop.ts'),
    import('../first-screen.ts'),
    import('./testing.ts'),
  ]);
  return { ShopContext, firstScreenShown, ...testing };
}

let n = 0;
const freshShop = () => `open${++n}${Date.now().toString(36)}`;

describe('opening a shop on a device', () => {
  it('needs only the read models: the replica opens when something uses it', async () => {
    const { ShopContext } = await modules();
    const ctx = await ShopContext.open(freshShop(), TEST_ACTOR);
    expect(() => ctx.pouch).toThrow(/not open/);

    expect(await ctx.get('product:none')).toBeNull();
    expect((await ctx.replica()).name).toBe(`stallkeeper_shop_${ctx.shopId}`);
    expect(ctx.pouch).toBe(await ctx.replica());
    await ctx.close();
  });

  it('a write before the first screen is kept, and reaches the read models once it is up', async () => {
    const { ShopContext, firstScreenShown, addProduct, settle } = await modules();
    const ctx = await ShopContext.open(freshShop(), TEST_ACTOR);
    const plums = await addProduct(ctx, { code: 'PLM', name: 'Plums' });
    await expect((await ctx.replica()).get(plums._id)).resolves.toMatchObject({ name: 'Plums' });
    await settle(ctx);
    expect(await ctx.local.products.get(plums._id)).toBeUndefined();

    firstScreenShown();
    await vi.waitFor(async () => {
      await settle(ctx);
      expect(await ctx.local.products.get(plums._id)).toMatchObject({ name: 'Plums' });
    });
    await ctx.close();
  });

  it('a device that has not synced yet follows its replica at once when asked', async () => {
    const { ShopContext, addProduct, settle } = await modules();
    const ctx = await ShopContext.open(freshShop(), TEST_ACTOR);
    ctx.follow();
    const figs = await addProduct(ctx, { code: 'FIG', name: 'Figs' });
    await vi.waitFor(async () => {
      await settle(ctx);
      expect(await ctx.local.products.get(figs._id)).toMatchObject({ name: 'Figs' });
    });
    await ctx.close();
  });

  it('closes cleanly before its replica ever opened', async () => {
    const { ShopContext, firstScreenShown } = await modules();
    const ctx = await ShopContext.open(freshShop(), TEST_ACTOR);
    await ctx.close();
    firstScreenShown();
    await new Promise((r) => setTimeout(r, 50));
    expect(() => ctx.pouch).toThrow(/not open/);
    // a photo asked for late gets none, rather than a replica no one closes
    await expect(ctx.replica()).rejects.toThrow(/closed/);
  });
});
