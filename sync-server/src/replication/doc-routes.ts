import type { Context, Hono } from 'hono';
import { REVS_LIMIT } from '@stallkeeper/shared';
import { badRequest, forbidden, notFound } from '../errors.ts';
import { readJson } from '../http/read-json.ts';
import type { AppEnv } from '../http/types.ts';
import type { DocReadOptions } from '../storage/shop-db.ts';
import { asObject, bool, db, jsonParam, unknownRevisions } from './params.ts';
import { batchContext } from './batch-context.ts';
import { chunksOf, streamed } from './json-stream.ts';
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
    let revs: string[];
    if (openRevs === 'all') {
      if (!opts.attachments) return c.json(await db(c).getOpenRevs(id, 'all', opts));
      // with attachments inline, the leaves are read a few at a time (openRevs below)
      const leaves = await db(c).getOpenRevs(id, 'all', { ...opts, attachments: false });
      revs = leaves.map((l) => ('ok' in l ? l.ok._rev : l.missing));
    } else {
      const asked = jsonParam<unknown>(c, 'open_revs');
      if (!Array.isArray(asked) || !asked.every((r) => typeof r === 'string')) {
        throw badRequest('open_revs must be "all" or an array of revisions');
      }
      revs = [...new Set(asked)];
      if (revs.length > REVS_LIMIT) throw badRequest(`at most ${REVS_LIMIT} open_revs`);
    }
    return openRevsAnswer(c, id, revs, opts);
  });

  r.put('/:shop/:docid', async (c) => {
    const id = c.req.param('docid');
    const body: Record<string, unknown> = { ...asObject(await readJson(c), 'document'), _id: id };
    const rev = c.req.query('rev');
    if (rev && body._rev === undefined) body._rev = rev;
    const newEdits = c.req.query('new_edits') !== 'false';
    const [result] = await writeBatch(db(c), batchContext(c), [body], newEdits);
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
      batchContext(c),
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

/** `open_revs` as a list: unknown ones `{missing}`, the rest read (a few at a time with attachments). */
async function openRevsAnswer(
  c: Context<AppEnv>,
  id: string,
  revs: string[],
  opts: DocReadOptions,
): Promise<Response> {
  let known = revs;
  const missing: { missing: string }[] = [];
  if (opts.latest && revs.length) {
    const unknown = await unknownRevisions(
      db(c),
      revs.map((r) => ({ id, rev: r })),
    );
    known = revs.filter((r) => !unknown.has(`${id}\n${r}`));
    for (const r of revs) if (unknown.has(`${id}\n${r}`)) missing.push({ missing: r });
  }
  const chunks = chunksOf(known, opts.attachments ? 4 : REVS_LIMIT);
  if (chunks.length <= 1) {
    const found = known.length ? await db(c).getOpenRevs(id, known, opts) : [];
    return c.json([...found, ...missing]);
  }
  async function* pieces() {
    yield '[';
    let first = true;
    for (const chunk of chunks) {
      const found = await db(c).getOpenRevs(id, chunk, opts);
      yield `${first ? '' : ','}${found.map((f) => JSON.stringify(f)).join(',')}`;
      first = false;
    }
    yield `${missing.length ? ',' : ''}${missing.map((m) => JSON.stringify(m)).join(',')}]`;
  }
  return streamed(c, pieces());
}
