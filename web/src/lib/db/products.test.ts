import { describe, expect, it } from 'vitest';
import { liveFirstProducts, liveProducts, moveStock, setArchived } from './products.ts';
import { addProduct, firstValue, openTestShop, settle } from './testing.ts';

describe('the sell screen first tiles', () => {
  it('are the first active products by name, with their stock, as the whole list begins', async () => {
    const ctx = await openTestShop();
    const made = [];
    for (const [code, name] of [
      ['CHE', 'Cherries'],
      ['APL', 'apples'],
      ['BAN', 'Bananas'],
      ['AAA', 'Aardvark plush'],
      ['ELD', 'Elderflower'],
    ] as const) {
      made.push(await addProduct(ctx, { code, name }));
    }
    const [cherries, , bananas, plush] = made;
    await moveStock(ctx, { productId: bananas!._id, reason: 'restock', qty: 7 });
    await setArchived(ctx, plush!._id, true);
    await settle(ctx);

    const first = await firstValue(liveFirstProducts(ctx, 3));
    expect(first.map((p) => p.name)).toEqual(['apples', 'Bananas', 'Cherries']);
    expect(first.map((p) => p.onHand)).toEqual([0, 7, 0]);
    expect(first[2]!.id).toBe(cherries!._id);

    const all = await firstValue(liveProducts(ctx, ''));
    expect(all.slice(0, 3)).toEqual(first);
    expect(all).toHaveLength(4);
  });
});
