import { expect, test, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server?.dispose();
});

const OWNER = {
  name: 'Rosa Market',
  shop: 'Rosa Fruit Stall',
  email: `rosa-${Date.now()}@example.test`,
  password: 'crisp apples under blue awnings',
};

/** A 1×1 PNG: enough for the device to decode, resize and store as an attachment. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

async function addProduct(page: Page, code: string, name: string, price: string, photo = false) {
  await page.getByRole('button', { name: 'Add product' }).click();
  await page.getByLabel('Code').fill(code);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel(/^Price/).fill(price);
  if (photo) {
    await page
      .getByLabel(/^Photo/)
      .setInputFiles({ name: 'p.png', mimeType: 'image/png', buffer: PNG });
    await expect(page.getByText('New photo ready')).toBeVisible();
  }
  await page.getByRole('button', { name: 'Save product' }).click();
  await expect(page.getByTestId('product-row').filter({ hasText: name })).toBeVisible();
}

test('register, add a product, keep working offline, and sync to a second browser', async ({
  browser,
}) => {
  const laptop = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await laptop.newPage();
  await page.goto(`${server.url}/register`);
  await page.getByLabel('Your name').fill(OWNER.name);
  await page.getByLabel('Shop name').fill(OWNER.shop);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByLabel('Confirm password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Create shop' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText(OWNER.shop)).toBeVisible();
  await page.getByRole('link', { name: 'Products' }).click();

  // The service worker must control the page before we can go offline.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await addProduct(page, 'TOM-1', 'Tomatoes', '2.50', true);
  await expect(page.getByTestId('sync-label')).toHaveText('Synced');
  await expect(page.getByTestId('pending-count')).toHaveCount(0);

  // Offline: reload comes from the service worker cache and IndexedDB.
  await laptop.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('product-row').filter({ hasText: 'Tomatoes' })).toBeVisible();
  await expect(page.getByTestId('sync-label')).toHaveText('Offline');

  await addProduct(page, 'APL-1', 'Apples', '1.20');
  // The product (its audit entry is bookkeeping, not something the owner did).
  await expect(page.getByTestId('pending-count')).toHaveText('1 product not yet synced');

  // Back online: the offline product reaches the server.
  await laptop.setOffline(false);
  await expect(page.getByTestId('pending-count')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('sync-label')).toHaveText('Synced');

  // A second browser signed in as the same owner sees both products.
  const other = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page2 = await other.newPage();
  await page2.goto(`${server.url}/login`);
  await page2.getByLabel('Email').fill(OWNER.email);
  await page2.getByLabel('Password').fill(OWNER.password);
  await page2.getByRole('button', { name: 'Sign in' }).click();
  await expect(page2).toHaveURL(/\/dashboard$/);
  await page2.getByRole('link', { name: 'Products' }).click();
  await expect(page2.getByTestId('product-row').filter({ hasText: 'Tomatoes' })).toBeVisible();
  await expect(page2.getByTestId('product-row').filter({ hasText: 'Apples' })).toBeVisible();
  await expect(page2.getByTestId('product-row')).toHaveCount(2);
  // The photo came along with the first sync (attachments take the replicator's path)
  // and shows in the list and in the edit form.
  await expect
    .poll(() =>
      page2
        .getByTestId('product-row')
        .filter({ hasText: 'Tomatoes' })
        .locator('img')
        .evaluate((img: HTMLImageElement) => img.naturalWidth),
    )
    .toBeGreaterThan(0);
  await expect(
    page2.getByTestId('product-row').filter({ hasText: 'Apples' }).locator('img'),
  ).toHaveCount(0);
  await page2.getByRole('button', { name: 'Edit Tomatoes' }).click();
  await expect
    .poll(() =>
      page2.getByAltText('Saved product').evaluate((img: HTMLImageElement) => img.naturalWidth),
    )
    .toBeGreaterThan(0);

  // The activity log on the other device shows who added them, from which device.
  await page2.getByRole('link', { name: 'Activity' }).click();
  const entries = page2.getByTestId('activity-entry');
  await expect(entries.filter({ hasText: 'Added product Tomatoes' })).toHaveCount(1);
  await expect(entries.filter({ hasText: 'Added product Apples' })).toHaveCount(1);
  await expect(entries.first()).toContainText(OWNER.name);
  // Filtering by action keeps product entries only.
  await page2.getByLabel('Action').selectOption({ label: 'Orders' });
  await expect(entries).toHaveCount(0);
  await page2.getByLabel('Action').selectOption({ label: 'Products' });
  await expect(entries).toHaveCount(2);

  await laptop.close();
  await other.close();
});
