import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { SYNC_BATCH } from '@stallkeeper/shared';
import { orderDoc, productDoc } from '../support/docs.ts';
import {
  localDb,
  PouchDB,
  registerOwner,
  remoteDb,
  type Account,
} from '../support/pouch-client.ts';
import { startPouchDbServer } from '../support/pouchdb-server.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { cpuMs } from './proc.ts';
import { percentile } from './stats.ts';

const DOCS = 5000;
/** Measured runs per target and setting; the table shows their medians (one run swings ±30 % here). */
const REPEATS = 5;
/**
 * Unmeasured rounds of every run first: a server that has been up a while has compiled its hot
 * paths. Ours settles after some 30–50k documents (successive 5,000-doc pushes to a fresh server:
 * 168, 112, 126, 92, 76, 56, 70, 58, 66, 64 ms CPU per 1,000), longest with five clients at once.
 */
const WARM_ROUNDS = 5;
/** The round trip of the supplementary five-client push: a good mobile or Wi-Fi link to a nearby server. */
const ROUND_TRIP_MS = 20;

interface Target {
  name: string;
  pid: number;
  /** a fresh, empty shop database for one run; `onRequest` sees (and may delay) every request */
  freshDb(onRequest: (url: string) => void | Promise<void>): Promise<() => PouchDB.Database>;
}

export interface RunResult {
  target: string;
  direction: 'push' | 'pull';
  clients: number;
  docs: number;
  seconds: number;
  docsPerSecond: number;
  serverCpuMsPer1000: number;
  /** HTTP requests the replicators made per 1000 documents */
  requestsPer1000: number;
}

/** The median of REPEATS runs of one setting, with the spread of the CPU figure. */
export interface MedianResult extends RunResult {
  repeats: number;
  cpuMsPer1000Min: number;
  cpuMsPer1000Max: number;
}

const median = (values: number[], digits = 1) => percentile(values, 50, digits);

function medianOf(runs: RunResult[]): MedianResult {
  const first = runs[0];
  if (!first) throw new Error('no runs');
  const cpu = runs.map((r) => r.serverCpuMsPer1000);
  return {
    ...first,
    seconds: median(
      runs.map((r) => r.seconds),
      3,
    ),
    docsPerSecond: Math.round(median(runs.map((r) => r.docsPerSecond))),
    serverCpuMsPer1000: median(cpu),
    requestsPer1000: Math.round(median(runs.map((r) => r.requestsPer1000))),
    repeats: runs.length,
    cpuMsPer1000Min: Math.min(...cpu),
    cpuMsPer1000Max: Math.max(...cpu),
  };
}

/**
 * Who the bench's orders are written by: our server takes a document only from the
 * member and device its session is (set once the bench account exists).
 */
const author = { userId: 'bench-user', deviceId: 'bench-device' };

function orders(count: number) {
  const product = productDoc('BENCH', 'Bench product');
  return Array.from({ length: count }, (_, i) =>
    orderDoc(product, 1 + (i % 3), author.userId, author.deviceId, i + 1),
  );
}

async function filled(count: number, name: string): Promise<PouchDB.Database> {
  const db = localDb(name);
  const docs = orders(count);
  for (let i = 0; i < docs.length; i += 1000) await db.bulkDocs(docs.slice(i, i + 1000));
  return db;
}

async function measure(
  target: Target,
  direction: 'push' | 'pull',
  clients: number,
  /** added before every request of the measured replication: a network's round trip */
  roundTripMs = 0,
): Promise<RunResult> {
  let requests = 0;
  let measuring = false;
  const remote = await target.freshDb(async () => {
    requests++;
    if (measuring && roundTripMs) await new Promise((r) => setTimeout(r, roundTripMs));
  });
  let moved: number;
  let run: () => Promise<{ docs_written: number }[]>;
  if (direction === 'push') {
    const per = Math.floor(DOCS / clients);
    const sources = await Promise.all(
      Array.from({ length: clients }, (_, i) => filled(per, `push${i}`)),
    );
    moved = per * clients;
    run = () =>
      Promise.all(sources.map((s) => s.replicate.to(remote(), { batch_size: SYNC_BATCH.push })));
  } else {
    const seed = await filled(DOCS, 'seed');
    await seed.replicate.to(remote(), { batch_size: 1000 });
    const sinks = Array.from({ length: clients }, (_, i) => localDb(`pull${i}`));
    moved = DOCS * clients;
    run = () =>
      Promise.all(sinks.map((s) => s.replicate.from(remote(), { batch_size: SYNC_BATCH.pull })));
  }
  requests = 0; // the seeding push of a pull run is not the replication measured
  measuring = true;
  const cpu0 = cpuMs(target.pid);
  const t0 = performance.now();
  const results = await run();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuMs(target.pid) - cpu0;
  // A refused document still counts as "replicated": make sure every one was written
  // (a pull from our server also brings the shop's settings document).
  const written = results.reduce((n, r) => n + r.docs_written, 0);
  if (written < moved) {
    throw new Error(`${target.name} ${direction}: ${written} of ${moved} written`);
  }
  return {
    target: target.name,
    direction,
    clients,
    docs: moved,
    seconds: Number(seconds.toFixed(3)),
    docsPerSecond: Math.round(moved / seconds),
    serverCpuMsPer1000: Number(((cpu / moved) * 1000).toFixed(1)),
    requestsPer1000: Math.round((requests / moved) * 1000),
  };
}

