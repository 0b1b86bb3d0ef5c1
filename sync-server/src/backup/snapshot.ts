import { sealKeyOf } from '../replication/server-seal.ts';
import type { Storage } from '../storage/storage.ts';
import { SHOP_ID_RE } from '../storage/storage.ts';
import { listByPrefix } from '../system-db.ts';
import { BackupError, type BackupRecord } from './format.ts';

/** A shop store that can list its raw entries as of one moment (the revision store). */
interface Snapshotting {
  entries(): AsyncIterable<[string, string]>;
  subscribe(listener: () => void): () => void;
}

const snapshotting = (db: object): db is Snapshotting =>
  typeof (db as Partial<Snapshotting>).entries === 'function';

/** What a CouchDB-backed server says: there the database's own tools back up. */
export const COUCHDB_REFUSAL =
  'This server stores its data in CouchDB (COUCHDB_URL): back it up with CouchDB’s own tools ' +
  '(replicate each database to another CouchDB, or copy its data files). ' +
  '`pnpm backup` covers the embedded LevelDB storage only.';

async function* shopRecords(storage: Storage, shopId: string): AsyncGenerator<BackupRecord> {
  const db = storage.shop(shopId);
  if (!snapshotting(db)) throw new BackupError(COUCHDB_REFUSAL);
  // a listener keeps the shop loaded: an idle shop must not close under the iterator
  const release = db.subscribe(() => undefined);
  try {
    // A shop made before seals existed gets its key now, so that what the server seals
    // after this backup can be given back to a server restored from it (server-seal.ts).
    await sealKeyOf(db);
    yield { shop: shopId };
    for await (const [key, value] of db.entries()) yield [key, value];
  } finally {
    release();
  }
}

/**
 * Every shop, then the system database. Each shop is one LevelDB snapshot, so its
 * documents, checkpoints and resolver state agree with each other. Shops come before
 * the system database: the audit chain's seals (system) may then run ahead of a shop's
 * entries but never behind them, so a restored chain never has a gap the resolver
 * would build on (devices re-push the entries the seals name).
 */
export async function* snapshotRecords(storage: Storage): AsyncGenerator<BackupRecord> {
  if (storage.kind === 'couchdb') throw new BackupError(COUCHDB_REFUSAL);
  const system = storage.system();
  const ids = async () =>
    (await listByPrefix(system, 'shop:'))
      .map((d) => d._id.slice('shop:'.length))
      .filter((id) => SHOP_ID_RE.test(id));
  const done = new Set<string>();
  for (const shopId of await ids()) {
    yield* shopRecords(storage, shopId);
    done.add(shopId);
  }
  // One allDocs call reads one LevelDB iterator: the system database as of one moment.
  const all = await system.allDocs({ include_docs: true, attachments: true });
  const later: string[] = [];
  yield { system: true };
  for (const row of all.rows) {
    if (!row.doc) continue;
    const id = row.id.startsWith('shop:') ? row.id.slice('shop:'.length) : '';
    if (SHOP_ID_RE.test(id) && !done.has(id)) later.push(id);
    yield [row.doc as unknown as Record<string, unknown>];
  }
  // a shop created while the others were copied: it is in the system copy, so copy it too
  for (const shopId of later) yield* shopRecords(storage, shopId);
  yield { end: true };
}
