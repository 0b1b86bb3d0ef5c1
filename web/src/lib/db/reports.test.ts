import type { Product, Report } from '@stallkeeper/shared';
import { describe, expect, it, vi } from 'vitest';
import { addOrderEvent, checkout } from './orders.ts';
import { moveStock } from './products.ts';
import {
  devicePeriod,
  deviceLocalTime,
  liveReport,
  liveShopWide,
  loadReport,
  warmPeriods,
} from './reports.ts';
import type { ShopContext } from './shop.ts';
import { addProduct, cashSale, firstValue, openTestShop, settle } from './testing.ts';

async function stocked(ctx: ShopContext, code: string, qty: number, price = 100) {
  const p = await addProduct(ctx, { code, name: `Product ${code}`, price, cost: 40 });
  await moveStock(ctx, { productId: p._id, reason: 'restock', qty });
  return p;
}

function onAccount(ctx: ShopContext, p: Product, qty: number) {
  return checkout(ctx, {
    lines: [
      { productId: p._id, code: p.code, name: p.name, unit: p.unit, unitPrice: p.price, qty },
    ],
    settings: { taxRate: 0, taxInclusive: true, currency: 'EUR' },
    channel: 'counter',
    method: 'account',
    tendered: null,
    payNow: false,
    customer: { id: 'customer:01J0000000000000000000000A', name: 'Ana' },
    note: '',
  });
}

