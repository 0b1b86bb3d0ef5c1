// The declarations must reach packages that compile this source too (tests/).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./pouchdb-merge.d.ts" />
import { latest, revExists } from 'pouchdb-merge';
import type { Kv } from './kv.ts';
import { K, notFound, RevStoreCore, storeError, type Entry } from './rev-store-core.ts';
import { leavesOf, revStatuses, revsInfo, type RevTree } from './rev-tree.ts';
import type {
  AllDocsOptions,
  AllDocsResult,
  BulkGetOptions,
  BulkGetResult,
  ChangeRow,
  ChangesOptions,
  DocReadOptions,
  DocRow,
  ShopDb,
  StoredDoc,
} from './shop-db.ts';

/** How a stored revision is shaped for one answer. */
interface Shape {
  revs?: boolean | undefined;
  conflicts?: boolean | undefined;
  attachments?: boolean | undefined;
}

/**
 * A shop's documents with CouchDB's replication semantics, built for the server's
 * two hot paths: a write plans each document against an in-memory index and stores
 * the batch in one LevelDB write; a read is one `getMany` of stored JSON.
 */
export class RevStore extends RevStoreCore implements ShopDb {
  async info() {
    const resting = this.restingPosition();
    if (resting) return { db_name: this.name, doc_count: resting.docs, update_seq: resting.seq };
    return this.reading(() =>
      Promise.resolve({ db_name: this.name, doc_count: this.docCount, update_seq: this.updateSeq }),
    );
  }

  /** The stored JSON of (id, rev) pairs, in order; undefined where absent. */
  protected async bodies(kv: Kv, pairs: [string, string][]): Promise<(string | undefined)[]> {
    return kv.getMany(pairs.map(([id, rev]) => K.body(id, rev)));
  }

