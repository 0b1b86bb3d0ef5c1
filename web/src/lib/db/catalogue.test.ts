import { productDoc } from '@stallkeeper/shared/fixtures';
import { describe, expect, it } from 'vitest';
import { liveCatalogue, liveFirstProducts, liveStockLevels, searchCatalogue } from './catalogue.ts';
import { productRow } from './projection.ts';
import { moveStock, setArchived } from './products.ts';
import { addProduct, firstValue, openTestShop, settle } from './testing.ts';

describe("the sell screen's catalogue", () => {
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

    // the whole catalogue, which replaces them, begins with the same tiles
    const all = await firstValue(liveCatalogue(ctx));
    expect(all.map((p) => p.name)).toEqual(['apples', 'Bananas', 'Cherries', 'Elderflower']);
    const levels = await firstValue(liveStockLevels(ctx));
    expect(all.slice(0, 3).map((p) => ({ ...p, onHand: levels.get(p.id) ?? 0 }))).toEqual(first);
  });

  it('are still the first active ones when archived products come first by name', async () => {
    const ctx = await openTestShop();
    const archived = Array.from({ length: 10 }, (_, i) =>
      productRow(productDoc({ code: `OLD${i}`, name: `Aa old ${i}`, active: false })),
    );
    const active = ['Beans', 'Cabbage', 'Dill', 'Endive'].map((name, i) =>
      productRow(productDoc({ code: `NEW${i}`, name })),
    );
    await ctx.local.products.bulkPut([...active, ...archived]);

    const first = await firstValue(liveFirstProducts(ctx, 3));
    expect(first.map((p) => p.name)).toEqual(['Beans', 'Cabbage', 'Dill']);
  });

  it('the whole catalogue is not read again after a sale, only the stock', async () => {
    const ctx = await openTestShop();
    const p = await addProduct(ctx, { code: 'FIG', name: 'Figs' });
    await settle(ctx);
    const catalogues: unknown[] = [];
    const stocks: Map<string, number>[] = [];
    const a = liveCatalogue(ctx).subscribe((v) => catalogues.push(v));
    const b = liveStockLevels(ctx).subscribe((v) => stocks.push(v));
    await settle(ctx);
    await moveStock(ctx, { productId: p._id, reason: 'restock', qty: 3 });
    await settle(ctx);
    await new Promise((r) => setTimeout(r, 100));
    a.unsubscribe();
    b.unsubscribe();
    expect(catalogues).toHaveLength(1);
    expect(stocks.at(-1)?.get(p._id)).toBe(3);
  });
});

describe('searching the catalogue', () => {
  // a product as the read model holds it
  const row = (code: string, name: string) => productRow(productDoc({ code, name }));
  const all = [
    row('APL', 'Apples'),
    row('APR', 'Apricots'),
    row('BAN', 'Bananas'),
    row('PAP', 'Papaya'),
    row('GRP', 'Grapes'),
  ];

  it('shows the first matches in order and counts them all', () => {
    expect(searchCatalogue(all, 'ap', 2)).toEqual({ shown: [all[0], all[1]], total: 4 });
    expect(searchCatalogue(all, 'ban', 2)).toEqual({ shown: [all[2]], total: 1 });
    expect(searchCatalogue(all, 'kiwi', 2)).toEqual({ shown: [], total: 0 });
    expect(searchCatalogue(all, '', 3)).toEqual({ shown: all.slice(0, 3), total: 5 });
  });

  it('matches names anywhere and codes from their start', () => {
    expect(searchCatalogue(all, 'grp', 5).shown).toEqual([all[4]]);
    expect(searchCatalogue(all, 'rp', 5).shown).toEqual([]);
    expect(searchCatalogue(all, 'pes', 5).shown).toEqual([all[4]]);
  });
});
