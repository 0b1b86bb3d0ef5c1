import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../support/server.ts';
import {
  account,
  addProduct,
  LAPTOP,
  navTo,
  newDevice,
  PHONE,
  register,
  restock,
} from '../support/ui.ts';

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server?.dispose();
});

/** Serious and critical axe violations on the page as it is now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Let transitions and live queries settle before measuring contrast.
  await page.waitForLoadState('load');
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) => `${v.impact} ${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? v.help}`,
      ),
    );
}

async function audit(page: Page, label: string): Promise<void> {
  expect
    .soft(await seriousViolations(page), `${label} has no serious/critical violations`)
    .toEqual([]);
}

const VIEWPORTS = [
  { name: 'phone', viewport: PHONE, scheme: 'light' },
  { name: 'laptop', viewport: LAPTOP, scheme: 'light' },
  // The app has a dark palette (prefers-color-scheme): its contrast is checked too.
  { name: 'phone dark', viewport: PHONE, scheme: 'dark' },
] as const;

for (const { name, viewport, scheme } of VIEWPORTS) {
  test(`${name}: login and register have no serious accessibility violations`, async ({
    browser,
  }) => {
    const context = await newDevice(browser, viewport, scheme);
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await audit(page, 'login');
    // With the error message shown, too.
    await page.getByLabel('Email').fill('nobody@example.test');
    await page.getByLabel('Password').fill('not the right password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await audit(page, 'login with an error');

    await page.goto(`${server.url}/register`);
    await expect(page.getByRole('heading', { name: 'Create your shop' })).toBeVisible();
    await audit(page, 'register');
    await context.close();
  });

  test(`${name}: the signed-in screens have no serious accessibility violations`, async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const context = await newDevice(browser, viewport, scheme);
    const page = await context.newPage();
    await register(page, server.url, account('Rosa Market', 'Rosa Fruit Stall'));

    // One product, one customer, one sale: no page is an empty list.
    await navTo(page, 'Products');
    await addProduct(page, { code: 'TOM-1', name: 'Tomatoes', price: '2.50' });
    await restock(page, 'Tomatoes', 2);
    await navTo(page, 'Customers');
    await page.getByRole('button', { name: 'Add customer' }).click();
    const form = page.getByRole('form', { name: 'Add customer' });
    await form.getByLabel('Name').fill('Ana Pereira');
    await form.getByLabel('Phone').fill('+351 912 345 678');
    await form.getByRole('button', { name: 'Save customer' }).click();
    await expect(page.getByTestId('customer-row')).toHaveCount(1);
    await audit(page, 'customers');

    await navTo(page, 'Sell');
    await page.getByTestId('sell-tile').filter({ hasText: 'Tomatoes' }).click();
    await page.getByRole('button', { name: /^Charge / }).click();
    const checkout = page.getByRole('dialog', { name: 'Checkout' });
    await checkout.getByRole('radio', { name: 'Cash' }).check();
    await checkout.getByLabel(/^Cash given/).fill('5');
    await checkout.getByLabel(/^Customer/).fill('Ana');
    await checkout.getByRole('button', { name: /Ana Pereira/ }).click();
    await expect(checkout.getByTestId('selected-customer')).toHaveText('Ana Pereira');
    await audit(page, 'checkout dialog');
    await checkout.getByRole('button', { name: 'Confirm sale' }).click();
    const receipt = page.getByRole('dialog', { name: 'Sale saved' });
    await expect(receipt.getByTestId('receipt-number')).toBeVisible();
    await audit(page, 'receipt dialog');
    await receipt.getByRole('button', { name: 'New sale' }).click();
    await page.getByTestId('sell-tile').filter({ hasText: 'Tomatoes' }).click();
    await expect(page.getByTestId('cart-line')).toHaveCount(1);
    await audit(page, 'sell with a line in the cart');

    await navTo(page, 'Products');
    await expect(page.getByTestId('product-row')).toHaveCount(1);
    await audit(page, 'products');

    await navTo(page, 'Orders');
    await expect(page.getByTestId('order-row')).toHaveCount(1);
    await audit(page, 'orders');
    await page.getByTestId('order-row').getByRole('link').click();
    await expect(page.getByRole('heading', { name: /^Order / })).toBeVisible();
    await audit(page, 'order detail');

    await page.getByRole('link', { name: '← Orders' }).click();
    await navTo(page, 'Customers');
    await page.getByRole('link', { name: 'Ana Pereira' }).click();
    await expect(page.getByRole('heading', { name: 'Ana Pereira' })).toBeVisible();
    await audit(page, 'customer detail');

    await navTo(page, 'Dashboard');
    await expect(page.getByTestId('today-count')).toHaveText('1');
    await audit(page, 'dashboard');

    // On a phone the owner's other screens are under "More" in the bottom bar.
    if (viewport === PHONE) {
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('button', { name: 'More' }).click();
      await audit(page, 'the "More" sheet open');
      await nav.getByRole('link', { name: 'Team' }).click();
      await expect(page).toHaveURL(/\/team$/);
    } else {
      await navTo(page, 'Team');
    }
    await expect(page.getByRole('cell', { name: 'Rosa Market', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Create invite code' }).click();
    await expect(page.getByTestId('invite-code')).toBeVisible();
    await audit(page, 'team');
    await context.close();
  });
}

test('laptop keyboard: Tab reaches the sell search box and Enter on an exact code adds it', async ({
  browser,
}) => {
  const context = await newDevice(browser, LAPTOP);
  const page = await context.newPage();
  await register(page, server.url, account('Kim Keys', 'Keyboard Kiosk'));
  await navTo(page, 'Products');
  await addProduct(page, { code: 'APL-1', name: 'Apples', price: '1.20' });
  await addProduct(page, { code: 'APL-10', name: 'Apple juice', price: '3.00' });

  // A fresh load of Sell, then only the keyboard.
  await page.goto(`${server.url}/sell`);
  await expect(page.getByTestId('sell-tile')).toHaveCount(2);
  const search = page.getByRole('searchbox', { name: 'Search or type a code' });
  let reached = false;
  for (let i = 0; i < 15 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await search.evaluate((el) => el === document.activeElement);
  }
  expect(reached, 'Tab reaches the search box within 15 presses').toBe(true);
  await expect(search).toBeFocused();

  // Typing a code that is also the prefix of another code: the exact one is added.
  await page.keyboard.type('APL-1');
  await expect(page.getByTestId('sell-tile')).toHaveCount(2);
  await page.keyboard.press('Enter');
  const line = page.getByTestId('cart-line');
  await expect(line).toHaveCount(1);
  await expect(line).toContainText('Apples');
  await expect(line.getByTestId('cart-qty')).toHaveText('1');
  // The box is cleared and keeps focus, ready for the next code.
  await expect(search).toHaveValue('');
  await expect(search).toBeFocused();
  await page.keyboard.type('apl-1');
  await page.keyboard.press('Enter');
  await expect(line.getByTestId('cart-qty')).toHaveText('2');

  // The cart's controls are reachable too: Tab on to "Charge" and open checkout with Enter.
  const charge = page.getByRole('button', { name: 'Charge €2.40' });
  let onCharge = false;
  for (let i = 0; i < 30 && !onCharge; i++) {
    await page.keyboard.press('Tab');
    onCharge = await charge.evaluate((el) => el === document.activeElement);
  }
  expect(onCharge, 'Tab reaches the Charge button').toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Checkout' })).toBeVisible();
  await context.close();
});
