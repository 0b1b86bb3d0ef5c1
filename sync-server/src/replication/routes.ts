import { Hono } from 'hono';
import { badRequest } from '../errors.ts';
import { requireSession } from '../http/auth.ts';
import { memberOf } from '../http/membership.ts';
import { parseBody } from '../http/parse.ts';
import type { AppEnv } from '../http/types.ts';
import { batchContext } from './batch-context.ts';
import {
  allDocsBody,
  bulkDocsBody,
  bulkGetBody,
  changesBody,
  objectBody,
  revsDiffBody,
} from './bodies.ts';
import { changes } from './changes.ts';
import { readCheckpoint, removeCheckpoint, writeCheckpoint } from './checkpoints.ts';
import { registerDocRoutes } from './doc-routes.ts';
import { db } from './params.ts';
import { allDocs, bulkGet } from './reads.ts';
import { writeBatch } from './store.ts';

/** Only members reach a shop; anyone else gets the answer a missing shop gets. */
const memberOnly = memberOf('shop', 'any', 'Database does not exist.');

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

  r.get('/:shop/_changes', (c) => changes(c));
  r.post('/:shop/_changes', async (c) => changes(c, await parseBody(c, changesBody)));

  r.post('/:shop/_revs_diff', async (c) =>
    c.json(await db(c).revsDiff(await parseBody(c, revsDiffBody))),
  );

  r.post('/:shop/_bulk_docs', async (c) => {
    const body = await parseBody(c, bulkDocsBody);
    const results = await writeBatch(db(c), batchContext(c), body.docs, body.new_edits !== false);
    return c.json(results, 201);
  });

  r.post('/:shop/_bulk_get', async (c) => bulkGet(c, await parseBody(c, bulkGetBody)));
  r.get('/:shop/_all_docs', (c) => allDocs(c));
  r.post('/:shop/_all_docs', async (c) => allDocs(c, await parseBody(c, allDocsBody)));

  r.post('/:shop/_ensure_full_commit', (c) => c.json({ ok: true, instance_start_time: '0' }, 201));

  // Replication checkpoints: each member's own, never replicated (checkpoints.ts).
  r.get('/:shop/_local/:id{.+}', async (c) =>
    c.json(await readCheckpoint(db(c), c.req.param('id'), c.get('userId'))),
  );
  r.put('/:shop/_local/:id{.+}', async (c) => {
    const body = await parseBody(c, objectBody);
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
