import { expect, test } from '@playwright/test';
import { startServer, type RunningServer } from '../support/server.ts';
import {
  account,
  addProduct,
  cookieHeader,
  navTo,
  newDevice,
  PHONE,
  register,
  restock,
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

test('a phone sells with cash after a cold start with the server down, and the sale syncs later', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const owner = account('Rosa Market', 'Rosa Fruit Stall');
  const phone = await newDevice(browser, PHONE);
  let page = await phone.newPage();

  // Online: register, add a product with stock, open Sell once.
  await register(page, server.url, owner);
  await waitForServiceWorker(page);
  await navTo(page, 'Products');
  await addProduct(page, { code: 'TOM-1', name: 'Tomatoes', price: '2.50' });
  await restock(page, 'Tomatoes', 5);
  const row = page.getByTestId('product-row').filter({ hasText: 'Tomatoes' });
  await expect(row.getByTestId('stock-badge')).toHaveText('5 left');
  await navTo(page, 'Sell');
  await expect(page.getByTestId('sell-tile').filter({ hasText: 'Tomatoes' })).toBeVisible();
  await expect(page.getByTestId('sync-label')).toHaveText('Synced', { timeout: 30_000 });
  await expect(page.getByTestId('pending-count')).toHaveCount(0);

  // The server goes away; the app is closed and opened again (cold start).
  const cookie = await cookieHeader(phone, server.url);
  const shopId = await sessionShopId(server.url, cookie);
  await server.stop();
  await page.close();
  page = await phone.newPage();
  await page.goto(server.url);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { name: 'Today at the shop' })).toBeVisible();
  await navTo(page, 'Sell');

  // Find the product, put it in the cart.
  await page.getByRole('searchbox', { name: 'Search or type a code' }).fill('tomat');
  const tiles = page.getByTestId('sell-tile');
  await expect(tiles).toHaveCount(1);
  await tiles.filter({ hasText: 'Tomatoes' }).click();
  const line = page.getByTestId('cart-line');
  await expect(line).toHaveCount(1);
  await expect(line).toContainText('Tomatoes');
  await expect(line.getByTestId('cart-qty')).toHaveText('1');
  await expect(page.getByTestId('cart-total')).toHaveText('€2.50');

  // Checkout: cash, €10 given, €7.50 back.
  await page.getByRole('button', { name: 'Charge €2.50' }).click();
  const checkout = page.getByRole('dialog', { name: 'Checkout' });
  await expect(checkout.getByTestId('checkout-total')).toHaveText('€2.50');
  await checkout.getByRole('radio', { name: 'Cash' }).check();
  await checkout.getByLabel(/^Cash given/).fill('10');
  await expect(checkout.getByTestId('change-due')).toHaveText('€7.50');
  await checkout.getByRole('button', { name: 'Confirm sale' }).click();

  const receipt = page.getByRole('dialog', { name: 'Sale saved' });
  await expect(receipt).toBeVisible();
  await expect(receipt.getByTestId('receipt-number')).toHaveText(/^[A-Z][A-Z0-9]{1,3}-0001$/);
  const text = receipt.getByTestId('receipt-text');
  await expect(text).toContainText('Tomatoes');
  await expect(text).toContainText('1 × €2.50 = €2.50');
  await expect(text).toContainText('Cash given: €10.00');
  await expect(text).toContainText('Change: €7.50');
  await expect(receipt.getByTestId('receipt-change')).toHaveText('€7.50');
  await receipt.getByRole('button', { name: 'New sale' }).click();
  await expect(page.getByTestId('cart-line')).toHaveCount(0);

  // The header tells the truth: not synced, changes waiting.
  await expect(page.getByTestId('pending-count')).toHaveText('1 sale not yet synced');
  await expect(page.getByTestId('sync-label')).not.toHaveText('Synced');
  // The server really has no order yet (it is down: the fetch fails).
  await expect(serverDocIds(server.url, shopId, cookie)).rejects.toThrow();

  // The server comes back: the sale reaches it without any help from the user.
  await server.restart();
  await expect
    .poll(
      async () =>
        (await serverDocIds(server.url, shopId, cookie)).some((id) => id.startsWith('order:')),
      { timeout: 75_000, intervals: [500] },
    )
    .toBe(true);
  await expect(page.getByTestId('pending-count')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('sync-label')).toHaveText('Synced');

  await phone.close();
});
