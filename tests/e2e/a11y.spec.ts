import { expectAccessible as audit } from '../support/a11y.ts';
import { expect, test } from '../support/fixtures.ts';
import { account } from '../support/pages/auth.ts';
import { LAPTOP, PHONE } from '../support/viewports.ts';

const VIEWPORTS = [
  { name: 'phone', viewport: PHONE, scheme: 'light' },
  { name: 'laptop', viewport: LAPTOP, scheme: 'light' },
  // The app has a dark palette (prefers-color-scheme): its contrast is checked too.
  { name: 'phone dark', viewport: PHONE, scheme: 'dark' },
] as const;

for (const { name, viewport, scheme } of VIEWPORTS) {
  test(`${name}: login and register have no serious accessibility violations`, async ({
    device,
  }) => {
    const app = await device(viewport, { colorScheme: scheme });
    const { auth, page } = app;
    await auth.openLogin();
    await audit(page, 'login');
    // With the error message shown, too (an email no account has; unique, so that the
    // server's sign-in throttle never counts one test's failures against another).
    const nobody = account('Nobody', 'No Stall');
    await auth.signIn({ email: nobody.email, password: 'not the right password' });
    await expect(page.getByRole('alert')).toBeVisible();
    await audit(page, 'login with an error');

    await auth.openRegister();
    await audit(page, 'register');
  });

  test(`${name}: the signed-in screens have no serious accessibility violations`, async ({
    device,
  }) => {
    test.setTimeout(120_000);
    const app = await device(viewport, { colorScheme: scheme });
    const { page } = app;
    await app.auth.register(account('Rosa Market', 'Rosa Fruit Stall'));

    // One product, one customer, one sale: no page is an empty list.
    await app.navTo('Products');
    await app.products.add({ code: 'TOM-1', name: 'Tomatoes', price: '2.50' });
    await app.products.restock('Tomatoes', 2);
    await app.navTo('Customers');
    await app.customers.add({ name: 'Ana Pereira', phone: '+351 912 345 678' });
    await expect(app.customers.rows).toHaveCount(1);
    await audit(page, 'customers');

    await app.navTo('Sell');
    await app.sell.add('Tomatoes');
    const checkout = await app.sell.charge();
    await checkout.pay('Cash');
    await checkout.cashGiven('5');
    await checkout.pickCustomer('Ana', 'Ana Pereira');
    await expect(checkout.selectedCustomer).toHaveText('Ana Pereira');
    await audit(page, 'checkout dialog');
    const receipt = await checkout.confirm();
    await expect(receipt.number).toBeVisible();
    await audit(page, 'receipt dialog');
    await receipt.newSale();
    await app.sell.add('Tomatoes');
    await expect(app.sell.cartLines).toHaveCount(1);
    await audit(page, 'sell with a line in the cart');

    await app.navTo('Products');
    await expect(app.products.rows).toHaveCount(1);
    await audit(page, 'products');

    await app.navTo('Orders');
    await expect(app.orders.rows).toHaveCount(1);
    await audit(page, 'orders');
    await app.orders.openFirst();
    await audit(page, 'order detail');

    await app.orders.backToList();
    await app.navTo('Customers');
    await app.customers.open('Ana Pereira');
    await audit(page, 'customer detail');

    await app.navTo('Dashboard');
    await expect(page.getByTestId('today-count')).toHaveText('1');
    await audit(page, 'dashboard');

    // On a phone the owner's other screens are under "More" in the bottom bar.
    if (viewport === PHONE) {
      await app.more.click();
      await audit(page, 'the "More" sheet open');
      await app.nav.getByRole('link', { name: 'Team' }).click();
      await expect(page).toHaveURL(/\/team$/);
    } else {
      await app.navTo('Team');
    }
    await expect(app.team.member('Rosa Market')).toBeVisible();
    await page.getByRole('button', { name: 'Create invite code' }).click();
    await expect(app.team.inviteCode).toBeVisible();
    await audit(page, 'team');
  });
}

test('laptop keyboard: Tab reaches the sell search box and Enter on an exact code adds it', async ({
  device,
}) => {
  const app = await device(LAPTOP);
  const { page, sell } = app;
  await app.auth.register(account('Kim Keys', 'Keyboard Kiosk'));
  await app.navTo('Products');
  await app.products.add({ code: 'APL-1', name: 'Apples', price: '1.20' });
  await app.products.add({ code: 'APL-10', name: 'Apple juice', price: '3.00' });

  // A fresh load of Sell, then only the keyboard.
  await page.goto('/sell');
  await expect(sell.tiles).toHaveCount(2);
  const search = sell.search;
  let reached = false;
  for (let i = 0; i < 20 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await search.evaluate((el) => el === document.activeElement);
  }
  expect(reached, 'Tab reaches the search box within 20 presses').toBe(true);
  await expect(search).toBeFocused();

  // Typing a code that is also the prefix of another code: the exact one is added.
  await page.keyboard.type('APL-1');
  await expect(sell.tiles).toHaveCount(2);
  await page.keyboard.press('Enter');
  const line = sell.cartLines;
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
  const charge = sell.chargeButton('€2.40');
  let onCharge = false;
  for (let i = 0; i < 30 && !onCharge; i++) {
    await page.keyboard.press('Tab');
    onCharge = await charge.evaluate((el) => el === document.activeElement);
  }
  expect(onCharge, 'Tab reaches the Charge button').toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Checkout' })).toBeVisible();
});
