import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { levelKv, memoryKv, type Kv } from './kv.ts';
import { openMigrated } from './migrate.ts';
import { pouchShopDb } from './pouch-shop-db.ts';
import { RevStore } from './rev-store.ts';
import { ShopPool, type PoolOptions } from './shop-pool.ts';
import type { ShopDb } from './shop-db.ts';
import { shopDbName, type Storage } from './storage.ts';

PouchDB.plugin(memoryAdapter);

class Backend implements Storage {
  readonly #open = new Map<string, ShopDb>();
  #system: PouchDB.Database | null = null;

  constructor(
    readonly kind: Storage['kind'],
    private readonly systemFactory: () => PouchDB.Database,
    private readonly shopFactory: (name: string) => ShopDb,
  ) {}

  system(): PouchDB.Database {
    this.#system ??= this.systemFactory();
    return this.#system;
  }

  shop(shopId: string): ShopDb {
    const name = shopDbName(shopId);
    let db = this.#open.get(name);
    if (!db) {
      db = this.shopFactory(name);
      this.#open.set(name, db);
    }
    return db;
  }

  async destroyShop(shopId: string): Promise<void> {
    const db = this.shop(shopId);
    this.#open.delete(shopDbName(shopId));
    await db.destroy();
  }

  async close(): Promise<void> {
    const all = [...this.#open.values(), ...(this.#system ? [this.#system] : [])];
    this.#open.clear();
    this.#system = null;
    await Promise.allSettled(all.map((db) => db.close()));
  }
}

/** Shops in the server's own revision store: loaded on use, unloaded when idle. */
class PooledBackend implements Storage {
  readonly #pool: ShopPool;
  #system: PouchDB.Database | null = null;

  constructor(
    readonly kind: Storage['kind'],
    private readonly systemFactory: () => PouchDB.Database,
    shopFactory: (name: string, events: { loaded: () => void }) => RevStore,
    /** called once a shop's database is destroyed, to remove anything else it left */
    private readonly afterDestroy: (name: string) => void = () => {},
  ) {
    this.#pool = new ShopPool((shopId, events) => shopFactory(shopDbName(shopId), events));
  }

  system(): PouchDB.Database {
    this.#system ??= this.systemFactory();
    return this.#system;
  }

  shop(shopId: string): ShopDb {
    return this.#pool.get(shopId);
  }

  manage(opts: PoolOptions): void {
    this.#pool.manage(opts);
  }

  sweep(): Promise<string[]> {
    return this.#pool.sweep();
  }

  async destroyShop(shopId: string): Promise<void> {
    const db = this.#pool.get(shopId);
    this.#pool.drop(shopId);
    await db.destroy();
    this.afterDestroy(shopDbName(shopId));
  }

  async close(): Promise<void> {
    const system = this.#system;
    this.#system = null;
    await Promise.allSettled([this.#pool.close(), system?.close()]);
  }
}

/**
 * Embedded LevelDB under a directory: the default, nothing to install. Shops live in
 * the server's own revision store (`<name>.revs`); the system database is PouchDB's.
 * A shop a PouchDB-based server left behind is migrated when first opened.
 */
export function levelDbStorage(dataDir: string, opts: { syncWrites?: boolean } = {}): Storage {
  mkdirSync(dataDir, { recursive: true });
  const open = (location: string) => levelKv(location, { syncDurable: opts.syncWrites !== false });
  return new PooledBackend(
    'leveldb',
    () => new PouchDB(join(dataDir, 'stallkeeper_system')),
    (name, events) =>
      new RevStore(name, (): Promise<Kv> => openMigrated(dataDir, name, open), events),
    // a deleted shop leaves nothing behind, not even the copy a migration kept
    (name) => {
      for (const dir of [name, `${name}.pouchdb-migrated`]) {
        rmSync(join(dataDir, dir), { recursive: true, force: true });
      }
    },
  );
}

/** In memory for tests; `namespace` keeps parallel test apps apart. */
export function memoryStorage(namespace = `mem${Math.random().toString(36).slice(2)}`): Storage {
  return new PooledBackend(
    'memory',
    () => new PouchDB(`${namespace}_stallkeeper_system`, { adapter: 'memory' }),
    (name, events) =>
      new RevStore(name, () => Promise.resolve(memoryKv(`${namespace}_${name}`)), events),
  );
}

/** Apache CouchDB (or anything speaking its API) through PouchDB's http adapter. */
export function couchDbStorage(baseUrl: string): Storage {
  const base = baseUrl.replace(/\/+$/, '');
  return new Backend(
    'couchdb',
    () => new PouchDB(`${base}/stallkeeper_system`),
    (name) => pouchShopDb(new PouchDB(`${base}/${name}`)),
  );
}
