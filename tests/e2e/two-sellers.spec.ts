import { expect, test, type OpenDevice } from '../support/fixtures.ts';
import type { App } from '../support/pages/app.ts';
import { account } from '../support/pages/auth.ts';
import { LAPTOP, PHONE } from '../support/viewports.ts';

const CRATE = 'Crate of tomatoes';
const SHOP = 'Rosa Fruit Stall';

/** A seller registers (owning a shop of their own), then joins the market shop. */
async function joinAsSeller(device: OpenDevice, name: string, code: string): Promise<App> {
  const seller = await device(PHONE);
  await seller.auth.register(account(name, `${name}'s own stall`));
  await seller.join.joinAsSeller(code, SHOP);
  return seller;
}

test('two sellers sell the last crate offline; the owner sees both orders and the oversell', async ({
  device,
}) => {
  test.setTimeout(150_000);
  const owner = await device(LAPTOP);
  await owner.auth.register(account('Rosa Market', SHOP));
  await owner.navTo('Products');
  await owner.products.add({ code: 'CRATE-1', name: CRATE, price: '12.00' });
  await owner.products.restock(CRATE, 1);
  const crateBadge = owner.products.stockBadge(CRATE);
  await expect(crateBadge).toHaveText('1 left');

  await owner.navTo('Team');
  const code1 = await owner.team.createInvite('seller');
  const code2 = await owner.team.createInvite('seller');
  expect(code1).not.toBe('');
  expect(code2).not.toBe(code1);

  const sellers = [
    await joinAsSeller(device, 'Sam', code1),
    await joinAsSeller(device, 'Tess', code2),
  ];

  // Both (re)open the app online on Sell: it must stay in the joined shop after a
  // restart, the product replicates and the service worker controls the page.
  for (const seller of sellers) {
    await seller.page.reload();
    await expect(seller.page).toHaveURL(/\/sell$/);
    await seller.waitForServiceWorker();
    await expect(seller.sell.tile(CRATE)).toBeVisible({ timeout: 30_000 });
    await expect(seller.sell.stockBadge(CRATE)).toHaveText('1 left');
    await expect(seller.syncLabel).toHaveText('Synced', { timeout: 30_000 });
  }

  // Both go offline and each sells the one crate they see (card, handed over now).
  for (const seller of sellers) {
    const { sell } = seller;
    await seller.setOffline(true);
    await expect(seller.syncLabel).toHaveText('Offline');
    await sell.add(CRATE);
    await expect(sell.cartLines).toContainText(CRATE);
    const checkout = await sell.charge('€12.00');
    await checkout.pay('Card');
    await checkout.paidNow();
    const receipt = await checkout.confirm();
    await expect(receipt.number).toHaveText(/^[A-Z][A-Z0-9]{1,3}-0001$/);
    await expect(receipt.text).toContainText('(Card)');
    await receipt.newSale();
    await expect(seller.pendingCount).toBeVisible();
    // Locally the crate is now sold out.
    await expect(sell.stockBadge(CRATE)).toHaveText('out of stock');
  }

  // Reconnect: both outboxes drain.
  for (const seller of sellers) await seller.setOffline(false);
  for (const seller of sellers) {
    await expect(seller.pendingCount).toHaveCount(0, { timeout: 45_000 });
    await expect(seller.syncLabel).toHaveText('Synced');
  }

  // The owner sees both sales and the derived stock of −1.
  await owner.navTo('Orders');
  await expect(owner.orders.rows).toHaveCount(2, { timeout: 30_000 });
  await owner.navTo('Products');
  await expect(crateBadge).toHaveText('oversold 1');

  // Every seller's device agrees: stock −1, and the second sale shows as oversold.
  for (const seller of sellers) {
    await expect(seller.sell.stockBadge(CRATE)).toHaveText('oversold 1', { timeout: 30_000 });
  }

  // Exactly one oversell alert, naming both orders and both devices.
  await owner.navTo('Alerts');
  // (A low-stock alert for the crate is open too: 1 left was under the threshold.)
  const alerts = owner.alerts.ofKind('oversell');
  await expect(alerts).toHaveCount(1, { timeout: 30_000 });
  await expect(alerts.first()).toContainText(CRATE);
  await expect(alerts.first().getByRole('link')).toHaveCount(2);

  // The owner resolves it by counting: there are really 0 crates.
  await owner.alerts.resolveByCount(alerts.first(), 0);
  await expect(alerts).toHaveCount(0);
  await owner.alerts.showAll();
  await expect(alerts.first()).toContainText('Resolved: Counted 0 (+1)');
  await owner.navTo('Products');
  await expect(crateBadge).toHaveText('out of stock');
  // The count reaches the sellers too.
  for (const seller of sellers) {
    await expect(seller.sell.stockBadge(CRATE)).toHaveText('out of stock', { timeout: 30_000 });
  }
});
