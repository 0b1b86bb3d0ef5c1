import { expect, test } from '../support/fixtures.ts';
import { account } from '../support/pages/auth.ts';
import { LAPTOP } from '../support/viewports.ts';

/** A 1×1 PNG: enough for the device to decode, resize and store as an attachment. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

test('register, add a product, keep working offline, and sync to a second browser', async ({
  device,
}) => {
  const owner = account('Rosa Market', 'Rosa Fruit Stall');
  const laptop = await device(LAPTOP);
  const { page } = laptop;
  await laptop.auth.register(owner);
  await expect(page.getByText(owner.shop)).toBeVisible();
  await laptop.navTo('Products');

  // The service worker must control the page before we can go offline.
  await laptop.waitForServiceWorker();

  await laptop.products.add({
    code: 'TOM-1',
    name: 'Tomatoes',
    price: '2.50',
    photo: { name: 'p.png', mimeType: 'image/png', buffer: PNG },
  });
  await expect(laptop.syncLabel).toHaveText('Synced');
  await expect(laptop.pendingCount).toHaveCount(0);

  // Offline: reload comes from the service worker cache and IndexedDB.
  await laptop.setOffline(true);
  await page.reload();
  await expect(laptop.products.row('Tomatoes')).toBeVisible();
  await expect(laptop.syncLabel).toHaveText('Offline');

  await laptop.products.add({ code: 'APL-1', name: 'Apples', price: '1.20' });
  // The product (its audit entry is bookkeeping, not something the owner did).
  await expect(laptop.pendingCount).toHaveText('1 product not yet synced');

  // Back online: the offline product reaches the server.
  await laptop.setOffline(false);
  await expect(laptop.pendingCount).toHaveCount(0, { timeout: 30_000 });
  await expect(laptop.syncLabel).toHaveText('Synced');

  // A second browser signed in as the same owner sees both products.
  const other = await device(LAPTOP);
  const page2 = other.page;
  await other.auth.openLogin();
  await other.auth.signIn(owner);
  await expect(page2).toHaveURL(/\/dashboard$/);
  await other.navTo('Products');
  const products = other.products;
  await expect(products.row('Tomatoes')).toBeVisible();
  await expect(products.row('Apples')).toBeVisible();
  await expect(products.rows).toHaveCount(2);
  // The photo came along with the first sync (attachments take the replicator's path)
  // and shows in the list and in the edit form.
  await expect
    .poll(() =>
      products
        .row('Tomatoes')
        .locator('img')
        .evaluate((img: HTMLImageElement) => img.naturalWidth),
    )
    .toBeGreaterThan(0);
  await expect(products.row('Apples').locator('img')).toHaveCount(0);
  await products.edit('Tomatoes');
  await expect
    .poll(() =>
      page2.getByAltText('Saved product').evaluate((img: HTMLImageElement) => img.naturalWidth),
    )
    .toBeGreaterThan(0);

  // The activity log on the other device shows who added them, from which device.
  await other.navTo('Activity');
  const { entries, actionFilter } = other.activity;
  await expect(entries.filter({ hasText: 'Added product Tomatoes' })).toHaveCount(1);
  await expect(entries.filter({ hasText: 'Added product Apples' })).toHaveCount(1);
  await expect(entries.first()).toContainText(owner.name);
  // Filtering by action keeps product entries only.
  await actionFilter.selectOption({ label: 'Orders' });
  await expect(entries).toHaveCount(0);
  await actionFilter.selectOption({ label: 'Products' });
  await expect(entries).toHaveCount(2);
});
