/**
 * Where documents live. The server only ever sees PouchDB databases through this
 * interface, so the embedded LevelDB store, the in-memory test store and a remote
 * CouchDB plug in without other changes.
 */
export interface Storage {
  readonly kind: 'leveldb' | 'memory' | 'couchdb';
  /** Users, sessions, shops and memberships; never replicated to devices. */
  system(): PouchDB.Database;
  /** One shop's replicated database (created on first use). */
  shop(shopId: string): PouchDB.Database;
  destroyShop(shopId: string): Promise<void>;
  close(): Promise<void>;
}

export const SHOP_ID_RE = /^[0-9a-z]{26}$/;
export const shopDbName = (shopId: string) => `shop_${shopId}`;
