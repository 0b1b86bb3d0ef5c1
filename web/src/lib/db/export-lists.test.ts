import { amendmentFields, type Product } from '@stallkeeper/shared';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../export/csv.ts';
import { exportOrders, exportProducts, exportStockMovements } from './export-lists.ts';
import { addOrderEvent, checkout } from './orders.ts';
import { moveStock } from './products.ts';
import type { ShopContext } from './shop.ts';
import { addProduct, openTestShop, settle } from './testing.ts';

const TODAY = '2026-12-03';
const settings = { taxRate: 0, taxInclusive: true, currency: 'EUR' };
const line = (p: Product, qty: number) => ({
  productId: p._id,
  code: p.code,
  name: p.name,
  unit: p.unit,
  unitPrice: p.price,
  qty,
});

/** A shop with cream sold by the kg and jars by the piece, and three sales. */
async function shop(): Promise<{ ctx: ShopContext; numbers: string[] }> {
  const ctx = await openTestShop();
  const cream = await addProduct(ctx, {
    code: 'CRM',
    name: 'Crème fraîche',
    unit: 'kg',
    price: 1800,
    cost: 900,
  });
  const jar = await addProduct(ctx, { code: 'JAR', name: 'Jam, "home made"', price: 450 });
  await moveStock(ctx, { productId: cream._id, reason: 'restock', qty: 10_000 });
  await moveStock(ctx, { productId: jar._id, reason: 'restock', qty: 20 });
  await moveStock(ctx, { productId: cream._id, reason: 'damage', qty: -250 });

  // a cash sale of 1.25 kg and two jars
  const cash = await checkout(ctx, {
    lines: [line(cream, 1250), line(jar, 2)],
    settings,
    channel: 'counter',
    method: 'cash',
    tendered: 5000,
    payNow: true,
    customer: null,
    note: '',
  });
  // a pickup on account, amended to 0.5 kg before it is collected, then part paid
  const pickup = await checkout(ctx, {
    lines: [line(jar, 1)],
    settings,
    channel: 'pickup',
    method: 'account',
    tendered: null,
    payNow: false,
    customer: { id: 'customer:01J0000000000000000000000A', name: 'Ana Pereira' },
    note: '',
  });
  await addOrderEvent(ctx, pickup, {
    kind: 'amended',
    ...amendmentFields({
      lines: [line(cream, 500)],
      settings,
      customer: { id: 'customer:01J0000000000000000000000A', name: 'Ana Pereira' },
      address: '',
    }),
  });
  await addOrderEvent(ctx, pickup, {
    kind: 'payment',
    amount: 400,
    method: 'mobile',
    reference: 'MP-1',
  });
  // a sale fully returned with its money back
  const back = await checkout(ctx, {
    lines: [line(jar, 1)],
    settings,
    channel: 'counter',
    method: 'card',
    tendered: null,
    payNow: true,
    customer: null,
    note: '',
  });
  await addOrderEvent(ctx, back, {
    kind: 'returned',
    items: [{ productId: jar._id, qty: 1, restock: true }],
    refund: 450,
    refundMethod: 'card',
  });
  await settle(ctx);
  return { ctx, numbers: [cash.number, pickup.number, back.number] };
}

const parse = async (table: Parameters<typeof toCsv>[0]) =>
  Papa.parse<Record<string, string>>(await toCsv(table), { header: true, skipEmptyLines: true })
    .data;

