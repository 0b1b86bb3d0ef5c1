import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { startServer } from '../support/server.ts';
import { cpuMs } from './proc.ts';
import { openShops, rssSampler } from './proc-memory.ts';
import { runDevice, type DeviceRun } from './shops-device.ts';
import { seededShops, SHOP_SIZE, type SeededShop } from './shops-seed.ts';
import { percentile } from './stats.ts';

/** How many shops are measured (BENCH_SHOPS; the budget is for 1,000). */
const SHOPS = Number(process.env.BENCH_SHOPS ?? 1000);
/** Phones syncing at once while the rest queue (a market morning's rush on one server). */
const CONCURRENT = 10;
/** How long the phones keep following their live feeds after the last one has synced. */
const HOLD_MS = Number(process.env.BENCH_SHOPS_HOLD_SECONDS ?? 40) * 1000;
/** Where a phone's pull checkpoint stands: this many changes before the shop's end. */
const BEHIND = 200;
const BUDGET = { rssBytes: 1024 ** 3, coldP95Ms: 250 };

/** A fixed shuffle (the same shops every run of one seeding). */
function shuffled<T>(xs: T[], seed = 19): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function inTurns<T, R>(xs: T[], width: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < xs.length) {
        const i = next++;
        out[i] = await f(xs[i] as T);
      }
    }),
  );
  return out;
}

/** Wait until the process has used under 20 ms of CPU in a second. */
async function settled(pid: number): Promise<void> {
  for (let last = cpuMs(pid); ;) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = cpuMs(pid);
    if (now - last < 20) return;
    last = now;
  }
}

/** Longer than the pool's sweep interval (a tenth of SHOP_IDLE_SECONDS, at most 30 s). */
const SWEEP_WAIT_MS = 35_000;

/** Each session's first request records its browser: done before, not in the timings. */
async function sessionsSeen(base: string, shops: SeededShop[]): Promise<void> {
  await inTurns(shops, CONCURRENT, async (s) => {
    const res = await fetch(`${base}/db/`, { headers: { cookie: `sk_session=${s.token}` } });
    if (res.status !== 200) throw new Error(`session of ${s.shopId}: ${res.status}`);
  });
}

