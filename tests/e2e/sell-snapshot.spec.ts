import { expect, test } from '../support/fixtures.ts';
import { account } from '../support/pages/auth.ts';
import { PHONE } from '../support/viewports.ts';

const SNAPSHOT = 'stallkeeper:sell-snapshot';

test('a cold start draws the sell screen as it was left, and a tile tapped on it is sold once the app is up', async ({
  device,
}) => {
  test.setTimeout(120_000);
  const app = await device(PHONE);
  await app.auth.register(account('Ines Stall', 'Ines Vegetables'));
  await app.navTo('Products');
  await app.products.add({ code: 'CAR-1', name: 'Carrots', price: '1.20' });
  await app.products.add({ code: 'LEE-1', name: 'Leeks', price: '2.00' });
  await app.navTo('Sell');
  await expect(app.sell.tile('Leeks')).toBeVisible();
  await expect(app.sell.tile('Carrots')).toBeVisible();

  // Leaving the app keeps a copy of the screen: the next start has something to draw.
  await app.reopen();
  const { page, sell } = app;
  const stored = async () => {
    const { origins } = await app.context.storageState();
    return origins.some((o) =>
      o.localStorage.some((e) => e.name === SNAPSHOT && e.value !== 'null'),
    );
  };
  await expect.poll(stored).toBe(true);

  // The app's code is held back (a slow phone, or a slow start of its service worker):
  // the copy is up meanwhile. (Without the worker the page's requests reach the network,
  // where the test can hold them.)
  await page.goto('/robots.txt');
  await page.evaluate(async () => {
    for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
  });
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/_app/immutable/**', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/sell', { waitUntil: 'domcontentloaded' });
  const copied = sell.snapshot.getByTestId('sell-tile').filter({ hasText: 'Leeks' });
  await expect(copied).toBeVisible();
  await expect(copied).toContainText('€2.00');
  await expect(sell.tiles).toHaveCount(2); // the copy's; the app has drawn none
  // The copy is only a picture to assistive technology and to the app's own locators.
  await expect(sell.snapshot).toHaveAttribute('aria-hidden', 'true');
  await expect(sell.snapshot.locator('[id]')).toHaveCount(0);
  // the sync status of the moment it was stored would be stale: its room is left blank
  await expect(sell.snapshot.locator('[data-snapshot-blank]')).toBeHidden();
  expect(await page.evaluate(() => performance.getEntriesByName('sk:sell-live').length)).toBe(0);
  const box = await copied.boundingBox();
  if (!box) throw new Error('the copied tile has no box');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  // the tap shows it was taken, though the app is not up yet
  await expect(copied).toHaveAttribute('data-tapped', '');
  release();

  // The app takes the copy away when its tiles are up, and sells what was tapped, once.
  await expect(sell.snapshot).toHaveCount(0, { timeout: 60_000 });
  await expect(sell.cartLines).toHaveCount(1);
  await expect(sell.cartLines).toContainText('Leeks');
  await expect(sell.cartLines.getByTestId('cart-qty')).toHaveText('1');
  const marks = await page.evaluate(() =>
    ['sk:sell-ready', 'sk:sell-live'].map((n) => performance.getEntriesByName(n)[0]?.startTime),
  );
  expect(marks[0]).toBeLessThan(marks[1] ?? 0);
});

test('no copy is drawn on another screen, and signing out forgets it', async ({ device }) => {
  const app = await device(PHONE);
  await app.auth.register(account('Jonas Stall', 'Jonas Bread'));
  await app.navTo('Products');
  await app.products.add({ code: 'RYE-1', name: 'Rye loaf', price: '4.10' });
  await app.navTo('Sell');
  await expect(app.sell.tile('Rye loaf')).toBeVisible();
  await app.reopen();
  const { page, sell } = app;

  // The owner's home is the dashboard: a start there draws nothing of Sell.
  await page.goto('/');
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(sell.snapshot).toHaveCount(0);
  expect(await page.evaluate((key) => localStorage.getItem(key), SNAPSHOT)).not.toBeNull();

  await app.logOut();
  await expect(page).toHaveURL(/\/login$/);
  const kept = await page.evaluate(
    (key) => JSON.parse(localStorage.getItem(key) ?? 'null') as unknown,
    SNAPSHOT,
  );
  expect(kept).toBeNull();
});
