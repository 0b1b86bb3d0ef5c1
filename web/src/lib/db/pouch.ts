/**
 * The only place PouchDB is loaded. It is imported lazily so the first screen's
 * JavaScript stays small; `events` must be a direct dependency (see STACK.md).
 */
export type PouchDatabase = PouchDB.Database;
type PouchStatic = PouchDB.Static;

let loaded: Promise<PouchStatic> | null = null;
let networked: Promise<PouchStatic> | null = null;

/** PouchDB with the IndexedDB adapter: all the first screen needs. */
export function loadPouch(): Promise<PouchStatic> {
  loaded ??= (async () => {
    const [core, idb] = await Promise.all([import('pouchdb-core'), import('pouchdb-adapter-idb')]);
    const Pouch = core.default;
    Pouch.plugin(idb.default);
    return Pouch;
  })();
  // A load that failed (its code unreachable) is tried again next time.
  loaded.catch(() => (loaded = null));
  return loaded;
}

/** Adds the HTTP adapter and the replicator, loaded only when syncing starts. */
export function loadPouchSync(): Promise<PouchStatic> {
  networked ??= (async () => {
    const [Pouch, http, replication] = await Promise.all([
      loadPouch(),
      import('pouchdb-adapter-http'),
      import('pouchdb-replication'),
    ]);
    Pouch.plugin(http.default).plugin(replication.default);
    return Pouch;
  })();
  networked.catch(() => (networked = null));
  return networked;
}

export const localDbName = (shopId: string) => `stallkeeper_shop_${shopId}`;

/** This device's replica of a shop. */
export async function openLocal(shopId: string): Promise<PouchDatabase> {
  const Pouch = await loadPouch();
  return new Pouch(localDbName(shopId), { adapter: 'idb', auto_compaction: true });
}

/** The server's copy of the shop, reached with the session cookie. */
export async function openRemote(shopId: string, origin = location.origin): Promise<PouchDatabase> {
  const Pouch = await loadPouchSync();
  return new Pouch(`${origin}/db/${shopId}`, {
    skip_setup: true,
    fetch: (url: string | Request, opts?: RequestInit) =>
      Pouch.fetch(url, { ...opts, credentials: 'same-origin' }),
  });
}
