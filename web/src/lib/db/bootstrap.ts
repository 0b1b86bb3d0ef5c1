import {
  APPEND_ONLY,
  BOOTSTRAP_PAGE,
  kindOfId,
  SELLING_ESSENTIALS,
  type DocKind,
} from '@stallkeeper/shared';
import type { ShopLocalDb } from './local.ts';
import type { ChangeDoc } from './projection.ts';
import type { Projector } from './projector.ts';
import type { PouchDatabase } from './pouch.ts';

/** Where an interrupted first copy resumes, and the server sequence it reached. */
const PROGRESS = 'bootstrap.seq';
const ESSENTIALS_DONE = 'bootstrap.essentials';
const COMPLETE = 'bootstrap.complete';

/**
 * Copied history this device keeps in its read models only, not in its replica:
 * append-only kinds (no device ever edits them, so none needs a local revision to
 * build on) that have a read model. Each replica write costs several IndexedDB
 * requests, and a shop's history is most of its documents. What the device
 * writes itself, and what arrives after the copy, still goes through the replica.
 */
export const READ_MODEL_ONLY: ReadonlySet<DocKind> = new Set(
  (['order', 'orderevent', 'stock', 'allocation', 'audit'] as const).filter((k) =>
    APPEND_ONLY.has(k),
  ),
);

type RemoteDoc = PouchDB.Core.ExistingDocument<object> & {
  _conflicts?: string[];
  _attachments?: Record<string, unknown>;
  _deleted?: boolean;
};

export interface CopyProgress {
  /** documents written to this device so far */
  written(n: number): void;
}

/**
 * A new device's first sync. Replicating revision by revision (changes, then
 * `_bulk_get`, then a write per batch of 500) moves a few hundred documents a
 * second; a phone with 200,000 documents to catch up would wait many minutes.
 * Instead the current winning revisions are copied in big pages — what selling
 * needs first (`_all_docs` by id prefix), then everything else from `_changes`
 * — and written with `new_edits: false`, keeping each document's revision so
 * the live replication that follows starts from where the copy ended and only
 * moves what changed since. Documents with conflicts or attachments take the
 * replicator's own path (`_bulk_get` with history and attachments). History
 * (`READ_MODEL_ONLY`) goes straight into the read models.
 */
export class Bootstrap {
  constructor(
    private readonly pouch: PouchDatabase,
    private readonly remote: PouchDatabase,
    private readonly local: ShopLocalDb,
    private readonly projector: Pick<Projector, 'project'>,
    private readonly page = BOOTSTRAP_PAGE,
  ) {}

  /** The server sequence to start live replication from, or null before any copy. */
  async resumeSeq(): Promise<number | string | null> {
    return ((await this.local.meta.get(PROGRESS))?.value as number | string | undefined) ?? null;
  }

  async essentialsCopied(): Promise<boolean> {
    return (await this.local.meta.get(ESSENTIALS_DONE))?.value === true;
  }

  /** Whether a whole copy has finished (since the read models were last rebuilt). */
  async complete(): Promise<boolean> {
    return (await this.local.meta.get(COMPLETE))?.value === true;
  }

