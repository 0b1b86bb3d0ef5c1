import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { badRequest, notFound } from '../errors.ts';
import { requireSession } from '../http/auth.ts';
import { readJson } from '../http/read-json.ts';
import type { AppEnv } from '../http/types.ts';
import { SHOP_ID_RE } from '../storage/storage.ts';
import {
  parseSince,
  respondChanges,
  typeSelector,
  type ChangesQuery,
  type TypeSelector,
} from './changes.ts';
import { registerDocRoutes } from './doc-routes.ts';
import { asObject, bool, db, jsonParam, missingRev, unknownRevisions } from './params.ts';
import { writeBatch } from './store.ts';

/** The most rows one `_changes` or `_all_docs` answer holds. */
const MAX_PAGE = 10_000;

/** Only members reach a shop; anyone else gets the answer a missing shop gets. */
const memberOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  const shopId = c.req.param('shop') ?? '';
  const role = SHOP_ID_RE.test(shopId)
    ? await c.get('services').shops.roleOf(shopId, c.get('userId'))
    : null;
  if (!role) throw notFound('Database does not exist.');
  c.set('shopId', shopId);
  c.set('role', role);
  await next();
};

/**
 * `/db/<shopId>/…`: the CouchDB replication endpoints PouchDB's replicator uses,
 * over the shop's `ShopDb` (which merges revision trees).
 */
