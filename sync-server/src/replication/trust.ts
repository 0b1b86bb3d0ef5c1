import {
  APPEND_ONLY,
  codeKey,
  authorshipError,
  foreignStamp,
  futureStamp,
  parseRev,
  revJumpError,
  STAMPED,
  type DocKind,
  type Writer,
} from '@stallkeeper/shared';
import type { ShopDb } from '../storage/shop-db.ts';
import type { Existing } from './validate.ts';

/**
 * The rules that need to know who is writing and what the store already holds, on
 * top of `checkIncoming` (schema and role): authorship from the session, clock
 * stamps, one version per append-only document, plausible revision positions.
 */

/** The session a batch arrived with, as the checks need it. */
export interface BatchWriter extends Writer {
  now: number;
}

/** What one batch has already accepted, so a second version within it is caught too. */
export type SeenVersions = Map<string, string>;

/**
 * One version per append-only document: position 1, and never a second distinct one
 * (held, or accepted earlier in the batch: `seen`, which the caller fills).
 */
export function versionError(
  id: string,
  kind: DocKind,
  rev: unknown,
  prior: Existing | undefined,
  seen: SeenVersions,
): string | null {
  if (!APPEND_ONLY.has(kind) || typeof rev !== 'string') return null;
  if (parseRev(rev)?.pos !== 1) {
    return `${kind} documents are append-only: they have one version (1-…)`;
  }
  const other = seen.get(id) ?? prior?.rev ?? null;
  if (other !== null && other !== rev) {
    return `${kind} documents are append-only: this one is already stored as another version`;
  }
  return null;
}

/** A replicated revision may not start implausibly far beyond what is held. */
export function jumpError(rev: unknown, prior: Existing | undefined): string | null {
  return revJumpError(rev, parseRev(prior?.rev)?.pos ?? 0);
}

/** Authorship fields, future stamps and alert acknowledgements of one document. */
export function writerError(
  kind: DocKind,
  doc: Record<string, unknown>,
  writer: BatchWriter,
  prior: Existing | undefined,
): string | null {
  const authorship = authorshipError(kind, doc, writer);
  if (authorship) return authorship;
  if (STAMPED.has(kind)) {
    const ahead = futureStamp(doc.stamps, writer.now);
    if (ahead) return `the clock stamp of ${ahead} is in the future: check this device's clock`;
  }
  if (kind === 'alert') {
    const by = doc.acknowledgedBy;
    const before = prior?.doc?.acknowledgedBy ?? null;
    if (by !== null && by !== before && by !== writer.userId) {
      return 'an alert can only be acknowledged in your own name';
    }
  }
  return null;
}

/**
 * The revisions a stamped document may build on, nearest first: its parent (a
 * `new_edits` write names it in `_rev`) or the ancestors its history lists.
 */
function ancestors(doc: Record<string, unknown>, newEdits: boolean): string[] {
  if (newEdits) return typeof doc._rev === 'string' ? [doc._rev] : [];
  const history = doc._revisions as { start: number; ids: string[] } | undefined;
  if (!history) return [];
  // the nearest few: a device edits a document a handful of times between syncs
  return history.ids.slice(1, 11).map((h, i) => `${history.start - 1 - i}-${h}`);
}

/**
 * Stamped documents whose new stamps name another device. A stamp is new when the
 * nearest revision the server holds of the document's history has another one for
 * that field; a revision that shares no history the server holds is compared with
 * the document's current winner (a branch of its own may not carry another device's
 * stamps either), and a new document's stamps must all be this device's.
 */
export async function foreignStamps(
  db: ShopDb,
  docs: { index: number; id: string; doc: Record<string, unknown>; exists: boolean }[],
  deviceId: string | null,
  newEdits: boolean,
): Promise<Map<number, string>> {
  const wanted = docs.map((d) => ({ ...d, revs: ancestors(d.doc, newEdits) }));
  const asks = wanted.flatMap((w) => w.revs.map((rev) => ({ id: w.id, rev })));
  const bodies = new Map<string, Record<string, unknown>>();
  if (asks.length) {
    const got = await db.bulkGet({ docs: asks });
    for (const r of got.results) {
      for (const d of r.docs) if ('ok' in d) bodies.set(`${r.id}\n${d.ok._rev}`, d.ok);
    }
  }
  const orphans = wanted.filter(
    (w) => w.exists && !w.revs.some((rev) => bodies.has(`${w.id}\n${rev}`)),
  );
  const winners = new Map<string, Record<string, unknown>>();
  if (orphans.length) {
    const res = await db.allDocs({ keys: orphans.map((w) => w.id), include_docs: true });
    for (const r of res.rows) if ('doc' in r && r.doc) winners.set(r.id, r.doc);
  }
  const refused = new Map<number, string>();
  for (const w of wanted) {
    const parent =
      w.revs.map((rev) => bodies.get(`${w.id}\n${rev}`)).find(Boolean) ?? winners.get(w.id);
    const stamps = (parent?.stamps ?? null) as Record<string, unknown> | null;
    const field = foreignStamp(w.doc.stamps, stamps, deviceId);
    if (field) refused.set(w.index, `the change to ${field} is stamped by another device`);
  }
  return refused;
}

/**
 * Products written directly (`new_edits`: an online client, not a replicated offline
 * edit) whose code another product of the shop already has, or an earlier one of the
 * same batch takes. Offline devices can still each create one; the resolver then
 * raises an alert naming both (shared/src/catalog-codes.ts).
 */
export async function takenCodes(
  db: ShopDb,
  products: { index: number; id: string; code: string }[],
): Promise<Map<number, string>> {
  const refused = new Map<number, string>();
  if (!products.length) return refused;
  const owner = new Map<string, string>();
  const all = await db.allDocs({
    startkey: 'product:',
    endkey: 'product:\ufff0',
    include_docs: true,
  });
  for (const row of all.rows) {
    const code = (row.doc as { code?: unknown } | null | undefined)?.code;
    if (typeof code === 'string') owner.set(codeKey(code), row.id);
  }
  for (const p of products) {
    const key = codeKey(p.code);
    const holder = owner.get(key);
    if (holder !== undefined && holder !== p.id) {
      refused.set(p.index, `the code ${p.code.trim()} is already used by another product`);
    } else {
      owner.set(key, p.id);
    }
  }
  return refused;
}
