import { expect, test } from '../support/fixtures.ts';
import { App } from '../support/pages/app.ts';
import { account } from '../support/pages/auth.ts';
import { PHONE } from '../support/viewports.ts';

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

test('the web app manifest is installable and its icons are served', async ({
  request,
  server,
}) => {
  const res = await request.get('/manifest.webmanifest');
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
  device,
  server,
}) => {
  const app = await device(PHONE);
  const { page, auth } = app;
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await expect(auth.signInHeading).toBeVisible();

  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href && new URL(href, page.url()).pathname).toBe('/manifest.webmanifest');
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', /^#/);

  await app.waitForServiceWorker();
  const scriptURL = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? '');
  expect(new URL(scriptURL).pathname).toBe('/service-worker.js');
  expect(new URL(scriptURL).origin).toBe(server.url);

  await app.setOffline(true);
  await page.reload();
  await expect(auth.signInHeading).toBeVisible();
  await expect(page.getByLabel('Email')).toBeEditable();
  // A deep link the device never opened also comes from the cache.
  await page.goto('/register');
  await expect(auth.registerHeading).toBeVisible();
});

test('a tab that opened while the service worker was starting comes under it too', async ({
  device,
}) => {
  const app = await device(PHONE);
  const { page, context } = app;
  // A second tab's page is held on its way until the worker has activated and claimed
  // the tabs it could see, so the page arrives just after (it would stay on its own).
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await context.route(
    (url) => url.searchParams.get('tab') === 'second',
    async (route) => {
      await held;
      await route.continue();
    },
  );
  await page.goto('/login');
  const second = new App(context, await context.newPage());
  const opening = second.page.goto('/login?tab=second');
  await app.waitForServiceWorker();
  release();
  await opening;
  await expect(second.auth.signInHeading).toBeVisible();
  await second.waitForServiceWorker();
});

test('a signed-in device reopens on its dashboard with no network', async ({ device }) => {
  const app = await device(PHONE);
  const { page } = app;
  const owner = account('Rosa Market', 'Rosa Fruit Stall');
  await app.auth.register(owner);
  await app.waitForServiceWorker();

  await app.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Today at the shop' })).toBeVisible();
  await expect(page.getByText(owner.shop)).toBeVisible();
  await expect(app.syncLabel).toHaveText('Offline');
  // The first screen's code ran once, from the classic script the page's own tag loaded
  // (web/src/bundling/classic-chunk.ts), not from one the shim had to add.
  const classic = await page.evaluate(() => ({
    tags: [...document.scripts].filter((s) => s.src.endsWith('.classic.js')).length,
    inHead: document.head.querySelector('script[async][src$=".classic.js"]') !== null,
    runs: Object.keys((globalThis as { __skFirst?: object }).__skFirst ?? {}).length,
  }));
  expect(classic).toEqual({ tags: 1, inHead: true, runs: 1 });
});
