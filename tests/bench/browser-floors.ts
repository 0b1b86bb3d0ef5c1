import type { BrowserContext, Page } from '@playwright/test';

/**
 * Floors for the browser benchmark's client figures, measured in the same run and
 * browser, so a slower machine moves the figure and its floor together (issue 19):
 * the app's figures are judged as multiples of what the machine can do at best.
 */

/**
 * The least a first sync until selling can cost here: the same documents the app
 * copies before it can sell (settings, products, customers), fetched the same way
 * (`_all_docs` pages of 2,000 with their bodies) and written into IndexedDB in one
 * transaction per page, with no app code. Runs in a page of the app's origin.
 */
export async function firstSyncFloor(
  page: Page,
  shopId: string,
  kinds: readonly string[],
): Promise<{ ms: number; docs: number; bytes: number }> {
  // One plain function, as a string: tsx names the helpers of a compiled closure
  // (`__name(…)`), which does not exist in the page.
  return page.evaluate(`(${FLOOR_SCRIPT})(${JSON.stringify(shopId)}, ${JSON.stringify(kinds)})`);
}

const FLOOR_SCRIPT = `async function (shop, kinds) {
  const t0 = performance.now();
  const db = await new Promise(function (resolve, reject) {
    const req = indexedDB.open('floor-' + Date.now() + '-' + Math.random(), 1);
    req.onupgradeneeded = function () { req.result.createObjectStore('docs'); };
    req.onsuccess = function () { resolve(req.result); };
    req.onerror = function () { reject(req.error); };
  });
  let docs = 0;
  let bytes = 0;
  let writing = Promise.resolve();
  for (const kind of kinds) {
    let startkey = kind;
    for (;;) {
      const q = new URLSearchParams({
        startkey: JSON.stringify(startkey),
        endkey: JSON.stringify(kind + '\\ufff0'),
        include_docs: 'true',
        limit: '2001',
      });
      const res = await fetch('/db/' + shop + '/_all_docs?' + q.toString());
      const text = await res.text();
      bytes += text.length;
      const rows = JSON.parse(text).rows;
      const page = rows.slice(0, 2000);
      docs += page.length;
      await writing; // the previous page's write overlapped this fetch
      writing = new Promise(function (resolve, reject) {
        const tx = db.transaction('docs', 'readwrite');
        const store = tx.objectStore('docs');
        for (const r of page) store.put(r.doc, r.id);
        tx.oncomplete = function () { resolve(); };
        tx.onerror = function () { reject(tx.error); };
      });
      if (rows.length <= 2000) break;
      startkey = rows[2000].id;
    }
  }
  await writing;
  const ms = performance.now() - t0;
  db.close();
  return { ms: Number(ms.toFixed(1)), docs: docs, bytes: bytes };
}`;

/**
 * The least an offline cold start can cost here: a static file the same service
 * worker precaches (robots.txt), opened in a new page with the network off, until
 * its load event.
 */
export async function coldStartFloor(context: BrowserContext, origin: string): Promise<number> {
  const p = await context.newPage();
  try {
    await p.goto(`${origin}/robots.txt`);
    return await p.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as
        PerformanceNavigationTiming | undefined;
      return Number((nav?.loadEventEnd ?? NaN).toFixed(1));
    });
  } finally {
    await p.close();
  }
}

/**
 * Read the essentials' pages once, as the floor does, before the app's first sync is
 * timed. A new device joins a running shop whose other devices have read its catalogue:
 * the server has those pages warm. Without this the app, measured first, met a cold
 * server (its first pass over the bodies took four times as long as the next) and the
 * floor, measured after it, a warm one.
 */
export async function warmEssentials(
  base: string,
  shopId: string,
  cookie: string,
  kinds: readonly string[],
): Promise<void> {
  for (const kind of kinds) {
    for (let startkey = kind; ;) {
      const q = new URLSearchParams({
        startkey: JSON.stringify(startkey),
        endkey: JSON.stringify(`${kind}\ufff0`),
        include_docs: 'true',
        conflicts: 'true',
        limit: '2001',
      });
      const res = await fetch(`${base}/db/${shopId}/_all_docs?${q.toString()}`, {
        headers: { cookie },
      });
      const next = ((await res.json()) as { rows: { id: string }[] }).rows[2000];
      if (!next) break;
      startkey = next.id;
    }
  }
}