  /** Settings, products and customers: everything the sell screen needs. */
  async copyEssentials(progress: CopyProgress): Promise<void> {
    if (await this.essentialsCopied()) return;
    // Anything edited while this runs comes again, newer, in the history copy.
    for (const kind of SELLING_ESSENTIALS) {
      const endkey = kind === 'settings' ? 'settings' : `${kind}:\ufff0`;
      const fetchFrom = (startkey: string) =>
        this.remote.allDocs({
          startkey,
          endkey,
          include_docs: true,
          conflicts: true,
          limit: this.page + 1,
        });
      await pipelined(
        fetchFrom(kind === 'settings' ? 'settings' : `${kind}:`),
        (page) => {
          const next = page.rows[this.page];
          return next ? fetchFrom(next.id) : null;
        },
        async (page) => {
          const rows = page.rows.slice(0, this.page);
          const docs = rows.flatMap((r) => ('doc' in r && r.doc ? [r.doc as RemoteDoc] : []));
          progress.written(await this.#write(docs, null));
        },
      );
    }
    await this.local.meta.put({ key: ESSENTIALS_DONE, value: true });
  }

  /**
   * Everything else: the changes feed from where the copy stands, page by page,
   * each page's end saved so a copy cut short resumes there. Resolves with the
   * server sequence the live replication should start from.
   */
  async copyHistory(progress: CopyProgress): Promise<number | string> {
    let since = (await this.resumeSeq()) ?? 0;
    const fetchFrom = (from: number | string) =>
      this.remote.changes({
        since: from,
        limit: this.page,
        batch_size: this.page,
        include_docs: true,
        conflicts: true,
        style: 'all_docs',
      });
    await pipelined(
      fetchFrom(since),
      (page) => (page.results.length < this.page ? null : fetchFrom(page.last_seq)),
      async (page) => {
        const held = await this.#held(page.results);
        const docs = page.results.flatMap((r) => {
          if (!r.doc || held.has(`${r.id} ${r.doc._rev}`)) return [];
          // More than one leaf means a conflict the resolver has not merged yet.
          const leaves = r.changes.length > 1 ? { _conflicts: r.changes.map((c) => c.rev) } : {};
          return [{ ...(r.doc as RemoteDoc), ...leaves }];
        });
        // The page's history and where the copy stands are saved together.
        const reached = page.last_seq;
        progress.written(await this.#write(docs, reached));
        since = reached;
      },
    );
    await this.local.meta.put({ key: COMPLETE, value: true });
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
    const rows = await this.local.outbox.filter((o) => o.refused === null).toArray();
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

  /** The essentials this device already copied, so the history copy skips them. */
  async #held(rows: PouchDB.Core.ChangesResponseChange<object>[]): Promise<Set<string>> {
    const kinds = new Set<string>(SELLING_ESSENTIALS);
    const ask: Record<string, string[]> = {};
    for (const r of rows) {
      const rev = r.doc?._rev;
      if (rev && kinds.has(r.id.split(':')[0] ?? '')) ask[r.id] = [rev];
    }
    if (!Object.keys(ask).length) return new Set();
    const missing = await this.pouch.revsDiff(ask);
    return new Set(
      Object.entries(ask).flatMap(([id, [rev]]) => (missing[id] ? [] : [`${id} ${rev ?? ''}`])),
    );
  }

  /**
   * Write winning revisions as the server holds them — history into the read
   * models, the rest into the replica — and, with the history, the server
   * sequence the copy reached (null: not a changes page). Returns how many were written.
   */
  async #write(docs: RemoteDoc[], reached: number | string | null): Promise<number> {
    const plain: object[] = [];
    const special: { id: string; rev: string }[] = [];
    const history: ChangeDoc[] = [];
    for (const doc of docs) {
      const kind = kindOfId(doc._id);
      if (kind && READ_MODEL_ONLY.has(kind)) {
        const { _conflicts: _, ...winner } = doc;
        history.push(winner as unknown as ChangeDoc);
        continue;
      }
      const conflicts = doc._conflicts ?? [];
      if (conflicts.length || hasAttachments(doc)) {
        special.push(
          { id: doc._id, rev: doc._rev },
          ...conflicts.filter((r) => r !== doc._rev).map((rev) => ({ id: doc._id, rev })),
        );
        continue;
      }
      plain.push(withLeafHistory(doc));
    }
    if (special.length) {
      const got = await this.remote.bulkGet({ docs: special, revs: true, attachments: true });
      for (const r of got.results) for (const d of r.docs) if ('ok' in d) plain.push(d.ok);
    }
    if (plain.length) await this.pouch.bulkDocs(plain, { new_edits: false });
    if (history.length || reached !== null) {
      await this.projector.project(history, async () => {
        if (reached !== null) await this.local.meta.put({ key: PROGRESS, value: reached });
      });
    }
    return docs.length;
  }
}

/**
 * Fetch page n+1 while page n is written, so the server and the device work at
 * the same time. `next` returns null after the last page.
 */
async function pipelined<P>(
  first: Promise<P>,
  next: (page: P) => Promise<P> | null,
  handle: (page: P) => Promise<void>,
): Promise<void> {
  let current: Promise<P> | null = first;
  while (current) {
    const page: P = await current;
    current = next(page);
    // A failed write ends the copy; the prefetch must not become an unhandled rejection.
    current?.catch(() => undefined);
    await handle(page);
  }
}

function hasAttachments(doc: RemoteDoc): boolean {
  return !!doc._attachments && Object.keys(doc._attachments).length > 0;
}

/**
 * A revision written with `new_edits: false` needs its history; the leaf alone
 * is enough (like a database with a short `revs_limit`): later revisions from
 * the server extend it, and local edits build on it.
 */
export function withLeafHistory<T extends { _rev: string }>(
  doc: T,
): T & { _revisions: { start: number; ids: string[] } } {
  const dash = doc._rev.indexOf('-');
  const { _conflicts: _, ...rest } = doc as T & { _conflicts?: unknown };
  return {
    ...(rest as T),
    _revisions: { start: Number(doc._rev.slice(0, dash)), ids: [doc._rev.slice(dash + 1)] },
  };
}
