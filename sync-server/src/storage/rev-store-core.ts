import { planBulk } from './bulk-plan.ts';
import { packed, seqOfPacked, unpack, type Entry } from './index-entry.ts';
import { INDEX_KEY, loadIndex, saveIndexSnapshot } from './index-persistence.ts';
import type { Kv } from './kv.ts';
import { LocalDocs } from './local-docs.ts';
import { summarise, type RevTree } from './rev-tree.ts';
import { SeqIndex } from './seq-index.ts';
import type { WriteResult } from './shop-db.ts';
import { K } from './store-keys.ts';
import { readTrees } from './stored-trees.ts';

// The store's parts live beside it; importers keep reaching them through this file.
export type { Entry } from './index-entry.ts';
export { notFound, storeError } from './store-errors.ts';
export { K } from './store-keys.ts';

/**
 * The state every shop store shares: the in-memory index (winning revision and
 * sequence per document), the sequence index, the write lock, and loading and
 * unloading. Reads of documents live in `rev-store-docs.ts`, listings in
 * `rev-store.ts`, each extending the one before; this file owns writing.
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
  /** `_local/` documents; their writes reach LevelDB in this store's turn, never once it left memory */
  protected readonly locals = new LocalDocs(() => void this.#flushLocals().catch(() => undefined));
  /** an index snapshot is stored (index-snapshot.ts): the next write deletes it */
  #snapshotStored = false;
  /**
   * The position as the index last left memory. Every write goes through this handle
   * (LevelDB admits one process), so it holds until the next load: a waiting feed is
   * answered from it without loading the index again.
   */
  #left: { seq: number; docs: number } | null = null;
  /** reads in flight: an unload waits for them rather than close the LevelDB under them */
  #reads = 0;
  #noReads: (() => void) | null = null;
  /** the last unload's closing of the LevelDB: a load after it opens the files once it is done */
  #closing: Promise<void> = Promise.resolve();

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

  /** Whether a live listener (a `_changes` feed) follows the shop. */
  get held(): boolean {
    return this.#holders > 0;
  }

  /** The position while the index is out of memory (see `#left`); undefined when loaded or never loaded. */
  protected restingPosition(): { seq: number; docs: number } | undefined {
    return this.#ready ? undefined : (this.#left ?? undefined);
  }

  #start(): Promise<void> {
    if (this.#closed) return Promise.reject(new Error(`${this.name} is closed`));
    if (!this.#ready) {
      const ready = this.#closing.then(() => this.open()).then((kv) => this.#load(kv));
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
      while (this.#reads > 0) await new Promise<void>((resolve) => (this.#noReads = resolve));
      const kv = this.kv;
      if (kv) await this.locals.flush(kv).catch(() => undefined);
      if (kv && !this.#snapshotStored) await saveIndexSnapshot(kv, this.docs, this.seqs);
      this.#left = kv ? { seq: this.updateSeq, docs: this.docCount } : null;
      this.#reset();
      this.#closing = kv ? kv.close().catch(() => undefined) : Promise.resolve();
      await this.#closing;
    });
  }

  /** Run a read with the store loaded; an unload waits until it is done. */
  protected async reading<T>(f: (kv: Kv) => Promise<T>): Promise<T> {
    this.#reads++;
    try {
      return await f(await this.ready());
    } finally {
      this.#readDone();
    }
  }

  #readDone(): void {
    this.#reads--;
    if (this.#reads === 0 && this.#noReads) {
      this.#noReads();
      this.#noReads = null;
    }
  }

  #reset(): void {
    this.#snapshotStored = false;
    this.#ready = null;
    this.kv = null;
    this.docs.clear();
    this.seqs = new SeqIndex();
    this.updateSeq = 0;
    this.docCount = 0;
    this.locals.clear();
  }

  /** The `_local/` writes waiting, to LevelDB, if the store is still loaded. */
  #flushLocals(): Promise<void> {
    return this.#after(async () => {
      if (this.kv) await this.locals.flush(this.kv);
    });
  }

  /** Run `f` once the writes queued before it are done, holding back the ones after. */
  #after<T>(f: () => Promise<T>): Promise<T> {
    const run = this.#lock.then(f);
    this.#lock = run.catch(() => undefined);
    return run;
  }

  async #load(kv: Kv): Promise<void> {
    this.#snapshotStored = await loadIndex(kv, {
      add: (id, v, seq, live) => {
        this.docs.set(id, v);
        if (live) this.docCount++;
        if (seq > this.updateSeq) this.updateSeq = seq;
      },
      push: (seq, id) => this.seqs.push(seq, id),
    });
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
    const resting = this.restingPosition();
    if (typeof since === 'number' && resting) {
      // out of memory, the position is known: a waiting feed does not load the index
      void Promise.resolve().then(() => {
        if (!gone && resting.seq > since) listener();
      });
    } else if (typeof since === 'number') {
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

  protected trees(kv: Kv, ids: string[]): Promise<Map<string, RevTree>> {
    return readTrees(kv, ids);
  }

  /**
   * Store documents with CouchDB's `_bulk_docs` semantics. Every document gets its own
   * result (a refusal never costs the others); the accepted ones are one atomic batch.
   */
  async bulkDocs(docs: unknown[], opts: { new_edits?: boolean } = {}): Promise<WriteResult[]> {
    const newEdits = opts.new_edits !== false;
    return this.exclusive(async (kv) => {
      const { results, written, ops, trees } = await planBulk(kv, docs, newEdits, (id) =>
        this.docs.has(id),
      );
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
      if (this.#snapshotStored) ops.push({ type: 'del', key: INDEX_KEY });
      await kv.batch(ops, { durable: true });
      this.#snapshotStored = false;
      for (const [id, s] of last) this.#apply(id, trees.get(id) ?? [], s);
      this.updateSeq = seq;
      this.#notify();
      return results;
    });
  }

  #apply(id: string, tree: RevTree, seq: number): void {
    const before = this.docs.get(id);
    const summary = summarise(tree);
    // a packed entry is a live document's (see `pack`)
    if (before !== undefined && (typeof before === 'string' || !before.deleted)) this.docCount--;
    if (!summary.deleted) this.docCount++;
    this.docs.set(id, packed(summary, seq));
    this.seqs.push(seq, id, before !== undefined);
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
   * Every stored entry (documents, revisions, attachments, `_local/` and server state)
   * as of one moment: a LevelDB iterator reads a snapshot, so writes meanwhile are not
   * seen. For backups. Every key starts with a lower-case letter and a colon.
   */
  async *entries(): AsyncIterable<[string, string]> {
    if (this.locals.dirty) await this.#flushLocals();
    this.#reads++;
    try {
      const kv = await this.ready();
      yield* kv.range('', '~');
    } finally {
      this.#readDone();
    }
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
      this.#left = null;
      this.#closed = true;
      await kv.destroy();
    });
  }
}
