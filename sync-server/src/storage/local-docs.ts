import type { Kv, KvOp } from './kv.ts';
import { notFound, storeError } from './store-errors.ts';
import { K } from './store-keys.ts';

/** `_local/` documents up to this size are kept in memory once read. */
const LOCAL_CACHE_MAX = 16 * 1024;
/** How many are kept: members may make any number of checkpoint names (or ask for missing ones). */
const LOCAL_CACHE_ENTRIES = 5000;
/** Writes wait at most this long to reach LevelDB, together (see LocalDocs). */
export const LOCAL_FLUSH_MS = 1000;
/** More documents than this waiting: written at once rather than at the next tick. */
const LOCAL_DIRTY_MAX = 1000;

const localConflict = () => storeError(409, 'conflict', 'Document update conflict');

export interface LocalWrite {
  ok: true;
  id: string;
  rev: string;
}

/**
 * A shop's `_local/` documents: never replicated, no history, CouchDB's `0-N`
 * revisions. Small ones (checkpoints, asked for on every batch of a replication) are
 * kept in memory after the first read; big ones are read from disk each time.
 *
 * Writes are answered at once and reach LevelDB together within LOCAL_FLUSH_MS (and
 * before the store leaves memory or closes). Replicators write a checkpoint after every
 * batch, on both sides: with 500 phones live that was most of the server's writes, each
 * queued behind the shop's document writes. A checkpoint lost in a crash only makes a
 * replicator start again from its previous one, which the protocol allows: every
 * document it sends again is already stored.
 */
export class LocalDocs {
  readonly #cache = new Map<string, string | null>();
  /** written here, not yet handed to LevelDB: the JSON, or null for a removal */
  #dirty = new Map<string, string | null>();
  /** handed to LevelDB, not yet stored: read from here meanwhile */
  #flushing = new Map<string, string | null>();
  #timer: ReturnType<typeof setTimeout> | null = null;

  /** `flushSoon`: the store runs `flush` in its turn of writes (while it is loaded). */
  constructor(private readonly flushSoon: () => void) {}

  /** A `_local/` document's JSON. */
  async read(kv: Kv, id: string): Promise<string | undefined> {
    const known = this.#known(id);
    if (known) return known.json;
    const raw = await kv.get(K.local(id));
    // a write (or another read) that landed while reading is as new or newer
    const after = this.#known(id);
    if (after) return after.json;
    this.#remember(id, raw);
    return raw;
  }

  async put(kv: Kv, id: string, doc: Record<string, unknown>): Promise<LocalWrite> {
    const current = this.#now(id, await this.read(kv, id));
    // from the read to the write nothing awaits: two writes of one id cannot interleave
    const held = current ? (JSON.parse(current) as { _rev: string })._rev : undefined;
    if (held !== doc._rev) throw localConflict();
    const rev = `0-${held ? Number(held.split('-')[1] ?? 0) + 1 : 1}`;
    const value = JSON.stringify({ ...doc, _id: id, _rev: rev });
    this.#write(id, value);
    return { ok: true, id, rev };
  }

  async remove(kv: Kv, id: string, rev: string): Promise<LocalWrite> {
    const current = this.#now(id, await this.read(kv, id));
    if (!current) throw notFound('missing');
    if ((JSON.parse(current) as { _rev: string })._rev !== rev) throw localConflict();
    this.#write(id, null);
    return { ok: true, id, rev: '0-0' };
  }

  /** Whether writes are waiting for LevelDB. */
  get dirty(): boolean {
    return this.#dirty.size > 0;
  }

  /** Hand the waiting writes to LevelDB in one batch (the store's turn of writes). */
  async flush(kv: Kv): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (!this.#dirty.size) return;
    const writes = this.#dirty;
    this.#dirty = new Map();
    this.#flushing = writes;
    const ops: KvOp[] = [...writes].map(([id, value]) =>
      value === null ? { type: 'del', key: K.local(id) } : { type: 'put', key: K.local(id), value },
    );
    try {
      await kv.batch(ops);
    } catch (err) {
      // not stored: wait again, under anything written since
      for (const [id, value] of writes) if (!this.#dirty.has(id)) this.#dirty.set(id, value);
      this.#schedule();
      throw err;
    } finally {
      this.#flushing = new Map();
    }
    for (const [id, value] of writes) {
      if (!this.#dirty.has(id)) this.#remember(id, value ?? undefined);
    }
  }

  /** Forget every cached document (the store left memory, its writes flushed). */
  clear(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#cache.clear();
    this.#dirty.clear();
  }

  /**
   * The document now: `read` (asked for earlier), unless memory has learnt of it since
   * (a write made while reading). Synchronous, so nothing awaits between it and a write.
   */
  #now(id: string, read: string | undefined): string | undefined {
    const known = this.#known(id);
    return known ? known.json : read;
  }

  /** What memory says of the document now (a write not yet stored, or the cache), if anything. */
  #known(id: string): { json: string | undefined } | undefined {
    const pending = this.#pending(id);
    if (pending !== undefined) return { json: pending ?? undefined };
    return this.#cache.has(id) ? { json: this.#cache.get(id) ?? undefined } : undefined;
  }

  #pending(id: string): string | null | undefined {
    return this.#dirty.has(id) ? this.#dirty.get(id) : this.#flushing.get(id);
  }

  #write(id: string, value: string | null): void {
    this.#cache.delete(id);
    this.#dirty.set(id, value);
    if (this.#dirty.size >= LOCAL_DIRTY_MAX) this.flushSoon();
    else this.#schedule();
  }

  #schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.flushSoon();
    }, LOCAL_FLUSH_MS);
    this.#timer.unref();
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
