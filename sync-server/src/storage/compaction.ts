import type { Kv, KvOp } from './kv.ts';
import type { RevTree } from './rev-tree.ts';

/** What compaction needs of a shop's store (rev-store-docs.ts gives it). */
export interface CompactTarget {
  ready(): Promise<Kv>;
  /** run `f` between writes, so no write plans against a tree changed under it */
  exclusive<T>(f: (kv: Kv) => Promise<T>): Promise<T>;
  /** ids of documents whose last change has a sequence in (after, upTo] */
  changedBetween(after: number, upTo: number): string[];
  /** the document's current sequence, if it has one */
  seqOf(id: string): number | undefined;
  updateSeq(): number;
  keys: {
    doc(id: string): string;
    body(id: string, rev: string): string;
    /** the range of one document's revision bodies */
    bodies(id: string): readonly [string, string];
    allBodies: readonly [string, string];
    blobs: readonly [string, string];
    state: string;
  };
}

/** When each earlier run saw the store, so a later one knows what is past the grace period. */
interface CompactionState {
  /** documents changed up to this sequence were compacted */
  done: number;
  marks: { seq: number; at: number }[];
}

export interface CompactionReport {
  /** non-leaf revision bodies dropped */
  revisions: number;
  /** attachments no revision refers to any more, deleted */
  attachments: number;
  /** whether the grace period had passed for anything (the first run only marks) */
  ran: boolean;
}

const PAGE = 500;

/**
 * Compact a shop the way CouchDB does: the bodies of revisions that are no longer
 * leaves are dropped (the tree keeps their ids, as `missing`, so replication still
 * finds common ancestors), attachments nothing refers to are deleted, then LevelDB
 * compacts its files. A revision's body is kept for `graceMs` after it stopped being a
 * leaf — a device replicating just then may still ask for it — which each run
 * measures by the marks earlier runs left: a document unchanged since a mark at least
 * `graceMs` old has had its non-leaf revisions that long.
 */
export async function compactStore(
  t: CompactTarget,
  now: number,
  graceMs: number,
): Promise<CompactionReport> {
  const kv = await t.ready();
  const raw = await kv.get(t.keys.state);
  const state: CompactionState = raw
    ? (JSON.parse(raw) as CompactionState)
    : { done: 0, marks: [] };
  const due = state.marks.filter((m) => m.at <= now - graceMs).at(-1);
  const report: CompactionReport = { revisions: 0, attachments: 0, ran: false };
  if (due && due.seq > state.done) {
    report.ran = true;
    const ids = t.changedBetween(state.done, due.seq);
    for (let i = 0; i < ids.length; i += PAGE) {
      report.revisions += await t.exclusive((kv) =>
        dropOldBodies(t, kv, ids.slice(i, i + PAGE), due.seq),
      );
    }
    report.attachments = await sweepAttachments(t, kv);
    state.done = due.seq;
    await kv.compact?.();
  }
  // marks older than the one used are no longer needed; a run that finds nothing
  // written since the last mark keeps that (older) one
  state.marks = state.marks.filter((m) => m.seq > state.done);
  const seq = t.updateSeq();
  if (seq > state.done && state.marks.at(-1)?.seq !== seq) state.marks.push({ seq, at: now });
  await t.exclusive((kv) =>
    kv.batch([{ type: 'put', key: t.keys.state, value: JSON.stringify(state) }]),
  );
  return report;
}

/** Drop the non-leaf bodies of documents still unchanged since `upTo`; returns how many. */
async function dropOldBodies(t: CompactTarget, kv: Kv, ids: string[], upTo: number) {
  const still = ids.filter((id) => (t.seqOf(id) ?? Infinity) <= upTo);
  const metas = await kv.getMany(still.map((id) => t.keys.doc(id)));
  const ops: KvOp[] = [];
  let dropped = 0;
  still.forEach((id, i) => {
    const meta = metas[i];
    if (!meta) return;
    const parsed = JSON.parse(meta) as { s: number; t: RevTree };
    const revs = markInnerMissing(parsed.t);
    if (!revs.length) return;
    for (const rev of revs) ops.push({ type: 'del', key: t.keys.body(id, rev) });
    // the same sequence: nothing a replica has to fetch changed
    ops.push({ type: 'put', key: t.keys.doc(id), value: JSON.stringify(parsed) });
    dropped += revs.length;
  });
  await kv.batch(ops);
  return dropped;
}

/** Set every available non-leaf revision to `missing`; returns them. */
export function markInnerMissing(tree: RevTree): string[] {
  const out: string[] = [];
  for (const path of tree) {
    const walk = (pos: number, node: RevTree[number]['ids']) => {
      const [id, opts, children] = node;
      if (children.length && opts.status === 'available') {
        opts.status = 'missing';
        out.push(`${pos}-${id}`);
      }
      for (const child of children) walk(pos + 1, child);
    };
    walk(path.pos, path.ids);
  }
  return out;
}

const digestsOf = (body: string): string[] => {
  if (!body.includes('"_attachments"')) return [];
  const atts = (JSON.parse(body) as { _attachments?: Record<string, { digest?: unknown }> })
    ._attachments;
  return Object.values(atts ?? {})
    .map((a) => a.digest)
    .filter((d): d is string => typeof d === 'string');
};

/**
 * Delete attachments no stored revision refers to. The bodies are read without
 * holding up writes; what was written meanwhile is read again before deleting.
 */
async function sweepAttachments(t: CompactTarget, kv: Kv): Promise<number> {
  const [from, to] = t.keys.blobs;
  const held: string[] = [];
  for await (const [key] of kv.range(from, to, { values: false })) held.push(key);
  if (!held.length) return 0;
  const seen = t.updateSeq();
  const used = new Set<string>();
  const [b0, b1] = t.keys.allBodies;
  for await (const [, body] of kv.range(b0, b1)) {
    for (const d of digestsOf(body)) used.add(d);
  }
  return t.exclusive(async (kv) => {
    for (const id of t.changedBetween(seen, Infinity)) {
      const [lo, hi] = t.keys.bodies(id);
      for await (const [, body] of kv.range(lo, hi)) for (const d of digestsOf(body)) used.add(d);
    }
    const gone = held.filter((key) => !used.has(key.slice(from.length)));
    await kv.batch(gone.map((key): KvOp => ({ type: 'del', key })));
    return gone.length;
  });
}
