import {
  BOOTSTRAP_PAGE,
  ESSENTIALS_IN,
  kindOfId,
  SELLING_ESSENTIALS,
  type DocKind,
} from '@stallkeeper/shared';
import { COPY_KEYS, type ShopLocalDb } from './local.ts';
import { unsent } from './outbox.ts';
import type { ChangeDoc } from './projection.ts';
import type { Projector } from './projector.ts';
import type { PouchDatabase } from './pouch.ts';
import { withLeafHistory } from './revisions.ts';
import { holdSteadyReads } from './steady-query.ts';
import { COPY_ORDER, CopyPages, pipelined, type Position, type RemoteDoc } from './copy-pages.ts';

/**
 * What a copy puts into the read models only, not into the replica: a shop's
 * history (append-only: no device edits it, so none needs a local revision to
 * build on), email requests and the server's word on them, and the server's
 * alerts (an owner's acknowledgement adopts the one alert into the replica first;
 * see alerts.ts). Each replica write costs several
 * IndexedDB requests, and these kinds are most of a shop's documents. What the
 * device writes itself, and what arrives after the copy, goes through the replica.
 */
export const READ_MODEL_ONLY: ReadonlySet<DocKind> = new Set([
  'order',
  'orderevent',
  'stock',
  'allocation',
  'audit',
  'alert',
  'mail',
  'mailstatus',
]);

export interface CopyOptions {
  /** documents per page */
  page?: number;
  /**
   * The server's current sequence, read before the copy's first page: given by a
   * caller that asked for it early (with the device claim), else asked here.
   */
  serverSeq?: () => Promise<number | string>;
}

export interface CopyProgress {
  /** documents written to this device so far */
  written(n: number): void;
}

/**
 * A new device's first sync. Replicating revision by revision (changes, then
 * `_bulk_get`, then a write per batch of 500) moves a few hundred documents a
 * second; a phone with 200,000 documents to catch up would wait many minutes.
 * Instead the server's current winning revisions are copied kind by kind in big
 * pages (`_all_docs` by id range, `COPY_ORDER`): replica kinds are written with
 * `new_edits: false`, keeping each revision so later edits build on it, and
 * history goes straight into the read models (`READ_MODEL_ONLY`). Live
 * replication then pulls from the server sequence noted when the copy began, so
 * whatever changed meanwhile arrives too. Documents with conflicts or
 * attachments take the replicator's own path (`_bulk_get` with history).
 */
export class Bootstrap {
  /** The replica writes of copied pages, in order (see #write). */
  #replicating: Promise<void> = Promise.resolve();
  readonly #pages: CopyPages;
  /** No page has been given to the read models yet. */
  #first = true;
  /** The last page given to the read models (projectAhead), until it is in. */
  #committing: Promise<void> = Promise.resolve();
  /** The essentials are being copied: their replica writes wait until all are in the read models. */
  #holding = false;
  readonly #serverSeq: () => Promise<number | string>;

  constructor(
    private readonly pouch: PouchDatabase,
    private readonly remote: PouchDatabase,
    private readonly local: ShopLocalDb,
    private readonly projector: Pick<Projector, 'project' | 'projectAhead'>,
    { page = BOOTSTRAP_PAGE, serverSeq }: CopyOptions = {},
  ) {
    this.#pages = new CopyPages(remote, page);
    this.#serverSeq = serverSeq ?? (async () => (await remote.info()).update_seq);
  }

