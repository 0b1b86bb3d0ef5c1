import { performance } from 'node:perf_hooks';
import { SYNC_BATCH } from '@stallkeeper/shared';
import { saleOf } from '@stallkeeper/shared/fixtures';
import { localDb, remoteDb } from '../support/pouch-client.ts';
import type { ProductRef, SeededShop } from './shops-seed.ts';

/** New orders each phone brings: a few sales made while it was offline. */
const NEW_ORDERS = 5;
/** A checkpoint of this run's own: the cached shops keep those of earlier runs. */
const PULL_CHECKPOINT = `_local/bench-phone-pull-${Date.now()}`;

export interface DeviceRun {
  /** pull from its checkpoint and push its new orders, until both are done */
  syncMs: number;
  pulled: number;
  pushed: number;
  /** documents the live feed brought afterwards (the resolver's decisions on its orders) */
  live: number;
  requests: number;
}

interface ChangesPage {
  results: { id: string; changes: { rev: string }[] }[];
  last_seq: number | string;
}

/**
 * A phone of one shop syncing the way the app's replicator does: its pull checkpoint is
 * read, `_changes` from there in pages with `_bulk_get` of each page, the checkpoint is
 * written; then a real PouchDB replicator pushes the orders made offline (`_revs_diff`,
 * `_bulk_docs` new_edits=false, checkpoints); then it follows a longpoll `_changes`
 * feed (which keeps the shop loaded) until `stop` aborts.
 */
export async function runDevice(
  base: string,
  shop: SeededShop,
  since: number,
  products: ProductRef[],
  stop: AbortSignal,
  /** called once the pull and push are done (the phone then follows its live feed) */
  synced: () => void = () => {},
): Promise<DeviceRun> {
  const cookie = `sk_session=${shop.token}`;
  const url = (path: string) => `${base}/db/${shop.shopId}${path}`;
  let requests = 0;
  const call = async (path: string, init: RequestInit = {}) => {
    requests++;
    const res = await fetch(url(path), {
      ...init,
      headers: { cookie, 'content-type': 'application/json', ...init.headers },
    });
    const body: unknown = await res.json();
    return { status: res.status, body };
  };
  /** what the phone holds already (its own orders): the replicator's `_revs_diff` skips them */
  const own = new Set<string>();
  const fetchPage = async (page: ChangesPage) => {
    const docs = page.results
      .filter((r) => !own.has(r.id))
      .flatMap((r) => r.changes.map((c) => ({ id: r.id, rev: c.rev })));
    if (!docs.length) return 0;
    const got = await call('/_bulk_get?revs=true&latest=true', {
      method: 'POST',
      body: JSON.stringify({ docs }),
    });
    if (got.status !== 200) throw new Error(`_bulk_get ${got.status}`);
    return docs.length;
  };

  const t0 = performance.now();
  const ckpt = await call(`/${PULL_CHECKPOINT}`);
  let seq = ckpt.status === 200 ? Number((ckpt.body as { last_seq: number }).last_seq) : since;
  let pulled = 0;
  for (;;) {
    const path = `/_changes?style=all_docs&since=${seq}&limit=${SYNC_BATCH.pull}`;
    const { status, body } = await call(path);
    if (status !== 200) throw new Error(`_changes ${status}`);
    const page = body as ChangesPage;
    pulled += await fetchPage(page);
    seq = Number(page.last_seq);
    if (page.results.length < SYNC_BATCH.pull) break;
  }
  const prev = ckpt.status === 200 ? { _rev: (ckpt.body as { _rev: string })._rev } : {};
  await call(`/${PULL_CHECKPOINT}`, {
    method: 'PUT',
    body: JSON.stringify({ _id: PULL_CHECKPOINT, ...prev, last_seq: seq }),
  });

  const local = localDb(`phone-${shop.shopId}`);
  const orders = Array.from({ length: NEW_ORDERS }, (_, i) => {
    const product = products[i % products.length];
    if (!product) throw new Error('no products to sell');
    return saleOf(product, 1 + i, {
      number: `B7-${String((Date.now() + i) % 10000).padStart(4, '0')}`,
      by: shop.userId,
      deviceId: shop.deviceId,
    });
  });
  await local.bulkDocs(orders);
  for (const o of orders) own.add(o._id);
  const remote = remoteDb(base, shop.shopId, cookie, {
    keepAlive: true,
    onRequest: () => void requests++,
  });
  const push = await local.replicate.to(remote, { batch_size: SYNC_BATCH.push });
  await local.destroy();
  const syncMs = performance.now() - t0;
  if (push.docs_written !== NEW_ORDERS) {
    throw new Error(
      `shop ${shop.shopId}: ${push.docs_written} of ${NEW_ORDERS} orders pushed ${JSON.stringify(push.errors).slice(0, 500)}`,
    );
  }
  synced();

  let live = 0;
  while (!stop.aborted) {
    const path = `/_changes?style=all_docs&feed=longpoll&heartbeat=10000&since=${seq}&limit=${SYNC_BATCH.pull}`;
    try {
      requests++;
      const res = await fetch(url(path), { headers: { cookie }, signal: stop });
      const page = (await res.json()) as ChangesPage;
      live += await fetchPage(page);
      seq = Number(page.last_seq);
    } catch (err) {
      if (stop.aborted) break;
      throw err;
    }
  }
  return { syncMs, pulled, pushed: NEW_ORDERS, live, requests };
}
