import { performance } from 'node:perf_hooks';
import { SYNC_BATCH } from '@stallkeeper/shared';
import { orderDoc, productDoc } from '../support/docs.ts';
import { keepAlive, localDb, PouchDB, registerOwner, remoteDb } from '../support/pouch-client.ts';
import { startPouchDbServer } from '../support/pouchdb-server.ts';
import { startServer } from '../support/server.ts';
import { cpuMs } from './proc.ts';

const DOCS = 5000;

interface Target {
  name: string;
  pid: number;
  /** a fresh, empty shop database for one run */
  freshDb(): Promise<() => PouchDB.Database>;
}

export interface RunResult {
  target: string;
  direction: 'push' | 'pull';
  clients: number;
  docs: number;
  seconds: number;
  docsPerSecond: number;
  serverCpuMsPer1000: number;
}

function orders(count: number, device: string) {
  const product = productDoc('BENCH', 'Bench product');
  return Array.from({ length: count }, (_, i) =>
    orderDoc(product, 1 + (i % 3), 'bench-user', device, i + 1),
  );
}

async function filled(count: number, device: string): Promise<PouchDB.Database> {
  const db = localDb(device);
  const docs = orders(count, device);
  for (let i = 0; i < docs.length; i += 1000) await db.bulkDocs(docs.slice(i, i + 1000));
  return db;
}

async function measure(
  target: Target,
  direction: 'push' | 'pull',
  clients: number,
): Promise<RunResult> {
  const remote = await target.freshDb();
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
  const cpu0 = cpuMs(target.pid);
  const t0 = performance.now();
  const results = await run();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuMs(target.pid) - cpu0;
  // A refused document still counts as "replicated": make sure every one was written
  // (a pull from our server also brings the shop's settings document).
  const written = results.reduce((n, r) => n + r.docs_written, 0);
  if (written < moved)
    throw new Error(`${target.name} ${direction}: ${written} of ${moved} written`);
  return {
    target: target.name,
    direction,
    clients,
    docs: moved,
    seconds: Number(seconds.toFixed(3)),
    docsPerSecond: Math.round(moved / seconds),
    serverCpuMsPer1000: Number(((cpu / moved) * 1000).toFixed(1)),
  };
}

/** One of each kind of run, unmeasured: the hot paths for one and for five clients get compiled. */
async function warmUp(target: Target): Promise<void> {
  for (const direction of ['push', 'pull'] as const) {
    for (const clients of [1, 5]) await measure(target, direction, clients);
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

export async function replicationBenchmark() {
  // Replication alone, as a replica behind a load balancer runs it; the resolver is measured on its own.
  const ours = await startServer({ env: { RUN_RESOLVERS: 'false' } });
  const couch = await startPouchDbServer();
  try {
    const owner = await registerOwner(ours.url, 'bench');
    let shops = 0;
    const targets: Target[] = [
      {
        name: 'stallkeeper',
        pid: ours.pid(),
        async freshDb() {
          // A fresh shop per run, owned by the same account.
          const res = await fetch(`${ours.url}/api/shops`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: owner.cookie },
            body: JSON.stringify({ name: `bench ${++shops}` }),
          });
          const { shop } = (await res.json()) as { shop: { id: string } };
          return () => remoteDb(ours.url, shop.id, owner.cookie, { keepAlive: true });
        },
      },
      {
        name: 'pouchdb-server',
        pid: couch.pid,
        async freshDb() {
          const url = `${couch.url}/bench_${++shops}`;
          await fetch(url, { method: 'PUT' });
          return () =>
            new PouchDB(url, {
              skip_setup: true,
              fetch: (u: string | Request, init?: RequestInit) =>
                PouchDB.fetch(u, { ...init, agent: keepAlive } as RequestInit),
            });
        },
      },
    ];
    // Both servers first do every run once unmeasured, so neither is measured while its
    // JIT compiles the hot paths (a server that has been up a while is warm).
    for (const t of targets) await warmUp(t);
    const runs: RunResult[] = [];
    for (const direction of ['push', 'pull'] as const) {
      for (const clients of [1, 5]) {
        for (const t of targets) {
          const r = await measure(t, direction, clients);
          runs.push(r);
          process.stderr.write(
            `  ${r.target} ${direction} ×${clients}: ${r.docsPerSecond} docs/s, ${r.serverCpuMsPer1000} ms CPU/1000 docs\n`,
          );
        }
      }
    }
    const floors = { push: await floor('push'), pull: await floor('pull') };
    const find = (t: string, d: string, c: number) =>
      runs.find((r) => r.target === t && r.direction === d && r.clients === c);
    const ratios = (['push', 'pull'] as const).map((d) => {
      const ours1 = find('stallkeeper', d, 1);
      const theirs1 = find('pouchdb-server', d, 1);
      const ours5 = find('stallkeeper', d, 5);
      const theirs5 = find('pouchdb-server', d, 5);
      return {
        direction: d,
        cpuVsPouchdbServer1Client:
          ours1 && theirs1
            ? Number((ours1.serverCpuMsPer1000 / theirs1.serverCpuMsPer1000).toFixed(2))
            : null,
        cpuVsPouchdbServer5Clients:
          ours5 && theirs5
            ? Number((ours5.serverCpuMsPer1000 / theirs5.serverCpuMsPer1000).toFixed(2))
            : null,
        throughputVsFloor1Client: ours1
          ? Number((ours1.docsPerSecond / floors[d]).toFixed(2))
          : null,
        floorDocsPerSecond: floors[d],
      };
    });
    return {
      batchSize: SYNC_BATCH,
      docs: DOCS,
      runs,
      ratios,
      targets: { cpuRatioMax: 0.25, floorRatioMin: 0.9 },
    };
  } finally {
    await ours.dispose();
    await couch.stop();
  }
}
