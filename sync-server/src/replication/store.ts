import type { Role } from '@stallkeeper/shared';
import { kindOfId } from '@stallkeeper/shared';
import { checkIncoming, type DocError, type Existing } from './validate.ts';

/** A per-document storage error as CouchDB reports it: never PouchDB's stack or internals. */
export interface StoreError {
  id: string;
  error: string;
  reason: string;
  status: number;
}

type BulkResult = PouchDB.Core.Response | StoreError | DocError;

function isPouchDocError(
  r: unknown,
): r is { id?: string; name?: unknown; message?: unknown; reason?: unknown; status?: unknown } {
  return typeof r === 'object' && r !== null && Boolean((r as { error?: unknown }).error);
}

function toStoreError(
  err: { id?: string; name?: unknown; message?: unknown; reason?: unknown; status?: unknown },
  id: string,
): StoreError {
  return {
    id: typeof err.id === 'string' ? err.id : id,
    error: typeof err.name === 'string' ? err.name : 'error',
    reason:
      typeof err.reason === 'string'
        ? err.reason
        : typeof err.message === 'string'
          ? err.message
          : 'The document could not be stored.',
    status: typeof err.status === 'number' ? err.status : 500,
  };
}

/**
 * Store a batch after checking each document on its own: refused documents get a
 * per-document error in their slot, and every other document is written.
 */
export async function writeBatch(
  db: PouchDB.Database,
  role: Role,
  docs: unknown[],
  newEdits: boolean,
): Promise<BulkResult[]> {
  const ids = docs.map((d) =>
    d && typeof d === 'object' && typeof (d as { _id?: unknown })._id === 'string'
      ? (d as { _id: string })._id
      : '',
  );
  const known = ids.filter((id) => id && !id.startsWith('_local/'));
  const existing = new Map<string, Existing>();
  if (known.length) {
    const needDoc = known.filter((id) => kindOfId(id) === 'alert');
    const rows = await db.allDocs({ keys: [...new Set(known)] });
    for (const row of rows.rows) {
      if ('error' in row) continue;
      existing.set(row.id, { rev: row.value.rev, deleted: Boolean(row.value.deleted) });
    }
    for (const id of needDoc) {
      const e = existing.get(id);
      if (e && !e.deleted) e.doc = (await db.get(id)) as unknown as Record<string, unknown>;
    }
  }

  const results: (BulkResult | null)[] = new Array<BulkResult | null>(docs.length).fill(null);
  const accepted: { index: number; doc: PouchDB.Core.PutDocument<object> }[] = [];
  docs.forEach((raw, index) => {
    const id = ids[index] ?? '';
    const prior = existing.get(id);
    const rev = (raw as { _rev?: unknown } | null)?._rev;
    if (!newEdits && prior && typeof rev === 'string' && prior.rev === rev) {
      results[index] = { ok: true, id, rev }; // a retried upload of what we hold
      return;
    }
    const error = checkIncoming(raw, role, prior);
    if (error) results[index] = error;
    else if (!newEdits && typeof rev !== 'string') {
      // PouchDB would fail the whole batch over it; refuse just this one.
      results[index] = {
        id,
        error: 'forbidden',
        name: 'forbidden',
        reason: '_rev is required when new_edits is false',
        status: 403,
      };
    } else accepted.push({ index, doc: raw as PouchDB.Core.PutDocument<object> });
  });

  if (accepted.length) {
    const stored = await db.bulkDocs(
      accepted.map((a) => a.doc),
      { new_edits: newEdits },
    );
    if (newEdits) {
      accepted.forEach((a, i) => {
        const r = stored[i];
        const id = ids[a.index] ?? '';
        results[a.index] = isPouchDocError(r)
          ? toStoreError(r, id)
          : (r ?? { ok: true, id, rev: '' });
      });
    } else {
      // With new_edits=false PouchDB sorts the batch and answers only the failures: match them by id.
      const failed = new Map<string, StoreError>();
      for (const r of stored)
        if (isPouchDocError(r) && typeof r.id === 'string') failed.set(r.id, toStoreError(r, r.id));
      for (const a of accepted) {
        const id = ids[a.index] ?? '';
        const rev = (a.doc as { _rev?: unknown })._rev;
        results[a.index] = failed.get(id) ?? {
          ok: true,
          id,
          rev: typeof rev === 'string' ? rev : '',
        };
      }
    }
  }
  return results.map((r, i) => r ?? { ok: true, id: ids[i] ?? '', rev: '' });
}
