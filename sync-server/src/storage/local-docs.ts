import type { Kv } from './kv.ts';
import { notFound, storeError } from './store-errors.ts';
import { K } from './store-keys.ts';

/** `_local/` documents up to this size are kept in memory once read. */
const LOCAL_CACHE_MAX = 16 * 1024;
/** How many are kept: members may make any number of checkpoint names (or ask for missing ones). */
const LOCAL_CACHE_ENTRIES = 5000;

const localConflict = () => storeError(409, 'conflict', 'Document update conflict');

export interface LocalWrite {
  ok: true;
  id: string;
  rev: string;
}

/**
 * A shop's `_local/` documents: never replicated, no history, CouchDB's `0-N`
 * revisions. Small ones (checkpoints, asked for on every batch of a replication) are
 * kept in memory after the first read; big ones (the resolver's state) are read from
 * disk each time. The caller runs writes one at a time (the store's lock).
 */
export class LocalDocs {
  readonly #cache = new Map<string, string | null>();

  /** A `_local/` document's JSON. */
  async read(kv: Kv, id: string): Promise<string | undefined> {
    if (this.#cache.has(id)) return this.#cache.get(id) ?? undefined;
    const raw = await kv.get(K.local(id));
    this.#remember(id, raw);
    return raw;
  }

  async put(kv: Kv, id: string, doc: Record<string, unknown>): Promise<LocalWrite> {
    const current = await this.read(kv, id);
    const held = current ? (JSON.parse(current) as { _rev: string })._rev : undefined;
    if (held !== doc._rev) throw localConflict();
    const rev = `0-${held ? Number(held.split('-')[1] ?? 0) + 1 : 1}`;
    const value = JSON.stringify({ ...doc, _id: id, _rev: rev });
    await kv.batch([{ type: 'put', key: K.local(id), value }]);
    this.#remember(id, value);
    return { ok: true, id, rev };
  }

  async remove(kv: Kv, id: string, rev: string): Promise<LocalWrite> {
    const current = await this.read(kv, id);
    if (!current) throw notFound('missing');
    if ((JSON.parse(current) as { _rev: string })._rev !== rev) throw localConflict();
    await kv.batch([{ type: 'del', key: K.local(id) }]);
    this.#remember(id, undefined);
    return { ok: true, id, rev: '0-0' };
  }

  /** Forget every cached document (the store left memory). */
  clear(): void {
    this.#cache.clear();
  }

  #remember(id: string, raw: string | undefined): void {
    if (raw !== undefined && raw.length > LOCAL_CACHE_MAX) {
      this.#cache.delete(id);
      return;
    }
    // a full cache starts over: the live checkpoints come back on their next read
    if (!this.#cache.has(id) && this.#cache.size >= LOCAL_CACHE_ENTRIES) this.#cache.clear();
    this.#cache.set(id, raw ?? null);
  }
}
