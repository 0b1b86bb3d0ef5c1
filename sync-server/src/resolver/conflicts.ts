import type { ShopDb } from '../storage/shop-db.ts';
import {
  isMergedKind,
  kindOfId,
  MERGE_FIELDS,
  mergeFields,
  ulid,
  type AuditEntry,
  type Stamped,
} from '@stallkeeper/shared';

export interface ConflictOutcome {
  id: string;
  merged: boolean;
  overwritten: number;
}

/** A readable name for the audit summary. */
function label(doc: Record<string, unknown>, id: string): string {
  const name = doc.name ?? doc.shopName;
  return typeof name === 'string' ? name : id;
}

type Leaf = Stamped & { _id: string; _rev: string } & Record<string, unknown>;

/**
 * Resolve a conflicted mutable document: merge every live leaf field by field,
 * write the merge on the winning branch, delete the losing branches, and audit
 * what was overwritten. Racing writers are harmless: a 409 leaves the conflict for
 * the next pass of the changes feed.
 */
export async function resolveConflict(
  db: ShopDb,
  id: string,
  at: string,
): Promise<ConflictOutcome | null> {
  const kind = kindOfId(id);
  if (!kind || !isMergedKind(kind)) return null;
  const fields = MERGE_FIELDS[kind];
  const winner = (await db.get(id, { conflicts: true }).catch(() => null)) as Leaf | null;
  const losers = (winner?._conflicts as string[] | undefined) ?? [];
  if (!winner || losers.length === 0) return null;
  const leaves = await db.getOpenRevs(id, losers);
  const docs: Leaf[] = [winner];
  for (const l of leaves) if ('ok' in l && !l.ok._deleted) docs.push(l.ok as Leaf);
  const { merged, overwritten } = mergeFields(docs, fields);

  const writes: object[] = [{ ...merged, _id: id, _rev: winner._rev }];
  for (const rev of losers) writes.push({ _id: id, _rev: rev, _deleted: true });
  if (overwritten.length) {
    const entry: AuditEntry = {
      _id: `audit:${ulid()}`,
      type: 'audit',
      action: 'conflict.resolve',
      target: id,
      summary: `Merged ${docs.length} offline edits of ${label(merged, id)}`.slice(0, 500),
      userName: 'Sync server',
      before: Object.fromEntries(overwritten.map((o) => [o.field, o.value])),
      after: Object.fromEntries(
        overwritten.map((o) => [o.field, (merged as Record<string, unknown>)[o.field]]),
      ),
      at,
      by: 'server',
      deviceId: 'server',
    };
    writes.push(entry);
  }
  const results = await db.bulkDocs(writes);
  const failed = results.some((r) => 'error' in r && r.error);
  return { id, merged: !failed, overwritten: overwritten.length };
}
