import type {
  AllDocsResult,
  BulkGetResult,
  ChangeRow,
  ShopDb,
  StoredDoc,
  WriteResult,
} from './shop-db.ts';
import { revisionFieldsError } from '@stallkeeper/shared';
import { CouchStateParts } from './couch-state-parts.ts';
import { failure } from './write-plan.ts';

type Loose = Record<string, unknown>;

const stateId = (name: string) => `_local/stallkeeper.server.${name}`;
const PARTS_ID = stateId('parts');

/**
 * A shop kept in CouchDB, through PouchDB's http adapter: the same `ShopDb` the
 * revision store gives, so routes and the resolver do not know which one they have.
 */
export function pouchShopDb(db: PouchDB.Database): ShopDb {
  const parts = new CouchStateParts(db, PARTS_ID);
  return {
    info: () => db.info(),
    async changes(opts = {}) {
      const res = await db.changes({ ...opts, return_docs: true });
      return { results: res.results as unknown as ChangeRow[], last_seq: res.last_seq };
    },
    subscribe(listener, since = 'now') {
      const feed = db.changes({ since, live: true, return_docs: false });
      void feed.on('change', listener);
      void feed.on('error', () => undefined);
      return () => feed.cancel();
    },
    revsDiff: (req) => db.revsDiff(req) as Promise<Record<string, { missing: string[] }>>,
    async bulkDocs(docs, opts = {}) {
      const newEdits = opts.new_edits !== false;
      // The one rule of what a revision is (shared), as the revision store applies it:
      // a malformed history is refused here, alone, never sent on to fail a batch.
      const refused = docs.map((d) => {
        const doc = (d ?? {}) as Record<string, unknown>;
        const reason = revisionFieldsError(doc);
        return reason
          ? failure(typeof doc._id === 'string' ? doc._id : '', 400, 'bad_request', reason)
          : null;
      });
      const sent = docs.filter((_, i) => !refused[i]);
      const res = sent.length
        ? ((await db.bulkDocs(sent as PouchDB.Core.PutDocument<object>[], {
            new_edits: newEdits,
          })) as Loose[])
        : [];
      let next = 0;
      if (newEdits) return refused.map((r) => r ?? toResult(res[next++] ?? {}));
      // With new_edits=false PouchDB answers only the failures: match them by id.
      const failed = new Map<string, Loose>();
      for (const r of res) if (r.error && typeof r.id === 'string') failed.set(r.id, r);
      return docs.map((d, i) => {
        const r = refused[i];
        if (r) return r;
        const { _id: id = '', _rev: rev = '' } = (d ?? {}) as { _id?: string; _rev?: string };
        const f = failed.get(id);
        return f ? toResult(f) : { ok: true as const, id, rev };
      });
    },
    bulkGet: (opts) => db.bulkGet(opts) as unknown as Promise<BulkGetResult>,
    allDocs: ((opts = {}) =>
      db.allDocs(
        opts as PouchDB.Core.AllDocsOptions,
      ) as unknown as Promise<AllDocsResult>) as ShopDb['allDocs'],
    get: <T extends object>(id: string, opts = {}) =>
      db.get(id, opts as PouchDB.Core.GetOptions) as Promise<T & StoredDoc>,
    getOpenRevs: (id, revs, opts = {}) =>
      db.get(id, { ...opts, open_revs: revs } as PouchDB.Core.GetOptions) as unknown as Promise<
        ({ ok: StoredDoc } | { missing: string })[]
      >,
    put: async (doc) => {
      const r = await db.put(doc as PouchDB.Core.PutDocument<object>);
      return { ok: true, id: r.id, rev: r.rev };
    },
    remove: async (id, rev) => {
      const r = await db.remove(id, rev);
      return { ok: true, id: r.id, rev: r.rev };
    },
    async getAttachment(id, name, opts = {}) {
      const blob = (await db.getAttachment(id, name, opts)) as Buffer;
      const doc = await db.get(id, opts.rev ? { rev: opts.rev } : {});
      const contentType = doc._attachments?.[name]?.content_type ?? 'application/octet-stream';
      return { data: blob, contentType };
    },
    // A `_local/` name outside what any client can address (checkpoints.ts namespaces theirs).
    async readState(name) {
      const doc = await db.get<{ json: string }>(stateId(name)).catch(() => null);
      return doc?.json;
    },
    async writeState(name, json) {
      for (;;) {
        const held = await db.get(stateId(name)).catch(() => null);
        try {
          await db.put({ _id: stateId(name), ...(held ? { _rev: held._rev } : {}), json });
          return;
        } catch (err) {
          if ((err as { status?: number }).status !== 409) throw err;
        }
      }
    },
    async createState(name, json) {
      for (;;) {
        const held = await db.get<{ json: string }>(stateId(name)).catch(() => null);
        if (held) return held.json;
        try {
          await db.put({ _id: stateId(name), json });
          return json;
        } catch (err) {
          // another replica stored one first: theirs is the one
          if ((err as { status?: number }).status !== 409) throw err;
        }
      }
    },
    // CouchDB has no write across documents: buckets and a manifest (couch-state-parts.ts).
    readStateParts: (prefix) => parts.read(prefix),
    readStatePart: (name) => parts.readOne(name),
    writeStateParts: (puts, dels) => parts.write(puts, dels),
    close: () => db.close(),
    destroy: async () => {
      await db.destroy();
    },
  };
}

function toResult(r: Loose): WriteResult {
  const id = typeof r.id === 'string' ? r.id : '';
  if (!r.error) return { ok: true, id, rev: typeof r.rev === 'string' ? r.rev : '' };
  const reason =
    typeof r.reason === 'string'
      ? r.reason
      : typeof r.message === 'string'
        ? r.message
        : 'The document could not be stored.';
  return failure(
    id,
    typeof r.status === 'number' ? r.status : 500,
    typeof r.name === 'string' ? r.name : 'error',
    reason,
  );
}