/** The first request to each shop (never loaded since the server started), one at a time. */
async function firstRequests(base: string, shops: SeededShop[], docs: number): Promise<number[]> {
  const latencies: number[] = [];
  for (const shop of shops) {
    const t0 = performance.now();
    const res = await fetch(`${base}/db/${shop.shopId}`, {
      headers: { cookie: `sk_session=${shop.token}` },
    });
    const info = (await res.json()) as { doc_count?: number };
    latencies.push(performance.now() - t0);
    // a run adds a few orders to the cached shops: at least the template's documents
    if (res.status !== 200 || (info.doc_count ?? 0) < docs) {
      throw new Error(`cold shop ${shop.shopId}: ${res.status} ${JSON.stringify(info)}`);
    }
  }
  return latencies;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/**
 * Many shops on one server (issue 19): the server, with its default settings, on a
 * data dir of SHOPS shops; phones of 100 shops sync and stay live while memory is
 * sampled; then the first request to each of 100 other shops, never loaded since the
 * server started, is timed.
 */
export async function shopsBenchmark() {
  const s0 = performance.now();
  const seeded = await seededShops(SHOPS);
  const seedMs = performance.now() - s0;
  const order = shuffled(seeded.shops);
  const syncing = order.slice(0, Math.min(100, Math.floor(SHOPS / 2)));
  const rest = order.slice(syncing.length);
  const cold = rest.slice(0, Math.ceil(rest.length / 2)).slice(0, 100);
  const idleCold = rest.slice(cold.length).slice(0, 100);
  const start0 = performance.now();
  const server = await startServer({ dataDir: seeded.dataDir, env: { LOG_LEVEL: 'warn' } });
  const startMs = performance.now() - start0;
  const pid = server.pid();
  const rss = rssSampler(pid);
  const stop = new AbortController();
  try {
    const idleRss = rss.last();
    await sessionsSeen(server.url, [...syncing, ...cold]);
    rss.reset();

    // (a) phones of `syncing` shops: ten at a time sync, then each follows its live feed
    const a0 = performance.now();
    const since = seeded.updateSeq - BEHIND;
    const synced: Promise<DeviceRun>[] = [];
    let started = 0;
    await inTurns(syncing, CONCURRENT, async (shop) => {
      started++;
      let firstDone!: () => void;
      const done = new Promise<void>((r) => (firstDone = r));
      const run = runDevice(server.url, shop, since, seeded.products, stop.signal, firstDone);
      synced.push(run);
      await Promise.race([done, run]);
    });
    const allSyncedMs = performance.now() - a0;
    await new Promise((r) => setTimeout(r, HOLD_MS));
    const syncRss = rss.max();
    const syncParts = rss.maxParts();
    const loadedAfterSync = openShops(pid).size;

    // (b) cold shops, one at a time, while the phones' feeds stay open
    const cpu0 = cpuMs(pid);
    const b0 = performance.now();
    const latencies = await firstRequests(server.url, cold, seeded.docsPerShop);
    const coldSpanMs = performance.now() - b0;
    await settled(pid);
    const coldCpuMs = cpuMs(pid) - cpu0;
    const loadedAtEnd = openShops(pid).size;
    const maxRss = rss.max();
    const maxParts = rss.maxParts();

    stop.abort();
    const runs = await Promise.all(synced);
    if (started !== syncing.length) throw new Error('not every phone ran');

    // (c) the same on a server just started, with nothing else loaded; then one pool sweep later
    rss.stop();
    await server.stop();
    await server.restart();
    const fresh = rssSampler(server.pid());
    await sessionsSeen(server.url, idleCold);
    const idleLatencies = await firstRequests(server.url, idleCold, seeded.docsPerShop);
    await settled(server.pid());
    const idleLoaded = openShops(server.pid()).size;
    const idleLoadedRss = fresh.last();
    await new Promise((r) => setTimeout(r, SWEEP_WAIT_MS));
    const afterSweep = { loaded: openShops(server.pid()).size, rssMb: mb(fresh.last()) };
    fresh.stop();
    return {
      shops: SHOPS,
      size: SHOP_SIZE,
      docsPerShop: seeded.docsPerShop,
      shopMb: Number((seeded.shopBytes / 1024 / 1024).toFixed(1)),
      dataGb: Number(((seeded.shopBytes * SHOPS) / 1024 ** 3).toFixed(1)),
      seeding: { ...seeded.timings, cached: seeded.cached, totalMs: Math.round(seedMs) },
      serverStartMs: Math.round(startMs),
      budgets: { rssMb: mb(BUDGET.rssBytes), coldP95Ms: BUDGET.coldP95Ms },
      memory: {
        idleMb: mb(idleRss),
        maxDuringSyncMb: mb(syncRss),
        /** at that moment: the process's own memory and mapped files' pages; and its own at most */
        duringSyncSplitMb: {
          anon: mb(syncParts.anon),
          file: mb(syncParts.file),
          maxAnon: mb(syncParts.maxAnon),
        },
        maxMb: mb(maxRss),
        maxSplitMb: {
          anon: mb(maxParts.anon),
          file: mb(maxParts.file),
          maxAnon: mb(maxParts.maxAnon),
        },
        loadedAfterSync,
        loadedAtEnd,
      },
      sync: {
        phones: syncing.length,
        concurrent: CONCURRENT,
        behind: BEHIND,
        allSyncedMs: Math.round(allSyncedMs),
        holdMs: HOLD_MS,
        p50Ms: percentile(
          runs.map((r) => r.syncMs),
          50,
          0,
        ),
        p95Ms: percentile(
          runs.map((r) => r.syncMs),
          95,
          0,
        ),
        pulledPerPhone: percentile(
          runs.map((r) => r.pulled),
          50,
          0,
        ),
        pushedPerPhone: runs[0]?.pushed ?? 0,
        liveDocs: runs.reduce((n, r) => n + r.live, 0),
        requests: runs.reduce((n, r) => n + r.requests, 0),
      },
      cold: {
        shops: cold.length,
        p50Ms: percentile(latencies, 50, 0),
        p95Ms: percentile(latencies, 95, 0),
        maxMs: Math.round(Math.max(...latencies)),
        spanMs: Math.round(coldSpanMs),
        serverCpuMsPerShop: Math.round(coldCpuMs / cold.length),
        templateResolverMs: seeded.timings.resolverMs,
        resume: seeded.resume,
      },
      coldIdle: {
        shops: idleCold.length,
        p50Ms: percentile(idleLatencies, 50, 0),
        p95Ms: percentile(idleLatencies, 95, 0),
        maxMs: Math.round(Math.max(...idleLatencies)),
        loaded: idleLoaded,
        rssMb: mb(idleLoadedRss),
        afterSweep,
        sweepWaitMs: SWEEP_WAIT_MS,
      },
      loadAverage: loadavg().map((l) => Number(l.toFixed(1))),
    };
  } finally {
    stop.abort();
    rss.stop();
    await server.stop();
  }
}

export type ShopsResult = Awaited<ReturnType<typeof shopsBenchmark>>;
