import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { startServer, type RunningServer } from '../support/server.ts';
import {
  account,
  addProduct,
  cookieHeader,
  LAPTOP,
  navTo,
  newDevice,
  register,
  serverDocIds,
  sessionShopId,
  waitForServiceWorker,
} from '../support/ui.ts';

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server?.dispose();
});

test('logging out with unsynced changes offers export, cancel and wait — and loses nothing', async ({
  browser,
}) => {
  const context = await newDevice(browser, LAPTOP);
  const page = await context.newPage();
  const who = account('Lou Logout', 'Lou Stall');
  await register(page, server.url, who);
  await waitForServiceWorker(page);
  await navTo(page, 'Products');
  await addProduct(page, { code: 'ON-1', name: 'Online plums', price: '1.00' });
  await expect(page.getByTestId('sync-label')).toHaveText('Synced');

  await context.setOffline(true);
  await addProduct(page, { code: 'OFF-1', name: 'Offline pears', price: '2.00' });
  await expect(page.getByTestId('pending-count')).toHaveText('1 product not yet synced');

  // Log out: a warning, not a silent logout.
  await page.getByRole('button', { name: 'Log out' }).click();
  const dialog = page.getByRole('dialog', { name: 'Changes not synced yet' });
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
  await expect(page.getByTestId('pending-count')).toHaveText('1 product not yet synced');

  // Wait for sync: logs out by itself once the server has everything.
  await page.getByRole('button', { name: 'Log out' }).click();
  await dialog.getByRole('button', { name: 'Wait for sync' }).click();
  await expect(dialog.getByRole('status').first()).toContainText(
    'Offline: waiting for a connection',
  );
  await context.setOffline(false);
  await expect(page).toHaveURL(/\/login$/, { timeout: 45_000 });

  // Nothing was lost: the server has the product made offline.
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  const cookie = await cookieHeader(context, server.url);
  const shopId = await sessionShopId(server.url, cookie);
  const ids = (await serverDocIds(server.url, shopId, cookie)).filter((id) =>
    id.startsWith('product:'),
  );
  expect(ids).toHaveLength(2);
  await context.close();
});

test('an expired session asks for a new sign-in and keeps the work done meanwhile', async ({
  browser,
}) => {
  const context = await newDevice(browser, LAPTOP);
  const page = await context.newPage();
  const who = account('Eve Expired', 'Eve Stall');
  await register(page, server.url, who);
  await waitForServiceWorker(page);
  await navTo(page, 'Products');
  await addProduct(page, { code: 'E-1', name: 'Before expiry', price: '1.00' });
  await expect(page.getByTestId('sync-label')).toHaveText('Synced');

  // The server forgets this device's session (as after idle expiry or a revoke).
  await context.clearCookies();
  await addProduct(page, { code: 'E-2', name: 'After expiry', price: '1.50' });
  await expect(page.getByText('Your session ended. Your work is safe on this device.')).toBeVisible(
    {
      timeout: 30_000,
    },
  );
  await expect(page.getByTestId('sync-label')).toHaveText('Sign in to sync');
  await expect(page.getByTestId('product-row').filter({ hasText: 'After expiry' })).toBeVisible();

  await page.getByRole('link', { name: 'Sign in again' }).click();
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Your session ended.')).toHaveCount(0);
  await navTo(page, 'Products');
  await expect(page.getByTestId('pending-count')).toHaveCount(0, { timeout: 30_000 });
  const cookie = await cookieHeader(context, server.url);
  const shopId = await sessionShopId(server.url, cookie);
  const ids = (await serverDocIds(server.url, shopId, cookie)).filter((id) =>
    id.startsWith('product:'),
  );
  expect(ids).toHaveLength(2);
  await context.close();
});