describe('the report on the device', () => {
  it('shows a sale, a return and a later payment written through the app', async () => {
    const ctx = await openTestShop();
    const a = await stocked(ctx, 'AAA', 10, 250);
    const sale = await cashSale(ctx, a, 4);
    const credit = await onAccount(ctx, a, 2);
    await addOrderEvent(ctx, sale, {
      kind: 'returned',
      items: [{ productId: a._id, qty: 1, restock: true }],
      refund: 250,
      refundMethod: 'cash',
      reason: 'Bruised',
    });
    await addOrderEvent(ctx, credit, { kind: 'payment', amount: 200, method: 'mobile' });
    await settle(ctx);

    const r = await loadReport(ctx, devicePeriod('today'), null);
    expect(r.sales.summary).toEqual({
      revenue: 1500,
      orders: 2,
      averageBasket: 750,
      tax: 0,
      refunds: 250,
      net: 1250,
    });
    expect(r.sales.byMethod).toEqual([
      { method: 'cash', received: 1000, refunded: 250 },
      { method: 'card', received: 0, refunded: 0 },
      { method: 'mobile', received: 200, refunded: 0 },
      { method: 'account', received: 0, refunded: 0 },
    ]);
    // 6 sold, 1 back: 5 × 2.50, at cost 0.40 each
    expect(r.sales.byProduct).toMatchObject([
      { productId: a._id, qty: 5, revenue: 1250, cost: 200, margin: 1050 },
    ]);
    expect(r.sales.byDay.find((d) => d.day === deviceLocalTime().dayOf(sale.createdAt))).toEqual({
      day: deviceLocalTime().dayOf(sale.createdAt),
      revenue: 1500,
      orders: 2,
    });
    expect(r.orders.returns).toMatchObject([
      { orderId: sale._id, number: sale.number, reason: 'Bruised', refund: 250, items: 1 },
    ]);
    // 5 left is at the shop's default threshold (5)
    expect(r.stock.products).toMatchObject([{ productId: a._id, onHand: 5, badge: 'low' }]);
    expect(r.stock.movements).toEqual(
      expect.arrayContaining([
        { kind: 'restock', qty: 10, products: 1 },
        { kind: 'sale', qty: -6, products: 1 },
        { kind: 'return', qty: 1, products: 1 },
      ]),
    );
    // no invoices yet: what Ana owes on account
    expect(r.owed).toMatchObject({
      source: 'sales',
      total: 300,
      customers: [{ name: 'Ana', balance: 300, invoices: 0, orders: 1 }],
    });

    // a seller's own report: another seller's sales and the money owed are not in it
    const theirs = await loadReport(ctx, devicePeriod('today'), 'someone-else');
    expect(theirs.sales.summary.orders).toBe(0);
    expect(theirs.owed).toMatchObject({ source: 'hidden', total: 0 });
    await ctx.close();
  });

  it('follows new sales live, the period first and then the rest', async () => {
    const ctx = await openTestShop();
    const a = await stocked(ctx, 'LIV', 10);
    await settle(ctx);
    const period = devicePeriod('week');
    const seen: { orders: number; pending: string[] }[] = [];
    const sub = liveReport(ctx, period, null).subscribe((r) =>
      seen.push({ orders: r.sales.summary.orders, pending: r.pending ?? [] }),
    );
    await settle(ctx);
    // no invoices yet: money owed (from sales) follows with the previous period
    expect(seen.slice(0, 3)).toEqual([
      { orders: 0, pending: ['previous', 'owed'] },
      { orders: 0, pending: ['owed'] },
      { orders: 0, pending: [] },
    ]);
    await cashSale(ctx, a, 1);
    await settle(ctx);
    await new Promise((r) => setTimeout(r, 50));
    sub.unsubscribe();
    expect(seen.at(-1)).toEqual({ orders: 1, pending: [] });
    const once = await firstValue(liveReport(ctx, period, 'someone-else'));
    // a seller's report owes nothing to wait for but the previous period
    expect(once.pending).toEqual(['previous']);
    expect(once.sales.byDay).toHaveLength(7);
    await ctx.close();
  });

  it('shares the shop-wide reads between periods, and keeps them current', async () => {
    const ctx = await openTestShop();
    const a = await stocked(ctx, 'SHR', 10);
    await cashSale(ctx, a, 2);
    await settle(ctx);
    const shopWide = liveShopWide(ctx, null);
    try {
      // each period's live report over the shared reads is the report read in full
      for (const kind of ['today', 'week', 'last30'] as const) {
        const period = devicePeriod(kind);
        const live = await firstValue(liveReport(ctx, period, null, shopWide));
        const full = await loadReport(ctx, period, null);
        expect(live.sales.summary).toEqual(full.sales.summary);
        expect(live.stock.products).toEqual(full.stock.products);
      }
      // a restock after the shared reads began is in the next period's report
      await moveStock(ctx, { productId: a._id, reason: 'restock', qty: 5 });
      await settle(ctx);
      await new Promise((r) => setTimeout(r, 50));
      const after = await firstValue(liveReport(ctx, devicePeriod('month'), null, shopWide));
      expect(after.stock.products).toMatchObject([{ productId: a._id, onHand: 13 }]);
    } finally {
      shopWide.close();
      await ctx.close();
    }
  });

  it("compares with the previous period's sales and refunds, live and read in full", async () => {
    const ctx = await openTestShop();
    const a = await stocked(ctx, 'PRV', 20, 300);
    // a sale and its partial return, both the week before last
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() - 8 * 86_400_000);
      const old = await cashSale(ctx, a, 3);
      await addOrderEvent(ctx, old, {
        kind: 'returned',
        items: [{ productId: a._id, qty: 1, restock: true }],
        refund: 300,
        refundMethod: 'cash',
        reason: 'Split',
      });
    } finally {
      vi.useRealTimers();
    }
    await settle(ctx);
    // the last 7 days (today and the six before) against the 7 before them
    const period = devicePeriod('custom', {
      from: deviceLocalTime().dayOf(new Date(Date.now() - 6 * 86_400_000).toISOString()),
      to: deviceLocalTime().dayOf(new Date().toISOString()),
    });
    const full = await loadReport(ctx, period, null);
    expect(full.sales.previous).toMatchObject({ revenue: 900, orders: 1, refunds: 300 });
    expect(full.sales.summary.orders).toBe(0);
    const seen: Report[] = [];
    const sub = liveReport(ctx, period, null).subscribe((r) => seen.push(r));
    await settle(ctx);
    await new Promise((r) => setTimeout(r, 50));
    sub.unsubscribe();
    expect(seen.at(-1)?.pending ?? []).toEqual([]);
    expect(seen.at(-1)?.sales.previous).toEqual(full.sales.previous);
    await ctx.close();
  });
});

describe('warming the other periods', () => {
  it('reads what the picker could show next without changing any report', async () => {
    const ctx = await openTestShop();
    const a = await stocked(ctx, 'AAA', 10, 250);
    await cashSale(ctx, a, 3);
    await settle(ctx);
    const before = await loadReport(ctx, devicePeriod('last30'), null);
    const reads = vi.spyOn(ctx.local.reportDays, 'where');
    await warmPeriods(ctx, null);
    expect(reads).toHaveBeenCalled();
    const after = await loadReport(ctx, devicePeriod('last30'), null);
    expect(after.sales.summary).toEqual(before.sales.summary);
    expect(after.sales.summary.revenue).toBe(750);
  });
});
