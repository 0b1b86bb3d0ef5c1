import { expect, test, type Locator, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../support/server.ts';
import {
  account,
  addProduct,
  LAPTOP,
  navTo,
  newDevice,
  register,
  waitForServiceWorker,
} from '../support/ui.ts';

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server?.dispose();
});

/** The phones the sync status must fit: a small Android and a current iPhone. */
const PHONES = [
  { width: 360, height: 640 },
  { width: 390, height: 844 },
] as const;

/** On /sell: one of a product, confirmed with the checkout's defaults. */
async function sellOne(page: Page, name: string): Promise<void> {
  await page.getByTestId('sell-tile').filter({ hasText: name }).click();
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await page.getByRole('button', { name: /^Charge / }).click();
  await page
    .getByRole('dialog', { name: 'Checkout' })
    .getByRole('button', { name: 'Confirm sale' })
    .click();
  const receipt = page.getByRole('dialog', { name: 'Sale saved' });
  await expect(receipt).toBeVisible();
  await receipt.getByRole('button', { name: 'New sale' }).click();
  await expect(page.getByTestId('cart-line')).toHaveCount(0);
}

/** On /customers: a new customer with only a name. */
async function addCustomer(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Add customer' }).click();
  const form = page.getByRole('form', { name: 'Add customer' });
  await form.getByLabel('Name').fill(name);
  await form.getByRole('button', { name: 'Save customer' }).click();
  await expect(page.getByTestId('customer-row').filter({ hasText: name })).toBeVisible();
}

/** The whole element is inside the viewport: nothing clipped off any edge. */
async function expectInsideViewport(page: Page, el: Locator): Promise<void> {
  const box = await el.boundingBox();
  const viewport = page.viewportSize();
  expect(box, 'the element is rendered').not.toBeNull();
  expect(viewport).not.toBeNull();
  if (!box || !viewport) return;
  expect(box.x, 'left edge').toBeGreaterThanOrEqual(0);
  expect(box.y, 'top edge').toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, 'right edge').toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height, 'bottom edge').toBeLessThanOrEqual(viewport.height);
}

/** Open the sync details from the header; returns the panel. */
async function openDetails(page: Page): Promise<Locator> {
  await page.getByTestId('sync-status').click();
  const details = page.getByRole('region', { name: 'Sync details' });
  await expect(details).toBeVisible();
  return details;
}

for (const phone of PHONES) {
  test(`on a ${phone.width}×${phone.height} phone the sync status counts what the seller did, in words, and fits the screen`, async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const context = await newDevice(browser, phone);
    const page = await context.newPage();
    await register(page, server.url, account('Sia Status', `Sia's Stall ${phone.width}`));
    await waitForServiceWorker(page);
    await navTo(page, 'Products');
    await addProduct(page, { code: 'FIG-1', name: 'Figs', price: '3.00' });
    await expect(page.getByTestId('sync-label')).toHaveText('Synced', { timeout: 30_000 });
    await expect(page.getByTestId('pending-count')).toHaveCount(0);

    // Offline: one sale and one new customer (each also writes an activity log entry).
    await context.setOffline(true);
    await navTo(page, 'Sell');
    await sellOne(page, 'Figs');
    await navTo(page, 'Customers');
    await addCustomer(page, 'Ana Cruz');

    // The header counts what the seller did, in words: not "4 unsynced".
    await expect(page.getByTestId('sync-label')).toHaveText('Offline');
    await expect(page.getByTestId('pending-count')).toHaveText(
      '1 sale and 1 customer not yet synced',
    );
    await expectInsideViewport(page, page.getByTestId('sync-status'));

    // The details panel: all of it on screen, in the seller's words, the last sync in the past.
    const details = await openDetails(page);
    await expectInsideViewport(page, details);
    await expect(details.getByTestId('pending-details')).toHaveText(
      '1 sale and 1 customer are on this device only.',
    );
    const lastSync = details.getByTestId('last-sync');
    await expect(lastSync).toHaveText(/^Synced (just now|\d+ minutes? ago)$/);
    await expect(details).not.toContainText(/\b(order|customer|audit):/);

    // Back online: everything reaches the server, and the last sync is "just now", never "in …".
    await context.setOffline(false);
    await expect(page.getByTestId('pending-count')).toHaveCount(0, { timeout: 45_000 });
    await expect(page.getByTestId('sync-label')).toHaveText('Synced');
    await expect(lastSync).toHaveText('Synced just now');
    await expect(details).toContainText('Everything made on this device is on the server.');
    await expectInsideViewport(page, details);

    // The same panel on a laptop screen.
    await page.setViewportSize(LAPTOP);
    await page.getByTestId('sync-status').click();
    await expect(details).toBeHidden();
    await expectInsideViewport(page, await openDetails(page));
    await context.close();
  });
}
