import { compactStore, type CompactionReport } from './compaction.ts';
import { decodeIndex, encodeIndex } from './index-snapshot.ts';
import type { Kv, KvOp } from './kv.ts';
import { summarise, type RevTree, type Summary } from './rev-tree.ts';
import { SeqIndex } from './seq-index.ts';
import type { WriteResult } from './shop-db.ts';
import { failure, planWrite, type AttachmentStub, type Planned } from './write-plan.ts';

/**
 * Key layout, one LevelDB per shop:
 *   d:<id>           {"s": seq, "t": revision tree}
 *   b:<id>\0<rev>    the revision's JSON, `_revisions` included, attachments as stubs
 *   l:<id>           a `_local/` document
 *   a:<digest>       attachment contents (base64, as replication carries them)
 *   s:<name>         server-owned state (the resolver's); no route reads or writes it
 */
export const K = {
  doc: (id: string) => `d:${id}`,
  docs: ['d:', 'd;'] as const,
  body: (id: string, rev: string) => `b:${id}\u0000${rev}`,
  bodies: (id: string) => [`b:${id}\u0000`, `b:${id}\u0001`] as const,
  allBodies: ['b:', 'b;'] as const,
  blobs: ['a:', 'a;'] as const,
  local: (id: string) => `l:${id}`,
  blob: (digest: string) => `a:${digest}`,
  state: (name: string) => `s:${name}`,
};

export interface Entry extends Summary {
  seq: number;
}

/**
 * Most documents never branch and are not deleted: their entry is kept as the string
 * `"<seq> <rev>"`, about a third of an object's memory (measured: 163 against 427
 * bytes per document of a 12,000-document shop's index).
 */
function pack(e: Entry): Entry | string {
  return e.deleted || e.leaves || e.conflicts ? e : `${e.seq} ${e.rev}`;
}

function unpack(v: Entry | string): Entry {
  if (typeof v !== 'string') return v;
  const cut = v.indexOf(' ');
  return { rev: v.slice(cut + 1), deleted: false, seq: Number(v.slice(0, cut)) };
}

const seqOfPacked = (v: Entry | string) =>
  typeof v === 'string' ? Number(v.slice(0, v.indexOf(' '))) : v.seq;

/** Where the index snapshot is kept. */
const INDEX = 'index';

/** The first key after every key that starts with `prefix`. */
const after = (prefix: string) =>
  prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

/** An error to throw, carrying CouchDB's `status`, `name` and `reason` as PouchDB's do. */
export const storeError = (status: number, name: string, reason: string) =>
  Object.assign(new Error(reason), { status, name, error: true, reason });

export const notFound = (reason: 'missing' | 'deleted') => storeError(404, 'not_found', reason);
const localConflict = () => storeError(409, 'conflict', 'Document update conflict');

/** `_local/` documents up to this size are kept in memory once read. */
const LOCAL_CACHE_MAX = 16 * 1024;
/** How many are kept: members may make any number of checkpoint names (or ask for missing ones). */
const LOCAL_CACHE_ENTRIES = 5000;

/**
 * The state every shop store shares: the in-memory index (winning revision and
 * sequence per document), the sequence index, and the write lock. Reads live in
 * `rev-store.ts`, which extends this; this file owns writing.
 */
export class RevStoreCore {
  protected kv: Kv | null = null;
  /** the index: most documents are kept packed (see `pack`) */
  protected readonly docs = new Map<string, Entry | string>();
  protected seqs = new SeqIndex();
  protected updateSeq = 0;
  protected docCount = 0;
  /** the index's loading, started by the first use after construction or an unload */
  #ready: Promise<void> | null = null;
  #closed = false;
  #lock: Promise<unknown> = Promise.resolve();
  readonly #listeners = new Set<() => void>();
  /** listeners that keep the shop in memory (live `_changes` feeds; not the resolver) */
  #holders = 0;
  readonly #locals = new Map<string, string | null>();
  /** an index snapshot is stored (index-snapshot.ts): the next write deletes it */
  #snapshotStored = false;

  /**
   * The store opens on first use, not here: a server holds a handle to every shop it
   * has seen, and only the ones in use have their index in memory (see shop-pool.ts).
   */
  constructor(
    readonly name: string,
    private readonly open: () => Promise<Kv>,
    private readonly events: { loaded?: () => void } = {},
  ) {}

  /** A document's index entry. */
  protected entry(id: string): Entry | undefined {
    const v = this.docs.get(id);
    return v === undefined ? undefined : unpack(v);
  }

  /** A document's current sequence, without unpacking its entry (the `_changes` walk). */
  protected seqOf(id: string): number | undefined {
    const v = this.docs.get(id);
    return v === undefined ? undefined : seqOfPacked(v);
  }

