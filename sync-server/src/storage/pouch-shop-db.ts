import type {
  AllDocsResult,
  BulkGetResult,
  ChangeRow,
  ShopDb,
  StoredDoc,
  WriteResult,
} from './shop-db.ts';
import { failure } from './write-plan.ts';

type Loose = Record<string, unknown>;

/**
 * A shop kept in CouchDB, through PouchDB's http adapter: the same `ShopDb` the
 * revision store gives, so routes and the resolver do not know which one they have.
 */
export function pouchShopDb(db: PouchDB.Database): ShopDb {
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
      const res = (await db.bulkDocs(docs as PouchDB.Core.PutDocument<object>[], {
        new_edits: newEdits,
      })) as Loose[];
      if (newEdits) return res.map((r) => toResult(r));
      // With new_edits=false PouchDB answers only the failures: match them by id.
      const failed = new Map<string, Loose>();
      for (const r of res) if (r.error && typeof r.id === 'string') failed.set(r.id, r);
      return docs.map((d) => {
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
