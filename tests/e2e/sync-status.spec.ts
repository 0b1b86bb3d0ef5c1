import { expect, test } from '../support/fixtures.ts';
import { expectInsideViewport } from '../support/layout.ts';
import { account } from '../support/pages/auth.ts';
import { COMMON_PHONE, LAPTOP, SMALL_PHONE } from '../support/viewports.ts';

/** The phones the sync status must fit: a small Android and a current iPhone. */
const PHONES = [SMALL_PHONE, COMMON_PHONE] as const;

for (const phone of PHONES) {
  test(`on a ${phone.width}×${phone.height} phone the sync status counts what the seller did, in words, and fits the screen`, async ({
    device,
  }) => {
    test.setTimeout(120_000);
    const app = await device(phone);
    const { page } = app;
    await app.auth.register(account('Sia Status', `Sia's Stall ${phone.width}`));
    await app.waitForServiceWorker();
    await app.navTo('Products');
    await app.products.add({ code: 'FIG-1', name: 'Figs', price: '3.00' });
    await expect(app.syncLabel).toHaveText('Synced', { timeout: 30_000 });
    await expect(app.pendingCount).toHaveCount(0);

    // Offline: one sale and one new customer (each also writes an activity log entry).
    await app.setOffline(true);
    await app.navTo('Sell');
    await app.sell.sellOne('Figs');
    await app.navTo('Customers');
    await app.customers.add({ name: 'Ana Cruz' });

    // The header counts what the seller did, in words: not "4 unsynced".
    await expect(app.syncLabel).toHaveText('Offline');
    await expect(app.pendingCount).toHaveText('1 sale and 1 customer not yet synced');
    await expectInsideViewport(page, app.syncStatus);

    // The details panel: all of it on screen, in the seller's words, the last sync in the past.
    const details = await app.openSyncDetails();
    await expectInsideViewport(page, details);
    await expect(details.getByTestId('pending-details')).toHaveText(
      '1 sale and 1 customer are on this device only.',
    );
    const lastSync = details.getByTestId('last-sync');
    await expect(lastSync).toHaveText(/^Synced (just now|\d+ minutes? ago)$/);
    await expect(details).not.toContainText(/\b(order|customer|audit):/);

    // Back online: everything reaches the server, and the last sync is "just now", never "in …".
    await app.setOffline(false);
    await expect(app.pendingCount).toHaveCount(0, { timeout: 45_000 });
    await expect(app.syncLabel).toHaveText('Synced');
    await expect(lastSync).toHaveText('Synced just now');
    await expect(details).toContainText('Everything made on this device is on the server.');
    await expectInsideViewport(page, details);

    // The same panel on a laptop screen.
    await page.setViewportSize(LAPTOP);
    await app.syncStatus.click();
    await expect(details).toBeHidden();
    await expectInsideViewport(page, await app.openSyncDetails());
  });
}
