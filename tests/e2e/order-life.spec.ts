import { expectAccessible } from '../support/a11y.ts';
import { expect, test } from '../support/fixtures.ts';
import { account } from '../support/pages/auth.ts';
import { OrderDetailScreen } from '../support/pages/order-detail.ts';
import { LAPTOP, PHONE } from '../support/viewports.ts';

const HONEY = 'Jar of honey';

test('a return with restock changes the stock on a second device; a write-off does not', async ({
  device,
}) => {
  test.setTimeout(120_000);
  const who = account('Rosa Honey', 'Rosa Honey Stall');
  const till = await device(LAPTOP);
  await till.auth.register(who);
  await till.navTo('Products');
  await till.products.add({ code: 'HON-1', name: HONEY, price: '5.00', opening: '5' });
  await till.navTo('Sell');
  await till.sell.add(HONEY);
  await till.sell.add(HONEY);
  const checkout = await till.sell.charge('€10.00');
  await checkout.pay('Card');
  await (await checkout.confirm()).newSale();

  // The same owner on a second device sees 3 jars left once the sale has synced.
  const phone = await device(PHONE);
  await phone.auth.openLogin();
  await phone.auth.signIn(who);
  await expect(phone.page).toHaveURL(/\/dashboard$/);
  await phone.navTo('Products');
  const badge = phone.products.stockBadge(HONEY);
  await expect(badge).toHaveText('3 left', { timeout: 30_000 });

  // One jar comes back in good shape: restocked, refunded at its value by card.
  await till.navTo('Orders');
  await till.orders.openFirst();
  const order = new OrderDetailScreen(till.page);
  await expect(order.action('Cancel order')).toHaveCount(0);
  const ret = await order.openReturn();
  await expectAccessible(till.page, 'order detail with the return dialog open');
  await ret.quantity(HONEY, '1');
  await expect(ret.refund).toHaveValue('5.00');
  await ret.save();
  await expect(order.refundReceipt).toBeVisible();
  await expect(order.refundReceiptText).toContainText(`1 × ${HONEY}`);
  await expect(order.refundReceiptText).toContainText('Refunded: €5.00 (Card)');
  await order.closeRefundReceipt();
  await expect(order.events('returned')).toContainText('back on the shelf');
  await expect(order.paymentStatus).toHaveText('Part paid');

  await expect(badge).toHaveText('4 left', { timeout: 30_000 });

  // The other jar comes back broken: written off, so the shelf keeps 4.
  const broken = await order.openReturn();
  await expect(broken.line(HONEY)).toContainText('up to 1');
  await broken.writeOff(HONEY);
  await broken.save();
  await expect(order.refundReceiptText).toContainText('written off');
  await order.closeRefundReceipt();
  await expect(order.paymentStatus).toHaveText('Refunded');
  // Nothing is left to return.
  await expect(order.action('Return items')).toHaveCount(0);

  // The phone has both returns (so it has synced past the write-off) and still 4 jars.
  await phone.navTo('Orders');
  await phone.orders.openFirst();
  const seen = new OrderDetailScreen(phone.page);
  await expect(seen.events('returned')).toHaveCount(2, { timeout: 30_000 });
  await expect(seen.events('returned').last()).toContainText('written off');
  await phone.navTo('Products');
  await expect(badge).toHaveText('4 left');
});

test('a pickup order amended offline past the stock is backordered by the server', async ({
  device,
}) => {
  test.setTimeout(150_000);
  const SHOP = 'Rosa Bakery';
  const owner = await device(LAPTOP);
  await owner.auth.register(account('Rosa Bakery', SHOP));
  await owner.navTo('Products');
  await owner.products.add({ code: 'BRD-1', name: 'Sourdough loaf', price: '4.00', opening: '3' });
  await owner.products.add({ code: 'JAM-1', name: 'Plum jam', price: '3.50', opening: '10' });
  await owner.navTo('Team');
  const code = await owner.team.createInvite('seller');

  const seller = await device(PHONE);
  await seller.auth.register(account('Sam Baker', "Sam's own stall"));
  await seller.join.joinAsSeller(code, SHOP);
  await seller.page.reload();
  await seller.waitForServiceWorker();
  await expect(seller.sell.tile('Sourdough loaf')).toBeVisible({ timeout: 30_000 });

  // One loaf to pick up later, paid on pickup.
  await seller.sell.add('Sourdough loaf');
  const checkout = await seller.sell.charge('€4.00');
  await checkout.dialog.getByRole('radio', { name: 'Pickup later' }).check();
  await checkout.dialog.getByRole('checkbox', { name: /Paid now/ }).uncheck();
  await (await checkout.confirm()).newSale();

  await seller.navTo('Orders');
  await seller.orders.openFirst();
  const order = new OrderDetailScreen(seller.page);
  await expect(order.allocStatus).toHaveText('Stock confirmed', { timeout: 30_000 });
  await expect(order.status).toHaveText('To fulfil');

  // Offline, the customer calls: five loaves and a jam instead.
  await seller.setOffline(true);
  await expect(seller.syncLabel).toHaveText('Offline');
  const amend = await order.openAmend();
  await expectAccessible(seller.page, 'order detail with the change dialog open');
  await amend.quantity('Sourdough loaf', '5');
  await amend.addProduct('plum', 'Plum jam');
  await amend.note('customer called');
  await amend.save();
  await expect(order.lines).toContainText('Plum jam');
  await expect(order.total).toHaveText('€23.50');
  await expect(order.events('amended')).toContainText(
    'Sourdough loaf 1 → 5, Plum jam added, new total €23.50',
  );
  await expect(order.unsynced).toBeVisible();

  // Back online: the server sees 5 wanted and 3 on the shelf.
  await seller.setOffline(false);
  await expect(seller.pendingCount).toHaveCount(0, { timeout: 45_000 });
  await expect(order.allocStatus).toHaveText('Backordered', { timeout: 30_000 });

  // The seller took the order, so they may cancel it; the owner sees the same amended order.
  await expect(order.action('Cancel order')).toBeVisible();
  await owner.navTo('Orders');
  await owner.orders.openFirst();
  const seen = new OrderDetailScreen(owner.page);
  await expect(seen.total).toHaveText('€23.50', { timeout: 30_000 });
  await expect(seen.allocStatus).toHaveText('Backordered');
});
