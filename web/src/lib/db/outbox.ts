import { isoNow, kindOfId, type DocKind, type ShopDoc } from '@stallkeeper/shared';
import { liveQuery } from 'dexie';
import type { OutboxRow, ShopLocalDb } from './local.ts';
import type { PouchDatabase } from './pouch.ts';

/**
 * The outbox: which local writes the server does not hold yet (or refused). The
 * write path records into it, the sync engine confirms, reconciles and refuses;
 * nothing else touches the table.
 */

/**
 * Kinds written alongside what a person did, never on their own: a sale writes an
 * order and an audit entry, but the seller made one sale.
 */
const BOOKKEEPING: ReadonlySet<DocKind> = new Set(['audit']);

/** What a person did, by kind of document, that the server does not hold yet. */
export type Changes = Partial<Record<DocKind, number>>;

export interface OutboxSummary {
  /** what the person did, by kind */
  changes: Changes;
  /** how many things the person did (the sum of `changes`) */
  count: number;
  /** every document not yet on the server, bookkeeping included */
  unsent: number;
}

export interface Refusal {
  id: string;
  kind: DocKind | null;
  /** the order number or name it is known by ('' when it has none) */
  label: string;
  reason: string;
}

/** The number or name a person knows a document by, kept for when it is refused. */
function labelOf(doc: ShopDoc): string {
  if ('number' in doc && typeof doc.number === 'string') return doc.number;
  if ((doc.type === 'product' || doc.type === 'customer') && doc.name) return doc.name;
  return '';
}

/** The outbox row of a local write: this revision is not yet on the server. */
function pending(doc: ShopDoc, rev: string, at: string): OutboxRow {
  return { id: doc._id, rev, kind: doc.type, label: labelOf(doc), at, refused: null };
}

/** A local write (validated): this revision of the document is not yet on the server. */
export async function record(local: ShopLocalDb, doc: ShopDoc, rev: string): Promise<void> {
  await local.outbox.put(pending(doc, rev, isoNow()));
}

/** Many local writes at once (an import): one bulk write rather than a put each. */
export async function recordMany(
  local: ShopLocalDb,
  writes: readonly { doc: ShopDoc; rev: string }[],
): Promise<void> {
  const at = isoNow();
  await local.outbox.bulkPut(writes.map(({ doc, rev }) => pending(doc, rev, at)));
}

/** The server now holds these revisions (a later local revision stays pending). */
export async function confirm(
  local: ShopLocalDb,
  docs: readonly { _id: string; _rev?: string }[],
): Promise<void> {
  await local.transaction('rw', local.outbox, async () => {
    for (const d of docs) {
      const row = await local.outbox.get(d._id);
      if (row && row.rev === d._rev) await local.outbox.delete(d._id);
    }
  });
}

/**
 * Ask the server which pending revisions it already holds (sent by an earlier
 * session, or before a crash) and drop those. Offline, it leaves everything.
 */
export async function reconcile(
  local: ShopLocalDb,
  remote: Pick<PouchDatabase, 'revsDiff'>,
): Promise<void> {
  const rows = await unsent(local);
  if (!rows.length) return;
  try {
    const diff = await remote.revsDiff(Object.fromEntries(rows.map((r) => [r.id, [r.rev]])));
    await confirm(
      local,
      rows.filter((r) => !diff[r.id]).map((r) => ({ _id: r.id, _rev: r.rev })),
    );
  } catch {
    // offline again; the next pause retries
  }
}

/**
 * Drop rows recorded before `before` (when this page opened the shop) whose revision
 * the replica never got: the page closed between noting a write and making it, so
 * nothing waits to be sent. Rows of this page are left alone, as their writes may
 * still be under way.
 */
export async function forgetUnwritten(
  local: ShopLocalDb,
  replica: Pick<PouchDatabase, 'revsDiff'>,
  before: string,
): Promise<void> {
  const rows = (await local.outbox.toArray()).filter((r) => r.at < before);
  if (!rows.length) return;
  const missing = await replica.revsDiff(Object.fromEntries(rows.map((r) => [r.id, [r.rev]])));
  await local.transaction('rw', local.outbox, async () => {
    for (const r of rows) {
      if (!missing[r.id]?.missing?.includes(r.rev)) continue;
      const now = await local.outbox.get(r.id);
      if (now?.rev === r.rev) await local.outbox.delete(r.id);
    }
  });
}

/** The server refused a document, with its reason. */
export async function refuse(local: ShopLocalDb, id: string, reason: string): Promise<void> {
  await local.outbox.update(id, { refused: reason });
}

/** Rows the server should still get (not refused), oldest first. */
export async function unsent(local: ShopLocalDb): Promise<OutboxRow[]> {
  return (await local.outbox.toArray()).filter((r) => r.refused === null).sort(byTime);
}

/** Every row the server does not hold, refused ones included (for an export). */
export function notOnServer(local: ShopLocalDb): Promise<OutboxRow[]> {
  return local.outbox.toArray();
}

/** What the rows add up to, counting what a person did rather than documents. */
export function summarize(rows: readonly Pick<OutboxRow, 'id'>[]): OutboxSummary {
  const changes: Changes = {};
  let count = 0;
  for (const r of rows) {
    const kind = kindOfId(r.id);
    if (!kind || BOOKKEEPING.has(kind)) continue;
    changes[kind] = (changes[kind] ?? 0) + 1;
    count++;
  }
  return { changes, count, unsent: rows.length };
}

export interface OutboxWatch {
  /** what is not yet on the server */
  pending: (summary: OutboxSummary) => void;
  /** documents the server refused, with its reason */
  refused: (rows: Refusal[]) => void;
}

/** Follow the device's outbox; returns the unsubscribe. */
export function watchOutbox(local: ShopLocalDb, watch: OutboxWatch): () => void {
  const sub = liveQuery(() => local.outbox.toArray()).subscribe((rows) => {
    watch.pending(summarize(rows.filter((r) => r.refused === null)));
    watch.refused(
      [...rows]
        .sort(byTime)
        .flatMap((r) =>
          r.refused === null
            ? []
            : [{ id: r.id, kind: kindOfId(r.id), label: r.label ?? '', reason: r.refused }],
        ),
    );
  });
  return () => sub.unsubscribe();
}

const byTime = (a: OutboxRow, b: OutboxRow) => a.at.localeCompare(b.at);
