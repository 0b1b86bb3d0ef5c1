import { expectAccessible } from '../support/a11y.ts';
import { expect, test as plain } from '../support/fixtures.ts';
import { linkIn, mailTo, test } from '../support/mail.ts';
import { account } from '../support/pages/auth.ts';
import { PHONE } from '../support/viewports.ts';

test('the verification email confirms the address; until then Settings says so and can resend it', async ({
  device,
  server,
  smtp,
}) => {
  const who = account('Vera Verify', 'Vera Veg');
  const app = await device(PHONE);
  await app.auth.register(who);
  const first = await mailTo(smtp, who.email, /confirm/i);
  expect(linkIn(first, '/verify').startsWith(`${server.url}/verify#`)).toBe(true);

  // Settings tells her, and sends the link again on request.
  await app.page.goto('/settings');
  const notice = app.page.getByRole('region', { name: 'Confirm your email' });
  await expect(notice).toContainText(who.email);
  // This server has a mail server: nothing about email being unavailable.
  await expect(notice).not.toContainText('not set up');
  await expectAccessible(app.page, 'settings with the email notice');
  await notice.getByRole('button', { name: 'Resend link' }).click();
  await expect(notice.getByRole('status')).toHaveText(
    'Sent. Check your inbox, and the spam folder too.',
  );
  await expect
    .poll(() => smtp.messages.filter((m) => /confirm/i.test(m.subject ?? '')).length)
    .toBe(2);
  const latest = smtp.messages.filter((m) => /confirm/i.test(m.subject ?? '')).at(-1);
  const link = linkIn(latest ?? {}, '/verify');

  // She opens the link on the same phone: confirmed, and the notice is gone.
  await app.page.goto(link);
  await expect(app.page.getByRole('heading', { name: 'Email confirmed' })).toBeVisible();
  expect(new URL(app.page.url()).hash).toBe('');
  await expectAccessible(app.page, 'email confirmed');
  await app.page.getByRole('link', { name: 'Open the app' }).click();
  await app.page.goto('/settings');
  await expect(app.page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(app.page.getByRole('region', { name: 'Confirm your email' })).toHaveCount(0);

  // A used link says so.
  await app.page.goto(link);
  await expect(app.page.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
});

plain(
  'an owner on a server without email is told, and can dismiss the notice',
  async ({ device }) => {
    const app = await device(PHONE);
    await app.auth.register(account('Mo Mailless', 'Mo Market'));
    await app.page.goto('/settings');
    const notice = app.page.getByRole('region', { name: 'Confirm your email' });
    await expect(notice).toContainText('Email is not set up on this server');
    await expect(notice).toContainText('kept as files on the server');
    await notice.getByRole('button', { name: 'Dismiss this notice' }).click();
    await expect(notice).toHaveCount(0);
    // Dismissed on this device for good.
    await app.page.reload();
    await expect(app.page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await expect(app.page.getByRole('region', { name: 'Confirm your email' })).toHaveCount(0);
  },
);
