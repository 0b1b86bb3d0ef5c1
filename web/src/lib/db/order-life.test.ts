import { amendmentFields, DEFAULT_SETTINGS, type Order, type Product } from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import { liveDeliveries } from './deliveries.ts';
import { createInvoice, liveInvoices, liveStatement } from './invoices.ts';
import { addOrderEvent, checkout, liveOrder } from './orders.ts';
import { moveStock } from './products.ts';
import { liveSettings, saveSettings } from './settings.ts';
import type { ShopContext } from './shop.ts';
import { addProduct, cashSale, firstValue, openTestShop, settle } from './testing.ts';

const settings = { taxRate: 0, taxInclusive: true, currency: 'EUR' };
const line = (p: Product, qty: number) => ({
  productId: p._id,
  code: p.code,
  name: p.name,
  unit: p.unit,
  unitPrice: p.price,
  qty,
});

async function stocked(ctx: ShopContext, code: string, qty: number): Promise<Product> {
  const p = await addProduct(ctx, { code, name: `Product ${code}` });
  await moveStock(ctx, { productId: p._id, reason: 'restock', qty });
  return p;
}

const onHand = async (ctx: ShopContext, p: Product) =>
  (await ctx.local.stock.get(p._id))?.onHand ?? 0;

function order(ctx: ShopContext, lines: ReturnType<typeof line>[], channel: Order['channel']) {
  return checkout(ctx, {
    lines,
    settings,
    channel,
    method: 'account',
    tendered: null,
    payNow: false,
    customer: { id: 'customer:01J0000000000000000000000A', name: 'Ana' },
    note: '',
  });
}

async function detailOf(ctx: ShopContext, id: string) {
  const d = await firstValue(liveOrder(ctx, id));
  if (!d) throw new Error('no order');
  return d;
}

