import { readFileSync } from 'node:fs';
import { runInThisContext } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SNAPSHOT_ID, SNAPSHOT_KEY, type SellSnapshot } from './lib/first-screen-snapshot.ts';
import { ShopLocalDb } from './lib/db/local.ts';
import { copyQuick } from './lib/session/device.ts';
import { CACHE_KEY } from './lib/session/session.svelte.ts';
import { memoryStorage } from './lib/session/testing.ts';

// app.html's two scripts, run as the browser runs them before the app's code loads
const html = readFileSync(new URL('./app.html', import.meta.url), 'utf8');
const [script = '', snapshotScript = ''] = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
  (m) => m[1],
);
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

describe("the sell screen's stored copy", () => {
  const BUILD = '__sveltekit_test1';
  const stored: SellSnapshot = {
    build: BUILD,
    user: 'u1',
    shop: 's1',
    home: true,
    html: '<div class="frame"></div>',
  };
  /** app.html's second script on a page at `path`; what it appended to the body. */
  function draw(path: string, snapshot: SellSnapshot | null, build = BUILD): unknown[] {
    vi.stubGlobal('localStorage', memoryStorage());
    copyQuick(CACHE_KEY, { user: { id: 'u1' }, shops: [{ id: 's1' }], activeShopId: 's1' });
    copyQuick(SNAPSHOT_KEY, snapshot);
    const appended: { id?: string; children?: { innerHTML?: string }[] }[] = [];
    vi.stubGlobal('window', { [build]: { base: '' } });
    vi.stubGlobal('location', { pathname: path });
    vi.stubGlobal('document', {
      createElement: () => {
        const el = {
          style: {},
          dataset: {},
          children: [] as unknown[],
          setAttribute: () => undefined,
          addEventListener: () => undefined,
          append: (...kids: unknown[]) => void el.children.push(...kids),
        };
        return el;
      },
      body: { append: (el: (typeof appended)[number]) => appended.push(el) },
    });
    vi.spyOn(globalThis, 'setTimeout').mockImplementation((() => 0) as never);
    runInThisContext(snapshotScript);
    return appended;
  }

  it('is drawn at /sell, and at / when selling is home, for the same user, shop and build', () => {
    const mark = vi.spyOn(performance, 'mark');
    // the copy, inert, under a shield that takes the taps
    expect(draw('/sell', stored)).toEqual([
      expect.objectContaining({
        id: SNAPSHOT_ID,
        children: [
          expect.objectContaining({ innerHTML: stored.html, inert: true }),
          expect.objectContaining({ children: [] }),
        ],
      }),
    ]);
    expect(mark).toHaveBeenCalledWith('sk:sell-ready');
    expect(draw('/', stored)).toHaveLength(1);
  });

  it('is not drawn for anyone, anywhere or any build else', () => {
    expect(draw('/', { ...stored, home: false })).toEqual([]);
    expect(draw('/orders', stored)).toEqual([]);
    expect(draw('/sell', { ...stored, user: 'u2' })).toEqual([]);
    expect(draw('/sell', { ...stored, shop: 's2' })).toEqual([]);
    expect(draw('/sell', stored, '__sveltekit_other')).toEqual([]);
    expect(draw('/sell', null)).toEqual([]);
  });
});
