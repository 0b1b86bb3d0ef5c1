import type { Kv, KvOp } from './kv.ts';
import type { RevTree } from './rev-tree.ts';
import type { WriteResult } from './shop-db.ts';
import { K } from './store-keys.ts';
import { readBodyAttachments, readTrees } from './stored-trees.ts';
import { failure, planWrite, type Planned } from './write-plan.ts';

/** One `_bulk_docs` request planned against the stored trees, before anything is written. */
export interface BulkPlan {
  /** one per document, in request order: a refusal never costs the others */
  results: WriteResult[];
  /** the accepted writes, in request order (a document may appear more than once) */
  written: Planned[];
  /** the new revision bodies and attachments; the caller adds each document's entry */
  ops: KvOp[];
  /** each document's tree after the writes planned for it */
  trees: Map<string, RevTree>;
}

/**
 * Plan `docs` with CouchDB's `_bulk_docs` semantics. `indexed` says which ids have a
 * stored tree worth reading. Runs under the store's write lock: each document plans
 * against what the last write (or an earlier one in this batch) left.
 */
export async function planBulk(
  kv: Kv,
  docs: unknown[],
  newEdits: boolean,
  indexed: (id: string) => boolean,
): Promise<BulkPlan> {
  const ids = docs.map((d) => {
    const id = (d as { _id?: unknown } | null)?._id;
    return typeof id === 'string' ? id : '';
  });
  const trees = await readTrees(
    kv,
    [...new Set(ids)].filter((id) => id && indexed(id)),
  );
  const results: WriteResult[] = [];
  const written: Planned[] = [];
  const ops: KvOp[] = [];
  const newBlobs = new Set<string>();
  const blobKnown = new Map<string, boolean>();
  for (const [i, raw] of docs.entries()) {
    const id = ids[i] ?? '';
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      results.push(failure(id, 400, 'bad_request', 'Document must be a JSON object'));
      continue;
    }
    const doc = raw as Record<string, unknown>;
    if (!id || id.startsWith('_') || id.includes('\u0000')) {
      results.push(failure(id, 400, 'bad_request', 'Invalid document id'));
      continue;
    }
    const tree = trees.get(id);
    const parentAttachments =
      newEdits && tree && doc._attachments && typeof doc._rev === 'string'
        ? await readBodyAttachments(kv, id, doc._rev)
        : undefined;
    const digests =
      doc._attachments == null
        ? []
        : Object.values(doc._attachments as Record<string, { digest?: unknown }>)
            .map((a) => a?.digest)
            .filter((d): d is string => typeof d === 'string' && !blobKnown.has(d));
    if (digests.length) {
      const found = await kv.getMany(digests.map(K.blob));
      digests.forEach((d, j) => blobKnown.set(d, found[j] !== undefined));
    }
    const plan = planWrite({
      doc,
      id,
      newEdits,
      tree,
      parentAttachments,
      knownDigest: (d) => newBlobs.has(d) || blobKnown.get(d) === true,
    });
    if ('error' in plan) {
      results.push(plan);
      continue;
    }
    results.push({ ok: true, id, rev: plan.rev });
    if (plan.kind === 'held') continue;
    trees.set(id, plan.tree);
    written.push(plan);
    ops.push({ type: 'put', key: K.body(id, plan.rev), value: plan.body });
    for (const [digest, data] of plan.blobs) {
      if (newBlobs.has(digest)) continue;
      newBlobs.add(digest);
      ops.push({ type: 'put', key: K.blob(digest), value: data });
    }
  }
  return { results, written, ops, trees };
}
