import { performance } from 'node:perf_hooks';
import {
  factsFrom,
  HybridClock,
  isoNow,
  PRODUCT_MERGE_FIELDS,
  stockLevels,
  ulid,
  type Order,
  type Product,
  type StockDoc,
} from '@stallkeeper/shared';
import { registerOwner, signIn } from '../support/pouch-client.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { Device } from './device.ts';
import { rng } from './rng.ts';

export interface ChaosOptions {
  devices: number;
  salesPerDevice: number;
  kills: number;
  products: number;
  seed: number;
  /** keep device replicas on disk (LevelDB) in this directory */
  diskDir?: string;
  log?: (line: string) => void;
  /** runs after the checks, while the server is still up (e.g. for measurements) */
  afterChecks?: (result: ChaosResult) => Promise<void>;
}

export interface ChaosResult {
  seed: number;
  devices: number;
  sales: number;
  cancelled: number;
  restocks: number;
  edits: number;
  kills: number;
  seconds: number;
  convergenceRounds: number;
  docsOnServer: number;
  ordersOnServer: number;
  replicasIdentical: boolean;
  mismatches: string[];
  stockMatches: boolean;
  unresolvedConflicts: number;
  ordersWithoutAllocation: number;
  audit: { ok: boolean; entries?: number; brokenAt?: number };
  auditEntriesOnServer: number;
  shopId: string;
  cookie: string;
  serverUrl: string;
}

type Doc = { _id: string; _rev: string; _conflicts?: string[] } & Record<string, unknown>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every document on the server, paged so a big shop is not one huge response. */
async function serverDocs(server: RunningServer, shopId: string, cookie: string): Promise<Doc[]> {
  const out: Doc[] = [];
  let startkey: string | null = null;
  for (;;) {
    const params = new URLSearchParams({ include_docs: 'true', conflicts: 'true', limit: '2000' });
    if (startkey !== null) params.set('startkey', JSON.stringify(startkey));
    const res = await fetch(`${server.url}/db/${shopId}/_all_docs?${params}`, {
      headers: { cookie },
    });
    const body = (await res.json()) as {
      rows?: { id: string; doc: Doc }[];
      error?: string;
      reason?: string;
    };
    if (!body.rows) {
      throw new Error(`_all_docs failed: ${res.status} ${body.error ?? ''} ${body.reason ?? ''}`);
    }
    out.push(...body.rows.map((r) => r.doc));
    if (body.rows.length < 2000) return out;
    startkey = `${body.rows[body.rows.length - 1]?.id ?? ''}\u0000`;
  }
}

async function serverSeq(server: RunningServer, shopId: string, cookie: string): Promise<string> {
  const res = await fetch(`${server.url}/db/${shopId}/`, { headers: { cookie } });
  return String(((await res.json()) as { update_seq: unknown }).update_seq);
}

/**
 * Several devices sell random products offline, go on and off line at random and
 * edit the same products concurrently, while the server is SIGKILLed and restarted
 * (its LevelDB data dir persists). Then everyone syncs until nothing moves, and the
 * result is checked: identical replicas, no lost or duplicated order, the same
 * derived stock everywhere (and the expected one), no conflict left, a valid audit chain.
 */
