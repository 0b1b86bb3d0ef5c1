import type { Role } from '@stallkeeper/shared';
import { kindOfId } from '@stallkeeper/shared';
import type { ShopDb, WriteResult } from '../storage/shop-db.ts';
import { checkIncoming, type DocError, type Existing } from './validate.ts';

type BulkResult = WriteResult | DocError;

/**
 * Store a batch after checking each document on its own: refused documents get a
 * per-document error in their slot, and every other document is written.
 */
export async function writeBatch(
  db: ShopDb,
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
      if (e && !e.deleted) e.doc = await db.get(id);
    }
  }

  const results: (BulkResult | null)[] = new Array<BulkResult | null>(docs.length).fill(null);
  const accepted: { index: number; doc: unknown }[] = [];
  docs.forEach((raw, index) => {
    const id = ids[index] ?? '';
    const prior = existing.get(id);
    const rev = (raw as { _rev?: unknown } | null)?._rev;
    if (!newEdits && prior && typeof rev === 'string' && prior.rev === rev) {
      results[index] = { ok: true, id, rev }; // a retried upload of what we hold
      return;
    }
    const error = checkIncoming(raw, role, prior);
    if (error) {
      results[index] = error;
    } else if (!newEdits && typeof rev !== 'string') {
      // PouchDB would fail the whole batch over it; refuse just this one.
      results[index] = {
        id,
        error: 'forbidden',
        name: 'forbidden',
        reason: '_rev is required when new_edits is false',
        status: 403,
      };
    } else {
      accepted.push({ index, doc: raw });
    }
  });

  if (accepted.length) {
    const stored = await db.bulkDocs(
      accepted.map((a) => a.doc),
      { new_edits: newEdits },
    );
    accepted.forEach((a, i) => {
      results[a.index] = stored[i] ?? null;
    });
  }
  return results.map((r, i) => r ?? { ok: true, id: ids[i] ?? '', rev: '' });
}
