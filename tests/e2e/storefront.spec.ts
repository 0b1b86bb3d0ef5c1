import { expectAccessible } from '../support/a11y.ts';
import { expect, test } from '../support/fixtures.ts';
import { expectInsideViewport } from '../support/layout.ts';
import { account } from '../support/pages/auth.ts';
import { OrderDetailScreen } from '../support/pages/order-detail.ts';
import { StorefrontPage } from '../support/pages/storefront.ts';
import { PHONE, SMALL_PHONE } from '../support/viewports.ts';

const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, from: '07:00', to: '21:00' }));

test('a customer orders from the shop page on a phone, pays by test card, and sees the seller make it ready', async ({
  device,
  baseURL,
}) => {
  test.setTimeout(180_000);
  // The seller's phone: the owner registers; the shop is set up through the REST API
  // with the phone's own session, as a program would.
  const seller = await device(PHONE);
  await seller.auth.register(account('Sile Walsh', 'Walsh Farm Stall'));
  await expect(seller.syncLabel).toHaveText('Synced', { timeout: 30_000 });
  // installed: its service worker controls the origin (checked again with a shop link below)
  await seller.waitForServiceWorker();
  const api = seller.page.request;
  const me = (await (await api.get(`${baseURL}/api/v1/me`)).json()) as { shops: { id: string }[] };
  const shop = `${baseURL}/api/v1/shops/${me.shops[0]?.id ?? ''}`;
  const product = async (data: object, stock: number) => {
    const res = await api.post(`${shop}/products`, { data: { ...data, online: true } });
    expect(res.status(), await res.text()).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const moved = await api.post(`${shop}/stock`, {
      data: { productId: id, qty: stock, reason: 'restock' },
    });
    expect(moved.status()).toBe(201);
  };
  // jam: three jars left (at the low-stock line, so the page says how many)
  await product(
    { code: 'JAM-1', name: 'Plum jam', unit: 'piece', price: 450, lowStockThreshold: 5 },
    3,
  );
  await product({ code: 'POT-1', name: 'New potatoes', unit: 'kg', price: 180 }, 20_000);
  const slug = `walsh-${Date.now().toString(36)}`;
  const published = await api.put(`${shop}/storefront`, {
    data: {
      published: true,
      slug,
      pickup: { place: 'Stall 12, Saturday market', times: EVERY_DAY },
      timeZone: 'Europe/Berlin',
      message: 'Order by Friday for Saturday.',
    },
  });
  expect(published.status(), await published.text()).toBe(200);

  // The customer, on a small phone, with no account and nothing installed.
  const phone = await device(SMALL_PHONE);
  const paths: string[] = [];
  phone.context.on('request', (r) => paths.push(new URL(r.url()).pathname));
  const cspErrors: string[] = [];
  phone.page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  const customer = new StorefrontPage(phone.page);
  await customer.open(slug);
  await expect(phone.page.getByRole('heading', { name: 'Walsh Farm Stall' })).toBeVisible();
  await expect(phone.page.getByText('Order by Friday for Saturday.')).toBeVisible();
  await expect(customer.card('Plum jam')).toContainText('€4.50 each');
  await expect(customer.card('Plum jam')).toContainText('Only 3 left');
  await expect(customer.card('New potatoes')).toContainText('€1.80 / kg');
  await expectAccessible(phone.page, 'the shop page');

  // + never goes past what is left; weighed goods go in 250 g steps, shown in kg
  await customer.add('Plum jam', 3);
  await expect(customer.inCart('Plum jam')).toHaveText('3');
  await expect(phone.page.getByRole('button', { name: 'More Plum jam' })).toBeDisabled();
  await phone.page.getByRole('button', { name: 'Less Plum jam' }).click();
  await expect(customer.inCart('Plum jam')).toHaveText('2');
  await customer.add('New potatoes', 6);
  await expect(customer.inCart('New potatoes')).toHaveText('1.5 kg');
  // the cart bar sits where a thumb reaches, and keeps the cart over a reload
  await expectInsideViewport(phone.page, customer.cartBar);
  await expect(phone.page.getByText('3 items')).toBeVisible();
  await expect(phone.page.getByText('€11.70')).toBeVisible();
  await phone.page.reload();
  await expect(customer.inCart('Plum jam')).toHaveText('2');

  await customer.cartBar.click();
  // a missing phone number is said in words, under the field
  await customer.fillCheckout({ name: 'Ciara Doyle', phone: '', card: true });
  await customer.placeOrder.click();
  await expect(phone.page.getByText(/Enter a phone number the shop can call/)).toBeVisible();
  await expect(phone.page.getByLabel('Phone', { exact: true })).toBeFocused();
  await phone.page.getByLabel('Phone', { exact: true }).fill('087 555 0142');
  await expectAccessible(phone.page, 'the checkout');
  await customer.placeOrder.click();

  // the test payment page
  await expect(phone.page).toHaveURL(/\/s\/pay\//);
  await expect(phone.page.getByText('TEST MODE', { exact: true })).toBeVisible();
  await expect(phone.page.getByText('€11.70')).toBeVisible();
  await expect(phone.page.getByText('WEB-0001')).toBeVisible();
  await phone.page.getByRole('button', { name: 'Pay (test card)' }).click();

  // back on the order's page: the token in the hash, paid, still the customer's to cancel
  await expect(phone.page).toHaveURL(new RegExp(`/s/${slug}/track#[A-Za-z0-9_-]{32}$`));
  await expect(phone.page.getByRole('heading', { name: 'Order WEB-0001' })).toBeVisible();
  await expect(phone.page.getByText('Paid by card (test mode)')).toBeVisible();
  await expect(customer.trackedStatus).toHaveText(/^Placed/);
  await expect(phone.page.getByRole('button', { name: 'Cancel order' })).toBeVisible();
  await expectAccessible(phone.page, 'the tracking page');

  // the shop page never fetched the seller app (its shell, data layer or service worker)
  expect(paths.filter((p) => p.startsWith('/_app/') || p.endsWith('service-worker.js'))).toEqual(
    [],
  );
  expect(cspErrors).toEqual([]);

  // The seller's phone hears of the order, accepts it and makes it ready.
  await seller.navTo('Orders');
  const row = seller.orders.rows.filter({ hasText: 'WEB-0001' });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.getByRole('link', { name: 'WEB-0001' }).click();
  const order = new OrderDetailScreen(seller.page);
  await expect(order.heading).toHaveText('Order WEB-0001');
  await order.action('Accept').click();
  await expect(order.action('Accept')).toHaveCount(0);
  await order.action('Ready for pickup').click();
  await expect(order.status).toHaveText('Ready for pickup');

  // The customer's page, left open, catches up by itself (it asks every 30 s).
  await expect(customer.trackedStatus).toHaveText('Ready for pickup', { timeout: 60_000 });
  await expect(phone.page.getByRole('button', { name: 'Cancel order' })).toHaveCount(0);
  await expect(phone.page.getByRole('button', { name: 'Ask to cancel' })).toBeVisible();

  // The seller's phone has the app installed (its service worker controls every page of
  // the origin): a shop link opened there is still the shop page, not the app's shell.
  const tab = await seller.context.newPage();
  await tab.goto(`/s/${slug}`);
  expect(await tab.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await expect(tab.getByText('Order by Friday for Saturday.')).toBeVisible();
  await expect(tab.getByRole('list', { name: 'Products' })).toBeVisible();

  // "My orders" on this device lists it
  await phone.page.getByRole('link', { name: 'My orders' }).click();
  await expect(phone.page.getByRole('link', { name: /WEB-0001/ })).toBeVisible();
});
