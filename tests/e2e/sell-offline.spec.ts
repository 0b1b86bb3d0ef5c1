import { expect, test } from '../support/fixtures.ts';
import { account } from '../support/pages/auth.ts';
import { ShopOnServer } from '../support/shop-api.ts';
import { PHONE } from '../support/viewports.ts';

// This test stops its server and starts it again: it gets one of its own, so that no other
// test sees the outage (or a server left down if this one fails half-way).
test.use({ ownServer: {} });

test('a phone sells with cash after a cold start with the server down, and the sale syncs later', async ({
  device,
  server,
}) => {
  test.setTimeout(150_000);
  const owner = account('Rosa Market', 'Rosa Fruit Stall');
  const app = await device(PHONE);

  // Online: register, add a product with stock, open Sell once.
  await app.auth.register(owner);
  await app.waitForServiceWorker();
  await app.navTo('Products');
  await app.products.add({ code: 'TOM-1', name: 'Tomatoes', price: '2.50' });
  await app.products.restock('Tomatoes', 5);
  await expect(app.products.stockBadge('Tomatoes')).toHaveText('5 left');
  await app.navTo('Sell');
  await expect(app.sell.tile('Tomatoes')).toBeVisible();
  await expect(app.syncLabel).toHaveText('Synced', { timeout: 30_000 });
  await expect(app.pendingCount).toHaveCount(0);

  // The server goes away; the app is closed and opened again (cold start).
  const shop = await ShopOnServer.of(app.context, server.url);
  await server.stop();
  await app.reopen();
  const { page, sell } = app;
  await page.goto('/');
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { name: 'Today at the shop' })).toBeVisible();
  await app.navTo('Sell');

  // Find the product, put it in the cart.
  await sell.search.fill('tomat');
  await expect(sell.tiles).toHaveCount(1);
  await sell.add('Tomatoes');
  const line = sell.cartLines;
  await expect(line).toHaveCount(1);
  await expect(line).toContainText('Tomatoes');
  await expect(line.getByTestId('cart-qty')).toHaveText('1');
  await expect(sell.cartTotal).toHaveText('€2.50');

  // Checkout: cash, €10 given, €7.50 back.
  const checkout = await sell.charge('€2.50');
  await expect(checkout.total).toHaveText('€2.50');
  await checkout.pay('Cash');
  await checkout.cashGiven('10');
  await expect(checkout.changeDue).toHaveText('€7.50');
  const receipt = await checkout.confirm();

  await expect(receipt.dialog).toBeVisible();
  await expect(receipt.number).toHaveText(/^[A-Z][A-Z0-9]{1,3}-0001$/);
  const text = receipt.text;
  await expect(text).toContainText('Tomatoes');
  await expect(text).toContainText('1 × €2.50 = €2.50');
  await expect(text).toContainText('Cash given: €10.00');
  await expect(text).toContainText('Change: €7.50');
  await expect(receipt.change).toHaveText('€7.50');
  // The receipt as a PDF, made on the device with the server down (pdf-lib from the cache).
  const number = (await receipt.number.innerText()).trim();
  const pdf = await receipt.downloadPdf();
  expect(pdf.name).toBe(`Receipt ${number}.pdf`);
  expect(pdf.text).toContain(`Receipt ${number}`);
  expect(pdf.text).toContain('Tomatoes 1 €2.50 €2.50');
  expect(pdf.text).toContain('Change €7.50');
  await receipt.newSale();
  await expect(sell.cartLines).toHaveCount(0);

  // The header tells the truth: not synced, changes waiting.
  await expect(app.pendingCount).toHaveText('1 sale not yet synced');
  await expect(app.syncLabel).not.toHaveText('Synced');
  // The server really has no order yet (it is down: the fetch fails).
  await expect(shop.docIds()).rejects.toThrow();

  // The server comes back: the sale reaches it without any help from the user.
  await server.restart();
  await expect
    .poll(async () => (await shop.docIds('order')).length > 0, {
      timeout: 75_000,
      intervals: [500],
    })
    .toBe(true);
  await expect(app.pendingCount).toHaveCount(0, { timeout: 30_000 });
  await expect(app.syncLabel).toHaveText('Synced');
});
