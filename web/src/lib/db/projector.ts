import { forgetReadModels, PROJECTOR_KEYS, type ShopLocalDb } from './local.ts';
import type { PouchDatabase } from './pouch.ts';
import { planProjection, type ChangeDoc } from './projection.ts';
import { recomputeStock, writeBatch, type WriteOptions } from './read-models.ts';
import { remakeStaleDays } from './report-days.ts';

const { seq: CHECKPOINT, staleStock: STALE_STOCK, backfill: BACKFILL } = PROJECTOR_KEYS;
const PAGE = 500;
/** The reports' day rows are remade once the orders have been quiet this long. */
const REMAKE_AFTER_MS = 1000;

/**
 * Keeps the Dexie read models in step with the PouchDB replica: catches up from a
 * stored checkpoint in pages, then follows the live changes feed. Each batch and
 * its checkpoint are written in one Dexie transaction, so a crash replays at most
 * one batch (and replaying is harmless: every row is an upsert keyed by its fact).
 * During catch-up, and while a new device copies the shop (`holdStock`), stock is
 * recomputed once at the end rather than per page: recomputing per page reads the
 * growing fact tables again and again.
 */
export class Projector {
  #feed: PouchDB.Core.Changes<object> | null = null;
  #queue: ChangeDoc[] = [];
  #lastSeq: number | string = 0;
  #flushing: Promise<void> = Promise.resolve();
  #stopped = false;
  #holdStock = false;
  #paused = false;
  #remakeTimer: ReturnType<typeof setTimeout> | null = null;
  /** Copied pages handed to IndexedDB and not yet committed (projectAhead). */
  #committing = new Set<Promise<void>>();
  /** Revisions a copy projected itself while writing them to the replica: the feed skips them. */
  #copied = new Map<string, string>();

  /** `replica` opens the replica on demand: the projector waits for it once it starts. */
  constructor(
    private readonly replica: () => Promise<PouchDatabase>,
    private readonly local: ShopLocalDb,
  ) {}