describe('exporting the lists from the device', () => {
  it('exports the orders after real checkouts, newest first, with names and folded amounts', async () => {
    const { ctx, numbers } = await shop();
    const [cash, pickup, back] = numbers;
    const t = await exportOrders(ctx, {}, 'orders', TODAY);
    expect(t.name).toBe(`orders-${TODAY}`);
    const rows = await parse(t);
    expect(rows.map((r) => r.number)).toEqual([back, pickup, cash]);
    expect(rows[2]).toMatchObject({
      channel: 'counter',
      status: 'completed',
      payment_status: 'paid',
      customer: '',
      seller: 'Test',
      device: 'This device',
      method: 'cash',
      subtotal: '31.50',
      total: '31.50',
      paid: '31.50',
      balance: '0.00',
      currency: 'EUR',
      item_count: '2',
    });
    // the amendment's total holds; the part payment leaves a balance
    expect(rows[1]).toMatchObject({
      status: 'open',
      payment_status: 'partial',
      customer: 'Ana Pereira',
      total: '9.00',
      paid: '4.00',
      balance: '5.00',
    });
    expect(rows[0]).toMatchObject({ payment_status: 'refunded', refunded: '4.50' });
    // no id anywhere in the file
    expect(JSON.stringify(rows)).not.toMatch(/user-1234|dev-test-1|order:/);
  });

  it('exports one row per line that holds now, weighed goods in kg', async () => {
    const { ctx, numbers } = await shop();
    const rows = await parse(await exportOrders(ctx, {}, 'lines', TODAY));
    const pick = (r: Record<string, string>) => [
      r.order_number,
      r.product_code,
      r.product_name,
      r.unit,
      r.quantity,
      r.unit_price,
      r.line_total,
    ];
    expect(rows.map(pick)).toEqual([
      [numbers[2], 'JAR', 'Jam, "home made"', 'piece', '1', '4.50', '4.50'],
      // the pickup's jar was amended away: its 0.5 kg of cream is what holds
      [numbers[1], 'CRM', 'Crème fraîche', 'kg', '0.5', '18.00', '9.00'],
      [numbers[0], 'CRM', 'Crème fraîche', 'kg', '1.25', '18.00', '22.50'],
      [numbers[0], 'JAR', 'Jam, "home made"', 'piece', '2', '4.50', '9.00'],
    ]);
  });

  it('exports the money moves of the orders the filter lets through', async () => {
    const { ctx, numbers } = await shop();
    const all = await parse(await exportOrders(ctx, {}, 'payments', TODAY));
    expect(all.map((r) => [r.order_number, r.kind, r.method, r.amount, r.reference])).toEqual([
      [numbers[2], 'payment', 'card', '4.50', ''],
      [numbers[2], 'refund', 'card', '-4.50', ''],
      [numbers[1], 'payment', 'mobile', '4.00', 'MP-1'],
      [numbers[0], 'payment', 'cash', '31.50', ''],
    ]);
    const one = await parse(await exportOrders(ctx, { search: 'ana' }, 'payments', TODAY));
    expect(one.map((r) => r.order_number)).toEqual([numbers[1]]);
    const open = await exportOrders(ctx, { status: 'open' }, 'orders', TODAY);
    expect(open.rows.map((r) => r[0])).toEqual([numbers[1]]);
  });

  it('exports stock movements signed in the sales unit, and the catalog without cost for a seller', async () => {
    const { ctx } = await shop();
    const moves = await parse(await exportStockMovements(ctx, TODAY));
    expect(moves.map((m) => [m.product_code, m.reason, m.quantity, m.by])).toEqual([
      ['CRM', 'damage', '-0.25', 'Test'],
      ['JAR', 'restock', '20', 'Test'],
      ['CRM', 'restock', '10', 'Test'],
    ]);
    const owner = await parse(await exportProducts(ctx, 'owner', TODAY));
    const seller = await parse(await exportProducts(ctx, 'seller', TODAY));
    // 10 kg in, 0.25 kg damaged, 1.25 kg and 0.5 kg sold
    expect(owner.find((p) => p.code === 'CRM')).toMatchObject({ cost: '9.00', stock: '8' });
    expect(seller.find((p) => p.code === 'CRM')).toMatchObject({ cost: '', stock: '8' });
    expect(owner.find((p) => p.code === 'JAR')).toMatchObject({ stock: '18' });
  });
});