describe('an order after the sale, on the device', () => {
  it('moves stock with an amendment until the order is handed over', async () => {
    const ctx = await openTestShop();
    const a = await stocked(ctx, 'AAA', 10);
    const b = await stocked(ctx, 'BBB', 5);
    const o = await order(ctx, [line(a, 2)], 'pickup');
    await settle(ctx);
    expect([await onHand(ctx, a), await onHand(ctx, b)]).toEqual([8, 5]);

    await addOrderEvent(ctx, o, {
      kind: 'amended',
      ...amendmentFields({
        lines: [line(b, 3)],
        settings,
        customer: { id: 'customer:01J0000000000000000000000B', name: 'Bea' },
        address: '',
      }),
    });
    await settle(ctx);
    expect([await onHand(ctx, a), await onHand(ctx, b)]).toEqual([10, 2]);
    const row = await ctx.local.orders.get(o._id);
    expect(row).toMatchObject({ total: 300, itemCount: 1, customerName: 'Bea' });
    const d = await detailOf(ctx, o._id);
    expect(d.state.amendments).toHaveLength(1);
    expect(d.state.lines.map((l) => l.productId)).toEqual([b._id]);

    // collected: a later amendment no longer counts
    await addOrderEvent(ctx, o, { kind: 'delivered' });
    await addOrderEvent(ctx, o, {
      kind: 'amended',
      ...amendmentFields({ lines: [line(a, 9)], settings, customer: null, address: '' }),
    });
    await settle(ctx);
    expect([await onHand(ctx, a), await onHand(ctx, b)]).toEqual([10, 2]);
    await ctx.close();
  });

  it('puts restocked returns back on the shelf and leaves written-off ones out', async () => {
    const ctx = await openTestShop();
    const a = await stocked(ctx, 'RRR', 10);
    const sale = await cashSale(ctx, a, 4);
    await settle(ctx);
    expect(await onHand(ctx, a)).toBe(6);
    await addOrderEvent(ctx, sale, {
      kind: 'returned',
      items: [{ productId: a._id, qty: 1, restock: true }],
      refund: 100,
      refundMethod: 'cash',
    });
    await settle(ctx);
    expect(await onHand(ctx, a)).toBe(7);
    await addOrderEvent(ctx, sale, {
      kind: 'returned',
      items: [{ productId: a._id, qty: 2, restock: false }],
      refund: 200,
      refundMethod: 'cash',
    });
    await settle(ctx);
    expect(await onHand(ctx, a)).toBe(7);
    const d = await detailOf(ctx, sale._id);
    expect(d.state).toMatchObject({ refunded: 300, paymentStatus: 'partial' });
    await ctx.close();
  });

  it('issues an invoice from the series and derives its standing from the payments', async () => {
    const ctx = await openTestShop();
    const a = await stocked(ctx, 'INV', 10);
    const o = await order(ctx, [line(a, 5)], 'counter');
    await settle(ctx);
    const s = { ...DEFAULT_SETTINGS, invoiceTermsDays: 10, shopName: 'Olga’s' };
    const inv = await createInvoice(
      ctx,
      await detailOf(ctx, o._id),
      s,
      'Market St 1',
      '2026-03-01',
    );
    expect(inv).toMatchObject({ issuedOn: '2026-03-01', dueOn: '2026-03-11', total: 500 });
    expect(inv.number).toMatch(/^I[A-Z0-9]+-0001$/);
    await settle(ctx);

    const at = (today: string, filter: 'all' | 'overdue' | 'partial' = 'all') =>
      firstValue(liveInvoices(ctx, { filter, today }));
    expect((await at('2026-03-05'))[0]?.standing).toMatchObject({ status: 'unpaid', balance: 500 });
    await addOrderEvent(ctx, o, {
      kind: 'payment',
      amount: 200,
      method: 'mobile',
      reference: 'MP123',
    });
    await settle(ctx);
    expect((await at('2026-03-05', 'partial')).map((r) => r.row.number)).toEqual([inv.number]);
    expect(await at('2026-03-11', 'overdue')).toEqual([]);
    expect((await at('2026-03-12', 'overdue'))[0]?.standing).toMatchObject({
      balance: 300,
      daysOverdue: 1,
      bucket: '1-30',
    });
    const st = await firstValue(
      liveStatement(ctx, 'customer:01J0000000000000000000000A', 14, '2026-04-20'),
    );
    expect(st.owed).toBe(300);
    expect(st.lines.map((l) => l.invoiceNumber)).toEqual([inv.number]);
    await ctx.close();
  });

  it('lists open deliveries by plan until they are delivered', async () => {
    const ctx = await openTestShop();
    const a = await stocked(ctx, 'DEL', 10);
    const o = await order(ctx, [line(a, 1)], 'delivery');
    await settle(ctx);
    let rows = await firstValue(liveDeliveries(ctx));
    expect(rows.map((r) => [r.row.number, r.plan])).toEqual([[o.number, null]]);
    await addOrderEvent(ctx, o, {
      kind: 'delivery_scheduled',
      scheduledFor: '2026-12-03T09:00:00.000Z',
      windowEnd: '2026-12-03T11:00:00.000Z',
      address: 'Market St 1',
      phone: '+49 170 000',
    });
    await settle(ctx);
    rows = await firstValue(liveDeliveries(ctx));
    expect(rows[0]?.plan).toMatchObject({ address: 'Market St 1', phone: '+49 170 000' });
    await addOrderEvent(ctx, o, { kind: 'dispatched' });
    await addOrderEvent(ctx, o, { kind: 'delivered', receivedBy: 'Ana' });
    await settle(ctx);
    expect(await firstValue(liveDeliveries(ctx))).toEqual([]);
    await ctx.close();
  });

  it('changes the currency on a fresh shop, and refuses it once there are sales', async () => {
    const ctx = await openTestShop();
    const s = await firstValue(liveSettings(ctx));
    await saveSettings(ctx, { ...s, currency: 'KES', taxRate: 1600, taxInclusive: false });
    await settle(ctx);
    expect(await firstValue(liveSettings(ctx))).toMatchObject({ currency: 'KES', taxRate: 1600 });
    const a = await stocked(ctx, 'CUR', 3);
    await cashSale(ctx, a, 1);
    await settle(ctx);
    const now = await firstValue(liveSettings(ctx));
    await expect(saveSettings(ctx, { ...now, currency: 'EUR' })).rejects.toThrow(/cannot change/);
    // everything else may still change
    await saveSettings(ctx, { ...now, receiptFooter: 'Thank you!' });
    await settle(ctx);
    expect(await firstValue(liveSettings(ctx))).toMatchObject({
      currency: 'KES',
      receiptFooter: 'Thank you!',
    });
    await ctx.close();
  });
});
