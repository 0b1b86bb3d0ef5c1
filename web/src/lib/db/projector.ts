import type { PouchDatabase } from './pouch.ts';
import type { ShopLocalDb } from './local.ts';
import { planProjection, type ChangeDoc } from './projection.ts';

const CHECKPOINT = 'projector.seq';
const PAGE = 500;

/**
 * Keeps the Dexie read models in step with the PouchDB replica: catches up from a
 * stored checkpoint in pages, then follows the live changes feed. Each batch and
 * its checkpoint are written in one Dexie transaction, so a crash replays at most
 * one batch (and applying a batch twice is harmless: rows are upserts).
 */
export class Projector {
  #feed: PouchDB.Core.Changes<object> | null = null;
  #queue: ChangeDoc[] = [];
  #lastSeq: number | string = 0;
  #flushing: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(
    private readonly pouch: PouchDatabase,
    private readonly local: ShopLocalDb,
  ) {}

  async start(): Promise<void> {
    let since =
      ((await this.local.meta.get(CHECKPOINT))?.value as number | string | undefined) ?? 0;
    for (;;) {
      const page = await this.pouch.changes({ since, limit: PAGE, include_docs: true });
      if (page.results.length) {
        await this.#apply(
          page.results.flatMap((r) => (r.doc ? [r.doc as unknown as ChangeDoc] : [])),
          page.last_seq,
        );
      }
      since = page.last_seq;
      if (page.results.length < PAGE || this.#stopped) break;
    }
    if (this.#stopped) return;
    this.#lastSeq = since;
    this.#feed = this.pouch
      .changes({ since, live: true, include_docs: true, return_docs: false })
      .on('change', (change) => {
        if (change.doc) this.#queue.push(change.doc as unknown as ChangeDoc);
        this.#lastSeq = change.seq;
        this.#schedule();
      });
  }

  /** Wait until every change seen so far is in the read models. */
  async idle(): Promise<void> {
    await this.#flushing;
  }

  stop(): void {
    this.#stopped = true;
    this.#feed?.cancel();
    this.#feed = null;
  }

  /** Forget the read models and rebuild them from the replica. */
  async rebuild(): Promise<void> {
    this.stop();
    await this.local.transaction('rw', this.local.products, this.local.meta, async () => {
      await this.local.products.clear();
      await this.local.meta.delete(CHECKPOINT);
    });
    this.#stopped = false;
    await this.start();
  }

  #schedule(): void {
    this.#flushing = this.#flushing.then(async () => {
      if (!this.#queue.length) return;
      const docs = this.#queue;
      this.#queue = [];
      await this.#apply(docs, this.#lastSeq);
    });
  }

  async #apply(docs: ChangeDoc[], seq: number | string): Promise<void> {
    const plan = planProjection(docs);
    await this.local.transaction('rw', this.local.products, this.local.meta, async () => {
      if (plan.products.put.length) await this.local.products.bulkPut(plan.products.put);
      if (plan.products.remove.length) await this.local.products.bulkDelete(plan.products.remove);
      if (plan.settings) await this.local.meta.put({ key: 'settings', value: plan.settings });
      await this.local.meta.put({ key: CHECKPOINT, value: seq });
    });
  }
}
