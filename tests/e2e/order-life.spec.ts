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

test('a delivery order: part payment with a reference, its invoice, then cancelled with the refund', async ({
  device,
}) => {
  test.setTimeout(90_000);
  const app = await device(PHONE);
  await app.auth.register(account('Rosa Flowers', 'Rosa Flower Stall'));
  await app.navTo('Products');
  await app.products.add({ code: 'TUL-1', name: 'Tulip bunch', price: '12.00', opening: '4' });
  await app.navTo('Sell');
  await app.sell.add('Tulip bunch');
  const checkout = await app.sell.charge('€12.00');
  await checkout.dialog.getByRole('radio', { name: 'Delivery' }).check();
  // A delivery goes to someone: a new customer, made from the checkout.
  await checkout.dialog.getByLabel(/^Customer/).fill('Ana Pereira');
  await checkout.dialog.getByRole('button', { name: 'New customer' }).click();
  await checkout.dialog.getByRole('button', { name: 'Save customer' }).click();
  await expect(checkout.selectedCustomer).toHaveText('Ana Pereira');
  await checkout.dialog.getByRole('checkbox', { name: /Paid now/ }).uncheck();
  await (await checkout.confirm()).newSale();

  await app.navTo('Orders');
  await app.orders.openFirst();
  const order = new OrderDetailScreen(app.page);
  await expect(order.paymentStatus).toHaveText('Unpaid');
  await expect(order.balance).toHaveText('€12.00');

  // A part payment by mobile money, with its transaction id.
  await order.action('Record a payment').click();
  const payDialog = app.page.getByRole('dialog', { name: 'Record a payment' });
  await expect(payDialog.getByLabel(/^Amount received/)).toHaveValue('12.00');
  await expectAccessible(app.page, 'order detail with the payment dialog open');
  await payDialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  await order.recordPayment('5', 'Mobile money', 'MP-4471');
  await expect(order.paymentStatus).toHaveText('Part paid');
  await expect(order.balance).toHaveText('€7.00');
  await expect(order.events('payment')).toContainText('€5.00 (Mobile money, ref. MP-4471)');

  // The invoice: made once, then the order links to it.
  await order.action('Create invoice').click();
  await expect(app.page).toHaveURL(/\/invoices\/invoice:/);
  await app.page.goBack();
  await expect(order.invoiceLink).toHaveText(/^Invoice \S+-0001$/);
  await expect(order.action('Create invoice')).toHaveCount(0);

  // Cancelled ("deleted"): a reason is needed, and the €5.00 goes back by mobile money.
  const cancel = await order.openCancel();
  await expect(cancel.getByLabel(/^Refund \(/)).toHaveValue('5.00');
  await expect(cancel.getByLabel('Refunded by')).toHaveValue('mobile');
  await cancel.getByRole('button', { name: 'Cancel order' }).click();
  await expect(cancel.getByRole('alert')).toHaveText('Say why the order is cancelled.');
  await cancel.getByLabel('Reason').fill('customer is away that week');
  await cancel.getByRole('button', { name: 'Cancel order' }).click();
  await expect(cancel).toBeHidden();
  await expect(order.status).toHaveText('Cancelled');
  await expect(order.paymentStatus).toHaveText('Refunded');
  await expect(order.events('cancelled')).toContainText(
    'customer is away that week; refunded €5.00 (Mobile money)',
  );
  // Nothing more to do to a cancelled order but read it (and add notes).
  await expect(order.action('Record a payment')).toHaveCount(0);
  await expect(order.action('Cancel order')).toHaveCount(0);
  await expect(order.action('Change order')).toHaveCount(0);
});
