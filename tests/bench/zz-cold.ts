import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM } from '../support/chromium.ts';
import { startServer } from '../support/server.ts';
import { PHONE } from '../support/viewports.ts';
import { coldStartFloor } from './browser-floors.ts';
import { seedLargeShop } from './seed-large.ts';

const N = Number(process.env.N ?? 9);
const dataDir = mkdtempSync(join(tmpdir(), 'probe-'));
const shop = await seedLargeShop(dataDir, { products: 2000, customers: 200, orders: 2000 });
const server = await startServer({ dataDir, env: { LOG_LEVEL: 'warn', WEB_DIR: process.env.WEBDIR ?? '/tmp/probe/webB' } });
const browser = await chromium.launch({ ...CHROMIUM, args: [...CHROMIUM.args, ...(process.env.XARGS ? process.env.XARGS.split(' ') : [])] });
try {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email').fill(shop.email);
  await page.getByLabel('Password').fill(shop.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/dashboard$/);
  await page.goto(`${server.url}/sell`);
  await page.getByTestId('sell-tile').first().waitFor({ timeout: 120_000 });
  for (let i = 0; i < 600; i++) {
    if ((await page.getByTestId('sync-label').textContent()) === 'Synced') break;
    await new Promise((r) => setTimeout(r, 500));
  }
  await page.evaluate(() => navigator.serviceWorker.ready);
  await new Promise((r) => setTimeout(r, 5000));
  await page.close();
  await context.setOffline(true);
  const rows: Record<string, number>[] = [];
  for (let i = 0; i < N; i++) {
    const floor = await coldStartFloor(context, server.url);
    const p = await context.newPage();
    await p.goto(`${server.url}/robots.txt`);
    if (i === N - 1) await browser.startTracing(undefined, { path: '/tmp/probe/trace.json', categories: ['devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading', 'ServiceWorker', 'disabled-by-default-v8.compile', 'blink', 'IndexedDB', 'navigation', 'toplevel'] });
    await p.goto(`${server.url}/sell`);
    await p.getByTestId('sell-tile').first().waitFor();
    const r = await p.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const js = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js')) as PerformanceResourceTiming[];
      const ready = performance.getEntriesByName('sk:sell-ready')[0]?.startTime ?? NaN;
      const out: Record<string, number> = {
        navStart: nav.workerStart || nav.fetchStart,
        fetchStart: nav.fetchStart,
        htmlEnd: nav.responseEnd,
        domInteractive: nav.domInteractive,
        dcl: nav.domContentLoadedEventEnd,
        jsN: js.filter((e) => e.startTime < ready).length,
        jsFirstStart: Math.min(...js.map((e) => e.startTime)),
        jsLastEnd: Math.max(...js.filter((e) => e.startTime < ready).map((e) => e.responseEnd)),
        ready,
      };
      (window as any).__res = js.map((e) => [e.name.split('/').pop(), Math.round(e.startTime), Math.round(e.workerStart), Math.round(e.responseStart), Math.round(e.responseEnd)]);
      for (const m of performance.getEntriesByType('mark')) if (m.name.startsWith('sk:')) out[m.name] ??= m.startTime;
      return out;
    });
    if (i === N - 1) await browser.stopTracing();
    rows.push({ floor, ...r });
    if (i === N - 1) console.log((await p.evaluate(() => (window as any).__res)).map((x: unknown[]) => x.join(' ')).join('\n'));
    await p.close();
  }
  const keys = Object.keys(rows[0]!);
  const med = (k: string) => { const v = rows.map((r) => r[k] ?? NaN).sort((a, b) => a - b); return v[Math.floor(v.length / 2)]!; };
  for (const k of keys) console.log(k.padEnd(16), med(k).toFixed(1), '  ', rows.map((r) => (r[k] ?? NaN).toFixed(0)).join(' '));
  console.log('ratio', (med('ready') / med('floor')).toFixed(2));
} finally {
  await browser.close();
  await server.stop();
}
