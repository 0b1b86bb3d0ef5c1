import { DEFAULT_SETTINGS } from '@stallkeeper/shared';
import { orderDoc } from '@stallkeeper/shared/fixtures';
import { describe, expect, it } from 'vitest';
import type { ProductListItem } from '../db/catalogue.ts';
import { SellState } from './sell.svelte.ts';
import { moveStock, setArchived } from '../db/products.ts';
import { addProduct, openTestShop, settle } from '../db/testing.ts';

const actor = { userId: 'user-sell-1', userName: 'Sam', deviceId: 'dev-sell-1' };

const item = (p: Partial<ProductListItem> = {}): ProductListItem => ({
  id: 'product:01JD0000000000000000000001',
  code: 'TOM-1',
  codeLower: 'tom-1',
  name: 'Tomatoes',
  nameLower: 'tomatoes',
  unit: 'piece',
  price: 250,
  cost: null,
  description: '',
  imageUrl: null,
  hasPhoto: 0,
  lowStockThreshold: null,
  active: 1,
  category: '',
  updatedAt: '2026-12-01T10:00:00.000Z',
  onHand: 5,
  ...p,
});

const openShop = () => openTestShop(actor);

describe('the sell screen state', () => {
  it('puts a piece straight in the cart and counts repeated taps on one line', () => {
    const sell = new SellState();
    const p = item();
    sell.pick(p);
    sell.pick(p);
    expect(sell.cart.lines).toHaveLength(1);
    expect(sell.cart.lines[0]).toMatchObject({ productId: p.id, qty: 2, unitPrice: 250 });
    expect(sell.weighing).toBeNull();
    expect(sell.cart.totals(DEFAULT_SETTINGS).total).toBe(500);
  });

  it('asks how much of a weighed product, then adds what was weighed', () => {
    const sell = new SellState();
    const cheese = item({ id: 'product:01JD0000000000000000000002', unit: 'kg', price: 1200 });
    sell.pick(cheese);
    expect(sell.weighing).toBe(cheese);
    expect(sell.cart.lines).toHaveLength(0);
    sell.addWeighed(1500);
    expect(sell.weighing).toBeNull();
    expect(sell.cart.lines[0]).toMatchObject({ qty: 1500, unit: 'kg' });
    expect(sell.cart.totals(DEFAULT_SETTINGS).total).toBe(1800);
    // Nothing is being weighed: a stray confirmation adds nothing.
    sell.addWeighed(100);
    expect(sell.cart.lines).toHaveLength(1);
  });

  it('says when the cart holds more than the stock here, but sells anyway', () => {
    const sell = new SellState();
    const last = item({ onHand: 1 });
    sell.pick(last);
    expect(sell.notice).toBeNull();
    sell.pick(last);
    expect(sell.notice).toBe('Only 1 of Tomatoes in stock here — selling anyway.');
    expect(sell.cart.lines[0]?.qty).toBe(2);
    // Before the first full sync the figures are incomplete: no warning from them.
    const fresh = new SellState();
    fresh.stockKnown = false;
    fresh.pick(item({ onHand: 0 }));
    expect(fresh.notice).toBeNull();
  });

  it('adds an exactly typed code and keeps anything else as a search', async () => {
    const ctx = await openShop();
    const p = await addProduct(ctx, { code: 'TOM-1', name: 'Tomatoes', price: 250 });
    const old = await addProduct(ctx, { code: 'OLD-1', name: 'Old stock' });
    await moveStock(ctx, { productId: p._id, reason: 'restock', qty: 1 });
    await setArchived(ctx, old._id, true);
    await settle(ctx);
    const sell = new SellState();
    sell.search = ' tom-1 ';
    expect(await sell.enterCode(ctx, ' tom-1 ')).toBe(true);
    expect(sell.cart.lines[0]).toMatchObject({ productId: p._id, qty: 1 });
    expect(sell.search).toBe('');
    expect(sell.notice).toBeNull();
    expect(await sell.enterCode(ctx, 'TOM')).toBe(false);
    expect(sell.search).toBe('TOM');
    expect(sell.cart.lines[0]?.qty).toBe(1);
    // its stock comes with it: one on hand, a second one is more than that
    expect(await sell.enterCode(ctx, 'TOM-1')).toBe(true);
    expect(sell.notice).toMatch(/Only 1 of Tomatoes/);
    // an archived product is not for sale
    expect(await sell.enterCode(ctx, 'old-1')).toBe(false);
    expect(sell.search).toBe('old-1');
    await ctx.close();
  });

  it('adds what was tapped on the stored copy of the screen once the stored cart is in', async () => {
    const ctx = await openShop();
    const before = new SellState();
    await before.cart.load(ctx);
    before.pick(item());
    await before.cart.flush();

    const sell = new SellState();
    const leeks = item({ id: 'product:01JD0000000000000000000003', name: 'Leeks', price: 200 });
    const tapped = sell.addTapped([leeks.id, 'product:gone', leeks.id], [item(), leeks]);
    await sell.cart.load(ctx);
    await tapped;
    // the stored line stays; the tapped one comes twice, in one line; a vanished one is skipped
    expect(sell.cart.lines.map((l) => [l.name, l.qty])).toEqual([
      ['Tomatoes', 1],
      ['Leeks', 2],
    ]);
    await sell.cart.flush();
    await ctx.close();
  });

  it('shows the receipt after a sale, and "New sale" clears it for the next customer', () => {
    const sell = new SellState();
    sell.notice = 'Only 0 of Tomatoes in stock here — selling anyway.';
    const order = orderDoc();
    sell.done(order);
    expect(sell.receipt).toBe(order);
    expect(sell.receiptOpen).toBe(true);
    expect(sell.notice).toBeNull();
    expect(sell.plain).toBe(false);
    sell.startNew();
    expect(sell.plain).toBe(true);
    expect(sell.receiptOpen).toBe(false);
    expect(sell.receipt).toBeNull();
  });
});
