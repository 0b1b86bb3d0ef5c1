import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../support/server.ts';
import { LAPTOP, newDevice, waitForServiceWorker } from '../support/ui.ts';

const BUILD = fileURLToPath(new URL('../../web/build/', import.meta.url));
const BANNER = 'A new version of Stallkeeper is ready.';

// Each test gets its own copy of the build (which it "redeploys") and its own server.
let server: RunningServer;
let webDir: string;
test.beforeEach(async () => {
  webDir = mkdtempSync(join(tmpdir(), 'stallkeeper-web-'));
  cpSync(BUILD, webDir, { recursive: true });
  server = await startServer({ env: { WEB_DIR: webDir } });
});
test.afterEach(async () => {
  await server?.dispose();
  if (webDir) rmSync(webDir, { recursive: true, force: true });
});

/** Simulate a new deploy: the service worker's build version changes. */
function deployNewVersion(): { oldVersion: string; newVersion: string } {
  const versionFile = join(webDir, '_app', 'version.json');
  const { version: oldVersion } = JSON.parse(readFileSync(versionFile, 'utf8')) as {
    version: string;
  };
  const swPath = join(webDir, 'service-worker.js');
  const sw = readFileSync(swPath, 'utf8');
  const literal = `\`${oldVersion}\``;
  expect(sw.split(literal).length - 1, 'the version literal appears once in the worker').toBe(1);
  const newVersion = String(Number(oldVersion) + 1);
  writeFileSync(swPath, sw.replace(literal, `\`${newVersion}\``));
  writeFileSync(versionFile, JSON.stringify({ version: newVersion }));
  return { oldVersion, newVersion };
}

const cacheNames = (page: Page) => page.evaluate(() => caches.keys());

async function openControlled(page: Page): Promise<string> {
  await page.goto(`${server.url}/login`);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await waitForServiceWorker(page);
  // The first install takes over silently: no prompt.
  await expect(page.getByRole('status').filter({ hasText: BANNER })).toHaveCount(0);
  const names = await cacheNames(page);
  expect(names).toHaveLength(1);
  return names[0] ?? '';
}

/** Click Reload in the banner; the page must really reload under the new worker. */
async function acceptUpdate(page: Page, newVersion: string): Promise<void> {
  const banner = page.getByRole('status').filter({ hasText: BANNER });
  await expect(banner).toBeVisible({ timeout: 20_000 });
  const reload = banner.getByRole('button', { name: 'Reload' });
  // The old worker still controls the page while the new one waits.
  expect(
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return Boolean(reg?.waiting) && navigator.serviceWorker.controller !== null;
    }),
  ).toBe(true);

  // Mark this document so that a real reload is detectable.
  await page.evaluate(() => {
    (window as unknown as { __old?: boolean }).__old = true;
  });
  await Promise.all([page.waitForEvent('load', { timeout: 20_000 }), reload.click()]);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __old?: boolean }).__old ?? false)).toBe(
    false,
  );
  await expect(page.getByRole('status').filter({ hasText: BANNER })).toHaveCount(0);

  // The new worker controls the page; only the new version's cache is left.
  await waitForServiceWorker(page);
  const state = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    return {
      controller: navigator.serviceWorker.controller?.scriptURL ?? null,
      active: reg?.active?.state ?? null,
      waiting: Boolean(reg?.waiting),
    };
  });
  expect(state).toEqual({
    controller: `${server.url}/service-worker.js`,
    active: 'activated',
    waiting: false,
  });
  await expect.poll(() => cacheNames(page)).toEqual([`stallkeeper-${newVersion}`]);
}

test('a new build found while the app stays open triggers the update prompt; Reload switches workers', async ({
  browser,
}) => {
  const context = await newDevice(browser, LAPTOP);
  const page = await context.newPage();
  const before = await openControlled(page);
  const { oldVersion, newVersion } = deployNewVersion();
  expect(before).toBe(`stallkeeper-${oldVersion}`);

  // The browser's periodic update check, done now.
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    await reg?.update();
  });
  await acceptUpdate(page, newVersion);
  await context.close();
});

test('a new build found when the app is reopened triggers the update prompt; Reload switches workers', async ({
  browser,
}) => {
  const context = await newDevice(browser, LAPTOP);
  let page = await context.newPage();
  await openControlled(page);
  const { newVersion } = deployNewVersion();

  // Reopening the app makes the browser check the worker script.
  await page.close();
  page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await acceptUpdate(page, newVersion);
  await context.close();
});
