import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { REVS_LIMIT } from '@stallkeeper/shared';
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
import { readCheckpoint, removeCheckpoint, writeCheckpoint } from './checkpoints.ts';
import { registerDocRoutes } from './doc-routes.ts';
import { allDocs, bulkGet, MAX_ENTRIES } from './reads.ts';
import { asObject, bool, db, jsonParam } from './params.ts';
import { batchContext } from './batch-context.ts';
import { writeBatch } from './store.ts';

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
      if (ids.length > MAX_ENTRIES) throw badRequest(`at most ${MAX_ENTRIES} doc_ids`);
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
      ...(limit && /^\d+$/.test(limit) ? { limit: Math.min(Number(limit), MAX_ENTRIES) } : {}),
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
    const entries = Object.values(body);
    if (entries.length > MAX_ENTRIES) throw badRequest(`at most ${MAX_ENTRIES} ids`);
    for (const revs of entries) {
      if (!Array.isArray(revs) || !revs.every((x) => typeof x === 'string')) {
        throw badRequest('each id must map to an array of revisions');
      }
      if (revs.length > REVS_LIMIT) throw badRequest(`at most ${REVS_LIMIT} revisions per id`);
    }
    return c.json(await db(c).revsDiff(body as Record<string, string[]>));
  });

  r.post('/:shop/_bulk_docs', async (c) => {
    const body = asObject(await readJson(c), 'body');
    if (!Array.isArray(body.docs)) throw badRequest('docs must be an array');
    if (body.docs.length > 10_000) throw badRequest('at most 10,000 documents per batch');
    const newEdits = body.new_edits !== false;
    const results = await writeBatch(db(c), batchContext(c), body.docs, newEdits);
    return c.json(results, 201);
  });

  r.post('/:shop/_bulk_get', bulkGet);
  r.get('/:shop/_all_docs', (c) => allDocs(c));
  r.post('/:shop/_all_docs', async (c) => allDocs(c, asObject(await readJson(c), 'body')));

  r.post('/:shop/_ensure_full_commit', (c) => c.json({ ok: true, instance_start_time: '0' }, 201));

  // Replication checkpoints: each member's own, never replicated (checkpoints.ts).
  r.get('/:shop/_local/:id{.+}', async (c) =>
    c.json(await readCheckpoint(db(c), c.req.param('id'), c.get('userId'))),
  );
  r.put('/:shop/_local/:id{.+}', async (c) => {
    const body = asObject(await readJson(c), 'body');
    return c.json(await writeCheckpoint(db(c), c.req.param('id'), body, c.get('userId')), 201);
  });
  r.delete('/:shop/_local/:id{.+}', async (c) => {
    const rev = c.req.query('rev');
    if (!rev) throw badRequest('rev is required');
    return c.json(await removeCheckpoint(db(c), c.req.param('id'), rev, c.get('userId')));
  });

  registerDocRoutes(r);

  return r;
}
