import type { Page } from '@playwright/test';
import { expectAccessible } from '../support/a11y.ts';
import { expect, test } from '../support/fixtures.ts';
import { account, type Account } from '../support/pages/auth.ts';
import { PHONE } from '../support/viewports.ts';

// The server's own proof-of-work captcha, on (tests otherwise run with CAPTCHA=off).
test.use({ ownServer: { env: { CAPTCHA: 'on' } } });

/** Anything the browser refused under the CSP, or a script error. */
function watchForRefusals(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) seen.push(m.text());
  });
  page.on('pageerror', (e) => seen.push(e.message));
  return seen;
}

async function fillRegistration(page: Page, who: Account): Promise<void> {
  await page.getByLabel('Your name').fill(who.name);
  await page.getByLabel('Shop name').fill(who.shop);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByLabel('Confirm password').fill(who.password);
}

test('registration needs a solved captcha; the check solves it in the browser', async ({
  device,
  request,
}) => {
  const who = account('Cap Tcha', 'Cap Stall');
  const options = await request.get('/api/auth/options');
  expect(await options.json()).toMatchObject({ captcha: true });

  // Straight to the API without a solution: refused, and no account is made.
  const body = {
    name: who.name,
    email: who.email,
    password: who.password,
    passwordConfirm: who.password,
    shopName: who.shop,
  };
  const bare = await request.post('/api/auth/register', { data: body });
  expect(bare.status()).toBe(400);
  expect(await bare.json()).toMatchObject({ error: 'captcha_required' });
  const forged = await request.post('/api/auth/register', {
    data: { ...body, altcha: btoa(JSON.stringify({ number: 1, signature: 'x' })) },
  });
  expect(forged.status()).toBe(400);
  expect(await forged.json()).toMatchObject({ error: 'captcha_invalid' });

  // In Chromium, on a phone: the check runs as she fills the form, then she registers.
  // Dark, so the check's colours are measured in the palette with less contrast to spare.
  const app = await device(PHONE, { colorScheme: 'dark' });
  const refusals = watchForRefusals(app.page);
  await app.auth.openRegister();
  const check = app.page.getByRole('checkbox', { name: "I'm not a robot" });
  await expect(check).not.toBeChecked();
  await fillRegistration(app.page, who);
  await expect(check).toBeChecked({ timeout: 20_000 });
  await expect(app.page.getByRole('status').filter({ hasText: 'Verified.' })).toBeVisible();
  await expectAccessible(app.page, 'register with the check done');
  const sent = app.page.waitForRequest(
    (r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/auth/register',
  );
  await app.page.getByRole('button', { name: 'Create shop' }).click();
  const payload = ((await sent).postDataJSON() as { altcha?: string }).altcha ?? '';
  expect(JSON.parse(atob(payload))).toMatchObject({ algorithm: 'SHA-256' });
  await expect(app.page).toHaveURL(/\/dashboard$/);
  expect(refusals).toEqual([]);
});

test('after repeated failed logins the form asks for the check, then lets her in', async ({
  device,
}) => {
  const who = account('Lena Login', 'Lena Stall');
  const laptop = await device(PHONE);
  await laptop.auth.register(who);

  // Somewhere else (a browser this account never signed in on): three wrong passwords.
  const other = await device(PHONE);
  await other.auth.openLogin();
  for (let i = 0; i < 3; i++) {
    const answer = other.page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
    await other.auth.signIn({ email: who.email, password: `wrong guess number ${i}` });
    expect((await answer).status()).toBe(401);
    await expect(other.page.getByRole('alert')).toHaveText('Wrong email or password.');
  }
  // The server spaces further tries out after three failures: a second, then two.
  await other.page.waitForTimeout(1_200);
  await other.auth.signIn(who);
  await expect(other.page.getByRole('alert')).toContainText('Too many tries for this account');
  const check = other.page.getByRole('checkbox', { name: "I'm not a robot" });
  await expect(check).toBeChecked({ timeout: 20_000 });
  await expectAccessible(other.page, 'login asking for the check');
  // That refused try counted too: the next may come two seconds after it.
  await other.page.waitForTimeout(2_200);
  await other.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(other.page).toHaveURL(/\/dashboard$/);
});
