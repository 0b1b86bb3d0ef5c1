// The declarations must reach packages that compile this source too (tests/).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./pouchdb-merge.d.ts" />
import { latest, revExists } from 'pouchdb-merge';
import { compactStore, type CompactionReport } from './compaction.ts';
import type { Kv } from './kv.ts';
import type { LocalWrite } from './local-docs.ts';
import { seqOfPacked } from './index-entry.ts';
import { K, notFound, RevStoreCore, storeError, type Entry } from './rev-store-core.ts';
import { leavesOf, revStatuses, revsInfo, type RevTree } from './rev-tree.ts';
import { readStateParts, statePartsOps } from './server-state.ts';
import type { BulkGetOptions, BulkGetResult, DocReadOptions, StoredDoc } from './shop-db.ts';

/** How a stored revision is shaped for one answer. */
export interface Shape {
  revs?: boolean | undefined;
  conflicts?: boolean | undefined;
  attachments?: boolean | undefined;
}

/**
 * A shop's documents one by one (or a few at a time, as replication asks for them),
 * its `_local/` documents, the server's own state, and compaction: on top of the
 * index and the writes of rev-store-core.ts.
 */
export class RevStoreDocs extends RevStoreCore {
  /** The stored JSON of (id, rev) pairs, in order; undefined where absent. */
  protected async bodies(kv: Kv, pairs: [string, string][]): Promise<(string | undefined)[]> {
    return kv.getMany(pairs.map(([id, rev]) => K.body(id, rev)));
  }

  protected async shape(
    kv: Kv,
    raw: string,
    entry: Entry | undefined,
    shape: Shape,
  ): Promise<StoredDoc> {
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
      const doc = await this.shape(kv, raw, entry, opts);
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
          return raw ? { ok: await this.shape(kv, raw, entry, opts) } : { missing: r };
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
          docs.push(raw ? { ok: await this.shape(kv, raw, entry, opts) } : missingRev(p.id, rev));
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
          if (revs.length) out[id] = { missing: revs.length === 1 ? revs : [...new Set(revs)] };
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

  /** A `_local/` document's JSON (local-docs.ts keeps the small ones in memory). */
  protected readLocal(kv: Kv, id: string): Promise<string | undefined> {
    return this.locals.read(kv, id);
  }

  /** Put a `_local/` document (never replicated, no history): CouchDB's `0-N` revisions. */
  async putLocal(doc: Record<string, unknown>): Promise<LocalWrite> {
    const id = String(doc._id);
    // not in the turn of document writes: local-docs.ts writes them behind, together
    return this.reading((kv) => this.locals.put(kv, id, doc));
  }

  async removeLocal(id: string, rev: string): Promise<LocalWrite> {
    return this.reading((kv) => this.locals.remove(kv, id, rev));
  }

  /** Drop old revision bodies and unused attachments (compaction.ts). */
  compact(now = Date.now(), graceMs = 24 * 3_600_000): Promise<CompactionReport> {
    return compactStore(
      {
        ready: () => this.ready(),
        exclusive: (f) => this.exclusive(f),
        changedBetween: (after, upTo) => {
          const ids: string[] = [];
          for (const [id, v] of this.docs) {
            const seq = seqOfPacked(v);
            if (seq > after && seq <= upTo) ids.push(id);
          }
          return ids;
        },
        seqOf: (id) => this.seqOf(id),
        updateSeq: () => this.updateSeq,
        keys: { ...K, state: K.state('compaction') },
      },
      now,
      graceMs,
    );
  }

  async readState(name: string): Promise<string | undefined> {
    return this.reading((kv) => kv.get(K.state(name)));
  }

  async writeState(name: string, json: string): Promise<void> {
    await this.exclusive((kv) => kv.batch([{ type: 'put', key: K.state(name), value: json }]));
  }

  async createState(name: string, json: string): Promise<string> {
    return this.exclusive(async (kv) => {
      const held = await kv.get(K.state(name));
      if (held !== undefined) return held;
      await kv.batch([{ type: 'put', key: K.state(name), value: json }]);
      return json;
    });
  }

  async readStateParts(prefix: string): Promise<[string, string][]> {
    return this.reading((kv) => readStateParts(kv, prefix));
  }

  async readStatePart(name: string): Promise<string | undefined> {
    return this.reading((kv) => kv.get(K.state(name)));
  }

  async writeStateParts(puts: [string, string][], dels: string[]): Promise<void> {
    const ops = statePartsOps(puts, dels);
    await this.exclusive((kv) => kv.batch(ops));
  }
}

const missingRev = (id: string, rev: string, reason = 'missing') => ({
  error: { id, rev, error: 'not_found', reason },
});