  async #shape(kv: Kv, raw: string, entry: Entry | undefined, shape: Shape): Promise<StoredDoc> {
    const doc = JSON.parse(raw) as StoredDoc;
    if (!shape.revs) delete doc._revisions;
    if (shape.conflicts && entry?.conflicts && entry.rev === doc._rev) {
      doc._conflicts = entry.conflicts;
    }
    const atts = doc._attachments as Record<string, Record<string, unknown>> | undefined;
    if (shape.attachments && atts) {
      const names = Object.keys(atts);
      const data = await kv.getMany(names.map((n) => K.blob(String(atts[n]?.digest))));
      names.forEach((n, i) => {
        const a = atts[n];
        if (!a) return;
        delete a.stub;
        a.data = data[i] ?? '';
      });
    }
    return doc;
  }

  async #tree(kv: Kv, id: string): Promise<RevTree> {
    return (await this.trees(kv, [id])).get(id) ?? [];
  }

  /** The leaf each asked revision has become (CouchDB's `latest`); unknown ones stay. */
  async #latest(kv: Kv, id: string, revs: string[]): Promise<string[]> {
    const entry = this.entry(id);
    const leaves = entry ? leavesOf(entry) : [];
    if (!entry || revs.every((r) => leaves.includes(r))) return revs;
    const tree = await this.#tree(kv, id);
    return revs.map((r) => (revExists(tree, r) ? latest(r, { rev_tree: tree }) : r));
  }

  async get<T extends object = Record<string, unknown>>(
    id: string,
    opts: DocReadOptions = {},
  ): Promise<T & { _id: string; _rev: string }> {
    return (await this.#get(id, opts)) as unknown as T & StoredDoc;
  }

  async #get(id: string, opts: DocReadOptions): Promise<StoredDoc> {
    return this.reading(async (kv) => {
      if (id.startsWith('_local/')) {
        const raw = await this.readLocal(kv, id);
        if (!raw) throw notFound('missing');
        return JSON.parse(raw) as StoredDoc;
      }
      const entry = this.entry(id);
      if (!entry) throw notFound('missing');
      let rev = opts.rev ?? entry.rev;
      if (!opts.rev && entry.deleted) throw notFound('deleted');
      if (opts.rev && opts.latest) rev = (await this.#latest(kv, id, [rev]))[0] ?? rev;
      const [raw] = await this.bodies(kv, [[id, rev]]);
      if (!raw) throw notFound('missing');
      const doc = await this.#shape(kv, raw, entry, opts);
      if (opts.revs_info) doc._revs_info = revsInfo(await this.#tree(kv, id), rev);
      return doc;
    });
  }

  /** `open_revs`: each asked leaf as `{ok}` or `{missing}`; 'all' means every leaf. */
  async getOpenRevs(
    id: string,
    revs: string[] | 'all',
    opts: DocReadOptions = {},
  ): Promise<({ ok: StoredDoc } | { missing: string })[]> {
    return this.reading(async (kv) => {
      const entry = this.entry(id);
      if (!entry) {
        if (revs === 'all') throw notFound('missing');
        return revs.map((r) => ({ missing: r }));
      }
      let asked = revs === 'all' ? leavesOf(entry) : revs;
      if (opts.latest && revs !== 'all') asked = await this.#latest(kv, id, asked);
      const raws = await this.bodies(
        kv,
        asked.map((r) => [id, r]),
      );
      return Promise.all(
        asked.map(async (r, i) => {
          const raw = raws[i];
          return raw ? { ok: await this.#shape(kv, raw, entry, opts) } : { missing: r };
        }),
      );
    });
  }

  async bulkGet(opts: BulkGetOptions): Promise<BulkGetResult> {
    return this.reading(async (kv) => {
      // One result per distinct id, as PouchDB groups them.
      const byId = new Map<string, (string | undefined)[]>();
      for (const d of opts.docs) {
        const list = byId.get(d.id) ?? [];
        list.push(d.rev);
        byId.set(d.id, list);
      }
      const pairs: [string, string][] = [];
      const plan: { id: string; revs: string[]; error?: string }[] = [];
      for (const [id, asked] of byId) {
        const entry = this.entry(id);
        const given = asked.filter((r): r is string => Boolean(r));
        if (!entry) {
          plan.push({ id, revs: given.length ? given : ['undefined'], error: 'missing' });
          continue;
        }
        let revs = given.length ? given : [entry.rev];
        if (!given.length && entry.deleted) {
          plan.push({ id, revs: [entry.rev], error: 'deleted' });
          continue;
        }
        // each revision once, also when `latest` leads several asked ones to the same leaf
        revs = [...new Set(opts.latest && given.length ? await this.#latest(kv, id, revs) : revs)];
        plan.push({ id, revs });
        for (const r of revs) pairs.push([id, r]);
      }
      const raws = await this.bodies(kv, pairs);
      let next = 0;
      const results: BulkGetResult['results'] = [];
      for (const p of plan) {
        if (p.error) {
          results.push({ id: p.id, docs: p.revs.map((rev) => missingRev(p.id, rev, p.error)) });
          continue;
        }
        const entry = this.entry(p.id);
        const docs: BulkGetResult['results'][number]['docs'] = [];
        for (const rev of p.revs) {
          const raw = raws[next++];
          docs.push(raw ? { ok: await this.#shape(kv, raw, entry, opts) } : missingRev(p.id, rev));
        }
        results.push({ id: p.id, docs });
      }
      return { results };
    });
  }

  async revsDiff(req: Record<string, string[]>): Promise<Record<string, { missing: string[] }>> {
    return this.reading(async (kv) => {
      const out: Record<string, { missing: string[] }> = Object.create(null) as Record<
        string,
        { missing: string[] }
      >;
      const needTree: string[] = [];
      for (const [id, revs] of Object.entries(req)) {
        const entry = this.entry(id);
        if (!entry) {
          if (revs.length) out[id] = { missing: [...new Set(revs)] };
          continue;
        }
        const leaves = leavesOf(entry);
        if (revs.some((r) => !leaves.includes(r))) needTree.push(id);
      }
      const trees = await this.trees(kv, needTree);
      for (const id of needTree) {
        const tree = trees.get(id) ?? [];
        const held = revStatuses(tree);
        const missing = [...new Set(req[id] ?? [])].filter((r) => held.get(r) !== 'available');
        if (missing.length) out[id] = { missing };
      }
      return out;
    });
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
          r.doc = raw ? await this.#shape(kv, raw, this.entry(r.id), opts) : null;
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
          if (opts.include_docs && raw) row.doc = await this.#shape(kv, raw, e, opts);
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

  async put(value: object): Promise<{ ok: true; id: string; rev: string }> {
    const doc = value as Record<string, unknown>;
    if (typeof doc._id === 'string' && doc._id.startsWith('_local/')) return this.putLocal(doc);
    const [r] = await this.bulkDocs([doc]);
    if (!r) throw storeError(500, 'error', 'not stored');
    if ('error' in r) throw Object.assign(storeError(r.status, r.name, r.reason), { id: r.id });
    return r;
  }

  async remove(id: string, rev: string): Promise<{ ok: true; id: string; rev: string }> {
    if (id.startsWith('_local/')) return this.removeLocal(id, rev);
    return this.put({ _id: id, _rev: rev, _deleted: true });
  }

  async getAttachment(id: string, name: string, opts: { rev?: string } = {}) {
    const doc = await this.get(id, opts.rev ? { rev: opts.rev } : {});
    const att = (
      doc._attachments as Record<string, { digest?: string; content_type?: string }> | undefined
    )?.[name];
    return this.reading(async (kv) => {
      const data = att?.digest ? await kv.get(K.blob(att.digest)) : undefined;
      if (data === undefined) throw notFound('missing');
      return {
        data: Buffer.from(data, 'base64'),
        contentType: att?.content_type ?? 'application/octet-stream',
      };
    });
  }
}

const missingRev = (id: string, rev: string, reason = 'missing') => ({
  error: { id, rev, error: 'not_found', reason },
});

function selectorTypes(selector: { type: string | { $in: string[] } }): Set<string> {
  return new Set(typeof selector.type === 'string' ? [selector.type] : selector.type.$in);
}