/** Every kind of run, unmeasured: the hot paths for one and for five clients get compiled. */
async function warmUp(target: Target): Promise<void> {
  for (let round = 0; round < WARM_ROUNDS; round++) {
    for (const direction of ['push', 'pull'] as const) {
      for (const clients of [1, 5]) await measure(target, direction, clients);
    }
  }
}

/** The same replication between two in-process PouchDBs: no HTTP, no server. */
async function floor(direction: 'push' | 'pull'): Promise<number> {
  const source = await filled(DOCS, `floor-${direction}`);
  const target = localDb('floor-target');
  const t0 = performance.now();
  await source.replicate.to(target, { batch_size: SYNC_BATCH[direction] });
  return Math.round(DOCS / ((performance.now() - t0) / 1000));
}

/** Our median CPU per 1000 documents over pouchdb-server's, from one setting's two results. */
function ratioOf(pair: MedianResult[]): number | null {
  const ours = pair.find((r) => r.target === 'stallkeeper');
  const theirs = pair.find((r) => r.target === 'pouchdb-server');
  return ours && theirs
    ? Number((ours.serverCpuMsPer1000 / theirs.serverCpuMsPer1000).toFixed(2))
    : null;
}

async function medianFloor(direction: 'push' | 'pull'): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < REPEATS; i++) runs.push(await floor(direction));
  return Math.round(median(runs));
}

/**
 * What flushing each acknowledged write to disk costs: one-client push to our server
 * as it runs (SYNC_WRITES on) and to a second one with SYNC_WRITES=false, taking turns.
 */
async function durabilityCost(
  synced: Target,
  ourTarget: (name: string, server: RunningServer, account: Account) => Target,
) {
  const unsyncedServer = await startServer({
    env: { RUN_RESOLVERS: 'false', SYNC_WRITES: 'false' },
  });
  try {
    const account = await registerOwner(unsyncedServer.url, 'bench-nosync', author.deviceId);
    const unsynced = ourTarget('stallkeeper, SYNC_WRITES=false', unsyncedServer, account);
    // the orders are this account's on this server
    const ownUser = author.userId;
    author.userId = account.userId;
    for (let i = 0; i < WARM_ROUNDS; i++) await measure(unsynced, 'push', 1);
    author.userId = ownUser;
    const runs = new Map<string, RunResult[]>([
      [synced.name, []],
      [unsynced.name, []],
    ]);
    for (let i = 0; i < REPEATS; i++) {
      for (const [t, user] of [
        [synced, ownUser],
        [unsynced, account.userId],
      ] as const) {
        author.userId = user;
        runs.get(t.name)?.push(await measure(t, 'push', 1));
      }
    }
    author.userId = ownUser;
    const [on, off] = [...runs.values()].map((list) => medianOf(list));
    process.stderr.write(
      `  durability: push ×1 ${on?.serverCpuMsPer1000} ms CPU/1000 at ${on?.docsPerSecond} docs/s with fsync, ${off?.serverCpuMsPer1000} ms at ${off?.docsPerSecond} docs/s without\n`,
    );
    return { synced: on, unsynced: off };
  } finally {
    await unsyncedServer.dispose();
  }
}

/**
 * Kept-open connections to pouchdb-server, closed after 4 s idle: before that server
 * (Node's default 5 s keep-alive) closes them. Reusing one just as it closed failed a
 * `_bulk_get` with ECONNRESET and stopped the benchmark (a browser retries such a
 * request; node-fetch does not). Node's agent closes only free connections on this
 * timeout. Our server keeps idle connections 65 s, as the shared agent expects.
 */
const pouchdbServerAgent = new Agent({ keepAlive: true, timeout: 4_000 });

