import { fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startServer } from '../support/server.ts';
import { cpuMs, rssMb } from './proc.ts';
import type { ClientResult, FromClient, ToClient } from './phones-protocol.ts';
import { setUpShops, type ShopPlan } from './phones-setup.ts';
import { percentile } from './stats.ts';

/** The budgets for many live phones. */
export const PHONE_BUDGETS = { allocP99Ms: 2000, pushP99Ms: 250, rssMb: 600 } as const;

/** The 50 shops; fewer (BENCH_PHONE_SHOPS) puts more phones in each for a quick check. */
const SHOPS = Number(process.env.BENCH_PHONE_SHOPS ?? 50);
/** Each phone sells once every 30 s on average. */
const MEAN_GAP_MS = 30_000;
/** Added before every request: the 20 ms round trip. */
const ROUND_TRIP_MS = 20;
/** Client processes the phones are spread over (by shop): one process of 500 replicators saturates a core. */
const CLIENTS = Number(process.env.BENCH_PHONE_CLIENTS ?? 2);
/** After the selling stops, how long the last sales get to arrive everywhere. */
const DRAIN_SECONDS = 20;
/** Measured with every phone connected and nobody selling: what live feeds alone cost. */
const IDLE_SECONDS = 10;

const CLIENT_SCRIPT = fileURLToPath(new URL('./phones-client.ts', import.meta.url));
const TESTS_DIR = fileURLToPath(new URL('..', import.meta.url));

/** The ladder of device counts and seconds per step, from the environment. */
export function phoneLadder() {
  const counts = (process.env.BENCH_PHONES ?? '50,100,250,500')
    .split(',')
    .map(Number)
    .filter((n) => n >= 2)
    .sort((a, b) => a - b);
  const top = Number(process.env.BENCH_PHONE_SECONDS ?? 300);
  const step = Number(process.env.BENCH_PHONE_STEP_SECONDS ?? Math.min(120, top));
  const largest = counts.at(-1);
  return counts.map((devices) => ({ devices, seconds: devices === largest ? top : step }));
}