  /** The server sequence live replication starts from, or null before any copy. */
  async resumeSeq(): Promise<number | string | null> {
    return (await this.#meta<number | string>(COPY_KEYS.since)) ?? null;
  }

  async essentialsCopied(): Promise<boolean> {
    return (await this.#meta(COPY_KEYS.essentials)) === true;
  }

  /** Whether a whole copy has finished (since the read models were last rebuilt). */
  async complete(): Promise<boolean> {
    return (await this.#meta(COPY_KEYS.complete)) === true;
  }

  /** Settings, products and customers: everything the sell screen needs. */
  async copyEssentials(progress: CopyProgress): Promise<void> {
    if (await this.essentialsCopied()) return;
    await this.#copy(SELLING_ESSENTIALS.length, progress);
    await this.local.meta.put({ key: COPY_KEYS.essentials, value: true });
  }

  /** Everything else. Resolves with the server sequence live pull starts from. */
  async copyHistory(progress: CopyProgress): Promise<number | string> {
    const since = await this.#copy(COPY_ORDER.length, progress);
    await this.local.meta.put({ key: COPY_KEYS.complete, value: true });
    return since;
  }

  /**
   * Where live push replication may start after a copy, so the pusher need not
   * walk (and `_revs_diff`) every copied document: everything here came from the
   * server except what the outbox holds — sales made during the copy — which is
   * sent first, with its history, as the replicator would. Undefined when that
   * does not fully succeed: then the pusher walks the whole feed as usual (and
   * reports refusals). The sequence is read before the outbox, so a sale racing
   * this is either in the outbox or lands after the sequence.
   */
  async pushFrom(): Promise<number | undefined> {
    const seq = (await this.pouch.info()).update_seq;
    if (typeof seq !== 'number') return undefined;
    const rows = await unsent(this.local);
    if (!rows.length) return seq;
    const got = await this.pouch.bulkGet({
      docs: rows.map((r) => ({ id: r.id, rev: r.rev })),
      revs: true,
      attachments: true,
    });
    const docs = got.results.flatMap((r) => r.docs.flatMap((d) => ('ok' in d ? [d.ok] : [])));
    if (docs.length !== rows.length) return undefined;
    const res = await this.remote.bulkDocs(docs, { new_edits: false });
    return res.some((r) => 'error' in r) ? undefined : seq;
  }

  /**
   * Copy the kinds of `COPY_ORDER` before index `end`, from the saved position,
   * in pipelined pages. The server's sequence is noted before the first page.
   */
  async #copy(end: number, progress: CopyProgress): Promise<number | string> {
    // (one read for both: a new device's first screens are reading the same database)
    const [sinceRow, savedRow] = await this.local.meta.bulkGet([
      COPY_KEYS.since,
      COPY_KEYS.position,
    ]);
    let since = (sinceRow?.value as number | string | undefined) ?? null;
    // Noted while the first page is fetched, and in before any page is written.
    let noted: Promise<unknown> = Promise.resolve();
    if (since === null) {
      since = await this.#serverSeq();
      noted = this.local.meta.put({ key: COPY_KEYS.since, value: since });
    }
    const saved = savedRow?.value as Position | null | undefined;
    if (saved === null) return since; // every kind copied
    const at: Position = saved ?? { kind: COPY_ORDER[0] ?? 'settings', from: null };
    if (COPY_ORDER.indexOf(at.kind) >= end) return since;
    // Selling needs the read models only: the essentials' replica writes (several
    // IndexedDB requests a document, and as much of the device's time again) start
    // once every essential is in them, instead of competing with their projection.
    let release = () => {};
    if (end <= SELLING_ESSENTIALS.length) {
      const held = new Promise<void>((resolve) => (release = resolve));
      this.#then(() => held);
      this.#holding = true;
      // and the first tiles, once shown, are read again once all are in (steady-query.ts)
      holdSteadyReads(this.local, held);
    }
    try {
      // One pipeline across kinds: the next kind's first page is fetched while this
      // kind's last one is written, as within a kind.
      await pipelined(
        this.#pages.fetch(at),
        (page) =>
          page.next && COPY_ORDER.indexOf(page.next.kind) < end
            ? this.#pages.fetch(page.next)
            : null,
        async (page) => {
          await noted;
          progress.written(await this.#write(page.docs, page.next));
        },
      );
      await this.#committing;
      if (end <= SELLING_ESSENTIALS.length) performance.mark(ESSENTIALS_IN);
    } finally {
      this.#holding = false;
      release();
    }
    await this.#replicating;
    return since;
  }

  /**
   * Write winning revisions as the server holds them — history into the read
   * models, the rest into the replica and (projected straight from the page, not
   * read back through the feed) the read models — then where the copy stands.
   * Returns how many documents were written.
   */
  async #write(docs: RemoteDoc[], next: Position | null): Promise<number> {
    const plain: object[] = [];
    const special: { id: string; rev: string }[] = [];
    const history: ChangeDoc[] = [];
    const replicated: ChangeDoc[] = [];
    for (const doc of docs) {
      const kind = kindOfId(doc._id);
      const { _conflicts: _, ...winner } = doc;
      if (kind && READ_MODEL_ONLY.has(kind)) {
        history.push(winner);
        continue;
      }
      const conflicts = doc._conflicts ?? [];
      if (conflicts.length || hasAttachments(doc)) {
        // Shown once the replica holds them (a photo is read from there), by the feed.
        special.push(
          { id: doc._id, rev: doc._rev },
          ...conflicts.filter((r) => r !== doc._rev).map((rev) => ({ id: doc._id, rev })),
        );
        continue;
      }
      replicated.push(winner);
      plain.push(withLeafHistory(doc));
    }
    const save = () => this.local.meta.put({ key: COPY_KEYS.position, value: next });
    if (!plain.length && !special.length) {
      // History only: the page and the position are saved in one transaction, after
      // every earlier page's replica write (a saved position is never ahead of one).
      this.#then(() => (history.length ? this.projector.project(history, save) : save()));
      // (while the essentials are held, this waits with their writes)
      if (!this.#holding) await this.#replicating;
      return docs.length;
    }
    // The read models first, from the same winning revisions (the sell screen waits
    // for them, not for the replica); the replica writes follow one after another
    // behind the copy, and each saves the position once its page is in both stores,
    // so an interrupted page is copied again. The next page is prepared while this
    // one commits; at most two are in IndexedDB's hands at once.
    const before = this.#committing;
    const { started, committed } = this.projector.projectAhead(
      [...history, ...replicated],
      replicated,
    );
    this.#committing = committed;
    this.#then(async () => {
      await committed;
      await this.#replicate(plain, special);
      await save();
    });
    await Promise.race([started, committed]);
    await before;
    // The copy's first page is in before the next begins: the sell screen's first read,
    // made when it commits, then comes before the next page's writes, not after them.
    if (this.#first) await committed;
    this.#first = false;
    return docs.length;
  }

  /** Chain `f` after the replica writes queued so far. */
  #then(f: () => Promise<unknown>): void {
    const before = this.#replicating;
    this.#replicating = (async () => {
      await before;
      await f();
    })();
    // A failure surfaces where the chain is awaited (a history page, the copy's end).
    this.#replicating.catch(() => undefined);
  }

  /** Into the replica as the server holds them; conflicted or attached documents with their history. */
  async #replicate(plain: object[], special: { id: string; rev: string }[]): Promise<void> {
    if (special.length) {
      const got = await this.remote.bulkGet({ docs: special, revs: true, attachments: true });
      for (const r of got.results) for (const d of r.docs) if ('ok' in d) plain.push(d.ok);
    }
    if (plain.length) await this.pouch.bulkDocs(plain, { new_edits: false });
  }

  async #meta<T>(key: string): Promise<T | undefined> {
    return (await this.local.meta.get(key))?.value as T | undefined;
  }
}

function hasAttachments(doc: RemoteDoc): boolean {
  return !!doc._attachments && Object.keys(doc._attachments).length > 0;
}
