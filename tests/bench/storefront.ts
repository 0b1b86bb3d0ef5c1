import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { CHROMIUM } from '../support/chromium.ts';
import { startServer } from '../support/server.ts';
import { SMALL_PHONE } from '../support/viewports.ts';
import { percentile } from './stats.ts';

/** Chromium DevTools' "Slow 3G": 400 ms round trips, ~50 KB/s each way. */
export const SLOW_3G = {
  offline: false,
  latency: 400,
  downloadThroughput: ((500 * 1024) / 8) * 0.8,
  uploadThroughput: ((500 * 1024) / 8) * 0.8,
};
export const FIRST_VIEW_BUDGET_MS = 2000;

const BUILD = new URL('../../web/build/', import.meta.url);
/** The demo shop's page (the server publishes it with the demo data). */
const SLUG = 'green-corner';

/** Gzip bytes of one built file of the shop page, as the server sends it. */
const gzipOf = (path: string) =>
  gzipSync(new Uint8Array(readFileSync(new URL(path.replace(/^\//, ''), BUILD))), { level: 9 })
    .length;

/**
 * The customers' first view of a shop page on a slow phone network: from the tap on a
 * link (navigation start) until the products are on screen, each load in a fresh browser
 * context (nothing cached), against the real server with the demo shop's ~80 products.
 */
export async function storefrontBenchmark(runs = 5) {
  const server = await startServer({ demo: true });
  const browser = await chromium.launch(CHROMIUM);
  try {
    const url = `${server.url}/s/${SLUG}`;
    const deadline = Date.now() + 120_000;
    while (!(await fetch(`${server.url}/api/public/shops/${SLUG}`)).ok) {
      if (Date.now() > deadline) throw new Error('the demo shop page never appeared');
      await new Promise((r) => setTimeout(r, 500));
    }
    const samples: number[] = [];
    let files: string[] = [];
    let transferred = 0;
    let dataRequests = 0;
    let productsBytes = 0;
    // the first load is a warm-up (the server reads its files and lists the catalogue once)
    for (let i = 0; i <= runs; i++) {
      const context = await browser.newContext({ viewport: SMALL_PHONE, locale: 'en-IE' });
      // When the product list first shows, by the page's own clock (ms since navigation
      // start). Injected through DevTools, so the page's CSP does not apply to it.
      await context.addInitScript(() => {
        const w = window as unknown as { __firstView?: number };
        new MutationObserver((_, observer) => {
          if (document.querySelector('ul[aria-label="Products"] li')) {
            w.__firstView = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
      const types = new Map<string, { type: string; path: string }>();
      const sizes = new Map<string, number>();
      let bytes = 0;
      cdp.on('Network.responseReceived', (e) => {
        types.set(e.requestId, { type: e.type, path: new URL(e.response.url).pathname });
      });
      cdp.on('Network.loadingFinished', (e) => {
        bytes += e.encodedDataLength;
        sizes.set(e.requestId, e.encodedDataLength);
      });
      await page.goto(url, { waitUntil: 'commit' });
      await page.waitForFunction(
        () => (window as unknown as { __firstView?: number }).__firstView !== undefined,
        undefined,
        { timeout: 60_000, polling: 100 },
      );
      const ms = await page.evaluate(
        () => (window as unknown as { __firstView: number }).__firstView,
      );
      const loaded = [...types.values()];
      if (i > 0) {
        samples.push(Math.round(ms));
        transferred = bytes;
        files = loaded
          .filter((r) => r.type === 'Script' || r.type === 'Stylesheet')
          .map((r) => r.path);
        dataRequests = loaded.filter((r) => r.path.startsWith('/api/')).length;
        productsBytes = [...types].reduce(
          (n, [id, r]) => (r.path.endsWith('/products') ? n + (sizes.get(id) ?? 0) : n),
          0,
        );
      }
      await context.close();
    }
    const gzipBytes = files.reduce((n, f) => n + gzipOf(f), 0);
    const median = percentile(samples, 50, 0);
    return {
      runs: samples,
      medianMs: median,
      maxMs: Math.max(...samples),
      budgetMs: FIRST_VIEW_BUDGET_MS,
      jsCss: { files: files.length, gzipKb: Number((gzipBytes / 1024).toFixed(1)) },
      transferredKb: Number((transferred / 1024).toFixed(1)),
      productsKb: Number((productsBytes / 1024).toFixed(1)),
      dataRequests,
      network: SLOW_3G,
    };
  } finally {
    await browser.close();
    await server.dispose();
  }
}