  /** Whether the index is in memory (or being loaded). */
  get loaded(): boolean {
    return this.#ready !== null;
  }

  /** Documents in the index: what its memory grows with. */
  get indexSize(): number {
    return this.docs.size;
  }

  /** Whether a live listener (a `_changes` feed) needs the shop to stay in memory. */
  get held(): boolean {
    return this.#holders > 0;
  }

  #start(): Promise<void> {
    if (this.#closed) return Promise.reject(new Error(`${this.name} is closed`));
    if (!this.#ready) {
      const ready = this.open().then((kv) => this.#load(kv));
      this.#ready = ready;
      ready.then(
        () => this.events.loaded?.(),
        () => {
          if (this.#ready === ready) this.#ready = null; // the next use tries again
        },
      );
    }
    return this.#ready;
  }

  /**
   * Leave memory: close the LevelDB and drop the index, after the writes queued before.
   * The handle stays valid; its next use loads the index again.
   */
  async unload(): Promise<void> {
    await this.#after(async () => {
      if (!this.#ready) return;
      await this.#ready.catch(() => undefined);
      const kv = this.kv;
      if (kv && !this.#snapshotStored) {
        const ids = (function* (seqs: SeqIndex, current: (seq: number, id: string) => boolean) {
          for (const [, id] of seqs.from(0, false, current)) yield id;
        })(this.seqs, (seq, id) => this.seqOf(id) === seq);
        const text = encodeIndex(this.docs, ids);
        // a failed snapshot costs only the next load's speed
        if (text) {
          await kv.batch([{ type: 'put', key: K.state(INDEX), value: text }]).catch(() => {});
        }
      }
      this.#reset();
      await kv?.close();
    });
  }

  #reset(): void {
    this.#snapshotStored = false;
    this.#ready = null;
    this.kv = null;
    this.docs.clear();
    this.seqs = new SeqIndex();
    this.updateSeq = 0;
    this.docCount = 0;
    this.#locals.clear();
  }

