import type { Role } from '@stallkeeper/shared';
import { kindOfId, STAMPED } from '@stallkeeper/shared';
import { seriesGivenBack, WEB_SERIES } from '../rest/order-series.ts';
import type { ShopDb, WriteResult } from '../storage/shop-db.ts';
import {
  foreignStamps,
  jumpError,
  takenCodes,
  versionError,
  writerError,
  type BatchWriter,
  type SeenVersions,
} from './trust.ts';
import { vouchedIndexes } from './server-seal.ts';
import { shopRuleErrors } from './shop-rules.ts';
import { checkIncoming, refuse, type DocError, type Existing } from './validate.ts';

type BulkResult = WriteResult | DocError;

/** Who sends a batch: their role in the shop and their session. */
export interface BatchContext {
  role: Role;
  userId: string;
  /** the device the session writes as (null until the app said) */
  deviceId: string | null;
  /** the user's names, current first; read only when a batch holds an audit entry */
  names: () => Promise<readonly string[]>;
  /** the server's clock (for stamps from the future); defaults to now */
  now?: number;
}

const idOf = (d: unknown) =>
  d && typeof d === 'object' && typeof (d as { _id?: unknown })._id === 'string'
    ? (d as { _id: string })._id
    : '';

/** What the store holds for the batch's ids (and the current alert bodies, which a rule compares). */
async function existingOf(db: ShopDb, ids: string[]): Promise<Map<string, Existing>> {
  const existing = new Map<string, Existing>();
  const known = [...new Set(ids.filter((id) => id && !id.startsWith('_local/')))];
  if (!known.length) return existing;
  const rows = await db.allDocs({ keys: known });
  for (const row of rows.rows) {
    if ('error' in row) continue;
    existing.set(row.id, { rev: row.value.rev, deleted: Boolean(row.value.deleted) });
  }
  for (const id of known) {
    const e = existing.get(id);
    if (e && !e.deleted && kindOfId(id) === 'alert') e.doc = await db.get(id);
  }
  return existing;
}

/**
 * Store a batch after checking each document on its own: refused documents get a
 * per-document error in their slot, and every other document is written.
 */
export async function writeBatch(
  db: ShopDb,
  ctx: BatchContext,
  docs: unknown[],
  newEdits: boolean,
): Promise<BulkResult[]> {
  const ids = docs.map(idOf);
  const existing = await existingOf(db, ids);
  const hasAudit = ids.some((id) => kindOfId(id) === 'audit');
  const writer: BatchWriter = {
    userId: ctx.userId,
    deviceId: ctx.deviceId,
    names: hasAudit ? await ctx.names() : [],
    now: ctx.now ?? Date.now(),
  };

  const results: (BulkResult | null)[] = new Array<BulkResult | null>(docs.length).fill(null);
  const accepted: { index: number; doc: unknown }[] = [];
  const stamped: { index: number; id: string; doc: Record<string, unknown>; exists: boolean }[] =
    [];
  const seen: SeenVersions = new Map();
  // After a restore, devices give back what the server wrote itself since the backup.
  const serverMade = newEdits
    ? new Set<number>()
    : await vouchedIndexes(db, docs, (id) => existing.has(id));
  docs.forEach((raw, index) => {
    const id = ids[index] ?? '';
    const prior = existing.get(id);
    const rev = (raw as { _rev?: unknown } | null)?._rev;
    if (!newEdits && prior && typeof rev === 'string' && prior.rev === rev) {
      results[index] = { ok: true, id, rev }; // a retried upload of what we hold
      return;
    }
    const ours = serverMade.has(index);
    const error = checkIncoming(raw, ctx.role, prior, ours);
    if (error) {
      results[index] = error;
      return;
    }
    if (!newEdits && typeof rev !== 'string') {
      // PouchDB would fail the whole batch over it; refuse just this one.
      results[index] = refuse(id, '_rev is required when new_edits is false');
      return;
    }
    const doc = raw as Record<string, unknown>;
    const kind = kindOfId(id);
    if (!kind) return; // checkIncoming refused it
    const reason =
      (newEdits ? null : (versionError(id, kind, rev, prior, seen) ?? jumpError(rev, prior))) ??
      (doc._deleted === true || ours ? null : writerError(kind, doc, writer, prior));
    if (reason) {
      results[index] = refuse(id, reason);
      return;
    }
    if (STAMPED.has(kind) && doc._deleted !== true && !ours) {
      stamped.push({ index, id, doc, exists: Boolean(prior && prior.rev) });
    }
    if (typeof rev === 'string') seen.set(id, rev); // a later, different version is refused
    accepted.push({ index, doc: raw });
  });

  if (stamped.length) {
    const foreign = await foreignStamps(db, stamped, writer.deviceId, newEdits);
    for (const [index, reason] of foreign) results[index] = refuse(ids[index] ?? '', reason);
  }
  if (newEdits) {
    const products = stamped.flatMap(({ index, id, doc }) =>
      kindOfId(id) === 'product' && typeof doc.code === 'string' && results[index] === null
        ? [{ index, id, code: doc.code }]
        : [],
    );
    for (const [index, reason] of await takenCodes(db, products)) {
      results[index] = refuse(ids[index] ?? '', reason);
    }
  }
  const passed = accepted.flatMap(({ index, doc }) =>
    results[index] === null
      ? [{ index, id: ids[index] ?? '', doc: doc as Record<string, unknown> }]
      : [],
  );
  for (const [index, reason] of await shopRuleErrors(db, ctx, passed, newEdits)) {
    // the rules are about what members may do; the server's own documents obey the shop page's
    if (!serverMade.has(index)) results[index] = refuse(ids[index] ?? '', reason);
  }
  const toWrite = accepted.filter((a) => results[a.index] === null);
  if (toWrite.length) {
    const stored = await db.bulkDocs(
      toWrite.map((a) => a.doc),
      { new_edits: newEdits },
    );
    toWrite.forEach((a, i) => {
      results[a.index] = stored[i] ?? null;
    });
    const givenBack = toWrite.flatMap(({ index, doc }) => {
      const r = results[index];
      const stored = r !== null && r !== undefined && 'ok' in r;
      return stored && serverMade.has(index) && kindOfId(ids[index] ?? '') === 'order'
        ? [String((doc as { number?: unknown }).number)]
        : [];
    });
    if (givenBack.length) await seriesGivenBack(db, WEB_SERIES, givenBack);
  }
  return results.map((r, i) => r ?? { ok: true, id: ids[i] ?? '', rev: '' });
}