export async function replicationBenchmark() {
  // Replication alone, as a replica behind a load balancer runs it; the resolver is measured on its own.
  const ours = await startServer({ env: { RUN_RESOLVERS: 'false' } });
  const couch = await startPouchDbServer();
  try {
    const owner = await registerOwner(ours.url, 'bench', author.deviceId);
    author.userId = owner.userId;
    let shops = 0;
    const ourTarget = (name: string, server: RunningServer, account: Account): Target => ({
      name,
      pid: server.pid(),
      async freshDb(onRequest) {
        // A fresh shop per run, owned by the same account.
        const res = await fetch(`${server.url}/api/shops`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: account.cookie },
          body: JSON.stringify({ name: `bench ${++shops}` }),
        });
        const { shop } = (await res.json()) as { shop: { id: string } };
        return () => remoteDb(server.url, shop.id, account.cookie, { keepAlive: true, onRequest });
      },
    });
    const targets: Target[] = [
      ourTarget('stallkeeper', ours, owner),
      {
        name: 'pouchdb-server',
        pid: couch.pid,
        async freshDb(onRequest) {
          const url = `${couch.url}/bench_${++shops}`;
          await fetch(url, { method: 'PUT' });
          return () =>
            new PouchDB(url, {
              skip_setup: true,
              fetch: async (u: string | Request, init?: RequestInit) => {
                await onRequest(typeof u === 'string' ? u : u.url);
                return PouchDB.fetch(u, { ...init, agent: pouchdbServerAgent } as RequestInit);
              },
            });
        },
      },
    ];
    // Both servers first do every run WARM_ROUNDS times unmeasured, so neither is measured
    // while its JIT compiles the hot paths (a server that has been up a while is warm).
    for (const t of targets) await warmUp(t);
    const setting = async (direction: 'push' | 'pull', clients: number, roundTripMs = 0) => {
      const samples = new Map<string, RunResult[]>(targets.map((t) => [t.name, []]));
      for (let i = 0; i < REPEATS; i++) {
        // alternate which server goes first, so neither always runs on a machine the other just heated
        for (const t of i % 2 ? [...targets].reverse() : targets) {
          samples.get(t.name)?.push(await measure(t, direction, clients, roundTripMs));
        }
      }
      const out: MedianResult[] = [];
      for (const [name, list] of samples) {
        const r = medianOf(list);
        out.push(r);
        process.stderr.write(
          `  ${name} ${direction} ×${clients}${roundTripMs ? ` (${roundTripMs} ms round trip)` : ''}: ${r.docsPerSecond} docs/s, ${r.serverCpuMsPer1000} ms CPU/1000 docs (runs: ${list.map((x) => Math.round(x.serverCpuMsPer1000)).join(', ')}), ${r.requestsPer1000} requests/1000 docs\n`,
        );
      }
      return out;
    };
    const runs: MedianResult[] = [];
    for (const direction of ['push', 'pull'] as const) {
      for (const clients of [1, 5]) runs.push(...(await setting(direction, clients)));
    }
    // Over loopback five replicators in one process send a fast server partial batches (see
    // BENCHMARKS.md); the same push with a network's round trip before each request:
    const overNetwork = await setting('push', 5, ROUND_TRIP_MS);
    const durability = await durabilityCost(ourTarget('stallkeeper', ours, owner), ourTarget);
    const floors = {
      push: await medianFloor('push'),
      pull: await medianFloor('pull'),
    };
    const of = (d: string, c: number) => runs.filter((r) => r.direction === d && r.clients === c);
    const ratios = (['push', 'pull'] as const).map((d) => {
      const ours1 = of(d, 1).find((r) => r.target === 'stallkeeper');
      return {
        direction: d,
        cpuVsPouchdbServer1Client: ratioOf(of(d, 1)),
        cpuVsPouchdbServer5Clients: ratioOf(of(d, 5)),
        throughputVsFloor1Client: ours1
          ? Number((ours1.docsPerSecond / floors[d]).toFixed(2))
          : null,
        floorDocsPerSecond: floors[d],
      };
    });
    return {
      batchSize: SYNC_BATCH,
      docs: DOCS,
      repeats: REPEATS,
      warmRounds: WARM_ROUNDS,
      overNetwork: {
        roundTripMs: ROUND_TRIP_MS,
        runs: overNetwork,
        cpuVsPouchdbServer5Clients: ratioOf(overNetwork),
      },
      runs,
      ratios,
      durability,
      targets: { cpuRatioMax: 0.25, floorRatioMin: 0.9 },
    };
  } finally {
    await ours.dispose();
    await couch.stop();
  }
}
