import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../support/server.ts';
import { account, addProduct, navTo, newDevice, register, restock } from '../support/ui.ts';

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server?.dispose();
});

const LAPTOP = { width: 1280, height: 800 } as const;
const PHONE = { width: 390, height: 844 } as const;

/** Anything that looks like an id: a device id, a user or document id (a ULID). */
const ID = /dev-|\b[0-9a-hjkmnp-tv-z]{26}\b|(order|product|user|audit):/i;

/** No serious or critical axe violations on the page as it is now. */
async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  expect.soft(serious, `${label} has no serious/critical violations`).toEqual([]);
}

/** On Team: a single-use seller invite code. */
async function sellerInvite(owner: Page): Promise<string> {
  await owner.getByLabel('Role', { exact: true }).selectOption('seller');
  await owner.getByRole('button', { name: 'Create invite code' }).click();
  const code = owner.getByTestId('invite-code');
  await expect(code).toBeVisible();
  return (await code.textContent())?.trim() ?? '';
}

test('a seller gets the seller screens and "Owners only" elsewhere; the owner sees them by name', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const laptop = await newDevice(browser, LAPTOP);
  const owner = await laptop.newPage();
  await register(owner, server.url, account('Rosa Market', 'Rosa Fruit Stall'));
  await navTo(owner, 'Products');
  await addProduct(owner, { code: 'PLM-1', name: 'Plums', price: '1.50' });
  await restock(owner, 'Plums', 10);
  await navTo(owner, 'Team');
  const code = await sellerInvite(owner);

  // Sam joins the shop as a seller, on his phone.
  const phone = await newDevice(browser, PHONE);
  const seller = await phone.newPage();
  await register(seller, server.url, account('Sam', "Sam's own stall"));
  await seller.goto(`${server.url}/join?code=${encodeURIComponent(code)}`);
  await seller.getByRole('button', { name: 'Join' }).click();
  await expect(seller).toHaveURL(/\/sell$/);
  await expect(seller.getByText('Rosa Fruit Stall')).toBeVisible();

  // His bar has the everyday screens and nothing of the owner's (so no "More" either).
  const nav = seller.getByRole('navigation', { name: 'Main' });
  for (const label of ['Sell', 'Orders', 'Products', 'Customers', 'Dashboard']) {
    await expect(nav.getByRole('link', { name: label, exact: true })).toBeVisible();
  }
  await expect(nav.getByRole('button', { name: 'More' })).toHaveCount(0);
  for (const label of ['Alerts', 'Activity', 'Team']) {
    await expect(nav.getByRole('link', { name: label, exact: true })).toHaveCount(0);
  }

  // Typing an owner's screen: "Owners only", in the app's frame, and the way back.
  for (const [path, label] of [
    ['/activity', 'Activity'],
    ['/team', 'Team'],
    ['/alerts', 'Alerts'],
  ] as const) {
    await seller.goto(`${server.url}${path}`);
    await expect(seller.getByRole('heading', { name: 'Owners only' })).toBeVisible();
    await expect(seller.getByRole('main')).toContainText(`${label} is for the shop's owners`);
    await expect(seller.getByRole('heading', { name: label, exact: true })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Sell', exact: true })).toBeVisible();
  }
  await expectAccessible(seller, '"Owners only"');
  await seller.getByRole('main').getByRole('link', { name: 'Back to Sell' }).click();
  await expect(seller).toHaveURL(/\/sell$/);

  // Sam sells the plums by card.
  const tile = seller.getByTestId('sell-tile').filter({ hasText: 'Plums' });
  await expect(tile).toBeVisible({ timeout: 30_000 });
  await tile.click();
  await seller.getByRole('button', { name: 'Charge €1.50' }).click();
  const checkout = seller.getByRole('dialog', { name: 'Checkout' });
  await checkout.getByRole('radio', { name: 'Card' }).check();
  await checkout.getByRole('button', { name: 'Confirm sale' }).click();
  await seller
    .getByRole('dialog', { name: 'Sale saved' })
    .getByRole('button', { name: 'New sale' })
    .click();

  // The owner's order filters name Sam and his phone, never an id.
  await navTo(owner, 'Orders');
  await expect(owner.getByTestId('order-row')).toHaveCount(1, { timeout: 45_000 });
  await expect(owner.getByLabel('Seller').locator('option')).toHaveText(['Anyone', 'Sam']);
  await expect(owner.getByLabel('Device').locator('option')).toHaveText(['Any', "Sam's device"]);
  await owner.getByLabel('Seller').selectOption({ label: 'Sam' });
  await expect(owner.getByTestId('order-row')).toHaveCount(1);

  // The activity log: Sam's sale under his name; no ids, no field names, no "null".
  await navTo(owner, 'Activity');
  const entries = owner.getByTestId('activity-entry');
  await expect(entries.filter({ hasText: 'Sam' }).filter({ hasText: 'Sale' })).toHaveCount(1);
  await expect(entries.filter({ hasText: 'Added product Plums' })).toContainText('Price: €1.50');
  const log = await owner.getByRole('main').innerText();
  expect(log).not.toMatch(ID);
  expect(log).not.toMatch(/\bnull\b|lowStockThreshold|imageUrl|order\.create/);
  await expect(owner.getByLabel('Person').locator('option')).toHaveText([
    'Anyone',
    'Rosa Market',
    'Sam',
  ]);
  await expectAccessible(owner, 'activity');

  await phone.close();
  await laptop.close();
});
