import { expectAccessible } from '../support/a11y.ts';
import { expect, test } from '../support/fixtures.ts';
import { account } from '../support/pages/auth.ts';
import {
  OnlineOrderScreen,
  OnlineShopSection,
  ProductOnlineFields,
} from '../support/pages/online-shop.ts';
import { OrderDetailScreen } from '../support/pages/order-detail.ts';
import { PublicShop } from '../support/public-shop.ts';
import { LAPTOP } from '../support/viewports.ts';

const EGGS = 'Free-range eggs (6)';

test('an order from the shop page reaches the owner, who accepts it, readies it and declines a late cancel', async ({
  device,
  server,
}) => {
  test.setTimeout(150_000);
  const owner = await device(LAPTOP);
  await owner.auth.register(account('Nora Egan', 'Nora Egg Farm'));
  const page = owner.page;

  // The owner publishes the shop page in Settings.
  const slug = `nora-eggs-${Date.now().toString(36)}`;
  await owner.navTo('Settings');
  const shopPage = new OnlineShopSection(page);
  await shopPage.publishForPickup(slug, 'Stall 7, Saturday market');
  await expect(shopPage.link).toHaveText(`${server.url}/s/${slug}`);
  await expectAccessible(page, 'settings with the online shop section');

  // A product is sold online, at most 4 boxes held by online orders at once.
  await owner.navTo('Products');
  await owner.products.add({ code: 'EGG-6', name: EGGS, price: '3.50', opening: '10' });
  // (the add form closes once the opening stock is saved too)
  await expect(page.getByRole('form', { name: 'Add product' })).toBeHidden();
  await owner.products.edit(EGGS);
  await new ProductOnlineFields(page).sellOnline('4');
  const row = owner.products.row(EGGS);
  await expect(row.getByTestId('online-badge')).toHaveText('Online');
  await expect(row.getByTestId('online-stock')).toHaveText(
    '4 more may be ordered online · limit 4',
  );

  // A customer orders two boxes for pickup, over the public API.
  const customer = new PublicShop(server.url, slug);
  const productId = await customer.productId(EGGS);
  const slot = (await customer.shop()).pickup?.slots[0]?.id;
  expect(slot).toBeTruthy();
  const placed = await customer.order(
    {
      customer: { name: 'Ann Byrne', phone: '+353 87 123 4567', email: 'ann@example.test' },
      channel: 'pickup',
      slot,
      lines: [{ productId, qty: 2 }],
      payment: 'on_collection',
    },
    `e2e-${slug}`,
  );
  expect(placed.number).toMatch(/^WEB-\d+$/);

  // It appears on the owner's device: a notice, the Orders count, the list's New badge.
  const notice = page.getByTestId('online-notice');
  await expect(notice).toContainText(`New online order ${placed.number} from Ann Byrne — €7.00`, {
    timeout: 30_000,
  });
  await expect(owner.nav.getByTestId('nav-count-orders')).toHaveText(/1/);
  await expect(row.getByTestId('online-stock')).toHaveText(
    '2 more may be ordered online · 2 held by online orders · limit 4',
  );
  await owner.navTo('Orders');
  const listed = owner.orders.rows.filter({ hasText: placed.number });
  await expect(listed.getByTestId('order-source')).toHaveText('Shop page');
  await expect(listed.getByTestId('order-new')).toHaveText('New');
  await listed.getByRole('link', { name: placed.number }).click();

  const order = new OrderDetailScreen(page);
  const online = new OnlineOrderScreen(page);
  await expect(order.heading).toHaveText(`Order ${placed.number}`);
  await expect(online.newBadge).toBeVisible();
  await expect(online.panel.getByTestId('online-customer')).toContainText('Ann Byrne');
  await expect(online.panel.getByTestId('online-customer')).toContainText('+353 87 123 4567');
  await expect(online.panel.getByTestId('online-customer')).toContainText('ann@example.test');
  await expect(online.panel.getByTestId('online-slot')).toContainText('Sat');
  await expect(online.panel.getByTestId('online-slot')).toContainText('Stall 7, Saturday market');
  await expect(order.status).toHaveText('Pickup scheduled');
  await expectAccessible(page, 'an online order');

  // Accept, then Ready for pickup.
  await order.action('Accept').click();
  await expect(online.newBadge).toBeHidden();
  await expect(order.action('Accept')).toHaveCount(0);
  await expect(owner.nav.getByTestId('nav-count-orders')).toHaveCount(0);
  await order.action('Ready for pickup').click();
  await expect(order.status).toHaveText('Ready for pickup');
  await expect(order.events('ready')).toHaveCount(1);
  await order.action('Receipt').click();
  const receipt = page.getByRole('dialog', { name: 'Receipt' });
  await expect(receipt.getByTestId('receipt-slot')).toContainText('Pickup: Sat');
  await expect(receipt.getByTestId('receipt-slot')).toContainText('at Stall 7, Saturday market');
  await page.keyboard.press('Escape');
  await expect(receipt).toBeHidden();

  // Once the server has it ready, the customer may no longer cancel, only ask.
  await expect
    .poll(async () => (await customer.tracked(placed.trackingToken)).canRequest, {
      timeout: 30_000,
    })
    .toEqual(['cancel']);
  await customer.request(placed.trackingToken, 'cancel', 'Plans changed, sorry');

  await expect(online.request).toContainText('The customer asks to cancel', { timeout: 30_000 });
  await expect(online.request).toContainText('Plans changed, sorry');
  await expect(owner.nav.getByTestId('nav-count-orders')).toHaveText(/1/);
  await expectAccessible(page, "an online order with the customer's request");
  await online.decline('Already packed for you — see you Saturday');
  await expect(online.request).toHaveCount(0);
  await expect(order.events('request_declined')).toContainText(
    'Already packed for you — see you Saturday',
  );
  await expect(order.status).toHaveText('Ready for pickup');
  await expect(owner.nav.getByTestId('nav-count-orders')).toHaveCount(0);

  // The customer's page hears the answer.
  await expect
    .poll(async () => (await customer.tracked(placed.trackingToken)).request?.answer, {
      timeout: 30_000,
    })
    .toBe('declined');
});