export interface PhonesRun {
  devices: number;
  shops: number;
  seconds: number;
  /** 1-minute load average when the step began: others' work on this shared machine */
  loadBefore: number;
  setupSeconds: number;
  connectSeconds: number;
  sales: number;
  salesPerSecond: number;
  allocP50Ms: number;
  allocP99Ms: number;
  allocMaxMs: number;
  saleToAllP99Ms: number;
  pushP50Ms: number;
  pushP99Ms: number;
  notPushed: number;
  undelivered: number;
  requestsPerSale: number;
  failures: Record<string, number>;
  maxRssMb: number;
  /** server CPU over the selling, % of one core (the machine has two) */
  serverCpuPct: number;
  serverIdleCpuPct: number;
  /** each client process's CPU over the selling, % of one core */
  clientCpuPct: number[];
  meets: { alloc: boolean; push: boolean; rss: boolean; all: boolean };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The next message of `kind` from a client; fails if the client dies first. */
function next<K extends FromClient['kind']>(
  child: ChildProcess,
  kind: K,
): Promise<Extract<FromClient, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: FromClient) => {
      if (m.kind !== kind) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m as Extract<FromClient, { kind: K }>);
    };
    const onExit = (code: number | null) => reject(new Error(`phones client exited (${code})`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

const tell = (child: ChildProcess, msg: ToClient) => child.send(msg);
const pct = (ms: number, wallMs: number) => Math.round((ms / wallMs) * 100);

function merge(results: ClientResult[]) {
  const all = <K extends 'pushMs' | 'allocMs' | 'saleToAllMs'>(k: K) =>
    results.flatMap((r) => r[k]);
  const sum = (k: 'sales' | 'notPushed' | 'undelivered' | 'requests') =>
    results.reduce((n, r) => n + r[k], 0);
  const failures: Record<string, number> = {};
  for (const r of results) {
    for (const [k, n] of Object.entries(r.failures)) failures[k] = (failures[k] ?? 0) + n;
  }
  return {
    push: all('pushMs'),
    alloc: all('allocMs'),
    saleToAll: all('saleToAllMs'),
    sales: sum('sales'),
    notPushed: sum('notPushed'),
    undelivered: sum('undelivered'),
    requests: sum('requests'),
    failures,
  };
}

/** One step of the ladder on a fresh server: `devices` phones over up to SHOPS shops. */
async function runStep(devices: number, seconds: number): Promise<PhonesRun> {
  const loadBefore = Number(loadavg()[0]?.toFixed(2));
  // every shop gets at least two phones, so each sale has another phone to reach
  const shops = Math.min(SHOPS, Math.floor(devices / 2));
  const server = await startServer({ env: { TRUST_PROXY: 'true' } });
  const clients: ChildProcess[] = [];
  try {
    const pid = server.pid();
    let t0 = performance.now();
    const plans = await setUpShops(server.url, shops, devices);
    const setupSeconds = (performance.now() - t0) / 1000;
    for (let c = 0; c < CLIENTS; c++) {
      clients.push(fork(CLIENT_SCRIPT, [], { cwd: TESTS_DIR, execArgv: ['--import', 'tsx'] }));
    }
    const shopsOf = (c: number): ShopPlan[] => plans.filter((_, i) => i % CLIENTS === c);
    t0 = performance.now();
    const connected = clients.map((child) => next(child, 'connected'));
    clients.forEach((child, c) =>
      tell(child, {
        kind: 'connect',
        baseUrl: server.url,
        shops: shopsOf(c),
        roundTripMs: ROUND_TRIP_MS,
      }),
    );
    await Promise.all(connected);
    const connectSeconds = (performance.now() - t0) / 1000;

    const idle0 = cpuMs(pid);
    await sleep(IDLE_SECONDS * 1000);
    const serverIdleCpuPct = pct(cpuMs(pid) - idle0, IDLE_SECONDS * 1000);

    let maxRssMb = rssMb(pid);
    const sampler = setInterval(() => (maxRssMb = Math.max(maxRssMb, rssMb(pid))), 1000);
    const done = clients.map((child) => next(child, 'done'));
    const server0 = cpuMs(pid);
    t0 = performance.now();
    for (const child of clients) {
      tell(child, {
        kind: 'sell',
        seconds,
        meanGapMs: MEAN_GAP_MS,
        drainSeconds: DRAIN_SECONDS,
      });
    }
    await sleep(seconds * 1000);
    const wall = performance.now() - t0;
    const serverCpuPct = pct(cpuMs(pid) - server0, wall);
    const results = (await Promise.all(done)).map((d) => d.result);
    // each client times its own selling (it may have exited by now)
    const clientCpuPct = results.map((r) => pct(r.cpuMs, seconds * 1000));
    const m = merge(results);
    clearInterval(sampler);
    maxRssMb = Math.max(maxRssMb, rssMb(pid));

    const allocP99Ms = percentile(m.alloc, 99, 0);
    const pushP99Ms = percentile(m.push, 99, 0);
    const lost = m.notPushed + m.undelivered;
    const meets = {
      // a sale that never reached the other phones is over any time budget
      alloc: allocP99Ms <= PHONE_BUDGETS.allocP99Ms && lost <= m.sales * 0.01,
      push: pushP99Ms <= PHONE_BUDGETS.pushP99Ms,
      rss: maxRssMb <= PHONE_BUDGETS.rssMb,
      all: false,
    };
    meets.all = meets.alloc && meets.push && meets.rss;
    return {
      devices,
      shops,
      seconds,
      loadBefore,
      setupSeconds: Math.round(setupSeconds),
      connectSeconds: Number(connectSeconds.toFixed(1)),
      sales: m.sales,
      salesPerSecond: Number((m.sales / seconds).toFixed(1)),
      allocP50Ms: percentile(m.alloc, 50, 0),
      allocP99Ms,
      allocMaxMs: Math.round(Math.max(0, ...m.alloc)),
      saleToAllP99Ms: percentile(m.saleToAll, 99, 0),
      pushP50Ms: percentile(m.push, 50, 0),
      pushP99Ms,
      notPushed: m.notPushed,
      undelivered: m.undelivered,
      requestsPerSale: Math.round(m.requests / Math.max(1, m.sales)),
      failures: m.failures,
      maxRssMb,
      serverCpuPct,
      serverIdleCpuPct,
      clientCpuPct,
      meets,
    };
  } finally {
    for (const child of clients) if (child.exitCode === null) child.kill('SIGKILL');
    await server.dispose();
  }
}

/**
 * The "many live phones": a ladder of device counts, each on a fresh server,
 * every phone a real PouchDB replicator in live sync selling every 30 s on average.
 */
export async function phonesBenchmark() {
  const runs: PhonesRun[] = [];
  for (const { devices, seconds } of phoneLadder()) {
    process.stderr.write(`  ${devices} phones for ${seconds} s…\n`);
    const r = await runStep(devices, seconds);
    process.stderr.write(
      `  ${devices} phones: ${r.sales} sales, allocation p50/p99 ${r.allocP50Ms}/${r.allocP99Ms} ms, push p99 ${r.pushP99Ms} ms, RSS ${r.maxRssMb} MB, server CPU ${r.serverCpuPct} %, clients ${r.clientCpuPct.join('/')} %, lost ${r.notPushed}+${r.undelivered}, failures ${JSON.stringify(r.failures)}\n`,
    );
    runs.push(r);
  }
  const meeting = runs.filter((r) => r.meets.all).map((r) => r.devices);
  return {
    runs,
    budgets: PHONE_BUDGETS,
    roundTripMs: ROUND_TRIP_MS,
    meanGapMs: MEAN_GAP_MS,
    shops: SHOPS,
    clients: CLIENTS,
    drainSeconds: DRAIN_SECONDS,
    idleSeconds: IDLE_SECONDS,
    largestMeetingAll: meeting.length ? Math.max(...meeting) : null,
  };
}