export function replicationRoutes() {
  const r = new Hono<AppEnv>({ strict: false });

  // Server root: PouchDB asks it for a uuid to name its checkpoints.
  r.get('/', requireSession, async (c) =>
    c.json({
      couchdb: 'Welcome',
      vendor: { name: 'stallkeeper' },
      uuid: await c.get('services').serverUuid(),
    }),
  );

  r.use('/:shop', requireSession, memberOnly);
  r.use('/:shop/*', requireSession, memberOnly);

  r.get('/:shop', async (c) => {
    const info = await db(c).info();
    return c.json({
      db_name: c.get('shopId'),
      doc_count: info.doc_count,
      update_seq: info.update_seq,
      instance_start_time: '0',
    });
  });
  r.put('/:shop', (c) =>
    c.json(
      {
        error: 'file_exists',
        reason: 'The database could not be created, the file already exists.',
      },
      412,
    ),
  );

  const changes = async (c: Context<AppEnv>, body: Record<string, unknown> = {}) => {
    const limit = c.req.query('limit');
    const style = c.req.query('style');
    const filter = c.req.query('filter');
    let docIds: string[] | undefined;
    let selector: TypeSelector | undefined;
    if (filter === '_doc_ids') {
      const ids = body.doc_ids ?? jsonParam<unknown>(c, 'doc_ids');
      if (!Array.isArray(ids) || !ids.every((x) => typeof x === 'string')) {
        throw badRequest('doc_ids must be an array of ids');
      }
      docIds = ids;
    } else if (filter === '_selector') {
      selector = typeSelector(body.selector);
    } else if (filter) {
      throw badRequest('only the _doc_ids and _selector filters are supported');
    }
    const q: ChangesQuery = {
      since: parseSince(c.req.query('since')),
      include_docs: bool(c.req.query('include_docs')),
      conflicts: bool(c.req.query('conflicts')),
      descending: bool(c.req.query('descending')),
      ...(limit && /^\d+$/.test(limit) ? { limit: Math.min(Number(limit), MAX_PAGE) } : {}),
      ...(style === 'all_docs' || style === 'main_only' ? { style } : {}),
      ...(docIds ? { doc_ids: docIds } : {}),
      ...(selector ? { selector } : {}),
    };
    return respondChanges(c, db(c), q);
  };
  r.get('/:shop/_changes', (c) => changes(c));
  r.post('/:shop/_changes', async (c) => changes(c, asObject(await readJson(c), 'body')));

  r.post('/:shop/_revs_diff', async (c) => {
    const body = asObject(await readJson(c), 'body');
    for (const revs of Object.values(body)) {
      if (!Array.isArray(revs) || !revs.every((x) => typeof x === 'string')) {
        throw badRequest('each id must map to an array of revisions');
      }
    }
    return c.json(await db(c).revsDiff(body as Record<string, string[]>));
  });

  r.post('/:shop/_bulk_docs', async (c) => {
    const body = asObject(await readJson(c), 'body');
    if (!Array.isArray(body.docs)) throw badRequest('docs must be an array');
    if (body.docs.length > 10_000) throw badRequest('at most 10,000 documents per batch');
    const newEdits = body.new_edits !== false;
    const results = await writeBatch(db(c), c.get('role'), body.docs, newEdits);
    return c.json(results, 201);
  });

  r.post('/:shop/_bulk_get', async (c) => {
    const body = asObject(await readJson(c), 'body');
    const docs = body.docs;
    if (!Array.isArray(docs)) throw badRequest('docs must be an array');
    for (const d of docs) {
      const o = asObject(d, 'each entry');
      if (typeof o.id !== 'string') throw badRequest('each entry needs an id');
      if (o.rev !== undefined && typeof o.rev !== 'string') {
        throw badRequest('rev must be a string');
      }
    }
    const latest = bool(c.req.query('latest'));
    let asked = docs as { id: string; rev?: string }[];
    const unknownResults: { id: string; docs: ReturnType<typeof missingRev>[] }[] = [];
    if (latest) {
      const withRev = asked.filter((d): d is { id: string; rev: string } => Boolean(d.rev));
      const unknown = withRev.length ? await unknownRevisions(db(c), withRev) : new Set<string>();
      asked = asked.filter((d) => {
        if (!d.rev || !unknown.has(`${d.id}\n${d.rev}`)) return true;
        unknownResults.push({ id: d.id, docs: [missingRev(d.id, d.rev)] });
        return false;
      });
    }
    const result = asked.length
      ? await db(c).bulkGet({
          docs: asked,
          revs: bool(c.req.query('revs')),
          latest,
          attachments: bool(c.req.query('attachments')),
        })
      : { results: [] };
    // CouchDB's shape for a missing revision, without PouchDB's stack trace.
    const results = result.results.map((r) => ({
      id: r.id,
      docs: r.docs.map((d) => {
        if (!('error' in d)) return d;
        const e = d.error as { name?: unknown; message?: unknown; reason?: unknown; rev?: unknown };
        return {
          error: {
            id: r.id,
            rev: typeof e.rev === 'string' ? e.rev : 'undefined',
            error: typeof e.name === 'string' ? e.name : 'not_found',
            reason:
              typeof e.reason === 'string'
                ? e.reason
                : typeof e.message === 'string'
                  ? e.message
                  : 'missing',
          },
        };
      }),
    }));
    return c.json({ results: [...results, ...unknownResults] });
  });

  const allDocs = async (c: Context<AppEnv>, body: Record<string, unknown> = {}) => {
    const keys = body.keys ?? jsonParam<unknown>(c, 'keys');
    if (keys !== undefined && (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string'))) {
      throw badRequest('keys must be an array of ids');
    }
    if (Array.isArray(keys) && keys.length > MAX_PAGE) throw badRequest(`at most ${MAX_PAGE} keys`);
    const limit = c.req.query('limit');
    const startkey = jsonParam<unknown>(c, 'startkey') ?? jsonParam<unknown>(c, 'start_key');
    const endkey = jsonParam<unknown>(c, 'endkey') ?? jsonParam<unknown>(c, 'end_key');
    const opts = {
      include_docs: bool(c.req.query('include_docs')),
      conflicts: bool(c.req.query('conflicts')),
      descending: bool(c.req.query('descending')),
      // Bounded like _changes: one request never builds an unbounded response.
      ...(Array.isArray(keys)
        ? {}
        : { limit: limit && /^\d+$/.test(limit) ? Math.min(Number(limit), MAX_PAGE) : MAX_PAGE }),
      ...(typeof startkey === 'string' ? { startkey } : {}),
      ...(typeof endkey === 'string' ? { endkey } : {}),
      ...(Array.isArray(keys) ? { keys } : {}),
    };
    return c.json(await db(c).allDocs(opts));
  };
  r.get('/:shop/_all_docs', (c) => allDocs(c));
  r.post('/:shop/_all_docs', async (c) => allDocs(c, asObject(await readJson(c), 'body')));

  r.post('/:shop/_ensure_full_commit', (c) => c.json({ ok: true, instance_start_time: '0' }, 201));

  // Replication checkpoints: per-device, never replicated.
  r.get('/:shop/_local/:id{.+}', async (c) =>
    c.json(await db(c).get(`_local/${c.req.param('id')}`)),
  );
  r.put('/:shop/_local/:id{.+}', async (c) => {
    const body = asObject(await readJson(c), 'body');
    const res = await db(c).put({ ...body, _id: `_local/${c.req.param('id')}` });
    return c.json(res, 201);
  });
  r.delete('/:shop/_local/:id{.+}', async (c) => {
    const rev = c.req.query('rev');
    if (!rev) throw badRequest('rev is required');
    return c.json(await db(c).remove(`_local/${c.req.param('id')}`, rev));
  });

  registerDocRoutes(r);

  return r;
}
