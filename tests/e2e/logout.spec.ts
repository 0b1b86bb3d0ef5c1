import { readFile } from 'node:fs/promises';
import { expect, test, type OpenDevice } from '../support/fixtures.ts';
import type { App } from '../support/pages/app.ts';
import { account, type Account } from '../support/pages/auth.ts';
import type { NewProduct } from '../support/pages/products.ts';
import { ShopOnServer } from '../support/shop-api.ts';
import { LAPTOP } from '../support/viewports.ts';

/** A laptop with a fresh shop, on Products, one product made online and synced. */
async function syncedLaptop(device: OpenDevice, who: Account, product: NewProduct): Promise<App> {
  const app = await device(LAPTOP);
  await app.auth.register(who);
  await app.waitForServiceWorker();
  await app.navTo('Products');
  await app.products.add(product);
  await app.expectAllSynced();
  return app;
}

test('logging out with unsynced changes offers export, cancel and wait — and loses nothing', async ({
  device,
  server,
}) => {
  const who = account('Lou Logout', 'Lou Stall');
  const app = await syncedLaptop(device, who, {
    code: 'ON-1',
    name: 'Online plums',
    price: '1.00',
  });
  const { page } = app;

  await app.setOffline(true);
  await app.products.add({ code: 'OFF-1', name: 'Offline pears', price: '2.00' });
  await expect(app.pendingCount).toHaveText('1 product not yet synced');

  // Log out: a warning, not a silent logout.
  await app.logOut();
  const dialog = app.logoutDialog;
  await expect(dialog.getByTestId('logout-pending')).toContainText(
    '1 product is on this device only',
  );

  // Export as JSON: the unsynced product is in the file.
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export as JSON' }).click();
  const file = await (await download).path();
  const exported = JSON.parse(await readFile(file, 'utf8')) as {
    docs: { _id: string; name?: string }[];
  };
  expect(exported.docs.map((d) => d.name)).toContain('Offline pears');

  // Cancel keeps the user signed in, the change still pending.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.pendingCount).toHaveText('1 product not yet synced');

  // Wait for sync: logs out by itself once the server has everything.
  await app.logOut();
  await dialog.getByRole('button', { name: 'Wait for sync' }).click();
  await expect(dialog.getByRole('status').first()).toContainText(
    'Offline: waiting for a connection',
  );
  await app.setOffline(false);
  await expect(page).toHaveURL(/\/login$/, { timeout: 45_000 });

  // Nothing was lost: the server has the product made offline.
  await app.auth.signIn(who);
  await expect(page).toHaveURL(/\/dashboard$/);
  const shop = await ShopOnServer.of(app.context, server.url);
  expect(await shop.docIds('product')).toHaveLength(2);
});

test('an expired session asks for a new sign-in and keeps the work done meanwhile', async ({
  device,
  server,
}) => {
  const who = account('Eve Expired', 'Eve Stall');
  const app = await syncedLaptop(device, who, {
    code: 'E-1',
    name: 'Before expiry',
    price: '1.00',
  });
  const { page } = app;

  // The server forgets this device's session (as after idle expiry or a revoke).
  await app.context.clearCookies();
  await app.products.add({ code: 'E-2', name: 'After expiry', price: '1.50' });
  await expect(page.getByText('Your session ended. Your work is safe on this device.')).toBeVisible(
    {
      timeout: 30_000,
    },
  );
  await expect(app.syncLabel).toHaveText('Sign in to sync');
  await expect(app.products.row('After expiry')).toBeVisible();

  await page.getByRole('link', { name: 'Sign in again' }).click();
  await app.auth.signIn(who);
  await expect(page.getByText('Your session ended.')).toHaveCount(0);
  await app.navTo('Products');
  await expect(app.pendingCount).toHaveCount(0, { timeout: 30_000 });
  const shop = await ShopOnServer.of(app.context, server.url);
  expect(await shop.docIds('product')).toHaveLength(2);
});
