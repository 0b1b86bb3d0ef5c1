import { performance } from 'node:perf_hooks';
import { SYNC_BATCH } from '@stallkeeper/shared';
import { orderDoc } from '../support/docs.ts';
import { localDb, remoteDb } from '../support/pouch-client.ts';
import type { ClientResult, FromClient, ToClient } from './phones-protocol.ts';
import type { DevicePlan, ShopPlan } from './phones-setup.ts';

/**
 * A process of simulated phones for the phones benchmark (phones.ts forks it): each
 * phone is a memory PouchDB in live two-way sync with its shop, as the app syncs.
 * Every phone of a shop lives in the same process, so a sale and its allocation's
 * arrivals are timed on one clock.
 */

interface Sale {
  shop: number;
  seller: number;
  soldAt: number;
  pushedAt?: number;
  /** phone index in its shop → when the sale's allocation arrived there */
  arrivals: Map<number, number>;
}

interface Phone {
  shop: number;
  index: number;
  plan: DevicePlan;
  db: PouchDB.Database;
  sync?: PouchDB.Replication.Sync<object>;
  feed?: PouchDB.Core.Changes<object>;
  seq: number;
}

const sales = new Map<string, Sale>();
const pushMs: number[] = [];
const failures: Record<string, number> = {};
let requests = 0;
let sellingCpuMs = 0;
let shops: ShopPlan[] = [];
let phones: Phone[] = [];

const send = (msg: FromClient) =>
  new Promise<void>((resolve) => (process.send ? process.send(msg, () => resolve()) : resolve()));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `_changes`, `_bulk_docs`, `_local` … of a shop database URL. */
const endpoint = (url: string) => /\/db\/[^/]+\/([^/?]*)/.exec(url)?.[1] ?? '';

function onResponse(url: string, init: RequestInit | undefined, status: number, ms: number) {
  requests++;
  const what = endpoint(url);
  // a replicator's first checkpoint read is a 404 by design
  if (status === 0 || (status >= 400 && !(status === 404 && what === '_local'))) {
    const key = `${status} ${what}`;
    failures[key] = (failures[key] ?? 0) + 1;
  }
  if (what !== '_bulk_docs' || status !== 201 || typeof init?.body !== 'string') return;
  const now = performance.now();
  const { docs } = JSON.parse(init.body) as { docs: { _id: string }[] };
  let carried = false;
  for (const { _id } of docs) {
    const sale = sales.get(_id);
    if (sale && sale.pushedAt === undefined) {
      sale.pushedAt = now;
      carried = true;
    }
  }
  if (carried) pushMs.push(ms);
}

/** A document arrived in (or was written to) a phone's replica. */
function arrived(phone: Phone, id: string) {
  if (!id.startsWith('allocation:order:')) return;
  // allocation:order:<ulid>[:n] — the first decision about the order is what phones wait for
  const sale = sales.get(id.split(':').slice(1, 3).join(':'));
  if (sale && !sale.arrivals.has(phone.index)) sale.arrivals.set(phone.index, performance.now());
}

async function connect(baseUrl: string, roundTripMs: number) {
  const t0 = performance.now();
  const delay = () => new Promise<void>((r) => setTimeout(r, roundTripMs));
  phones = shops.flatMap((shop, s) =>
    shop.devices.map((plan, index) => ({
      shop: s,
      index,
      plan,
      db: localDb(plan.deviceId),
      seq: 0,
    })),
  );
  await Promise.all(
    phones.map(
      (phone) =>
        new Promise<void>((resolve) => {
          const shop = shops[phone.shop];
          if (!shop) throw new Error('no shop');
          const remote = remoteDb(baseUrl, shop.shopId, phone.plan.cookie, {
            keepAlive: true,
            onRequest: delay,
            onResponse,
          });
          phone.feed = phone.db
            .changes({ since: 'now', live: true, return_docs: false })
            .on('change', (c) => arrived(phone, c.id));
          // the app's live sync (web/src/lib/sync/sync.svelte.ts); idle once it first pauses
          phone.sync = phone.db
            .sync(remote, {
              live: true,
              retry: true,
              push: { batch_size: SYNC_BATCH.push },
              pull: { batch_size: SYNC_BATCH.pull },
            })
            .once('paused', () => resolve())
            // a refusal PouchDB does not retry (401, 403): counted, not waited for
            .once('error', (err: { status?: number }) => {
              const key = `sync stopped ${err.status ?? ''}`;
              failures[key] = (failures[key] ?? 0) + 1;
              resolve();
            });
        }),
    ),
  );
  return performance.now() - t0;
}

