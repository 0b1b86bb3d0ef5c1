import type { Hono } from 'hono';
import { badRequest, forbidden, notFound } from '../errors.ts';
import { readJson } from '../http/read-json.ts';
import type { AppEnv } from '../http/types.ts';
import type { DocReadOptions } from '../storage/shop-db.ts';
import { asObject, bool, db, jsonParam, unknownRevisions } from './params.ts';
import { writeBatch } from './store.ts';

/** Single-document and attachment endpoints (registered after the `_` endpoints). */
export function registerDocRoutes(r: Hono<AppEnv>): void {
  r.all('/:shop/_design/*', () => {
    throw forbidden('design documents are not available');
  });

  r.get('/:shop/:docid', async (c) => {
    const id = c.req.param('docid');
    if (id.startsWith('_')) throw notFound();
    const openRevs = c.req.query('open_revs');
    const rev = c.req.query('rev');
    const opts: DocReadOptions = {
      revs: bool(c.req.query('revs')),
      latest: bool(c.req.query('latest')),
      conflicts: bool(c.req.query('conflicts')),
      attachments: bool(c.req.query('attachments')),
      revs_info: bool(c.req.query('revs_info')),
      ...(rev ? { rev } : {}),
    };
    if (openRevs === undefined) {
      if (rev && opts.latest && (await unknownRevisions(db(c), [{ id, rev }])).size) {
        throw notFound();
      }
      return c.json(await db(c).get(id, opts));
    }
    if (openRevs === 'all') return c.json(await db(c).getOpenRevs(id, 'all', opts));
    const revs = jsonParam<unknown>(c, 'open_revs');
    if (!Array.isArray(revs) || !revs.every((r) => typeof r === 'string')) {
      throw badRequest('open_revs must be "all" or an array of revisions');
    }
    let known: string[] = revs;
    const missing: { missing: string }[] = [];
    if (opts.latest && revs.length) {
      const unknown = await unknownRevisions(
        db(c),
        revs.map((r) => ({ id, rev: r })),
      );
      known = revs.filter((r) => !unknown.has(`${id}\n${r}`));
      for (const r of revs) if (unknown.has(`${id}\n${r}`)) missing.push({ missing: r });
    }
    const found = known.length ? await db(c).getOpenRevs(id, known, opts) : [];
    return c.json([...found, ...missing]);
  });

  r.put('/:shop/:docid', async (c) => {
    const id = c.req.param('docid');
    const body: Record<string, unknown> = { ...asObject(await readJson(c), 'document'), _id: id };
    const rev = c.req.query('rev');
    if (rev && body._rev === undefined) body._rev = rev;
    const newEdits = c.req.query('new_edits') !== 'false';
    const [result] = await writeBatch(db(c), c.get('role'), [body], newEdits);
    if (result && 'error' in result && result.error === 'forbidden') {
      throw forbidden(String((result as { reason?: string }).reason));
    }
    if (result && 'error' in result) {
      const e = result as { status?: number; error?: unknown; reason?: string };
      return c.json(
        {
          error: typeof e.error === 'string' ? e.error : 'conflict',
          reason: e.reason ?? 'Document update conflict.',
        },
        e.status === 409 ? 409 : 400,
      );
    }
    return c.json(result, 201);
  });

  r.delete('/:shop/:docid', async (c) => {
    const id = c.req.param('docid');
    const rev = c.req.query('rev');
    if (!rev) throw badRequest('rev is required');
    const [result] = await writeBatch(
      db(c),
      c.get('role'),
      [{ _id: id, _rev: rev, _deleted: true }],
      true,
    );
    if (result && 'error' in result) {
      const e = result as { status?: number; reason?: string };
      if (e.status === 403) throw forbidden(e.reason ?? 'forbidden');
      return c.json({ error: 'conflict', reason: e.reason ?? 'Document update conflict.' }, 409);
    }
    return c.json(result);
  });

  r.get('/:shop/:docid/:att{.+}', async (c) => {
    const id = c.req.param('docid');
    const att = c.req.param('att');
    const rev = c.req.query('rev');
    const { data, contentType } = await db(c).getAttachment(id, att, rev ? { rev } : {});
    return c.body(new Uint8Array(data), 200, {
      'Content-Type': contentType,
      'Cache-Control': 'private, max-age=31536000, immutable',
    });
  });
}
