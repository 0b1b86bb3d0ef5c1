import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test as base } from '../support/fixtures.ts';
import type { App } from '../support/pages/app.ts';
import { LAPTOP } from '../support/viewports.ts';

const BUILD = fileURLToPath(new URL('../../web/build/', import.meta.url));
const BANNER = 'A new version of Stallkeeper is ready.';

// Each test "redeploys" the app: it gets its own copy of the build, and a server of its
// own serving that copy (the shared server serves the build every other spec uses).
const test = base.extend<{ webDir: string }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function asks for
  webDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'stallkeeper-web-'));
    cpSync(BUILD, dir, { recursive: true });
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  ownServer: async ({ webDir }, use) => use({ env: { WEB_DIR: webDir } }),
});

/** Simulate a new deploy: the service worker's build version changes. */
function deployNewVersion(webDir: string): { oldVersion: string; newVersion: string } {
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

async function openControlled(app: App): Promise<string> {
  const { page } = app;
  await app.auth.openLogin();
  await app.waitForServiceWorker();
  // The first install takes over silently: no prompt.
  await expect(page.getByRole('status').filter({ hasText: BANNER })).toHaveCount(0);
  const names = await cacheNames(page);
  expect(names).toHaveLength(1);
  return names[0] ?? '';
}

/** Click Reload in the banner; the page must really reload under the new worker. */
async function acceptUpdate(app: App, serverUrl: string, newVersion: string): Promise<void> {
  const { page } = app;
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
  await expect(app.auth.signInHeading).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __old?: boolean }).__old ?? false)).toBe(
    false,
  );
  await expect(page.getByRole('status').filter({ hasText: BANNER })).toHaveCount(0);

  // The new worker controls the page; only the new version's cache is left.
  await app.waitForServiceWorker();
  const state = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    return {
      controller: navigator.serviceWorker.controller?.scriptURL ?? null,
      active: reg?.active?.state ?? null,
      waiting: Boolean(reg?.waiting),
    };
  });
  expect(state).toEqual({
    controller: `${serverUrl}/service-worker.js`,
    active: 'activated',
    waiting: false,
  });
  await expect.poll(() => cacheNames(page)).toEqual([`stallkeeper-${newVersion}`]);
}

test('a new build found while the app stays open triggers the update prompt; Reload switches workers', async ({
  device,
  server,
  webDir,
}) => {
  const app = await device(LAPTOP);
  const before = await openControlled(app);
  const { oldVersion, newVersion } = deployNewVersion(webDir);
  expect(before).toBe(`stallkeeper-${oldVersion}`);

  // The browser's periodic update check, done now.
  await app.page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    await reg?.update();
  });
  await acceptUpdate(app, server.url, newVersion);
});

test('a new build found when the app is reopened triggers the update prompt; Reload switches workers', async ({
  device,
  server,
  webDir,
}) => {
  const app = await device(LAPTOP);
  await openControlled(app);
  const { newVersion } = deployNewVersion(webDir);

  // Reopening the app makes the browser check the worker script.
  await app.reopen();
  await app.auth.openLogin();
  await acceptUpdate(app, server.url, newVersion);
});
