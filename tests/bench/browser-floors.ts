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
  return page.evaluate(
    async ([shop, kindList]) => {
      const open = () =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open(`floor-${Date.now()}-${Math.random()}`, 1);
          req.onupgradeneeded = () => req.result.createObjectStore('docs');
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error ?? new Error('indexedDB'));
        });
      const write = (db: IDBDatabase, rows: { id: string; doc: unknown }[]) =>
        new Promise<void>((resolve, reject) => {
          const tx = db.transaction('docs', 'readwrite');
          const store = tx.objectStore('docs');
          for (const r of rows) store.put(r.doc, r.id);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error ?? new Error('transaction'));
        });
      const t0 = performance.now();
      const db = await open();
      let docs = 0;
      let bytes = 0;
      let writing: Promise<void> = Promise.resolve();
      for (const kind of kindList) {
        let startkey = kind;
        for (;;) {
          const q = new URLSearchParams({
            startkey: JSON.stringify(startkey),
            endkey: JSON.stringify(`${kind}\ufff0`),
            include_docs: 'true',
            limit: '2001',
          });
          const res = await fetch(`/db/${shop}/_all_docs?${q.toString()}`);
          const text = await res.text();
          bytes += text.length;
          const body = JSON.parse(text) as { rows: { id: string; doc: unknown }[] };
          const rows = body.rows.slice(0, 2000);
          docs += rows.length;
          await writing; // the previous page's write overlapped this fetch
          writing = write(db, rows);
          const next = body.rows[2000];
          if (!next) break;
          startkey = next.id;
        }
      }
      await writing;
      const ms = performance.now() - t0;
      db.close();
      return { ms: Number(ms.toFixed(1)), docs, bytes };
    },
    [shopId, kinds] as const,
  );
}

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
