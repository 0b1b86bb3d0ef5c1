import { expectAccessible } from '../support/a11y.ts';
import { linkIn, mailTo, expect, test } from '../support/mail.ts';
import { account } from '../support/pages/auth.ts';
import { RecoveryScreens } from '../support/pages/recovery.ts';
import { LAPTOP, SMALL_PHONE } from '../support/viewports.ts';

test('a seller who forgot her password gets back in from her phone; every old session ends', async ({
  device,
  server,
  smtp,
}) => {
  const who = account('Fiona Forgot', 'Fiona Stall');
  const newPassword = 'turnips dancing at the harbour market';

  // Signed in on the laptop at home.
  const laptop = await device(LAPTOP);
  await laptop.auth.register(who);

  // At the market, on her phone: "Forgot password?".
  const phone = await device(SMALL_PHONE);
  await phone.auth.openLogin();
  const recovery = new RecoveryScreens(phone.page);
  await recovery.askForResetLink(who.email);
  await expectAccessible(phone.page, 'reset link sent');
  await expect(
    phone.page.getByRole('status').filter({ hasText: 'It works for 30 minutes' }),
  ).toBeVisible();

  // The email arrives with a link to this server's /reset page.
  const mail = await mailTo(smtp, who.email, /reset/i);
  const link = linkIn(mail, '/reset');
  expect(link.startsWith(`${server.url}/reset#`)).toBe(true);

  // She follows it: the token leaves the address bar, she picks a new password.
  await phone.page.goto(link);
  await expect(phone.page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await expectAccessible(phone.page, 'choose a new password');
  await recovery.chooseNewPassword(newPassword);
  expect(new URL(phone.page.url()).hash).toBe('');

  // …and signs in with it.
  await phone.page.getByRole('link', { name: 'Sign in' }).click();
  await phone.auth.signIn({ email: who.email, password: newPassword });
  await expect(phone.page).toHaveURL(/\/dashboard$/);

  // The link worked once (the server says so when it is used).
  await phone.page.goto(link);
  await phone.page.getByLabel('New password', { exact: true }).fill(`${newPassword} again`);
  await phone.page.getByLabel('Confirm new password').fill(`${newPassword} again`);
  await phone.page.getByRole('button', { name: 'Save new password' }).click();
  await expect(
    phone.page.getByRole('heading', { name: 'This link no longer works' }),
  ).toBeVisible();
  await expect(phone.page.getByRole('link', { name: 'Send a new link' })).toBeVisible();

  // The laptop's session is gone: the server refuses it and the app opens the login screen.
  const cookies = await laptop.context.cookies(server.url);
  const res = await fetch(`${server.url}/api/auth/session`, {
    headers: { Cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
  });
  expect(res.status).toBe(401);
  await laptop.page.reload();
  await expect(laptop.page).toHaveURL(/\/login$/);
  await expect(laptop.auth.signInHeading).toBeVisible();

  // The old password no longer works; the new one does.
  await laptop.auth.signIn(who);
  await expect(laptop.page.getByRole('alert')).toHaveText('Wrong email or password.');
  await laptop.auth.signIn({ email: who.email, password: newPassword });
  await expect(laptop.page).toHaveURL(/\/dashboard$/);
});
