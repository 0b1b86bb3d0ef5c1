import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { CHROMIUM } from '../support/chromium.ts';
import { startServer } from '../support/server.ts';
import { PHONE } from '../support/viewports.ts';
import { coldStartFloor } from './browser-floors.ts';
import { seedLargeShop } from './seed-large.ts';

const N = Number(process.env.N ?? 9);
const dirs = (process.env.AB ?? '/tmp/probe/webA /tmp/probe/webB').split(' ');
const browser = await chromium.launch(CHROMIUM);
const setups: { name: string; url: string; context: BrowserContext; stop: () => Promise<void> }[] = [];
for (const dir of dirs) {
  const dataDir = mkdtempSync(join(tmpdir(), 'probe-'));
  const shop = await seedLargeShop(dataDir, { products: 2000, customers: 200, orders: 2000 });
  const server = await startServer({ dataDir, env: { LOG_LEVEL: 'warn', WEB_DIR: dir } });
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
  await new Promise((r) => setTimeout(r, 3000));
  await page.close();
  await context.setOffline(true);
  setups.push({ name: dir.split('/').pop()!, url: server.url, context, stop: () => server.stop() });
}
const res: Record<string, { floor: number[]; app: number[]; kb?: number }> = {};
for (let i = 0; i < N; i++) {
  for (const s of i % 2 ? [...setups].reverse() : setups) {
    const r = (res[s.name] ??= { floor: [], app: [] });
    r.floor.push(await coldStartFloor(s.context, s.url));
    const p = await s.context.newPage();
    if (process.env.THROTTLE) {
      const cdp = await s.context.newCDPSession(p);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.THROTTLE) });
    }
    await p.goto(`${s.url}/sell`);
    await p.getByTestId('sell-tile').first().waitFor();
    r.app.push(await p.evaluate(() => performance.getEntriesByName('sk:sell-ready')[0]?.startTime ?? NaN));
    await p.close();
  }
}
const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
for (const [name, r] of Object.entries(res)) {
  console.log(name, 'floor', med(r.floor).toFixed(0), 'app', med(r.app).toFixed(0), 'ratio', (med(r.app) / med(r.floor)).toFixed(2), ' app:', r.app.map((x) => x.toFixed(0)).join(' '));
}
await browser.close();
for (const s of setups) await s.stop();