/** Every phone sells on its own Poisson schedule (exponential gaps of mean `meanGapMs`). */
async function sell(seconds: number, meanGapMs: number) {
  requests = 0; // the requests of the selling, not of connecting
  const cpu0 = process.cpuUsage();
  const end = performance.now() + seconds * 1000;
  const timers = new Set<NodeJS.Timeout>();
  const next = (phone: Phone) => {
    const gap = -Math.log(1 - Math.random()) * meanGapMs;
    if (performance.now() + gap > end) return;
    const t = setTimeout(() => {
      timers.delete(t);
      const shop = shops[phone.shop];
      if (!shop) return;
      const doc = orderDoc(shop.product, 1, phone.plan.userId, phone.plan.deviceId, ++phone.seq);
      sales.set(doc._id, {
        shop: phone.shop,
        seller: phone.index,
        soldAt: performance.now(),
        arrivals: new Map(),
      });
      void phone.db.put(doc);
      next(phone);
    }, gap);
    timers.add(t);
  };
  for (const phone of phones) next(phone);
  await sleep(seconds * 1000);
  for (const t of timers) clearTimeout(t);
  const cpu = process.cpuUsage(cpu0);
  sellingCpuMs = (cpu.user + cpu.system) / 1000;
}

const othersOf = (sale: Sale) => (shops[sale.shop]?.devices.length ?? 1) - 1;
const deliveredTo = (sale: Sale) =>
  [...sale.arrivals.keys()].filter((i) => i !== sale.seller).length;
const complete = (sale: Sale) => sale.pushedAt !== undefined && deliveredTo(sale) >= othersOf(sale);

/** Wait (at most `seconds`) for the last sales to be pushed and delivered. */
async function drain(seconds: number) {
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end && ![...sales.values()].every(complete)) await sleep(250);
}

function result(): ClientResult {
  const allocMs: number[] = [];
  const saleToAllMs: number[] = [];
  let notPushed = 0;
  let undelivered = 0;
  for (const sale of sales.values()) {
    if (sale.pushedAt === undefined) {
      notPushed++;
    } else if (!complete(sale)) {
      undelivered++;
    } else {
      const last = Math.max(
        ...[...sale.arrivals].filter(([i]) => i !== sale.seller).map(([, t]) => t),
      );
      // another phone may see the allocation before the seller's phone reads its push's answer
      allocMs.push(Math.max(0, last - sale.pushedAt));
      saleToAllMs.push(last - sale.soldAt);
    }
  }
  return {
    sales: sales.size,
    pushMs,
    allocMs,
    saleToAllMs,
    notPushed,
    undelivered,
    requests,
    cpuMs: sellingCpuMs,
    failures,
  };
}

// PouchDB 9 leaves a failed `info()` of the source unhandled after a pulled batch (its task
// bookkeeping; the replication itself goes on). A browser logs it; a Node process would die.
process.on('unhandledRejection', (err) => {
  const key = `unhandled ${(err as { code?: string }).code ?? String(err).slice(0, 60)}`;
  failures[key] = (failures[key] ?? 0) + 1;
});

process.on('message', (msg: ToClient) => {
  void (async () => {
    if (msg.kind === 'connect') {
      shops = msg.shops;
      await send({ kind: 'connected', ms: await connect(msg.baseUrl, msg.roundTripMs) });
    } else {
      await sell(msg.seconds, msg.meanGapMs);
      await drain(msg.drainSeconds);
      for (const phone of phones) {
        phone.sync?.cancel();
        phone.feed?.cancel();
      }
      await send({ kind: 'done', result: result() });
      process.exit(0);
    }
  })();
});
