import type { ShopDb } from './shop-db.ts';
import type { PoolOptions } from './shop-pool.ts';

/**
 * Where documents live. The server sees shops only through `ShopDb`, so the embedded
 * revision store on LevelDB, the in-memory test store and a remote CouchDB plug in
 * without other changes.
 */
export interface Storage {
  readonly kind: 'leveldb' | 'memory' | 'couchdb';
  /** Users, sessions, shops and memberships; never replicated to devices. */
  system(): PouchDB.Database;
  /** One shop's replicated database (created on first use). */
  shop(shopId: string): ShopDb;
  destroyShop(shopId: string): Promise<void>;
  /**
   * Let idle shops leave memory (the embedded stores; a CouchDB holds nothing here).
   * The hooks start a shop's resolver when it loads and stop it before it unloads.
   */
  manage?(opts: PoolOptions): void;
  /** Unload idle shops now (what the pool's timer does); resolves with the shops unloaded. */
  sweep?(): Promise<string[]>;
  close(): Promise<void>;
}

export const SHOP_ID_RE = /^[0-9a-z]{26}$/;
export const shopDbName = (shopId: string) => `shop_${shopId}`;
