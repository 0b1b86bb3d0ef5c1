import { performance } from 'node:perf_hooks';
import { createLogger, memoryStorage, ShopResolver } from '@stallkeeper/sync-server/testing';
import { localDb, remoteDb } from '../support/pouch-client.ts';

/**
 * How fast the resolver allocates: copy a shop's inputs (everything but the
 * resolver's own output) into the server's revision store in memory and time a
 * fresh resolver over all of it.
 */
export async function resolverThroughput(baseUrl: string, shopId: string, cookie: string) {
  const copy = localDb('resolver-bench');
  await copy.replicate.from(remoteDb(baseUrl, shopId, cookie), {
    batch_size: 500,
    filter: (doc: { _id: string }) =>
      !doc._id.startsWith('allocation:') && !doc._id.startsWith('alert:'),
  });
  const orders = (await copy.allDocs({ startkey: 'order:', endkey: 'order:\ufff0' })).rows.length;
  const storage = memoryStorage();
  const store = storage.shop(shopId);
  const all = await copy.allDocs({ include_docs: true });
  const docs = all.rows.flatMap((r) => (r.doc ? [r.doc] : []));
  for (let i = 0; i < docs.length; i += 1000) {
    await store.bulkDocs(docs.slice(i, i + 1000), { new_edits: false });
  }
  const resolver = new ShopResolver(shopId, store, storage.system(), createLogger('silent'));
  const t0 = performance.now();
  await resolver.start();
  await new Promise((r) => setTimeout(r, 20));
  await resolver.idle();
  const seconds = (performance.now() - t0) / 1000;
  await resolver.stop();
  await copy.destroy();
  await storage.close();
  return {
    orders,
    seconds: Number(seconds.toFixed(2)),
    ordersPerSecond: Math.round(orders / seconds),
  };
}
