import type { Context } from 'hono';
import { badRequest } from '../errors.ts';
import type { AppEnv } from '../http/types.ts';
import type { AllDocsOptions, BulkGetResult, ShopDb } from '../storage/shop-db.ts';
import { chunksOf, jsonWithArray, streamed } from './json-stream.ts';
import { MAX_ENTRIES } from './bodies.ts';
import { bool, db, jsonParam, missingRev, unknownRevisions } from './params.ts';

/**
 * The multi-document reads, `_bulk_get` and `_all_docs`, bounded: at most
 * `MAX_ENTRIES` distinct documents a request, repeats answered once (a 9 KB request
 * asking 6,000 times for a 1 MB photo once took the server down), and bodies read
 * and written a chunk at a time, so an answer never sits whole in memory.
 */
/** Documents per read; a few when their attachments come inline (up to 4 MB each). */
const CHUNK = { docs: 100, withAttachments: 4 };

const tooMany = (what: string) =>
  badRequest(`at most ${MAX_ENTRIES.toLocaleString('en')} distinct ${what} per request`);

type Asked = { id: string; rev?: string | undefined };

/** The asked (id, rev) pairs, each once, grouped by id in the order first asked. */
function distinctPairs(docs: Asked[]): Asked[] {
  const byId = new Map<string, Set<string | undefined>>();
  let count = 0;
  for (const o of docs) {
    const revs = byId.get(o.id) ?? new Set<string | undefined>();
    if (!revs.has(o.rev)) {
      revs.add(o.rev);
      if (++count > MAX_ENTRIES) throw tooMany('documents');
    }
    byId.set(o.id, revs);
  }
  return [...byId].flatMap(([id, revs]) =>
    [...revs].map((rev) => (rev === undefined ? { id } : { id, rev })),
  );
}

/** One chunk of a `_bulk_get` answer, in CouchDB's shape (no stack traces). */
async function bulkGetChunk(
  d: ShopDb,
  asked: Asked[],
  opts: { revs: boolean; latest: boolean; attachments: boolean },
): Promise<BulkGetResult['results']> {
  let known = asked;
  const unknownResults: BulkGetResult['results'] = [];
  if (opts.latest) {
    const withRev = asked.filter((a): a is { id: string; rev: string } => Boolean(a.rev));
    const unknown = withRev.length ? await unknownRevisions(d, withRev) : new Set<string>();
    known = asked.filter((a) => {
      if (!a.rev || !unknown.has(`${a.id}\n${a.rev}`)) return true;
      unknownResults.push({ id: a.id, docs: [missingRev(a.id, a.rev)] });
      return false;
    });
  }
  const result = known.length ? await d.bulkGet({ docs: known, ...opts }) : { results: [] };
  const results = result.results.map((r) => ({
    id: r.id,
    docs: r.docs.map((doc) => {
      if (!('error' in doc)) return doc;
      const e = doc.error as { name?: unknown; message?: unknown; reason?: unknown; rev?: unknown };
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
  return [...results, ...unknownResults];
}

export async function bulkGet(c: Context<AppEnv>, body: { docs: Asked[] }): Promise<Response> {
  const pairs = distinctPairs(body.docs);
  const opts = {
    revs: bool(c.req.query('revs')),
    latest: bool(c.req.query('latest')),
    attachments: bool(c.req.query('attachments')),
  };
  const chunks = chunksOf(pairs, opts.attachments ? CHUNK.withAttachments : CHUNK.docs);
  const d = db(c);
  if (chunks.length <= 1) return c.json({ results: await bulkGetChunk(d, pairs, opts) });
  async function* results() {
    for (const chunk of chunks) yield await bulkGetChunk(d, chunk, opts);
  }
  return streamed(
    c,
    jsonWithArray('', 'results', results(), () => ''),
  );
}

export async function allDocs(
  c: Context<AppEnv>,
  body: { keys?: string[] | undefined } = {},
): Promise<Response> {
  const given = body.keys ?? jsonParam<unknown>(c, 'keys');
  if (
    given !== undefined &&
    (!Array.isArray(given) || !given.every((k) => typeof k === 'string'))
  ) {
    throw badRequest('keys must be an array of ids');
  }
  const keys = Array.isArray(given) ? [...new Set(given)] : undefined;
  if (keys && keys.length > MAX_ENTRIES) throw tooMany('keys');
  const limit = c.req.query('limit');
  const startkey = jsonParam<unknown>(c, 'startkey') ?? jsonParam<unknown>(c, 'start_key');
  const endkey = jsonParam<unknown>(c, 'endkey') ?? jsonParam<unknown>(c, 'end_key');
  const includeDocs = bool(c.req.query('include_docs'));
  const conflicts = bool(c.req.query('conflicts'));
  const opts: AllDocsOptions = {
    conflicts,
    descending: bool(c.req.query('descending')),
    // A range is bounded like _changes: one request never lists more than this.
    ...(keys
      ? { keys }
      : {
          limit: limit && /^\d+$/.test(limit) ? Math.min(Number(limit), MAX_ENTRIES) : MAX_ENTRIES,
        }),
    ...(typeof startkey === 'string' ? { startkey } : {}),
    ...(typeof endkey === 'string' ? { endkey } : {}),
  };
  const d = db(c);
  // The rows alone are small (an id and a revision); the documents are read a chunk at a time.
  const listed = await d.allDocs(opts);
  if (!includeDocs) return c.json(listed);
  const ids = listed.rows.map((r) => r.key);
  const chunks = chunksOf(ids, CHUNK.docs);
  const withDocs = async (part: string[]) => {
    const res = await d.allDocs({ keys: part, include_docs: true, conflicts });
    // a range lists live documents: one deleted between the two reads is left out
    return keys ? res.rows : res.rows.filter((r) => 'value' in r && !r.value.deleted);
  };
  if (chunks.length <= 1) {
    return c.json({ ...listed, rows: chunks[0] ? await withDocs(chunks[0]) : [] });
  }
  async function* rows() {
    for (const chunk of chunks) yield await withDocs(chunk);
  }
  const head = `"total_rows":${listed.total_rows},"offset":${listed.offset}`;
  return streamed(
    c,
    jsonWithArray(head, 'rows', rows(), () => ''),
  );
}
