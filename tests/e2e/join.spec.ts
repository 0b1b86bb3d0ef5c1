import type { BrowserContext } from '@playwright/test';
import { expectAccessible } from '../support/a11y.ts';
import { expect, test } from '../support/fixtures.ts';
import type { App } from '../support/pages/app.ts';
import { account, type Account } from '../support/pages/auth.ts';
import { ShopOnServer } from '../support/shop-api.ts';
import { LAPTOP, SMALL_PHONE } from '../support/viewports.ts';

// As in production: a new account made on the join page carries the captcha.
test.use({ ownServer: { env: { CAPTCHA: 'on' } } });

interface SessionShops {
  shops: { id: string; name: string; role: string }[];
}

/** The shops the user signed in on `context` belongs to, from the server. */
async function shopsOf(context: BrowserContext, url: string): Promise<SessionShops['shops']> {
  const cookies = await context.cookies(url);
  const res = await fetch(`${url}/api/auth/session`, {
    headers: { Cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as SessionShops).shops;
}

/** An owner with a fresh shop makes a seller invite on the Team screen. */
async function ownerWithInvite(device: (v: typeof LAPTOP) => Promise<App>, owner: Account) {
  const app = await device(LAPTOP);
  await app.auth.register(owner);
  await app.navTo('Team');
  const code = await app.team.createInvite('seller');
  return { app, code };
}

test('a new person registers straight into the inviter’s shop as a seller, and no other shop is made', async ({
  device,
  server,
}) => {
  const owner = account('Olive Owner', 'Olive’s Orchard');
  const { app: ownerApp, code } = await ownerWithInvite(device, owner);
  const shop = await ShopOnServer.of(ownerApp.context, server.url);

  const phone = await device(SMALL_PHONE);
  const { page } = phone;
  await page.goto(`/join?code=${encodeURIComponent(code)}`);
  await expect(
    page.getByRole('heading', { name: 'Join Olive’s Orchard as a seller' }),
  ).toBeVisible();
  await expectAccessible(page, 'join: the two ways in');
  // A 360 px phone: nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.getByRole('button', { name: 'Create an account' }).click();
  await expect(page.getByLabel('Your name')).toBeFocused();
  // No shop of her own to name.
  await expect(page.getByLabel('Shop name')).toHaveCount(0);

  const seller = account('Sara Seller', '');
  await page.getByLabel('Your name').fill(seller.name);
  await page.getByLabel('Email').fill(seller.email);
  await page.getByLabel('Password', { exact: true }).fill(seller.password);
  await page.getByLabel('Confirm password').fill(seller.password);
  await expect(page.getByRole('checkbox', { name: "I'm not a robot" })).toBeChecked({
    timeout: 20_000,
  });
  await expectAccessible(page, 'join: a new account');
  await page.getByRole('button', { name: 'Create account and join' }).click();

  // She lands on Sell, in the inviter's shop, and it is her only shop.
  await expect(page).toHaveURL(/\/sell$/);
  await expect(page.getByRole('banner').getByText('Olive’s Orchard')).toBeVisible();
  expect(await shopsOf(phone.context, server.url)).toEqual([
    { id: shop.shopId, name: 'Olive’s Orchard', role: 'seller' },
  ]);

  // The owner sees her in the team.
  await ownerApp.page.reload();
  await expect(ownerApp.team.member(seller.name)).toBeVisible();

  // The invite worked once.
  const late = await device(SMALL_PHONE);
  await late.page.goto(`/join?code=${encodeURIComponent(code)}`);
  await expect(
    late.page.getByRole('heading', { name: 'This invite no longer works' }),
  ).toBeVisible();
});

test('someone with an account signs in on the join page and joins', async ({ device, server }) => {
  const owner = account('Otto Owner', 'Otto’s Bakery');
  const { app: ownerApp, code } = await ownerWithInvite(device, owner);
  const shop = await ShopOnServer.of(ownerApp.context, server.url);

  // She has her own shop already, and is signed out on this phone.
  const existing = account('Erin Existing', 'Erin’s Eggs');
  const before = await device(LAPTOP);
  await before.auth.register(existing);

  const phone = await device(SMALL_PHONE);
  await phone.page.goto(`/join?code=${encodeURIComponent(code)}`);
  await expect(
    phone.page.getByRole('heading', { name: 'Join Otto’s Bakery as a seller' }),
  ).toBeVisible();
  // She starts on a new account by mistake (the check starts), changes her mind twice.
  await phone.page.getByRole('button', { name: 'Create an account' }).click();
  await phone.page.getByRole('button', { name: 'I have an account already' }).click();
  await phone.page.getByRole('button', { name: "I'm new: create an account" }).click();
  await expect(phone.page.getByRole('checkbox', { name: "I'm not a robot" })).toBeChecked({
    timeout: 20_000,
  });
  await phone.page.getByRole('button', { name: 'I have an account already' }).click();
  await phone.page.getByLabel('Email').fill(existing.email);
  await phone.page.getByLabel('Password').fill(existing.password);
  await phone.page.getByRole('button', { name: 'Sign in and join' }).click();

  await expect(phone.page).toHaveURL(/\/sell$/);
  await expect(phone.page.getByRole('banner').getByText('Otto’s Bakery')).toBeVisible();
  const shops = await shopsOf(phone.context, server.url);
  expect(shops).toHaveLength(2);
  expect(shops).toContainEqual({ id: shop.shopId, name: 'Otto’s Bakery', role: 'seller' });
});
