import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { memoryStorage } from '../storage/backends.ts';

const BIG = `export const words = ${JSON.stringify('potatoes carrots leeks '.repeat(500))};`;

/** The built web directory as the two builds leave it: the app, and the shop page in s/. */
describe('serving the app and the shop page', () => {
  let webDir: string;
  let bare: string;
  beforeAll(() => {
    webDir = mkdtempSync(join(tmpdir(), 'stallkeeper-web-'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(webDir, '200.html'), '<!doctype html><title>app shell</title>');
    mkdirSync(join(webDir, '_app', 'immutable'), { recursive: true });
    writeFileSync(join(webDir, '_app', 'immutable', 'start.js'), 'export {};');
    mkdirSync(join(webDir, 's', '_assets'), { recursive: true });
    writeFileSync(
      join(webDir, 's', 'index.html'),
      '<!doctype html><html><head><title>shop</title><script type="module" src="/s/_assets/index-abc.js"></script></head><body></body></html>',
    );
    writeFileSync(join(webDir, 's', '_assets', 'index-abc.js'), 'export const shop = 1;');
    writeFileSync(join(webDir, 's', '_assets', 'big-abc.js'), BIG);
    // a web build made before the shop page existed
    bare = mkdtempSync(join(tmpdir(), 'stallkeeper-web-'));
    writeFileSync(join(bare, '200.html'), '<!doctype html><title>app shell</title>');
  });
  afterAll(() => {
    rmSync(webDir, { recursive: true, force: true });
    rmSync(bare, { recursive: true, force: true });
  });

  const get = async (dir: string, path: string) => {
    const app = createApp({ storage: memoryStorage(), resolve: false, webDir: dir });
    const res = await app.request(`http://localhost${path}`);
    return { res, text: await res.text() };
  };

  it('answers every shop address with the shop page, never the app shell', async () => {
    for (const path of [
      '/s/green-corner',
      '/s/green-corner/',
      '/s/green-corner/checkout',
      '/s/pay/01J0ABC',
      '/s/green-corner/track',
    ]) {
      const { res, text } = await get(webDir, path);
      expect(res.status, path).toBe(200);
      expect(text, path).toContain('<title>shop</title>');
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
      expect(res.headers.get('content-security-policy'), path).toMatch(/script-src 'self'/);
    }
  });

  it('serves the shop page’s hashed files for a year, and no shell for a missing one', async () => {
    const { res, text } = await get(webDir, '/s/_assets/index-abc.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(text).toBe('export const shop = 1;');
    expect((await get(webDir, '/s/_assets/gone-123.js')).res.status).toBe(404);
  });

  it('sends the shop page’s files gzipped to a browser that takes gzip', async () => {
    const app = createApp({ storage: memoryStorage(), resolve: false, webDir });
    const big = await app.request('http://localhost/s/_assets/big-abc.js', {
      headers: { 'Accept-Encoding': 'gzip, deflate, br' },
    });
    expect(big.headers.get('content-encoding')).toBe('gzip');
    expect(big.headers.get('vary')).toBe('Accept-Encoding');
    const bytes = Buffer.from(await big.arrayBuffer());
    expect(bytes.length).toBeLessThan(BIG.length / 10);
    expect(gunzipSync(new Uint8Array(bytes)).toString()).toBe(BIG);
    // asked without gzip (or refusing it), the plain file
    for (const accept of [undefined, 'gzip;q=0, identity']) {
      const plain = await app.request('http://localhost/s/_assets/big-abc.js', {
        headers: accept ? { 'Accept-Encoding': accept } : {},
      });
      expect(plain.headers.get('content-encoding'), accept).toBeNull();
      expect(await plain.text(), accept).toBe(BIG);
    }
    // the app's own files are as they were
    const appFile = await app.request('http://localhost/_app/immutable/start.js', {
      headers: { 'Accept-Encoding': 'gzip' },
    });
    expect(appFile.headers.get('content-encoding')).toBeNull();
  });

  it('asks for the shop’s data in the page’s head, only where the view needs it', async () => {
    const preloads = async (path: string) =>
      [...(await get(webDir, path)).text.matchAll(/<link rel="preload" href="([^"]+)"/g)].map(
        (m) => m[1],
      );
    const both = ['/api/public/shops/green-corner', '/api/public/shops/green-corner/products'];
    expect(await preloads('/s/green-corner')).toEqual(both);
    expect(await preloads('/s/Green-Corner/')).toEqual(both);
    expect(await preloads('/s/green-corner/checkout')).toEqual(both);
    expect(await preloads('/s/green-corner/track')).toEqual([]);
    expect(await preloads('/s/pay/01JABC')).toEqual([]);
    expect(await preloads('/s/%3Cscript%3E')).toEqual([]);
  });

  it('keeps the app’s own routes on the app shell', async () => {
    for (const path of ['/orders/123', '/sell', '/settings/shop-page', '/shop']) {
      const { text } = await get(webDir, path);
      expect(text, path).toContain('<title>app shell</title>');
    }
    expect((await get(webDir, '/')).text).toContain('<title>app</title>');
  });

  it('falls back to the app shell when the shop page was not built', async () => {
    const { res, text } = await get(bare, '/s/green-corner');
    expect(res.status).toBe(200);
    expect(text).toContain('<title>app shell</title>');
  });
});
