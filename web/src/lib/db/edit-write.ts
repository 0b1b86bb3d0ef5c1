import type { ShopDoc } from '@stallkeeper/shared';
import { schemas } from '../schemas.ts';
import type { ShopLocalDb } from './local.ts';
import * as outbox from './outbox.ts';
import type { PouchDatabase } from './pouch.ts';
import { firstRevision, nextRevision } from './revisions.ts';

/** An edit of a stored revision, or its deletion (`_deleted`). */
export type Edit = ShopDoc & { _rev: string };

/** PouchDB's answer to an edit of a revision that is no longer the document's. */
export const conflict = (id: string) =>
  Object.assign(new Error(`Document update conflict: ${id}`), {
    name: 'conflict',
    status: 409,
  });

/**
 * What an edit stores: a deletion is a bare tombstone (nothing of the document stays in
 * a leaf, and there is no body for the server to judge), and an edit is no longer what
 * the server wrote, so it drops the server's seal (sync-server/src/replication/server-seal.ts).
 */
function stored(edit: Edit): Edit {
  if (edit._deleted === true) {
    return { _id: edit._id, _rev: edit._rev, _deleted: true } as unknown as Edit;
  }
  const { serverSeal: _seal, ...rest } = edit as Edit & { serverSeal?: string };
  return rest;
}

/**
 * Edits of stored documents (or their deletion) and the new documents that belong to
 * them (their audit entry) in one replica write: one IndexedDB transaction, so a page
 * closed meanwhile keeps all of it or none. Each revision is made on the device
 * (`new_edits: false`), which is what lets them share the write. An edit of a revision
 * that is no longer the document's is refused first (409), as `put` refuses it; should
 * a pull land between that check and the write, the edit becomes a branch beside the
 * pulled revision, which the merge settles as it settles two devices' offline edits.
 * Each is noted in the outbox before the write, as `put` notes it, and again after.
 */
export async function writeEdits(
  pouch: PouchDatabase,
  local: ShopLocalDb,
  edits: readonly Edit[],
  belonging: readonly ShopDoc[],
  invalid: (reason: string) => Error,
): Promise<string[]> {
  const { parseShopDoc } = await schemas();
  const valid = (d: ShopDoc) => {
    if (d._deleted === true) return d; // stored bare: nothing to check (the outbox keeps its name)
    const parsed = parseShopDoc(d);
    if (!parsed.ok) throw invalid(parsed.reason);
    return parsed.doc;
  };
  const checked = edits.map((e) => ({ doc: valid(e), edit: e }));
  const fresh = belonging.map((d) => ({ doc: valid(d), first: firstRevision(d) }));
  const held = await pouch.allDocs({ keys: edits.map((e) => e._id) });
  held.rows.forEach((row, i) => {
    const edit = edits[i];
    if (!edit) return;
    const rev = 'value' in row && !row.value.deleted ? row.value.rev : null;
    if (rev !== edit._rev) throw conflict(edit._id);
  });
  const next = edits.map((e) => nextRevision(stored(e)));
  await outbox.recordMany(local, [
    ...checked.map((c) => ({ doc: c.doc, rev: c.edit._rev })),
    ...fresh.map((f) => ({ doc: f.doc, rev: f.first._rev })),
  ]);
  const results = await pouch.bulkDocs([...next, ...fresh.map((f) => f.first)], {
    new_edits: false,
  });
  const failed = results.find((r) => 'error' in r);
  if (failed && 'error' in failed) throw Object.assign(new Error(failed.message), failed);
  // Recorded again rather than updated: a sync may have confirmed the old revision meanwhile.
  await outbox.recordMany(
    local,
    checked.map((c, i) => ({ doc: c.doc, rev: next[i]?._rev ?? c.edit._rev })),
  );
  return next.map((n) => n._rev);
}
