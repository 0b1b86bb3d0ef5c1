import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { shopDbName, type Storage } from './storage.ts';

PouchDB.plugin(memoryAdapter);

type Factory = (name: string) => PouchDB.Database;

class PouchStorage implements Storage {
  readonly #open = new Map<string, PouchDB.Database>();
  #system: PouchDB.Database | null = null;

  constructor(
    readonly kind: Storage['kind'],
    private readonly factory: Factory,
  ) {}

  system(): PouchDB.Database {
    this.#system ??= this.factory('stallkeeper_system');
    return this.#system;
  }

  shop(shopId: string): PouchDB.Database {
    const name = shopDbName(shopId);
    let db = this.#open.get(name);
    if (!db) {
      db = this.factory(name);
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

/** Embedded LevelDB under a directory: the default, nothing to install. */
export function levelDbStorage(dataDir: string): Storage {
  mkdirSync(dataDir, { recursive: true });
  return new PouchStorage('leveldb', (name) => new PouchDB(join(dataDir, name)));
}

/** In-memory databases for tests; `namespace` keeps parallel test apps apart. */
export function memoryStorage(namespace = `mem${Math.random().toString(36).slice(2)}`): Storage {
  return new PouchStorage(
    'memory',
    (name) => new PouchDB(`${namespace}_${name}`, { adapter: 'memory' }),
  );
}

/** Apache CouchDB (or anything speaking its API) through PouchDB's http adapter. */
export function couchDbStorage(baseUrl: string): Storage {
  const base = baseUrl.replace(/\/+$/, '');
  return new PouchStorage('couchdb', (name) => new PouchDB(`${base}/${name}`));
}
