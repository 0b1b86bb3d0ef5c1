import {
  autoMap,
  customersTable,
  planCustomers,
  planProducts,
  productsTable,
  type CustomerFields,
} from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../export/csv.ts';
import { readCsv } from '../import/csv-read.ts';
import { createCustomer } from './customers.ts';
import { importCustomers, importProducts } from './import.ts';
import { existingCustomers, existingProducts } from './import-lookup.ts';
import { moveStock, setArchived } from './products.ts';
import type { ShopContext } from './shop.ts';
import { addProduct, cashSale, openTestShop, settle } from './testing.ts';

/** The catalog as the read model holds it, by code, with stock on hand. */
async function catalogOf(ctx: ShopContext) {
  await ctx.projector.idle();
  const [products, stock] = await Promise.all([
    ctx.local.products.toArray(),
    ctx.local.stock.toArray(),
  ]);
  const onHand = new Map(stock.map((s) => [s.productId, s.onHand]));
  return Object.fromEntries(
    products.map(({ id, updatedAt: _u, hasPhoto: _h, ...fields }) => [
      fields.code,
      { ...fields, onHand: onHand.get(id) ?? 0 },
    ]),
  );
}

async function customersOf(ctx: ShopContext): Promise<CustomerFields[]> {
  await ctx.projector.idle();
  const rows = await ctx.local.customers.orderBy('nameLower').toArray();
  return rows.map((r) => ({
    name: r.name,
    phone: r.phone,
    email: r.email,
    address: r.address,
    location: r.location,
    notes: r.notes,
  }));
}

async function auditEntries(ctx: ShopContext) {
  const res = await ctx.pouch.allDocs({
    startkey: 'audit:',
    endkey: 'audit:\ufff0',
    include_docs: true,
  });
  return res.rows.map((r) => r.doc as unknown as { action: string; summary: string });
}

describe('CSV round trip', () => {
  it('exports a catalog and its customers, and an empty shop imports the same ones', async () => {
    const a = await openTestShop();
    const plums = await addProduct(a, { code: 'PLM', category: 'Fruit', cost: 40 });
    await moveStock(a, { productId: plums._id, reason: 'initial', qty: 10 });
    await cashSale(a, plums, 3);
    const cheese = await addProduct(a, {
      code: 'CHZ-1',
      name: 'Cheese, "aged"',
      unit: 'kg',
      price: 1899,
      cost: 1200,
      description: 'Hard cheese\nfrom the hills',
      lowStockThreshold: 1500,
      category: 'Dairy',
    });
    await moveStock(a, { productId: cheese._id, reason: 'initial', qty: 2750 });
    const bags = await addProduct(a, { code: 'BAG', name: 'Paper bag', price: 5 });
    await setArchived(a, bags._id, true);
    await createCustomer(a, {
      name: 'Ana Pereira',
      phone: '+351 912 345 678',
      email: 'ana@example.com',
      address: 'Rua das Flores 12\n4050 Porto',
      location: 'Bolhão market',
      notes: 'Likes figs, pays on Fridays',
    });
    await createCustomer(a, {
      name: 'Bo',
      phone: '',
      email: '',
      address: '',
      location: '',
      notes: '',
    });

    const before = await catalogOf(a);
    expect(before['PLM']?.onHand).toBe(7);
    const stock = new Map((await a.local.stock.toArray()).map((s) => [s.productId, s.onHand]));
    const productsCsv = await toCsv(productsTable(await a.local.products.toArray(), stock, 'EUR'), {
      bom: true,
    });
    const customersCsv = await toCsv(customersTable(await a.local.customers.toArray()));

    const b = await openTestShop();
    const table = await readCsv(productsCsv);
    const { preset, mapping } = autoMap('products', table.headers);
    expect(preset?.id).toBe('stallkeeper');
    const plan = planProducts(table, mapping, {
      currency: 'EUR',
      existing: await existingProducts(b),
      duplicates: 'update',
    });
    expect(plan.counts).toEqual({ new: 3, update: 0, same: 0, skip: 0, error: 0 });
    const done = await importProducts(b, plan, 'products.csv');
    expect(done).toEqual({ added: 3, updated: 0, failed: [] });
    expect(await catalogOf(b)).toEqual(before);

    const people = await readCsv(customersCsv);
    const cplan = planCustomers(people, autoMap('customers', people.headers).mapping, {
      existing: await existingCustomers(b),
      duplicates: 'update',
    });
    expect(await importCustomers(b, cplan, 'customers.csv')).toMatchObject({ added: 2 });
    expect(await customersOf(b)).toEqual(await customersOf(a));

    // one activity entry per import, none per row
    const log = await auditEntries(b);
    expect(log.map((e) => e.summary).sort()).toEqual([
      'Imported 2 customers from customers.csv (2 new)',
      'Imported 3 products from products.csv (3 new)',
    ]);
    // what waits for the server: the products, the two opening stocks, the customers, the log
    expect(await b.local.outbox.count()).toBe(3 + 2 + 2 + 2);
  });

  it('updates matches in place with stamps for the changed fields only, and adds no stock to them', async () => {
    const b = await openTestShop();
    const plums = await addProduct(b, { code: 'PLM', price: 100 });
    await settle(b);
    const table = await readCsv(
      'SKU,Item Name,Price,Current Quantity Shop\r\nplm,,1.50,99\r\nNEW,Figs,2,5\r\n',
    );
    const plan = planProducts(table, autoMap('products', table.headers).mapping, {
      currency: 'EUR',
      existing: await existingProducts(b),
      duplicates: 'update',
    });
    expect(plan.counts).toMatchObject({ new: 1, update: 1 });
    const progress: number[] = [];
    await importProducts(b, plan, 'sq.csv', (p) => progress.push(p.done));
    expect(progress.at(-1)).toBe(2);
    const doc = await b.get<typeof plums>(plums._id);
    expect(doc).toMatchObject({ code: 'PLM', name: 'Plums', price: 150 });
    expect(doc?._rev).toMatch(/^2-/);
    const changed = Object.entries(doc?.stamps ?? {}).filter(([, s]) => s !== plums.stamps.price);
    expect(changed.map(([f]) => f)).toEqual(['price']);
    const catalog = await catalogOf(b);
    expect(catalog['PLM']?.onHand).toBe(0);
    expect(catalog['NEW']).toMatchObject({ name: 'Figs', onHand: 5 });
    expect((await b.local.outbox.get(plums._id))?.rev).toBe(doc?._rev);
  });
});

describe('the read models during an import', () => {
  it('wait while paused and catch up from the replica on resume', async () => {
    const ctx = await openTestShop();
    ctx.projector.pause();
    const c = await createCustomer(ctx, {
      name: 'Cai',
      phone: '0700 111',
      email: '',
      address: '',
      location: '',
      notes: '',
    });
    await ctx.projector.idle();
    expect(await ctx.local.customers.get(c._id)).toBeUndefined();
    await ctx.projector.resume();
    expect(await ctx.local.customers.get(c._id)).toMatchObject({ name: 'Cai' });
    // and it follows the replica live again
    const d = await createCustomer(ctx, { ...EMPTY, name: 'Dee' });
    await settle(ctx);
    expect(await ctx.local.customers.get(d._id)).toMatchObject({ name: 'Dee' });
  });
});

const EMPTY = { name: '', phone: '', email: '', address: '', location: '', notes: '' };
