import { expect, test } from '@playwright/test';
import { startServer, type RunningServer } from '../support/server.ts';
import { account, newDevice, PHONE, register, waitForServiceWorker } from '../support/ui.ts';

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server?.dispose();
});

interface Manifest {
  name?: string;
  short_name?: string;
  start_url?: string;
  scope?: string;
  display?: string;
  theme_color?: string;
  background_color?: string;
  icons?: { src: string; sizes: string; type?: string; purpose?: string }[];
}

test('the web app manifest is installable and its icons are served', async ({ request }) => {
  const res = await request.get(`${server.url}/manifest.webmanifest`);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('application/manifest+json');
  const m = (await res.json()) as Manifest;
  expect(m.name).toBe('Stallkeeper');
  expect(m.short_name).toBeTruthy();
  expect(m.short_name!.length).toBeLessThanOrEqual(12);
  expect(m.start_url).toBe('/');
  expect(m.scope).toBe('/');
  expect(m.display).toBe('standalone');
  expect(m.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(m.background_color).toMatch(/^#[0-9a-f]{6}$/i);

  const icons = m.icons ?? [];
  const purposes = (i: { purpose?: string }) => (i.purpose ?? 'any').split(/\s+/);
  const anyIcon = (size: string) =>
    icons.find((i) => i.sizes.split(/\s+/).includes(size) && purposes(i).includes('any'));
  expect(anyIcon('192x192'), 'a 192×192 icon').toBeTruthy();
  expect(anyIcon('512x512'), 'a 512×512 icon').toBeTruthy();
  expect(
    icons.some((i) => purposes(i).includes('maskable')),
    'a maskable icon',
  ).toBe(true);

  for (const icon of icons) {
    expect(icon.type).toBe('image/png');
    const r = await request.get(new URL(icon.src, `${server.url}/`).href);
    expect(r.status(), icon.src).toBe(200);
    expect(r.headers()['content-type']).toBe('image/png');
    const body = await r.body();
    // PNG signature, and the pixel size the manifest claims (IHDR width/height).
    expect(body.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const [w, h] = icon.sizes.split('x').map(Number);
    expect([body.readUInt32BE(16), body.readUInt32BE(20)]).toEqual([w, h]);
  }
});

test('a fresh device: the page links the manifest, the service worker takes control, offline reload shows the login', async ({
  browser,
}) => {
  const context = await newDevice(browser, PHONE);
  const page = await context.newPage();
  await page.goto(server.url);
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href && new URL(href, page.url()).pathname).toBe('/manifest.webmanifest');
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', /^#/);

  await waitForServiceWorker(page);
  const scriptURL = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? '');
  expect(new URL(scriptURL).pathname).toBe('/service-worker.js');
  expect(new URL(scriptURL).origin).toBe(server.url);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByLabel('Email')).toBeEditable();
  // A deep link the device never opened also comes from the cache.
  await page.goto(`${server.url}/register`);
  await expect(page.getByRole('heading', { name: 'Create your shop' })).toBeVisible();
  await context.close();
});

test('a signed-in device reopens on its dashboard with no network', async ({ browser }) => {
  const context = await newDevice(browser, PHONE);
  const page = await context.newPage();
  const owner = account('Rosa Market', 'Rosa Fruit Stall');
  await register(page, server.url, owner);
  await waitForServiceWorker(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Today at the shop' })).toBeVisible();
  await expect(page.getByText(owner.shop)).toBeVisible();
  await expect(page.getByTestId('sync-label')).toHaveText('Offline');
  await context.close();
});