export async function runChaos(opts: ChaosOptions): Promise<ChaosResult> {
  const log = opts.log ?? (() => undefined);
  const r = rng(opts.seed);
  const t0 = performance.now();
  const server = await startServer();
  const devices: Device[] = [];
  try {
    const owner = await registerOwner(server.url, 'chaos', 'chaos-dev-0');
    // every device signs in on its own: the server takes its documents only as that device
    for (let i = 0; i < opts.devices; i++) {
      const session = i === 0 ? owner : await signIn(server.url, owner, `chaos-dev-${i}`);
      devices.push(new Device(session, () => server.url, opts.diskDir));
    }
    const laptop = devices[0];
    if (!laptop) throw new Error('need at least one device');

    // The owner's laptop sets up the catalogue and opening stock.
    const expected = new Map<string, number>();
    const clock = new HybridClock('chaos-dev-0');
    for (let i = 0; i < opts.products; i++) {
      const stamp = clock.next();
      const p: Product = {
        _id: `product:${ulid()}`,
        type: 'product',
        code: `CH${i}`,
        name: `Chaos product ${i}`,
        unit: 'piece',
        price: 100 + i * 10,
        cost: null,
        description: '',
        imageUrl: null,
        lowStockThreshold: 3,
        active: true,
        createdAt: isoNow(),
        updatedAt: isoNow(),
        stamps: Object.fromEntries(PRODUCT_MERGE_FIELDS.map((f) => [f, stamp])),
      };
      await laptop.db.put(p);
      const opening = r.int(5, 30);
      await laptop.restock(p._id, opening);
      expected.set(p._id, opening);
    }
    await laptop.syncOnce();
    for (const d of devices.slice(1)) await d.syncOnce();
    const productIds = [...expected.keys()];

    const total = opts.devices * opts.salesPerDevice;
    const killAt = new Set(
      Array.from({ length: opts.kills }, (_, k) => Math.floor(((k + 0.5) * total) / opts.kills)),
    );
    let restartAt = -1;
    const orders: Order[] = [];
    const cancelled = new Set<string>();
    let restocks = 0;
    let edits = 0;
    let kills = 0;

    for (const d of devices) if (r.chance(0.6)) d.goOnline();
    for (let i = 0; i < total; i++) {
      if (killAt.has(i) && restartAt < 0) {
        log(`  kill #${kills + 1} at sale ${i}`);
        await server.kill();
        kills += 1;
        restartAt = i + r.int(3, 15);
      }
      if (i === restartAt) {
        await server.restart();
        restartAt = -1;
      }
      const d = r.pick(devices);
      if (r.chance(0.12)) {
        if (d.online) d.goOffline();
        else d.goOnline();
      }
      const products = await d.products();
      const p = r.pick(products);
      const qty = r.int(1, 2);
      const order = await d.sell(
        p,
        qty,
        r.chance(0.85) ? 'counter' : r.chance(0.5) ? 'delivery' : 'pickup',
      );
      orders.push(order);
      expected.set(p._id, (expected.get(p._id) ?? 0) - qty);
      if (r.chance(0.05)) {
        const mine = orders.filter((o) => o.deviceId === d.id && !cancelled.has(o._id));
        if (mine.length) {
          const victim = r.pick(mine);
          await d.cancel(victim);
          cancelled.add(victim._id);
          for (const l of victim.lines) {
            expected.set(l.productId, (expected.get(l.productId) ?? 0) + l.qty);
          }
        }
      }
      if (r.chance(0.06)) {
        await d.edit(
          r.pick(productIds),
          r.chance(0.5) ? { price: r.int(100, 900) } : { name: `Renamed by ${d.id} #${i}` },
        );
        edits += 1;
      }
      if (d === laptop && r.chance(0.25)) {
        const pid = r.pick(productIds);
        const q = r.int(1, 10);
        await laptop.restock(pid, q);
        expected.set(pid, (expected.get(pid) ?? 0) + q);
        restocks += 1;
      }
      if (i % 5 === 0) await sleep(r.int(0, 20)); // let live replication breathe
    }
    if (restartAt >= 0) await server.restart();

    // Everyone back online until nothing moves and the server is quiet.
    for (const d of devices) d.goOffline();
    let rounds = 0;
    let quiet = 0;
    while (rounds < 40 && quiet < 2) {
      rounds += 1;
      let moved = 0;
      for (const d of devices) moved += await d.syncOnce();
      const before = await serverSeq(server, owner.shopId, owner.cookie);
      await sleep(600); // the resolver writes allocations and merges
      const after = await serverSeq(server, owner.shopId, owner.cookie);
      quiet = moved === 0 && before === after ? quiet + 1 : 0;
    }
    log(`  converged after ${rounds} rounds`);

    // Checks.
    const onServer = await serverDocs(server, owner.shopId, owner.cookie);
    const serverRevs = new Map(onServer.map((d) => [d._id, d._rev]));
    const mismatches: string[] = [];
    let unresolved = onServer.filter((d) => d._conflicts?.length).length;
    const stockOf = (docs: Doc[]) =>
      stockLevels(
        factsFrom(
          docs.filter((d) =>
            ['stock', 'order', 'orderevent'].includes(String(d.type)),
          ) as unknown as StockDoc[],
        ),
      );
    const serverStock = stockOf(onServer);
    let stockMatches = productIds.every((p) => (serverStock.get(p) ?? 0) === expected.get(p));
    for (const d of devices) {
      const all = (await d.db.allDocs({ include_docs: true, conflicts: true })).rows.map(
        (x) => x.doc as unknown as Doc,
      );
      unresolved += all.filter((x) => x._conflicts?.length).length;
      const revs = new Map(all.map((x) => [x._id, x._rev]));
      if (revs.size !== serverRevs.size) {
        mismatches.push(`${d.id}: ${revs.size} docs vs ${serverRevs.size} on server`);
      }
      for (const [id, rev] of serverRevs) {
        if (revs.get(id) !== rev) {
          mismatches.push(`${d.id}: ${id} ${revs.get(id) ?? 'missing'} ≠ ${rev}`);
        }
      }
      const s = stockOf(all);
      if (!productIds.every((p) => (s.get(p) ?? 0) === (serverStock.get(p) ?? 0))) {
        stockMatches = false;
      }
    }
    const orderIds = new Set(onServer.filter((d) => d.type === 'order').map((d) => d._id));
    const allocated = new Set(
      onServer.filter((d) => d.type === 'allocation').map((d) => String(d.orderId)),
    );
    const auditRes = await fetch(`${server.url}/api/shops/${owner.shopId}/audit/verify`, {
      headers: { cookie: owner.cookie },
    });
    const audit = (await auditRes.json()) as ChaosResult['audit'];

    const result: ChaosResult = {
      seed: opts.seed,
      devices: opts.devices,
      sales: orders.length,
      cancelled: cancelled.size,
      restocks,
      edits,
      kills,
      seconds: Number(((performance.now() - t0) / 1000).toFixed(1)),
      convergenceRounds: rounds,
      docsOnServer: onServer.length,
      ordersOnServer: orderIds.size,
      replicasIdentical: mismatches.length === 0,
      mismatches: mismatches.slice(0, 20),
      stockMatches,
      unresolvedConflicts: unresolved,
      ordersWithoutAllocation: [...orderIds].filter((id) => !allocated.has(id)).length,
      audit,
      auditEntriesOnServer: onServer.filter((d) => d.type === 'audit').length,
      shopId: owner.shopId,
      cookie: owner.cookie,
      serverUrl: server.url,
    };
    await opts.afterChecks?.(result);
    return result;
  } finally {
    for (const d of devices) await d.close().catch(() => undefined);
    await server.dispose();
  }
}
