import { readFile } from 'node:fs/promises';
import { expectAccessible as audit } from '../support/a11y.ts';
import { expect, test, type OpenDevice } from '../support/fixtures.ts';
import type { App } from '../support/pages/app.ts';
import { expectInsideViewport } from '../support/layout.ts';
import { account, type Account } from '../support/pages/auth.ts';
import { ShopOnServer } from '../support/shop-api.ts';
import { LAPTOP, PHONE } from '../support/viewports.ts';

const PEARS = 'Conference pears';

/** The same person signs in on a phone, which then syncs the shop and sits on Sell. */
async function phoneOf(device: OpenDevice, who: Account): Promise<App> {
  const phone = await device(PHONE);
  await phone.auth.openLogin();
  await phone.auth.signIn(who);
  await expect(phone.page).toHaveURL(/\/dashboard$/);
  await phone.navTo('Sell');
  await expect(phone.sell.tile(PEARS)).toBeVisible({ timeout: 30_000 });
  await expect(phone.syncLabel).toHaveText('Synced', { timeout: 30_000 });
  return phone;
}

test('a lost phone is signed out from the laptop in two taps, and keeps its unsynced sale', async ({
  device,
  server,
}) => {
  test.setTimeout(120_000);
  const who = account('Lena Lost', 'Lena Pears');
  const laptop = await device(LAPTOP);
  await laptop.auth.register(who);
  await laptop.navTo('Products');
  await laptop.products.add({ code: 'PEAR-1', name: PEARS, price: '2.50' });
  await expect(laptop.syncLabel).toHaveText('Synced');
  const phone = await phoneOf(device, who);

  // On the phone too, Account is one tap from the header, and fits its screen.
  await phone.account.open();
  await expect(phone.account.devices).toHaveCount(2);
  await expect(phone.account.thisDevice).toHaveCount(1);
  const other = phone.account.otherDevices.getByRole('button', { name: /^Sign out / });
  await other.scrollIntoViewIfNeeded();
  await expectInsideViewport(phone.page, other);
  await audit(phone.page, 'account on a phone');
  await phone.navTo('Sell');

  // The phone sells offline: the sale is on the phone only.
  await phone.setOffline(true);
  await expect(phone.syncLabel).toHaveText('Offline');
  await phone.sell.add(PEARS);
  const checkout = await phone.sell.charge('€2.50');
  await checkout.pay('Card');
  await checkout.paidNow();
  const receipt = await checkout.confirm();
  const number = (await receipt.number.textContent())?.trim() ?? '';
  await receipt.newSale();
  await expect(phone.pendingCount).toHaveText('1 sale not yet synced');

  // Then it is lost. On the laptop: Account (tap 1) lists both devices, this one marked.
  await laptop.account.open();
  const { account: screen } = laptop;
  await expect(screen.devices).toHaveCount(2);
  await expect(screen.thisDevice).toHaveCount(1);
  await expect(screen.thisDevice).toContainText('Chrome on Linux');
  await expect(screen.otherDevices).toHaveCount(1);
  await expect(screen.otherDevices).toContainText(/Signed in .+ · last seen/);
  // Sign out (tap 2) and confirm.
  await screen.signOut(screen.otherDevices.first());
  await expect(screen.devices).toHaveCount(1);
  await expect(laptop.page.getByRole('status').filter({ hasText: 'is signed out.' })).toBeVisible();
  await expect(laptop.page.getByText('No other device is signed in.')).toBeVisible();
  await audit(laptop.page, 'account');
  // The list needs the server: offline, the screen says so instead of showing an old list.
  await laptop.setOffline(true);
  await expect(laptop.page.getByText('Connect to the internet to see your devices.')).toBeVisible();
  await expect(screen.devices).toHaveCount(0);
  await laptop.setOffline(false);
  await expect(screen.devices).toHaveCount(1);

  // The phone's next request to the server lands it on the login screen…
  await phone.setOffline(false);
  await phone.page.reload();
  await expect(phone.page).toHaveURL(/\/login$/, { timeout: 30_000 });
  await expect(phone.auth.signInHeading).toBeVisible();
  // …which says why, and that the sale is still there to export.
  const notice = phone.signedOut;
  await expect(notice.region).toContainText('This device was signed out');
  await expect(notice.kept).toContainText('1 sale is on this device only.');
  await audit(phone.page, 'login after a sign-out from elsewhere');
  const download = phone.page.waitForEvent('download');
  await notice.exportButton.click();
  const file = await (await download).path();
  const exported = JSON.parse(await readFile(file, 'utf8')) as {
    docs: { _id: string; number?: string }[];
  };
  expect(exported.docs.filter((d) => d._id.startsWith('order:')).map((d) => d.number)).toEqual([
    number,
  ]);
  await expect(notice.region.getByRole('status')).toContainText('Saved 1 sale');

  // Signing in again on the phone syncs the sale it kept.
  await phone.auth.signIn(who);
  await expect(phone.page).not.toHaveURL(/\/login$/);
  await expect(notice.region).toHaveCount(0);
  await expect(phone.syncLabel).toHaveText('Synced', { timeout: 45_000 });
  await expect(phone.pendingCount).toHaveCount(0);
  const shop = await ShopOnServer.of(laptop.context, server.url);
  await expect.poll(() => shop.docIds('order'), { timeout: 30_000 }).toHaveLength(1);
});

test('an owner signs out a seller’s devices from the Team screen', async ({ device }) => {
  test.setTimeout(120_000);
  const owner = await device(LAPTOP);
  await owner.auth.register(account('Olive Owner', 'Olive Stall'));
  await owner.navTo('Team');
  const code = await owner.team.createInvite('seller');

  const seller = await device(PHONE);
  await seller.auth.register(account('Sid', 'Sid’s own stall'));
  await seller.join.joinAsSeller(code, 'Olive Stall');
  await expect(seller.syncLabel).toHaveText('Synced', { timeout: 30_000 });

  // The owner opens the team again (Sid is a member now) and signs his devices out.
  await owner.page.reload();
  await expect(owner.team.member('Sid')).toBeVisible();
  await owner.team.signOutDevices('Sid');
  await expect(
    owner.page.getByRole('status').filter({ hasText: 'Sid is signed out' }),
  ).toBeVisible();
  // the owner's own session is untouched
  await owner.page.reload();
  await expect(owner.team.member('Sid')).toBeVisible();

  // Sid's next request lands on the login screen; nothing of his was left unsynced.
  await seller.page.reload();
  await expect(seller.page).toHaveURL(/\/login$/, { timeout: 30_000 });
  await expect(seller.signedOut.region).toContainText('This device was signed out');
  await expect(seller.signedOut.region).toContainText('Everything made on this device had reached');
});
