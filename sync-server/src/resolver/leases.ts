import { hostname } from 'node:os';
import { SHOP_ID_RE } from '../storage/storage.ts';

/** Who holds a lease: a random id per process, with the host and pid for people reading it. */
export interface Holder {
  instance: string;
  host: string;
  pid: number;
  /** where the other replicas reach this one (REPLICA_URL), if they may */
  url?: string;
}

export function holderOfThisProcess(instance: string, url?: string): Holder {
  return { instance, host: hostname(), pid: process.pid, ...(url ? { url } : {}) };
}

export interface LeaseDoc {
  _id: string;
  _rev?: string;
  type: 'lease';
  shopId: string;
  holder: string;
  host: string;
  pid: number;
  /** milliseconds since the epoch, by the holder's clock */
  expiresAt: number;
  /** where the holder takes the shop's checkouts from other replicas (REPLICA_URL) */
  url?: string;
}

export const leaseId = (shopId: string) => `lease:resolver:${shopId}`;

type Row = { key: string; doc?: unknown; value?: { deleted?: boolean }; error?: string };

/** The current lease documents of these shops (absent: never taken, or released). */
async function currentLeases(
  system: PouchDB.Database,
  shopIds: readonly string[],
): Promise<Map<string, LeaseDoc>> {
  const res = await system.allDocs({ keys: shopIds.map(leaseId), include_docs: true });
  const out = new Map<string, LeaseDoc>();
  for (const row of res.rows as Row[]) {
    const doc = row.doc as LeaseDoc | null | undefined;
    if (doc && !row.value?.deleted) out.set(doc.shopId, doc);
  }
  return out;
}

export interface Acquired {
  /** the shops this process now holds */
  held: Set<string>;
  /** this process's clock when the leases were written: they last until `since + ms` */
  since: number;
}

/**
 * Take or renew the leases of `shopIds` for `ms`: each one that is free (never taken,
 * released, or expired) or already ours, at most `limit` of them. CouchDB is the
 * arbiter of a race: a write based on a revision someone else has replaced is refused
 * (409). The leases are read back after writing, so on a CouchDB cluster, where two
 * nodes may both accept a write and keep a conflict, only the winning revision's
 * holder believes it holds the lease.
 */
export async function acquire(
  system: PouchDB.Database,
  me: Holder,
  shopIds: readonly string[],
  ms: number,
  limit = Number.POSITIVE_INFINITY,
): Promise<Acquired> {
  const since = Date.now();
  const held = new Set<string>();
  if (!shopIds.length) return { held, since };
  const current = await currentLeases(system, shopIds);
  const writes: LeaseDoc[] = [];
  for (const shopId of shopIds) {
    if (writes.length >= limit) break;
    const lease = current.get(shopId);
    if (lease && lease.holder !== me.instance && lease.expiresAt > since) continue;
    writes.push({
      _id: leaseId(shopId),
      ...(lease?._rev ? { _rev: lease._rev } : {}),
      type: 'lease',
      shopId,
      holder: me.instance,
      host: me.host,
      pid: me.pid,
      ...(me.url ? { url: me.url } : {}),
      expiresAt: since + ms,
    });
  }
  if (!writes.length) return { held, since };
  const results = await system.bulkDocs(writes);
  const written = writes.filter((_, i) => {
    const r = results[i];
    return r !== undefined && !('error' in r && r.error);
  });
  const after = await currentLeases(
    system,
    written.map((w) => w.shopId),
  );
  for (const w of written) {
    if (after.get(w.shopId)?.holder === me.instance) held.add(w.shopId);
  }
  return { held, since };
}

/**
 * Where another replica that holds the shop's lease takes its checkouts: its URL while the
 * lease is current and names one, else null (no lease, ours, expired, or no REPLICA_URL).
 */
export async function holderUrl(
  system: PouchDB.Database,
  me: Holder,
  shopId: string,
  now = Date.now(),
): Promise<string | null> {
  const lease = (await currentLeases(system, [shopId])).get(shopId);
  if (!lease || lease.holder === me.instance || lease.expiresAt <= now) return null;
  return typeof lease.url === 'string' && lease.url ? lease.url : null;
}

/** Give a lease up (graceful stop), so another replica takes the shop at once. */
export async function release(system: PouchDB.Database, me: Holder, shopId: string): Promise<void> {
  const lease = (await currentLeases(system, [shopId])).get(shopId);
  if (lease?._rev && lease.holder === me.instance) {
    await system.remove(lease._id, lease._rev).catch(() => undefined); // a 409: someone else's now
  }
}

/** Which of these shops no longer exist (their `shop:` document is deleted). */
export async function gone(
  system: PouchDB.Database,
  shopIds: readonly string[],
): Promise<string[]> {
  if (!shopIds.length) return [];
  const res = await system.allDocs({ keys: shopIds.map((id) => `shop:${id}`) });
  return (res.rows as Row[]).flatMap((row, i) =>
    row.error === 'not_found' || row.value?.deleted ? [shopIds[i] ?? ''] : [],
  );
}

/** Shops by id, a page at a time from after `after` (the `shop:` documents). */
export async function shopPage(
  system: PouchDB.Database,
  after: string | null,
  size: number,
): Promise<string[]> {
  const res = await system.allDocs({
    startkey: after === null ? 'shop:' : `shop:${after}`,
    endkey: 'shop:\ufff0',
    limit: after === null ? size : size + 1,
  });
  const ids = res.rows.map((r) => r.id.slice('shop:'.length));
  return ids.filter((id) => id !== after && SHOP_ID_RE.test(id));
}
