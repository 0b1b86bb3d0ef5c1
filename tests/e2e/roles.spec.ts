import { expectAccessible } from '../support/a11y.ts';
import { expect, test } from '../support/fixtures.ts';
import { account } from '../support/pages/auth.ts';
import { COMMON_PHONE, LAPTOP_1280 } from '../support/viewports.ts';

/** Anything that looks like an id: a device id, a user or document id (a ULID). */
const ID = /dev-|\b[0-9a-hjkmnp-tv-z]{26}\b|(order|product|user|audit):/i;

test('a seller gets the seller screens and "Owners only" elsewhere; the owner sees them by name', async ({
  device,
}) => {
  test.setTimeout(150_000);
  const owner = await device(LAPTOP_1280);
  await owner.auth.register(account('Rosa Market', 'Rosa Fruit Stall'));
  await owner.navTo('Products');
  await owner.products.add({ code: 'PLM-1', name: 'Plums', price: '1.50' });
  await owner.products.restock('Plums', 10);
  await owner.navTo('Team');
  const code = await owner.team.createInvite('seller');

  // Sam joins the shop as a seller, on his phone.
  const seller = await device(COMMON_PHONE);
  const { page } = seller;
  await seller.auth.register(account('Sam', "Sam's own stall"));
  await seller.join.joinAsSeller(code, 'Rosa Fruit Stall');

  // His bar has the everyday screens; "More" holds deliveries, invoices, his own
  // sales report and the settings (to read), and nothing only the owner may open.
  for (const label of ['Sell', 'Orders', 'Products', 'Customers', 'Dashboard']) {
    await expect(seller.navLink(label)).toBeVisible();
  }
  await seller.more.click();
  for (const label of ['Deliveries', 'Invoices', 'Reports', 'Settings']) {
    await expect(seller.navLink(label)).toBeVisible();
  }
  for (const label of ['Alerts', 'Activity', 'Team']) {
    await expect(seller.navLink(label)).toHaveCount(0);
  }
  await seller.more.click();

  // Typing an owner's screen: "Owners only", in the app's frame, and the way back.
  for (const [path, label] of [
    ['/activity', 'Activity'],
    ['/team', 'Team'],
    ['/alerts', 'Alerts'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'Owners only' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText(`${label} is for the shop's owners`);
    await expect(page.getByRole('heading', { name: label, exact: true })).toHaveCount(0);
    await expect(seller.navLink('Sell')).toBeVisible();
  }
  await expectAccessible(page, '"Owners only"');
  await page.getByRole('main').getByRole('link', { name: 'Back to Sell' }).click();
  await expect(page).toHaveURL(/\/sell$/);

  // Sam sells the plums by card.
  await expect(seller.sell.tile('Plums')).toBeVisible({ timeout: 30_000 });
  await seller.sell.add('Plums');
  const checkout = await seller.sell.charge('€1.50');
  await checkout.pay('Card');
  await (await checkout.confirm()).newSale();

  // The owner's order filters name Sam and his phone, never an id.
  await owner.navTo('Orders');
  const orders = owner.orders;
  await expect(orders.rows).toHaveCount(1, { timeout: 45_000 });
  await expect(orders.sellerFilter.locator('option')).toHaveText(['Anyone', 'Sam']);
  await expect(orders.deviceFilter.locator('option')).toHaveText(['Any', "Sam's device"]);
  await orders.sellerFilter.selectOption({ label: 'Sam' });
  await expect(orders.rows).toHaveCount(1);

  // The activity log: Sam's sale under his name; no ids, no field names, no "null".
  await owner.navTo('Activity');
  const { entries, personFilter } = owner.activity;
  await expect(entries.filter({ hasText: 'Sam' }).filter({ hasText: 'Sale' })).toHaveCount(1);
  await expect(entries.filter({ hasText: 'Added product Plums' })).toContainText('Price: €1.50');
  const log = await owner.page.getByRole('main').innerText();
  expect(log).not.toMatch(ID);
  expect(log).not.toMatch(/\bnull\b|lowStockThreshold|imageUrl|order\.create/);
  await expect(personFilter.locator('option')).toHaveText(['Anyone', 'Rosa Market', 'Sam']);
  await expectAccessible(owner.page, 'activity');
});