  /** Run `f` once the writes queued before it are done, holding back the ones after. */
  #after<T>(f: () => Promise<T>): Promise<T> {
    const run = this.#lock.then(f);
    this.#lock = run.catch(() => undefined);
    return run;
  }

  async #load(kv: Kv): Promise<void> {
    const snapshot = await kv.get(K.state(INDEX));
    const entries = snapshot === undefined ? null : decodeIndex(snapshot);
    if (entries) {
      for (const [id, v] of entries) {
        this.docs.set(id, v);
        if (typeof v === 'string' || !v.deleted) this.docCount++;
        const seq = seqOfPacked(v);
        if (seq > this.updateSeq) this.updateSeq = seq;
        this.seqs.push(seq, id);
      }
      this.#snapshotStored = true;
      this.kv = kv;
      return;
    }
    this.#snapshotStored = snapshot !== undefined;
    const pairs: [number, string][] = [];
    for await (const [key, value] of kv.range(K.docs[0], K.docs[1])) {
      const id = key.slice(2);
      const meta = JSON.parse(value) as { s: number; t: RevTree };
      const entry = { ...summarise(meta.t), seq: meta.s };
      this.docs.set(id, pack(entry));
      if (!entry.deleted) this.docCount++;
      if (meta.s > this.updateSeq) this.updateSeq = meta.s;
      pairs.push([meta.s, id]);
    }
    pairs.sort((a, b) => a[0] - b[0]);
    for (const [seq, id] of pairs) this.seqs.push(seq, id);
    this.kv = kv;
  }

  protected async ready(): Promise<Kv> {
    await this.#start();
    if (!this.kv) throw new Error(`${this.name} is closed`);
    return this.kv;
  }

  /** Run writes one at a time, so each plans against what the last one stored. */
  protected exclusive<T>(f: (kv: Kv) => Promise<T>): Promise<T> {
    return this.#after(async () => f(await this.ready()));
  }

  /**
   * Call `listener` after every change later than `since` (default: from now on).
   * A listener keeps the shop in memory unless `keepsOpen` is false.
   */
  subscribe(
    listener: () => void,
    since?: number | string,
    opts: { keepsOpen?: boolean } = {},
  ): () => void {
    const holds = opts.keepsOpen !== false;
    // a function may be subscribed twice; each subscription is its own
    const entry = () => listener();
    this.#listeners.add(entry);
    if (holds) this.#holders++;
    let gone = false;
    if (typeof since === 'number') {
      void this.#start().then(
        () => {
          if (!gone && this.updateSeq > since) listener();
        },
        () => undefined,
      );
    }
    return () => {
      if (gone) return;
      gone = true;
      if (holds) this.#holders--;
      this.#listeners.delete(entry);
    };
  }

  protected async trees(kv: Kv, ids: string[]): Promise<Map<string, RevTree>> {
    const out = new Map<string, RevTree>();
    if (!ids.length) return out;
    const values = await kv.getMany(ids.map(K.doc));
    ids.forEach((id, i) => {
      const v = values[i];
      if (v) out.set(id, (JSON.parse(v) as { t: RevTree }).t);
    });
    return out;
  }

  protected async bodyAttachments(
    kv: Kv,
    id: string,
    rev: string,
  ): Promise<Record<string, AttachmentStub> | undefined> {
    const raw = await kv.get(K.body(id, rev));
    return raw
      ? (JSON.parse(raw) as { _attachments?: Record<string, AttachmentStub> })._attachments
      : undefined;
  }

  /**
   * Store documents with CouchDB's `_bulk_docs` semantics. Every document gets its own
   * result (a refusal never costs the others); the accepted ones are one atomic batch.
   */
  async bulkDocs(docs: unknown[], opts: { new_edits?: boolean } = {}): Promise<WriteResult[]> {
    const newEdits = opts.new_edits !== false;
    return this.exclusive(async (kv) => {
      const ids = docs.map((d) => {
        const id = (d as { _id?: unknown } | null)?._id;
        return typeof id === 'string' ? id : '';
      });
      const trees = await this.trees(
        kv,
        [...new Set(ids)].filter((id) => id && this.docs.has(id)),
      );
      const results: WriteResult[] = [];
      const written: Planned[] = [];
      const ops: KvOp[] = [];
      const newBlobs = new Set<string>();
      const blobKnown = new Map<string, boolean>();
      for (const [i, raw] of docs.entries()) {
        const id = ids[i] ?? '';
        if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
          results.push(failure(id, 400, 'bad_request', 'Document must be a JSON object'));
          continue;
        }
        const doc = raw as Record<string, unknown>;
        if (!id || id.startsWith('_') || id.includes('\u0000')) {
          results.push(failure(id, 400, 'bad_request', 'Invalid document id'));
          continue;
        }
        const tree = trees.get(id);
        let parentAttachments: Record<string, AttachmentStub> | undefined;
        if (newEdits && tree && doc._attachments && typeof doc._rev === 'string') {
          parentAttachments = await this.bodyAttachments(kv, id, doc._rev);
        }
        const digests = Object.values(
          (doc._attachments ?? {}) as Record<string, { digest?: unknown }>,
        )
          .map((a) => a?.digest)
          .filter((d): d is string => typeof d === 'string' && !blobKnown.has(d));
        if (digests.length) {
          const found = await kv.getMany(digests.map(K.blob));
          digests.forEach((d, j) => blobKnown.set(d, found[j] !== undefined));
        }
        const plan = planWrite({
          doc,
          id,
          newEdits,
          tree,
          parentAttachments,
          knownDigest: (d) => newBlobs.has(d) || blobKnown.get(d) === true,
        });
        if ('error' in plan) {
          results.push(plan);
          continue;
        }
        results.push({ ok: true, id, rev: plan.rev });
        if (plan.kind === 'held') continue;
        trees.set(id, plan.tree);
        written.push(plan);
        ops.push({ type: 'put', key: K.body(id, plan.rev), value: plan.body });
        for (const [digest, data] of plan.blobs) {
          if (newBlobs.has(digest)) continue;
          newBlobs.add(digest);
          ops.push({ type: 'put', key: K.blob(digest), value: data });
        }
      }
      if (!written.length) return results;
      // Each document's final tree once, under the sequence of its last write.
      let seq = this.updateSeq;
      const last = new Map<string, number>();
      for (const p of written) {
        last.delete(p.id); // keep the map in sequence order
        last.set(p.id, ++seq);
      }
      for (const [id, s] of last) {
        ops.push({ type: 'put', key: K.doc(id), value: JSON.stringify({ s, t: trees.get(id) }) });
      }
      if (this.#snapshotStored) ops.push({ type: 'del', key: K.state(INDEX) });
      await kv.batch(ops, { durable: true });
      this.#snapshotStored = false;
      for (const [id, s] of last) this.#apply(id, trees.get(id) ?? [], s);
      this.updateSeq = seq;
      this.#notify();
      return results;
    });
  }

  #apply(id: string, tree: RevTree, seq: number): void {
    const before = this.entry(id);
    const entry = { ...summarise(tree), seq };
    if (before && !before.deleted) this.docCount--;
    if (!entry.deleted) this.docCount++;
    this.docs.set(id, pack(entry));
    this.seqs.push(seq, id, Boolean(before));
  }

  #notify(): void {
    for (const f of [...this.#listeners]) {
      try {
        f();
      } catch {
        // a listener's failure is its own
      }
    }
  }

  /**
   * A `_local/` document's JSON. Small ones (checkpoints, asked for on every batch of
   * a replication) are kept in memory after the first read; big ones (the resolver's
   * state) are read from disk each time.
   */
  protected async readLocal(kv: Kv, id: string): Promise<string | undefined> {
    if (this.#locals.has(id)) return this.#locals.get(id) ?? undefined;
    const raw = await kv.get(K.local(id));
    this.#remember(id, raw);
    return raw;
  }

  #remember(id: string, raw: string | undefined): void {
    if (raw !== undefined && raw.length > LOCAL_CACHE_MAX) {
      this.#locals.delete(id);
      return;
    }
    // a full cache starts over: the live checkpoints come back on their next read
    if (!this.#locals.has(id) && this.#locals.size >= LOCAL_CACHE_ENTRIES) this.#locals.clear();
    this.#locals.set(id, raw ?? null);
  }

  /** Put a `_local/` document (never replicated, no history): CouchDB's `0-N` revisions. */
  async putLocal(doc: Record<string, unknown>): Promise<{ ok: true; id: string; rev: string }> {
    const id = String(doc._id);
    return this.exclusive(async (kv) => {
      const current = await this.readLocal(kv, id);
      const held = current ? (JSON.parse(current) as { _rev: string })._rev : undefined;
      if (held !== doc._rev) throw localConflict();
      const rev = `0-${held ? Number(held.split('-')[1] ?? 0) + 1 : 1}`;
      const value = JSON.stringify({ ...doc, _id: id, _rev: rev });
      await kv.batch([{ type: 'put', key: K.local(id), value }]);
      this.#remember(id, value);
      return { ok: true, id, rev };
    });
  }

  async removeLocal(id: string, rev: string): Promise<{ ok: true; id: string; rev: string }> {
    return this.exclusive(async (kv) => {
      const current = await this.readLocal(kv, id);
      if (!current) throw notFound('missing');
      if ((JSON.parse(current) as { _rev: string })._rev !== rev) throw localConflict();
      await kv.batch([{ type: 'del', key: K.local(id) }]);
      this.#remember(id, undefined);
      return { ok: true, id, rev: '0-0' };
    });
  }

  /**
   * Every stored entry (documents, revisions, attachments, `_local/` and server state)
   * as of one moment: a LevelDB iterator reads a snapshot, so writes meanwhile are not
   * seen. For backups. Every key starts with a lower-case letter and a colon.
   */
  async *entries(): AsyncIterable<[string, string]> {
    const kv = await this.ready();
    yield* kv.range('', '~');
  }

  /** Drop old revision bodies and unused attachments (compaction.ts). */
  compact(now = Date.now(), graceMs = 24 * 3_600_000): Promise<CompactionReport> {
    return compactStore(
      {
        ready: () => this.ready(),
        exclusive: (f) => this.exclusive(f),
        changedBetween: (after, upTo) => {
          const ids: string[] = [];
          for (const [id, v] of this.docs) {
            const seq = seqOfPacked(v);
            if (seq > after && seq <= upTo) ids.push(id);
          }
          return ids;
        },
        seqOf: (id) => this.seqOf(id),
        updateSeq: () => this.updateSeq,
        keys: { ...K, state: K.state('compaction') },
      },
      now,
      graceMs,
    );
  }

  async readState(name: string): Promise<string | undefined> {
    return (await this.ready()).get(K.state(name));
  }

  async writeState(name: string, json: string): Promise<void> {
    await this.exclusive((kv) => kv.batch([{ type: 'put', key: K.state(name), value: json }]));
  }

  async readStateParts(prefix: string): Promise<[string, string][]> {
    const kv = await this.ready();
    const from = K.state(prefix);
    const out: [string, string][] = [];
    const skip = K.state('').length;
    for await (const [key, value] of kv.range(from, after(from))) {
      out.push([key.slice(skip), value]);
    }
    return out;
  }

  async writeStateParts(puts: [string, string][], dels: string[]): Promise<void> {
    const ops: KvOp[] = [
      ...dels.map((name): KvOp => ({ type: 'del', key: K.state(name) })),
      ...puts.map(([name, value]): KvOp => ({ type: 'put', key: K.state(name), value })),
    ];
    await this.exclusive((kv) => kv.batch(ops));
  }

  async close(): Promise<void> {
    await this.unload().catch(() => undefined);
    this.#closed = true;
  }

  async destroy(): Promise<void> {
    // without loading the index: that would tell the pool the shop is in use again
    await this.#after(async () => {
      await this.#ready?.catch(() => undefined);
      const kv = this.kv ?? (await this.open());
      this.#reset();
      this.#closed = true;
      await kv.destroy();
    });
  }
}
