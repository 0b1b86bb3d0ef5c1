import type { Page } from '@playwright/test';
import { expectAccessible } from '../support/a11y.ts';
import { expect, test } from '../support/fixtures.ts';
import { account } from '../support/pages/auth.ts';
import { DeliveriesScreen } from '../support/pages/deliveries.ts';
import { LAPTOP, SMALL_PHONE } from '../support/viewports.ts';

const SHOP = 'Rosa Fruit Stall';
const BASKET = 'Fruit basket';

/** A day some days from today on the device's calendar. */
function dayFromToday(page: Page, days: number): Promise<string> {
  return page.evaluate((n) => {
    const d = new Date();
    d.setDate(d.getDate() + n);
    const pad = (x: number) => String(x).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }, days);
}

test('a phone with no network schedules, dispatches and delivers with cash; the owner sees it delivered and paid', async ({
  device,
}) => {
  test.setTimeout(150_000);
  const owner = await device(LAPTOP);
  await owner.auth.register(account('Rosa Market', SHOP));
  await owner.navTo('Products');
  await owner.products.add({ code: 'BASKET-1', name: BASKET, price: '4.00' });
  await owner.products.restock(BASKET, 10);
  await owner.navTo('Customers');
  await owner.customers.add({ name: 'Ana Lima', phone: '+49 30 5550 1234' });
  await owner.navTo('Team');
  const code = await owner.team.createInvite('seller');

  // The seller joins on a small phone and has the shop on it, then loses the network.
  const seller = await device(SMALL_PHONE);
  await seller.auth.register(account('Sam', "Sam's own stall"));
  await seller.join.joinAsSeller(code, SHOP);
  await seller.page.reload();
  await expect(seller.page).toHaveURL(/\/sell$/);
  await seller.waitForServiceWorker();
  await expect(seller.sell.tile(BASKET)).toBeVisible({ timeout: 30_000 });
  await expect(seller.syncLabel).toHaveText('Synced', { timeout: 30_000 });
  await seller.setOffline(true);
  await expect(seller.syncLabel).toHaveText('Offline');

  // A delivery order for Ana, paid on delivery.
  const { sell, page } = seller;
  await sell.add(BASKET);
  await sell.add(BASKET);
  const checkout = await sell.charge('€8.00');
  await checkout.pay('Cash');
  await checkout.dialog.getByRole('radio', { name: 'Delivery', exact: true }).check();
  await checkout.dialog.getByRole('checkbox', { name: /^Paid now/ }).uncheck();
  await checkout.pickCustomer('Ana', 'Ana Lima');
  const receipt = await checkout.confirm();
  await expect(receipt.number).toBeVisible();
  const number = (await receipt.number.textContent())?.trim() ?? '';
  await receipt.newSale();

  // It waits on Deliveries to be planned.
  const deliveries = new DeliveriesScreen(page);
  await deliveries.open();
  const card = deliveries.card(number);
  await expect(deliveries.section('Not scheduled').getByTestId('delivery-card')).toHaveCount(1);
  await expect(card.getByTestId('delivery-collect')).toHaveText('€8.00');
  await expect(card).toContainText('2 × Fruit basket');

  // Scheduled for tomorrow, 10–12; the customer's phone is offered, the address typed.
  const day = await dayFromToday(page, 1);
  const dialog = await deliveries.schedule(number, {
    date: day,
    from: '10:00',
    to: '12:00',
    address: '12 Orchard Road',
    note: 'Ring twice',
  });
  await expect(dialog.getByLabel('Contact phone')).toHaveValue('+49 30 5550 1234');
  await dialog.getByRole('button', { name: 'Schedule', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(deliveries.saved).toContainText(`${number} scheduled.`);
  await expect(deliveries.saved).toContainText('Saved on this device');
  const upcoming = deliveries.section(/^Tomorrow/);
  await expect(upcoming.getByTestId('delivery-card')).toHaveCount(1);
  await expect(card.getByTestId('delivery-status')).toHaveText('Delivery scheduled');
  await expect(card.getByTestId('delivery-window')).toContainText('10:00');
  await expect(card.getByTestId('delivery-window')).toContainText('12:00');
  await expect(card).toContainText('12 Orchard Road');
  await expect(card.getByRole('link', { name: '+49 30 5550 1234' })).toHaveAttribute(
    'href',
    'tel:+49 30 5550 1234',
  );
  await expectAccessible(page, '/deliveries with a planned delivery (phone)');
  // nothing on the phone screen is wider than the phone
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
    true,
  );

  // The run sheet for tomorrow lists it, ready to print.
  await deliveries.openRunSheet(day);
  await expect(deliveries.sheetRows).toHaveCount(1);
  const row = deliveries.sheetRows.first();
  await expect(row).toContainText(number);
  await expect(row).toContainText('12 Orchard Road');
  await expect(row).toContainText('2 × Fruit basket');
  await expect(row).toContainText('€8.00');
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
  await expectAccessible(page, 'the run sheet (phone)');
  await page.getByRole('link', { name: '← Deliveries' }).click();
  await expect(deliveries.heading).toBeVisible();

  // Out for delivery, then delivered: €8.00 cash collected.
  await deliveries.dispatch(number);
  await expect(card.getByTestId('delivery-status')).toHaveText('Out for delivery');
  const delivered = await deliveries.delivered(number);
  await expect(delivered.getByLabel(/^Cash collected/)).toHaveValue('8.00');
  await delivered.getByLabel('Received by').fill('Ana');
  await delivered.getByRole('button', { name: 'Mark delivered' }).click();
  await expect(delivered).toBeHidden();
  await expect(deliveries.saved).toContainText(`${number} delivered.`);
  await expect(deliveries.empty).toBeVisible();
  await expect(seller.pendingCount).toBeVisible();

  // Back online: the owner's laptop shows the order delivered and paid, with its timeline.
  await seller.setOffline(false);
  await expect(seller.pendingCount).toHaveCount(0, { timeout: 45_000 });
  await owner.navTo('Orders');
  await expect(owner.orders.rows.filter({ hasText: number })).toBeVisible({ timeout: 30_000 });
  await owner.orders.rows.filter({ hasText: number }).getByRole('link').click();
  await expect(owner.page.getByTestId('order-status')).toHaveText('Delivered', {
    timeout: 30_000,
  });
  await expect(owner.page.getByTestId('payment-status')).toHaveText('Paid');
  const timeline = owner.page.getByTestId('timeline');
  await expect(timeline).toContainText('Delivery scheduled');
  await expect(timeline).toContainText('Dispatched');
  await expect(timeline).toContainText('Delivered');
  await expect(timeline).toContainText('€8.00');
});

test('the owner plans deliveries on a laptop: overdue, today and failed, and prints the day', async ({
  device,
}) => {
  test.setTimeout(120_000);
  const owner = await device(LAPTOP);
  const { page, sell } = owner;
  await owner.auth.register(account('Rosa Market', SHOP));
  const deliveries = new DeliveriesScreen(page);
  await deliveries.open();
  await expect(deliveries.empty).toBeVisible();
  await expectAccessible(page, '/deliveries with nothing to deliver');

  await owner.navTo('Products');
  await owner.products.add({ code: 'BASKET-1', name: BASKET, price: '4.00' });
  await owner.products.restock(BASKET, 10);
  await owner.navTo('Customers');
  await owner.customers.add({ name: 'Ana Lima' });
  await owner.navTo('Sell');
  const numbers: string[] = [];
  for (let i = 0; i < 3; i++) {
    await sell.add(BASKET);
    const checkout = await sell.charge('€4.00');
    await checkout.pay('Cash');
    await checkout.dialog.getByRole('radio', { name: 'Delivery', exact: true }).check();
    await checkout.dialog.getByRole('checkbox', { name: /^Paid now/ }).uncheck();
    await checkout.pickCustomer('Ana', 'Ana Lima');
    const receipt = await checkout.confirm();
    await expect(receipt.number).toBeVisible();
    numbers.push((await receipt.number.textContent())?.trim() ?? '');
    await receipt.newSale();
  }
  const [late, now, back] = numbers as [string, string, string];

  await deliveries.open();
  await expect(deliveries.section('Not scheduled').getByTestId('delivery-card')).toHaveCount(3);
  const today = await dayFromToday(page, 0);
  const plans: [string, string, string, string][] = [
    [late, await dayFromToday(page, -1), '09:00', '10:00'],
    [now, today, '00:00', '23:59'],
    [back, await dayFromToday(page, 1), '14:00', '16:00'],
  ];
  for (const [number, date, from, to] of plans) {
    const d = await deliveries.schedule(number, { date, from, to, address: `${number} Lane` });
    await d.getByRole('button', { name: 'Schedule', exact: true }).click();
    await expect(d).toBeHidden();
  }
  // A window that ends before it starts is refused in the dialog.
  const wrong = await deliveries.schedule(
    now,
    { date: today, from: '12:00', to: '11:00' },
    'Reschedule',
  );
  await wrong.getByRole('button', { name: 'Save new time' }).click();
  await expect(wrong.getByRole('alert')).toHaveText('The window has to end after it starts.');
  await wrong.getByRole('button', { name: 'Not now' }).click();

  await deliveries.dispatch(back);
  await deliveries.failed(back, 'Nobody home');
  await expect(deliveries.section('Overdue').getByTestId('delivery-card')).toHaveCount(1);
  await expect(deliveries.section('Overdue')).toContainText(late);
  await expect(deliveries.section('Today').getByTestId('delivery-card')).toHaveCount(1);
  await expect(deliveries.section('Today')).toContainText(now);
  const failed = deliveries.section('Failed');
  await expect(failed).toContainText(back);
  await expect(deliveries.card(back).getByRole('button', { name: 'Reschedule' })).toBeVisible();
  await expect(deliveries.section('Not scheduled')).toHaveCount(0);
  await expectAccessible(page, '/deliveries with overdue, today and failed (laptop)');

  // Today's run sheet: one stop, and on paper only the sheet.
  await deliveries.openRunSheet();
  await expect(deliveries.sheetRows).toHaveCount(1);
  await expect(deliveries.sheetRows.first()).toContainText(`${now} Lane`);
  await expect(page.getByTestId('sheet-collect')).toHaveText('€4.00');
  await expectAccessible(page, 'the run sheet (laptop)');
  await page.emulateMedia({ media: 'print' });
  await expect(owner.nav).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await expect(page.getByRole('table')).toBeVisible();
});
