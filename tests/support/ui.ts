import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

/** Viewports the e2e specs drive: a small phone and a laptop. */
export const PHONE = { width: 360, height: 740 } as const;
export const LAPTOP = { width: 1366, height: 768 } as const;

export interface Account {
  name: string;
  shop: string;
  email: string;
  password: string;
}

let seq = 0;
/** A fresh account with a unique email. */
export function account(name: string, shop: string): Account {
  const slug = name.toLowerCase().replace(/[^a-z]+/g, '-');
  seq += 1;
  return {
    name,
    shop,
    email: `${slug}-${Date.now()}-${seq}@example.test`,
    password: 'crisp apples under blue awnings',
  };
}

/** A context with a fixed viewport and locale, so money reads "€7.50". */
export function newDevice(
  browser: Browser,
  viewport: { width: number; height: number },
  colorScheme: 'light' | 'dark' = 'light',
): Promise<BrowserContext> {
  return browser.newContext({
    viewport,
    colorScheme,
    locale: 'en-US',
    timezoneId: 'Europe/Berlin',
  });
}

/** Fill the register form; every account owns the shop it creates. */
export async function register(page: Page, baseUrl: string, who: Account): Promise<void> {
  await page.goto(`${baseUrl}/register`);
  await page.getByLabel('Your name').fill(who.name);
  await page.getByLabel('Shop name').fill(who.shop);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByLabel('Confirm password').fill(who.password);
  await page.getByRole('button', { name: 'Create shop' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** Wait until the service worker controls the page (needed before going offline). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 20_000,
  });
}

/** Click a link of the main navigation (top bar on a laptop, bottom bar on a phone). */
export async function navTo(page: Page, label: string): Promise<void> {
  const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label });
  // A link outside the viewport (an overflowing phone bar) fails here, not at the test timeout.
  await link.click({ timeout: 10_000 });
  // On a loaded 2-core machine a tap landing while the app is still starting up has been
  // seen to go unanswered (CI, once in many runs): tap again, as a person would.
  await expect(async () => {
    if ((await link.getAttribute('aria-current')) !== 'page') await link.click({ timeout: 5_000 });
    await expect(link).toHaveAttribute('aria-current', 'page', { timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
}

export interface NewProduct {
  code: string;
  name: string;
  price: string;
}

/** On /products: add a product (sold per piece). */
export async function addProduct(page: Page, p: NewProduct): Promise<void> {
  await page.getByRole('button', { name: 'Add product' }).click();
  const form = page.getByRole('form', { name: 'Add product' });
  await form.getByLabel('Code').fill(p.code);
  await form.getByLabel('Name').fill(p.name);
  await form.getByLabel(/^Price/).fill(p.price);
  await form.getByRole('button', { name: 'Save product' }).click();
  await expect(page.getByTestId('product-row').filter({ hasText: p.name })).toBeVisible();
}

/** On /products: "Stock" on the product's row → "Goods arrived (restock)" → amount. */
export async function restock(page: Page, name: string, amount: number): Promise<void> {
  await page.getByRole('button', { name: `Stock of ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Stock of ${name}` });
  await dialog.getByRole('radio', { name: 'Goods arrived (restock)' }).check();
  await dialog.getByLabel(/^Amount received/).fill(String(amount));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

/** The context's cookies for the server, as a Cookie header. */
export async function cookieHeader(context: BrowserContext, baseUrl: string): Promise<string> {
  const cookies = await context.cookies(baseUrl);
  expect(cookies.length).toBeGreaterThan(0);
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

/** The first shop of the signed-in user, from /api/auth/session. */
export async function sessionShopId(baseUrl: string, cookie: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/session`, { headers: { Cookie: cookie } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { shops: { id: string; role: string }[] };
  const id = body.shops[0]?.id;
  if (!id) throw new Error('the session has no shop');
  return id;
}

/** The document ids the server holds for a shop. */
export async function serverDocIds(
  baseUrl: string,
  shopId: string,
  cookie: string,
): Promise<string[]> {
  const res = await fetch(`${baseUrl}/db/${encodeURIComponent(shopId)}/_all_docs`, {
    headers: { Cookie: cookie },
  });
  if (!res.ok) throw new Error(`_all_docs answered ${res.status}`);
  const body = (await res.json()) as { rows: { id: string }[] };
  return body.rows.map((r) => r.id);
}
