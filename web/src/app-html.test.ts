import { readFileSync } from 'node:fs';
import { runInThisContext } from 'node:vm';
import { afterEach, expect, it, vi } from 'vitest';
import { ShopLocalDb } from './lib/db/local.ts';
import { copyQuick } from './lib/session/device.ts';
import { CACHE_KEY } from './lib/session/session.svelte.ts';
import { memoryStorage } from './lib/session/testing.ts';

// app.html's first script, run as the browser runs it before the app's code loads
const html = readFileSync(new URL('./app.html', import.meta.url), 'utf8');
const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
const run = () => void runInThisContext(script);
const names = async () => (await indexedDB.databases()).map((d) => d.name);

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

it("opens the cached session's shop database early, and lets it go at once", async () => {
  vi.stubGlobal('localStorage', memoryStorage());
  const shopId = `warm${Date.now().toString(36)}`;
  const local = new ShopLocalDb(shopId);
  await local.open();
  local.close();
  copyQuick(CACHE_KEY, { user: { id: 'u1' }, shops: [{ id: shopId }], activeShopId: shopId });
  const open = vi.spyOn(indexedDB, 'open');

  run();
  expect(open).toHaveBeenCalledWith(local.name);
  // closed once open: an upgrade (a newer version of the app) is never blocked by it
  const opened = open.mock.results[0]?.value as IDBOpenDBRequest;
  await new Promise((r) => opened.addEventListener('success', r));
  const upgrade = indexedDB.open(local.name, 10_000);
  let blocked = false;
  upgrade.onblocked = () => (blocked = true);
  await new Promise((r) => (upgrade.onsuccess = r));
  upgrade.result.close();
  expect(blocked).toBe(false);
});

it('makes no database when the shop has none on this device, and opens none signed out', async () => {
  vi.stubGlobal('localStorage', memoryStorage());
  const open = vi.spyOn(indexedDB, 'open');
  run();
  expect(open).not.toHaveBeenCalled();

  copyQuick(CACHE_KEY, { user: { id: 'u1' }, shops: [], activeShopId: 'gone' });
  run();
  expect(open).toHaveBeenCalledWith('stallkeeper_local_gone');
  const req = open.mock.results[0]?.value as IDBOpenDBRequest;
  await new Promise((r) => req.addEventListener('error', r));
  expect(await names()).not.toContain('stallkeeper_local_gone');
});