  get #tables() {
    return [...this.local.readModels, this.local.meta];
  }

  async start(): Promise<void> {
    const pouch = await this.replica();
    await this.#backfill(pouch);
    let since =
      ((await this.local.meta.get(CHECKPOINT))?.value as number | string | undefined) ?? 0;
    for (;;) {
      const page = await pouch.changes({ since, limit: PAGE, include_docs: true });
      if (page.results.length) {
        const docs = page.results.flatMap((r) => (r.doc ? [r.doc as unknown as ChangeDoc] : []));
        await this.#apply(docs, page.last_seq, true);
      }
      since = page.last_seq;
      if (page.results.length < PAGE || this.#stopped) break;
    }
    await this.#settleStock();
    this.#remakeDaysSoon();
    if (this.#stopped || this.#paused) return;
    this.#lastSeq = since;
    this.#feed?.cancel(); // begun twice (after a resume, say): one feed only
    this.#feed = pouch
      .changes({ since, live: true, include_docs: true, return_docs: false })
      .on('change', (change) => {
        if (change.doc) this.#queue.push(change.doc as unknown as ChangeDoc);
        this.#lastSeq = change.seq;
        this.#schedule();
      });
  }

  /**
   * Catch up and follow the replica, in turn with what else the projector writes; the
   * caller goes on at once (a screen reads the read models meanwhile), `idle()` waits.
   */
  begin(): void {
    this.#flushing = this.#flushing
      .then(() => (this.#stopped ? undefined : this.start()))
      .catch(ignoreClosed);
  }

  /** Wait until every change seen so far is in the read models. */
  async idle(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.#flushing;
      await current;
      await Promise.all([...this.#committing].map((c) => c.catch(ignoreClosed)));
    } while (current !== this.#flushing);
  }

  stop(): void {
    this.#stopped = true;
    if (this.#remakeTimer !== null) clearTimeout(this.#remakeTimer);
    this.#remakeTimer = null;
    this.#feed?.cancel();
    this.#feed = null;
  }

  /**
   * Forget the read models and rebuild them from the replica. History a new
   * device copied into the read models only comes back with the next sync's copy.
   */
  async rebuild(): Promise<void> {
    this.stop();
    this.#copied.clear();
    await this.local.transaction('rw', this.#tables, () =>
      forgetReadModels((name) => this.local.table(name)),
    );
    this.#stopped = false;
    await this.start();
  }

  /**
   * Project documents that do not pass through the replica (a new device's
   * copy of the server's current revisions), in turn with the changes feed;
   * `also` runs in the same transaction (the copy saves its progress there).
   */
  project(docs: ChangeDoc[], also?: () => Promise<unknown>): Promise<void> {
    const done = this.#flushing.then(() =>
      this.#apply(docs, null, this.#holdStock, also, { latest: true }),
    );
    this.#flushing = done.catch(ignoreClosed);
    return done;
  }

  /**
   * `project` for a copy's pages one after another: what comes next (the next page)
   * may begin as soon as this page's writes are handed to IndexedDB, while they
   * commit. IndexedDB runs read-write transactions over the same tables in the order
   * they were made, so nothing after reads ahead of this commit; the device meanwhile
   * prepares the next page (a page of products is ~50 ms of the main thread, its
   * commit ~100 ms of the storage process). `started` resolves once the writes are
   * handed over, `committed` once they are in. `replicated`, among `docs`, are being
   * written to the replica as well: the feed skips those revisions when it brings them
   * (reading 10,000 products back and writing them again doubled the work).
   */
  projectAhead(
    docs: ChangeDoc[],
    replicated: readonly ChangeDoc[],
  ): { started: Promise<void>; committed: Promise<void> } {
    for (const d of replicated) if (typeof d._rev === 'string') this.#copied.set(d._id, d._rev);
    let start = () => {};
    const started = new Promise<void>((resolve) => (start = resolve));
    const committed = this.#flushing.then(() =>
      this.#apply(docs, null, this.#holdStock, undefined, { latest: true }, start),
    );
    this.#committing.add(committed);
    void committed.catch(() => undefined).then(() => this.#committing.delete(committed));
    // (a failure before the writes began ends the wait as well)
    this.#flushing = Promise.race([started, committed]).catch(ignoreClosed);
    return { started, committed };
  }

  /**
   * Stop following the replica for a while: an import writing thousands of documents
   * goes several times faster without the read models being written alongside.
   * `resume` catches up from the checkpoint as opening the shop does.
   */
  pause(): void {
    this.#paused = true;
    this.#feed?.cancel();
    this.#feed = null;
  }

  /** Follow the replica again after `pause`; `idle()` waits for the catch-up. */
  resume(): Promise<void> {
    if (!this.#paused) return this.idle();
    this.#paused = false;
    this.#flushing = this.#flushing
      .then(() => (this.#stopped ? undefined : this.start()))
      .catch(ignoreClosed);
    return this.idle();
  }

  /** Defer stock recomputes until `releaseStock` (a first sync writes many pages). */
  holdStock(): void {
    this.#holdStock = true;
  }

  /** Recompute the stock deferred while held, after what is queued so far. */
  releaseStock(): Promise<void> {
    this.#holdStock = false;
    this.#flushing = this.#flushing
      .then(() => (this.#stopped ? undefined : this.#settleStock()))
      .catch(ignoreClosed);
    return this.idle();
  }

  #schedule(): void {
    this.#flushing = this.#flushing
      .then(async () => {
        if (this.#stopped || !this.#queue.length) return;
        const docs = this.#queue;
        this.#queue = [];
        await this.#apply(docs, this.#lastSeq, this.#holdStock);
      })
      .catch(ignoreClosed);
  }

  async #apply(
    docs: ChangeDoc[],
    seq: number | string | null,
    deferStock: boolean,
    also?: () => Promise<unknown>,
    opts: WriteOptions = {},
    started?: () => void,
  ): Promise<void> {
    if (seq !== null && this.#copied.size) docs = docs.filter((d) => !this.#seen(d));
    const plan = planProjection(docs);
    const writing = this.local.transaction('rw', this.#tables, async () => {
      await writeBatch(this.local, plan, opts);
      if (deferStock && plan.touchedProducts.size) {
        const stale = new Set(
          (await this.local.meta.get(STALE_STOCK))?.value as string[] | undefined,
        );
        for (const p of plan.touchedProducts) stale.add(p);
        await this.local.meta.put({ key: STALE_STOCK, value: [...stale] });
      } else if (!deferStock) {
        await recomputeStock(this.local, plan.touchedProducts);
      }
      if (seq !== null) await this.local.meta.put({ key: CHECKPOINT, value: seq });
      await also?.();
    });
    // The transaction is made (Dexie queues it in order until the database is open):
    // a transaction made from now on runs after it. Said outside its scope, so what
    // goes on from here is not taken for part of it.
    started?.();
    await writing;
    if (plan.touchedOrders.size) this.#remakeDaysSoon();
  }

  /** Whether the feed brings a revision a copy projected already (then forgets it). */
  #seen(doc: ChangeDoc): boolean {
    if (this.#copied.get(doc._id) !== doc._rev) return false;
    this.#copied.delete(doc._id);
    return true;
  }

  /**
   * Remake the reports' stale day rows (report-days.ts) once orders stop arriving,
   * a couple of days per transaction so a sale never waits long behind it.
   */
  #remakeDaysSoon(delay = REMAKE_AFTER_MS): void {
    if (this.#remakeTimer !== null) clearTimeout(this.#remakeTimer);
    this.#remakeTimer = setTimeout(() => {
      this.#remakeTimer = null;
      this.#flushing = this.#flushing
        .then(async () => {
          if (this.#stopped || this.#paused) return;
          if (await remakeStaleDays(this.local)) this.#remakeDaysSoon(0);
        })
        .catch(ignoreClosed);
    }, delay);
  }

  /**
   * Project the replica's documents under some id prefixes once (a new read model's
   * kinds the projector used to skip: see local.ts), in pages, then forget the list.
   */
  async #backfill(pouch: PouchDatabase): Promise<void> {
    const prefixes = (await this.local.meta.get(BACKFILL))?.value as string[] | undefined;
    if (!prefixes?.length) return;
    for (const prefix of prefixes) {
      for (let from: string | null = prefix; from !== null && !this.#stopped;) {
        const page: PouchDB.Core.AllDocsResponse<object> = await pouch.allDocs({
          startkey: from,
          endkey: `${prefix}\ufff0`,
          include_docs: true,
          limit: PAGE + 1,
        });
        const docs = page.rows
          .slice(0, PAGE)
          .flatMap((r) => ('doc' in r && r.doc ? [r.doc as unknown as ChangeDoc] : []));
        if (docs.length) await this.#apply(docs, null, false);
        from = page.rows[PAGE]?.id ?? null;
      }
    }
    if (!this.#stopped) await this.local.meta.delete(BACKFILL);
  }

  async #settleStock(): Promise<void> {
    await this.local.transaction('rw', this.#tables, async () => {
      const stale = (await this.local.meta.get(STALE_STOCK))?.value as string[] | undefined;
      if (!stale?.length) return;
      await recomputeStock(this.local, new Set(stale));
      await this.local.meta.delete(STALE_STOCK);
    });
  }
}

/** Closing the shop (logout) can overtake a batch; it replays on next open. */
function ignoreClosed(err: unknown): void {
  if ((err as { name?: string }).name !== 'DatabaseClosedError') console.error('projector', err);
}
