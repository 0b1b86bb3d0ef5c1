import { expectAccessible } from '../support/a11y.ts';
import { expect, test } from '../support/fixtures.ts';
import { expectFullyInView } from '../support/layout.ts';
import { account } from '../support/pages/auth.ts';
import { COMMON_PHONE, LAPTOP_1280, SMALL_PHONE } from '../support/viewports.ts';

const BAR = ['Sell', 'Orders', 'Products', 'Customers', 'Dashboard'];
const MORE = ['Deliveries', 'Invoices', 'Reports', 'Alerts', 'Activity', 'Team', 'Settings'];

for (const viewport of [SMALL_PHONE, COMMON_PHONE]) {
  const size = `${viewport.width}×${viewport.height}`;

  test(`${size}: the bottom bar fits, and "More" reaches the owner's other screens`, async ({
    device,
  }) => {
    const app = await device(viewport);
    const { page, nav, more } = app;
    await app.auth.register(account('Rosa Market', 'Rosa Fruit Stall'));

    // Every item of the bar is on screen, whole, and the bar does not scroll.
    for (const label of BAR) {
      await expectFullyInView(app.navLink(label), viewport);
    }
    await expectFullyInView(more, viewport);
    const bar = await nav.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
    expect(bar.scroll).toBeLessThanOrEqual(bar.client);
    // The owner's other screens wait under "More".
    for (const label of MORE) {
      await expect(app.navLink(label)).toBeHidden();
    }

    // "More" opens a sheet of links, each in view; one of them goes there.
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await more.click();
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    for (const label of MORE) {
      await expectFullyInView(app.navLink(label), viewport);
    }
    await nav.getByRole('link', { name: 'Alerts' }).click();
    await expect(page).toHaveURL(/\/alerts$/);
    await expect(page.getByRole('heading', { name: 'Alerts', level: 1 })).toBeVisible();
    await expect(more).toHaveAttribute('aria-expanded', 'false');

    // By keyboard: Enter opens it on its first screen, Escape closes it back on "More".
    await more.focus();
    await page.keyboard.press('Enter');
    await expect(nav.getByRole('link', { name: 'Deliveries' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await expect(more).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect(nav.getByRole('link', { name: 'Invoices' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/invoices$/);
    await expect(page.getByRole('heading', { name: 'Invoices', level: 1 })).toBeVisible();

    await more.click();
    await nav.getByRole('link', { name: 'Team' }).click();
    await expect(page).toHaveURL(/\/team$/);
    await expect(app.team.member('Rosa Market')).toBeVisible();
    // A tap outside closes the sheet.
    await more.click();
    await page.getByRole('heading', { name: 'Team', level: 1 }).click();
    await expect(more).toHaveAttribute('aria-expanded', 'false');

    // An unknown address: the app's frame, a heading that says so, and a way back.
    await page.goto('/no-such-screen');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expectFullyInView(app.navLink('Sell'), viewport);
    const back = page.getByRole('main').getByRole('link', { name: 'Back to Dashboard' });
    await expectFullyInView(back, viewport);
    await expectAccessible(page, 'the 404 page');
    await back.click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });

  test(`${size}: "Confirm sale" is in thumb reach, and the orders list shows the date`, async ({
    device,
  }) => {
    const app = await device(viewport);
    const { page } = app;
    await app.auth.register(account('Sam Stall', 'Sam Veg'));
    await app.navTo('Products');
    await app.products.add({ code: 'TOM-1', name: 'Tomatoes', price: '2.50' });
    await app.navTo('Sell');
    await app.sell.add('Tomatoes');
    const checkout = await app.sell.charge('€2.50');

    // Cash (the tallest form: cash given, quick amounts, customer): the button is in view.
    const confirm = checkout.confirmButton;
    await expect(checkout.payment('Cash')).toBeChecked();
    await expect(confirm).toBeInViewport({ ratio: 1 });
    await expectFullyInView(confirm, viewport);
    // Delivery adds "Paid now": still in view, with the total beside it.
    await checkout.pay('Delivery');
    await expect(confirm).toBeInViewport({ ratio: 1 });
    await expect(checkout.total).toBeInViewport({ ratio: 1 });
    await checkout.paidNow();
    await checkout.cashGiven('5');
    await expect(confirm).toBeInViewport({ ratio: 1 });
    await (await checkout.confirm()).newSale();

    // The orders list: the row says when, on the phone too.
    await app.navTo('Orders');
    const today = new Intl.DateTimeFormat('en-US', {
      dateStyle: 'short',
      timeZone: 'Europe/Berlin',
    }).format(new Date());
    const row = app.orders.rows;
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(today, { useInnerText: true });
    // The other filters are one tap away.
    const filters = app.orders.moreFilters;
    await expectFullyInView(filters, viewport);
    await filters.click();
    await expect(app.orders.sellerFilter).toBeVisible();
    await expectAccessible(page, 'orders with the filters open');
    await app.orders.fewerFilters.click();
    const date = row.getByText(today).filter({ visible: true });
    await date.scrollIntoViewIfNeeded();
    await expectFullyInView(date, viewport);
  });
}

test('1280×800 laptop: every screen in the top bar, and the screens use the width', async ({
  device,
}) => {
  const app = await device(LAPTOP_1280);
  const { page, sell } = app;
  await app.auth.register(account('Lia Laptop', 'Lia Fruit'));
  for (const label of [...BAR, ...MORE]) {
    const link = app.navLink(label);
    await expectFullyInView(link, LAPTOP_1280);
    // One row at the top of the page.
    expect((await link.boundingBox())?.y ?? 999).toBeLessThan(80);
  }
  await expect(app.more).toBeHidden();

  await app.navTo('Products');
  await app.products.add({ code: 'PEA-1', name: 'Pears', price: '3.00' });
  await app.navTo('Sell');
  // Products and cart side by side, across most of the width.
  const [c, k] = [await sell.catalog.boundingBox(), await sell.cart.boundingBox()];
  expect(c && k && k.x > c.x + c.width - 1).toBe(true);
  expect(((k?.x ?? 0) + (k?.width ?? 0) - (c?.x ?? 0)) / LAPTOP_1280.width).toBeGreaterThan(0.75);

  await sell.add('Pears');
  const checkout = await sell.charge('€3.00');
  await expect(checkout.confirmButton).toBeInViewport({ ratio: 1 });
  await (await checkout.confirm()).newSale();
  // The orders table keeps its "When" and "Payment" columns.
  await app.navTo('Orders');
  await expect(page.getByRole('columnheader', { name: 'When' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Payment' })).toBeVisible();
});
