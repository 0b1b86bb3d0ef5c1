import { expectAccessible } from '../support/a11y.ts';
import { expectInsideViewport } from '../support/layout.ts';
import { linkIn, mailTo, test, expect } from '../support/mail.ts';
import { account } from '../support/pages/auth.ts';
import { NotificationsSection } from '../support/pages/notifications.ts';
import { inviteByEmail } from '../support/pages/team.ts';
import { LAPTOP, SMALL_PHONE } from '../support/viewports.ts';

test('an owner confirms her email, turns on both notifications, and emails a seller an invite; the seller sees no notifications', async ({
  device,
  smtp,
}) => {
  test.setTimeout(150_000);
  const who = account('Nora Notify', 'Nora’s Nuts');
  const owner = await device(SMALL_PHONE);
  await owner.auth.register(who);
  const notifications = new NotificationsSection(owner.page);

  // Before confirming, Settings says nothing will be sent.
  await owner.page.goto('/settings');
  await expect(notifications.region).toContainText('Nothing is sent until you confirm');

  // She confirms from the registration email.
  const confirm = await mailTo(smtp, who.email, /confirm/i);
  await owner.page.goto(linkIn(confirm, '/verify'));
  await expect(owner.page.getByRole('heading', { name: 'Email confirmed' })).toBeVisible();

  await owner.page.goto('/settings');
  await expect(notifications.digest).not.toBeChecked();
  await expect(notifications.region).not.toContainText('Nothing is sent');
  await expect(notifications.oversell).not.toBeChecked();
  await notifications.region.scrollIntoViewIfNeeded();
  await expectInsideViewport(owner.page, notifications.region);
  await notifications.turnOn(notifications.digest);
  await notifications.turnOn(notifications.oversell);
  await expectAccessible(owner.page, 'settings with notifications');

  // Kept by the server: still on after a reload.
  await owner.page.reload();
  await expect(notifications.digest).toBeChecked();
  await expect(notifications.oversell).toBeChecked();

  // The Team screen emails the join link.
  await owner.page.setViewportSize(LAPTOP);
  await owner.navTo('Team');
  const sellerEmail = 'sam.seller@example.com';
  const code = await inviteByEmail(owner.page, 'seller', sellerEmail);
  const invite = await mailTo(smtp, sellerEmail, /invit|join/i);
  expect(linkIn(invite, '/join')).toContain(`/join?code=${code}`);

  // The seller joins with it and sees no Notifications in Settings.
  const seller = await device(SMALL_PHONE);
  await seller.auth.register(account('Sam Seller', 'Sam’s own stall'));
  await seller.join.joinAsSeller(code, 'Nora’s Nuts');
  await expect(seller.syncLabel).toHaveText('Synced', { timeout: 30_000 });
  await seller.page.goto('/settings');
  await expect(seller.page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(seller.page.getByRole('heading', { name: 'API tokens' })).toBeVisible();
  await expect(new NotificationsSection(seller.page).region).toHaveCount(0);
});
