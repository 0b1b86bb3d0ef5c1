import { packed, seqOfPacked, type Entry } from './index-entry.ts';
import { decodeIndex, encodeIndex } from './index-snapshot.ts';
import type { Kv } from './kv.ts';
import { summarise, type RevTree } from './rev-tree.ts';
import type { SeqIndex } from './seq-index.ts';
import { K } from './store-keys.ts';

/** Where the index snapshot is kept; a write deletes it in its own batch (index-snapshot.ts). */
export const INDEX_KEY = K.state('index');

/** What loading fills: the store's index, as the store counts it. */
export interface IndexSink {
  /** one document's entry: in key order from a full read, in sequence order from a snapshot */
  add(id: string, v: Entry | string, seq: number, live: boolean): void;
  /** the sequence index's next pair, always in sequence order */
  push(seq: number, id: string): void;
}

/**
 * Read a shop's index from its snapshot if it has one this code reads, else from every
 * document's revision tree. Answers whether a snapshot is stored (the next write must
 * delete it, even an unreadable one).
 */
export async function loadIndex(kv: Kv, sink: IndexSink): Promise<boolean> {
  const snapshot = await kv.get(INDEX_KEY);
  const entries = snapshot === undefined ? null : decodeIndex(snapshot);
  if (entries) {
    for (const [id, v] of entries) {
      const seq = seqOfPacked(v);
      sink.add(id, v, seq, typeof v === 'string' || !v.deleted);
      sink.push(seq, id);
    }
    return true;
  }
  const pairs: [number, string][] = [];
  for await (const [key, value] of kv.range(K.docs[0], K.docs[1])) {
    const id = key.slice(2);
    const meta = JSON.parse(value) as { s: number; t: RevTree };
    const summary = summarise(meta.t);
    sink.add(id, packed(summary, meta.s), meta.s, !summary.deleted);
    pairs.push([meta.s, id]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  for (const [seq, id] of pairs) sink.push(seq, id);
  return snapshot !== undefined;
}

/** Store the index as a snapshot, so the shop's next load is one read instead of all its trees. */
export async function saveIndexSnapshot(
  kv: Kv,
  docs: ReadonlyMap<string, Entry | string>,
  seqs: SeqIndex,
): Promise<void> {
  const current = (seq: number, id: string) => {
    const v = docs.get(id);
    return v !== undefined && seqOfPacked(v) === seq;
  };
  const ids = (function* () {
    for (const [, id] of seqs.from(0, false, current)) yield id;
  })();
  const text = encodeIndex(docs, ids);
  // a failed snapshot costs only the next load's speed
  if (text) await kv.batch([{ type: 'put', key: INDEX_KEY, value: text }]).catch(() => {});
}
