import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../support/server.ts';
import { account, addProduct, navTo, newDevice, register } from '../support/ui.ts';

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server?.dispose();
});

/** A small phone, a common phone, and a laptop. */
const SMALL = { width: 360, height: 640 } as const;
const COMMON = { width: 390, height: 844 } as const;
const LAPTOP = { width: 1280, height: 800 } as const;

const BAR = ['Sell', 'Orders', 'Products', 'Customers', 'Dashboard'];
const MORE = ['Alerts', 'Activity', 'Team'];

/** The element's box lies inside the viewport, and its text is not cut off. */
async function expectFullyInView(el: Locator, viewport: { width: number; height: number }) {
  const box = await el.boundingBox();
  expect(box, 'it is laid out').not.toBeNull();
  if (!box) return;
  const name = (await el.innerText()).trim();
  expect(box.x, `${name}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${name}: top edge`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${name}: right edge`).toBeLessThanOrEqual(viewport.width + 0.5);
  expect(box.y + box.height, `${name}: bottom edge`).toBeLessThanOrEqual(viewport.height + 0.5);
  const clipped = await el.evaluate(
    (e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1,
  );
  expect(clipped, `${name}: its text fits`).toBe(false);
}

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

/** No serious or critical axe violations on the page as it is now. */
async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  expect.soft(serious, `${label} has no serious/critical violations`).toEqual([]);
}

for (const viewport of [SMALL, COMMON]) {
  const size = `${viewport.width}×${viewport.height}`;

  test(`${size}: the bottom bar fits, and "More" reaches the owner's other screens`, async ({
    browser,
  }) => {
    const context = await newDevice(browser, viewport);
    const page = await context.newPage();
    await register(page, server.url, account('Rosa Market', 'Rosa Fruit Stall'));
    const nav = mainNav(page);

    // Every item of the bar is on screen, whole, and the bar does not scroll.
    for (const label of BAR) {
      await expectFullyInView(nav.getByRole('link', { name: label, exact: true }), viewport);
    }
    const more = nav.getByRole('button', { name: 'More' });
    await expectFullyInView(more, viewport);
    const bar = await nav.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
    expect(bar.scroll).toBeLessThanOrEqual(bar.client);
    // The owner's other screens wait under "More".
    for (const label of MORE) {
      await expect(nav.getByRole('link', { name: label, exact: true })).toBeHidden();
    }

    // "More" opens a sheet of links, each in view; one of them goes there.
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await more.click();
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    for (const label of MORE) {
      await expectFullyInView(nav.getByRole('link', { name: label, exact: true }), viewport);
    }
    await nav.getByRole('link', { name: 'Alerts' }).click();
    await expect(page).toHaveURL(/\/alerts$/);
    await expect(page.getByRole('heading', { name: 'Alerts', level: 1 })).toBeVisible();
    await expect(more).toHaveAttribute('aria-expanded', 'false');

    // By keyboard: Enter opens it on its first screen, Escape closes it back on "More".
    await more.focus();
    await page.keyboard.press('Enter');
    await expect(nav.getByRole('link', { name: 'Alerts' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await expect(more).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect(nav.getByRole('link', { name: 'Activity' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/activity$/);
    await expect(page.getByRole('heading', { name: 'Activity', level: 1 })).toBeVisible();

    await more.click();
    await nav.getByRole('link', { name: 'Team' }).click();
    await expect(page).toHaveURL(/\/team$/);
    await expect(page.getByRole('cell', { name: 'Rosa Market', exact: true })).toBeVisible();
    // A tap outside closes the sheet.
    await more.click();
    await page.getByRole('heading', { name: 'Team', level: 1 }).click();
    await expect(more).toHaveAttribute('aria-expanded', 'false');

    // An unknown address: the app's frame, a heading that says so, and a way back.
    await page.goto(`${server.url}/no-such-screen`);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expectFullyInView(nav.getByRole('link', { name: 'Sell', exact: true }), viewport);
    const back = page.getByRole('main').getByRole('link', { name: 'Back to Dashboard' });
    await expectFullyInView(back, viewport);
    await expectAccessible(page, 'the 404 page');
    await back.click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await context.close();
  });

  test(`${size}: "Confirm sale" is in thumb reach, and the orders list shows the date`, async ({
    browser,
  }) => {
    const context = await newDevice(browser, viewport);
    const page = await context.newPage();
    await register(page, server.url, account('Sam Stall', 'Sam Veg'));
    await navTo(page, 'Products');
    await addProduct(page, { code: 'TOM-1', name: 'Tomatoes', price: '2.50' });
    await navTo(page, 'Sell');
    await page.getByTestId('sell-tile').filter({ hasText: 'Tomatoes' }).click();
    await page.getByRole('button', { name: 'Charge €2.50' }).click();

    // Cash (the tallest form: cash given, quick amounts, customer): the button is in view.
    const checkout = page.getByRole('dialog', { name: 'Checkout' });
    const confirm = checkout.getByRole('button', { name: 'Confirm sale' });
    await expect(checkout.getByRole('radio', { name: 'Cash' })).toBeChecked();
    await expect(confirm).toBeInViewport({ ratio: 1 });
    await expectFullyInView(confirm, viewport);
    // Delivery adds "Paid now": still in view, with the total beside it.
    await checkout.getByRole('radio', { name: 'Delivery' }).check();
    await expect(confirm).toBeInViewport({ ratio: 1 });
    await expect(checkout.getByTestId('checkout-total')).toBeInViewport({ ratio: 1 });
    await checkout.getByRole('radio', { name: 'Now' }).check();
    await checkout.getByLabel(/^Cash given/).fill('5');
    await expect(confirm).toBeInViewport({ ratio: 1 });
    await confirm.click();
    const receipt = page.getByRole('dialog', { name: 'Sale saved' });
    await receipt.getByRole('button', { name: 'New sale' }).click();

    // The orders list: the row says when, on the phone too.
    await navTo(page, 'Orders');
    const today = new Intl.DateTimeFormat('en-US', {
      dateStyle: 'short',
      timeZone: 'Europe/Berlin',
    }).format(new Date());
    const row = page.getByTestId('order-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(today, { useInnerText: true });
    // The other filters are one tap away.
    const filters = page.getByRole('button', { name: 'More filters' });
    await expectFullyInView(filters, viewport);
    await filters.click();
    await expect(page.getByLabel('Seller')).toBeVisible();
    await expectAccessible(page, 'orders with the filters open');
    await page.getByRole('button', { name: 'Fewer filters' }).click();
    const date = row.getByText(today).filter({ visible: true });
    await date.scrollIntoViewIfNeeded();
    await expectFullyInView(date, viewport);
    await context.close();
  });
}

test('1280×800 laptop: every screen in the top bar, and the screens use the width', async ({
  browser,
}) => {
  const context = await newDevice(browser, LAPTOP);
  const page = await context.newPage();
  await register(page, server.url, account('Lia Laptop', 'Lia Fruit'));
  const nav = mainNav(page);
  for (const label of [...BAR, ...MORE]) {
    const link = nav.getByRole('link', { name: label, exact: true });
    await expectFullyInView(link, LAPTOP);
    // One row at the top of the page.
    expect((await link.boundingBox())?.y ?? 999).toBeLessThan(80);
  }
  await expect(nav.getByRole('button', { name: 'More' })).toBeHidden();

  await navTo(page, 'Products');
  await addProduct(page, { code: 'PEA-1', name: 'Pears', price: '3.00' });
  await navTo(page, 'Sell');
  // Products and cart side by side, across most of the width.
  const catalog = page.getByRole('region', { name: 'Catalog' });
  const cart = page.getByRole('region', { name: 'Cart' });
  const [c, k] = [await catalog.boundingBox(), await cart.boundingBox()];
  expect(c && k && k.x > c.x + c.width - 1).toBe(true);
  expect(((k?.x ?? 0) + (k?.width ?? 0) - (c?.x ?? 0)) / LAPTOP.width).toBeGreaterThan(0.75);

  await page.getByTestId('sell-tile').filter({ hasText: 'Pears' }).click();
  await page.getByRole('button', { name: 'Charge €3.00' }).click();
  const checkout = page.getByRole('dialog', { name: 'Checkout' });
  await expect(checkout.getByRole('button', { name: 'Confirm sale' })).toBeInViewport({
    ratio: 1,
  });
  await checkout.getByRole('button', { name: 'Confirm sale' }).click();
  await page
    .getByRole('dialog', { name: 'Sale saved' })
    .getByRole('button', { name: 'New sale' })
    .click();
  // The orders table keeps its "When" and "Payment" columns.
  await navTo(page, 'Orders');
  await expect(page.getByRole('columnheader', { name: 'When' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Payment' })).toBeVisible();
  await context.close();
});
