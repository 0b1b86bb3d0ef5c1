import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { DEVICES } from './demo-context.ts';
import { buildDemoShop } from './demo-data.ts';
import { EXPORT_FILES, shopTables, writeTables } from './export-csv.ts';

const people = { ownerId: 'owner-0001', sellerId: 'seller-001' };
const names = {
  people: new Map([
    [people.ownerId, 'Olivia Owner'],
    [people.sellerId, 'Sam Seller'],
  ]),
  devices: new Map([[DEVICES.stall, "Sam's phone"]]),
};
const size = { products: 30, customers: 12, orders: 80, days: 21 };
const docs = buildDemoShop(people, Date.parse('2026-12-01T12:00:00Z'), size, 11);
const dir = mkdtempSync(join(tmpdir(), 'stallkeeper-seed-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (name: string) => {
  const text = readFileSync(join(dir, `${name}.csv`), 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  return { text, rows: parsed.data };
};

describe('pnpm seed --export', () => {
  it('writes the six files a spreadsheet reads back: the shop, row for row', async () => {
    const paths = await writeTables(dir, shopTables(docs, names));
    expect(paths.map((p) => p.slice(dir.length + 1))).toEqual(EXPORT_FILES.map((f) => `${f}.csv`));

    const products = read('products').rows;
    expect(products).toHaveLength(size.products);
    const roma = products.find((p) => p.code === 'TOM-ROMA');
    expect(roma).toMatchObject({
      name: 'Roma tomatoes',
      unit: 'kg',
      price: '4.50',
      currency: 'EUR',
    });
    expect(Number(roma?.stock)).toBeGreaterThanOrEqual(0);

    expect(read('customers').rows).toHaveLength(size.customers);

    const orders = read('orders').rows;
    expect(orders).toHaveLength(size.orders);
    expect(orders.map((o) => o.created_at)).toEqual(orders.map((o) => o.created_at).sort());
    expect(new Set(orders.map((o) => o.seller))).toEqual(new Set(['Olivia Owner', 'Sam Seller']));
    expect(orders.filter((o) => o.device === "Sam's phone").length).toBeGreaterThan(0);

    const lines = read('order-lines').rows;
    const lineCount = docs.reduce((n, d) => n + (d.type === 'order' ? d.lines.length : 0), 0);
    expect(lines).toHaveLength(lineCount);
    // weighed goods in kg as decimals, never grams
    expect(lines.some((l) => l.unit === 'kg' && /^\d+\.\d+$/.test(l.quantity ?? ''))).toBe(true);

    const payments = read('payments').rows;
    expect(payments.length).toBeGreaterThan(0);
    expect(payments.every((p) => p.kind === 'payment' || p.kind === 'refund')).toBe(true);

    const movements = read('stock-movements').rows;
    expect(movements).toHaveLength(docs.filter((d) => d.type === 'stock').length);
    expect(new Set(movements.map((m) => m.reason))).toContain('restock');

    // CRLF records, no byte-order mark unless asked
    const { text } = read('orders');
    expect(text.startsWith('number,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('starts each file with a byte-order mark when asked (for Excel)', async () => {
    await writeTables(dir, shopTables(docs, names).slice(0, 1), { bom: true });
    expect(readFileSync(join(dir, 'products.csv'), 'utf8').startsWith('\uFEFFcode,')).toBe(true);
  });
});
