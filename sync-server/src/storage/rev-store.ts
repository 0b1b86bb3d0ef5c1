import { K } from './rev-store-core.ts';
import { RevStoreDocs } from './rev-store-docs.ts';
import { leavesOf } from './rev-tree.ts';
import type {
  AllDocsOptions,
  AllDocsResult,
  ChangeRow,
  ChangesOptions,
  DocRow,
  ShopDb,
  StoredDoc,
} from './shop-db.ts';

/**
 * A shop's documents with CouchDB's replication semantics, built for the server's
 * two hot paths: a write plans each document against an in-memory index and stores
 * the batch in one LevelDB write; a read is one `getMany` of stored JSON.
 */
export class RevStore extends RevStoreDocs implements ShopDb {
  async info() {
    const resting = this.restingPosition();
    if (resting) return { db_name: this.name, doc_count: resting.docs, update_seq: resting.seq };
    return this.reading(() =>
      Promise.resolve({ db_name: this.name, doc_count: this.docCount, update_seq: this.updateSeq }),
    );
  }

  allDocs(opts: AllDocsOptions & { keys: string[] }): Promise<AllDocsResult>;
  allDocs(opts?: Omit<AllDocsOptions, 'keys'>): Promise<AllDocsResult<DocRow>>;
  allDocs(opts?: AllDocsOptions): Promise<AllDocsResult>;
  async allDocs(opts: AllDocsOptions = {}): Promise<AllDocsResult> {
    return this.reading(async (kv) => {
      const rows: AllDocsResult['rows'] = [];
      if (opts.keys) {
        for (const key of opts.keys) {
          const e = this.entry(key);
          if (!e) {
            rows.push({ key, error: 'not_found' });
          } else {
            rows.push({
              id: key,
              key,
              value: { rev: e.rev, ...(e.deleted ? { deleted: true } : {}) },
            });
          }
        }
      } else {
        const desc = Boolean(opts.descending);
        const lowKey = desc ? opts.endkey : opts.startkey;
        const highKey = desc ? opts.startkey : opts.endkey;
        const inclusiveEnd = opts.inclusive_end !== false;
        const gte = lowKey !== undefined ? K.doc(lowKey) : K.docs[0];
        // the end bound is inclusive unless told otherwise (on the low side when descending)
        const lt =
          highKey !== undefined
            ? K.doc(highKey) + (inclusiveEnd || desc ? '\u0000' : '')
            : K.docs[1];
        const limit = opts.limit ?? Infinity;
        let skip = opts.skip ?? 0;
        for await (const [key] of kv.range(gte, lt, { values: false, reverse: desc })) {
          if (rows.length >= limit) break;
          const id = key.slice(2);
          if (desc && !inclusiveEnd && lowKey !== undefined && id === lowKey) continue;
          const e = this.entry(id);
          if (!e || e.deleted) continue;
          if (skip > 0) {
            skip--;
            continue;
          }
          rows.push({ id, key: id, value: { rev: e.rev } });
        }
      }
      if (opts.include_docs) {
        const live = rows.filter((r) => 'value' in r && !r.value.deleted) as {
          id: string;
          value: { rev: string };
          doc?: StoredDoc | null;
        }[];
        const raws = await this.bodies(
          kv,
          live.map((r) => [r.id, r.value.rev]),
        );
        for (const [i, r] of live.entries()) {
          const raw = raws[i];
          r.doc = raw ? await this.shape(kv, raw, this.entry(r.id), opts) : null;
        }
        for (const r of rows) if ('value' in r && r.value.deleted) r.doc = null;
      }
      return { total_rows: this.docCount, offset: opts.skip ?? 0, rows };
    });
  }

  async changes(opts: ChangesOptions = {}): Promise<{ results: ChangeRow[]; last_seq: number }> {
    const since = typeof opts.since === 'number' ? opts.since : 0;
    // a live feed that has seen everything waits without the index in memory
    const resting = this.restingPosition();
    if (resting && !opts.descending && since >= resting.seq) {
      return { results: [], last_seq: since };
    }
    return this.reading(async (kv) => {
      const limit = opts.limit ?? Infinity;
      const upTo = this.updateSeq;
      const ids = opts.doc_ids ? new Set(opts.doc_ids) : null;
      const types = opts.selector ? selectorTypes(opts.selector) : null;
      const needBodies = Boolean(opts.include_docs) || types !== null;
      const results: ChangeRow[] = [];
      const page: [number, string][] = [];
      let lastSeq = opts.descending ? 0 : Math.max(since, upTo);
      const flush = async () => {
        const raws = needBodies
          ? await this.bodies(
              kv,
              page.map(([, id]) => [id, this.entry(id)?.rev ?? '']),
            )
          : [];
        for (const [i, [seq, id]] of page.entries()) {
          if (results.length >= limit) break;
          const e = this.entry(id);
          if (!e) continue;
          const raw = raws[i];
          if (types && !(raw && types.has(String((JSON.parse(raw) as { type?: unknown }).type)))) {
            continue;
          }
          const row: ChangeRow = {
            id,
            seq,
            changes: (opts.style === 'all_docs' ? leavesOf(e) : [e.rev]).map((rev) => ({ rev })),
            ...(e.deleted ? { deleted: true } : {}),
          };
          if (opts.include_docs && raw) row.doc = await this.shape(kv, raw, e, opts);
          results.push(row);
        }
        page.length = 0;
      };
      const current = (seq: number, id: string) => this.seqOf(id) === seq && seq <= upTo;
      for (const [seq, id] of this.seqs.from(since, Boolean(opts.descending), current)) {
        if (results.length >= limit) break;
        if (ids && !ids.has(id)) continue;
        page.push([seq, id]);
        if (page.length >= 500) await flush();
      }
      await flush();
      if (results.length >= limit) lastSeq = Number(results[results.length - 1]?.seq ?? lastSeq);
      return { results, last_seq: lastSeq };
    });
  }
}

function selectorTypes(selector: { type: string | { $in: string[] } }): Set<string> {
  return new Set(typeof selector.type === 'string' ? [selector.type] : selector.type.$in);
}
