import { chromium, type Page } from '@playwright/test';
import { CHROMIUM } from '../support/chromium.ts';
import { startServer } from '../support/server.ts';
import { PHONE } from '../support/viewports.ts';

const BUDGET_MS = 15_000;

/**
 * A Square item library export of `rows` products: one in five sold by the kg, a
 * category each, most with stock (10,000 products bring about 9,000 opening stocks).
 */
export function squareExport(rows: number): string {
  const lines = [
    'Token,Item Name,Variation Name,Unit and Precision,SKU,Description,Category,Price,Default Unit Cost,Current Quantity Main Street',
  ];
  const categories = ['Fruit', 'Vegetables', 'Dairy', 'Bakery', 'Dry goods', 'Drinks', 'Household'];
  for (let i = 1; i <= rows; i++) {
    const weighed = i % 5 === 0;
    const price = `${1 + (i % 40)}.${String(i % 100).padStart(2, '0')}`;
    const stock = i % 10 === 0 ? '' : weighed ? `${i % 50}.${i % 1000}` : String(i % 200);
    lines.push(
      [
        `T${i}`,
        `"Item ${i}, ${weighed ? 'loose' : 'packed'}"`,
        'Regular',
        weighed ? 'Per Kilogram (kg)' : 'Per Unit',
        `SKU-${i}`,
        i % 3 ? '' : `"Batch ${i}, handled with care"`,
        categories[i % categories.length],
        price,
        i % 4 ? `${(i % 20) / 2}` : '',
        stock,
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Rows in one of the device's read models. */
async function countRows(page: Page, store: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve) => {
        const req = indexedDB.databases().then((dbs) => {
          const local = dbs.find((d) => d.name?.startsWith('stallkeeper_local_'))?.name;
          if (!local) return resolve(0);
          const open = indexedDB.open(local);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains(name)) return resolve(0);
            const r = db.transaction(name).objectStore(name).count();
            r.onsuccess = () => {
              db.close();
              resolve(r.result);
            };
            r.onerror = () => resolve(0);
          };
          open.onerror = () => resolve(0);
        });
        void req;
      }),
    store,
  );
}

/**
 * Issue #15's budget: an owner on a phone imports a 10,000-row CSV; measured from
 * pressing Import until the app says the import is done (every document durable in
 * the device's replica), in real Chromium against the real server. `listMs` is when
 * the product list's read model has caught up with all of them (reported, not budgeted).
 */
export async function importBenchmark(rows = 10_000) {
  const server = await startServer();
  const browser = await chromium.launch(CHROMIUM);
  try {
    const context = await browser.newContext({ viewport: PHONE, baseURL: server.url });
    const page = await context.newPage();
    await page.goto('/register');
    await page.getByLabel('Your name').fill('Bench Owner');
    await page.getByLabel('Shop name').fill('Bench Imports');
    await page.getByLabel('Email').fill('bench-import@example.test');
    await page.getByLabel('Password', { exact: true }).fill('benchmarks measure what we hoped');
    await page.getByLabel('Confirm password').fill('benchmarks measure what we hoped');
    await page.getByRole('button', { name: 'Create shop' }).click();
    await page.waitForURL(/\/dashboard$/);

    await page.goto('/products/import');
    await page.getByLabel('CSV file').setInputFiles({
      name: 'square-export.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(squareExport(rows), 'utf8'),
    });
    await page.getByRole('heading', { name: 'What will happen' }).waitFor({ timeout: 60_000 });
    const button = page.getByRole('button', { name: /^Import \d/ });
    const label = (await button.textContent()) ?? '';
    if (!label.includes(rows.toLocaleString('en-US')) && !label.includes(String(rows))) {
      throw new Error(`the preview does not offer all ${rows} rows: "${label}"`);
    }
    const t0 = Date.now();
    await button.click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Import finished' })
      .waitFor({ timeout: 300_000 });
    const ms = Date.now() - t0;
    const summary =
      (await page.getByRole('status').filter({ hasText: 'Import finished' }).textContent()) ?? '';
    if (!/new products added/.test(summary)) throw new Error(`unexpected result: ${summary}`);
    while ((await countRows(page, 'products')) < rows) {
      if (Date.now() - t0 > 300_000) throw new Error('the product list never caught up');
      await new Promise((r) => setTimeout(r, 200));
    }
    const listMs = Date.now() - t0;
    return { rows, ms, budgetMs: BUDGET_MS, listMs };
  } finally {
    await browser.close();
    await server.dispose();
  }
}
