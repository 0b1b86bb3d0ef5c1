import type { Context } from 'hono';
import { badRequest, HttpError } from '../errors.ts';
import type { AppEnv } from '../http/types.ts';
import { MAX_ENTRIES } from './bodies.ts';
import { bool, db, jsonParam } from './params.ts';
import type { ChangeRow, ShopDb } from '../storage/shop-db.ts';
import { jsonWithArray, streamed } from './json-stream.ts';

const MAX_WAIT_MS = 60_000;
const DEFAULT_HEARTBEAT_MS = 10_000;
/**
 * A waiting longpoll answers this long after the change that woke it. A sale's order
 * and the resolver's allocation for it are written a few milliseconds apart: settled,
 * they reach every other phone of the shop in one answer instead of two, and each
 * answer costs each phone a round of requests (the changes, the documents, a checkpoint).
 */
export const SETTLE_MS = 100;

export interface ChangesQuery {
  since: number | string;
  limit?: number;
  style?: 'all_docs' | 'main_only';
  include_docs: boolean;
  conflicts: boolean;
  descending: boolean;
  doc_ids?: string[];
  selector?: TypeSelector;
}

/**
 * The one Mango selector the server filters changes by: document type (e.g. a
 * client replicating only products). Anything richer is refused, not ignored.
 */
export type TypeSelector = { type: string | { $in: string[] } };

export function typeSelector(value: unknown): TypeSelector {
  const bad = () =>
    new HttpError(400, 'bad_request', 'selector must be {"type": "x"} or {"type": {"$in": [...]}}');
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw bad();
  const keys = Object.keys(value);
  const type = (value as { type?: unknown }).type;
  if (keys.length !== 1 || keys[0] !== 'type') throw bad();
  if (typeof type === 'string' && type.length <= 40) return { type };
  const list = (type as { $in?: unknown } | null)?.$in;
  if (
    type &&
    typeof type === 'object' &&
    Object.keys(type).length === 1 &&
    Array.isArray(list) &&
    list.length <= 20 &&
    list.every((x) => typeof x === 'string' && x.length <= 40)
  ) {
    return { type: { $in: list as string[] } };
  }
  throw bad();
}

/** `since` arrives as a string; PouchDB's LevelDB store needs a number (else it loops). */
export function parseSince(value: string | undefined): number | string {
  if (value === undefined || value === '' || value === '0') return 0;
  if (/^\d+$/.test(value)) return Number(value);
  return value; // 'now', or an opaque CouchDB sequence when storing in CouchDB
}

type ChangesPage = Awaited<ReturnType<ShopDb['changes']>>;

/** Rows per read from the store: every `_changes` answer holds at most one page in memory. */
const PAGE = { rows: 1000, withDocs: 100 };

async function resolveSince(db: ShopDb, since: number | string): Promise<number | string> {
  return since === 'now' ? (await db.info()).update_seq : since;
}

/** The changes after `q.since`, read a page at a time, and the `last_seq` once the pages are done. */
async function* pages(
  db: ShopDb,
  q: ChangesQuery,
  end: { lastSeq: number | string },
  first?: ChangesPage,
): AsyncGenerator<ChangeRow[]> {
  const page = q.include_docs ? PAGE.withDocs : PAGE.rows;
  let since = q.since;
  let left = q.limit ?? Infinity;
  let read = first;
  for (;;) {
    const want = Math.min(left, page);
    const res = read ?? (await db.changes({ ...q, since, limit: want }));
    read = undefined;
    end.lastSeq = res.last_seq;
    yield res.results;
    left -= res.results.length;
    // a descending feed is one page: its `since` does not page backwards
    if (res.results.length < want || left <= 0 || q.descending) return;
    since = res.last_seq;
  }
}

/** The answer's pieces: `{"results":[…],"last_seq":…}`. */
function answer(db: ShopDb, q: ChangesQuery, first?: ChangesPage): AsyncGenerator<string> {
  const end: { lastSeq: number | string } = { lastSeq: q.since };
  return jsonWithArray(
    '',
    'results',
    pages(db, q, end, first),
    () => `"last_seq":${JSON.stringify(end.lastSeq)}`,
  );
}

/**
 * A descending feed cannot page by `since` (sequences may be opaque), so its rows are
 * read in one go, at most `MAX_ENTRIES`, and their documents a chunk at a time.
 */
async function descendingAnswer(c: Context, db: ShopDb, q: ChangesQuery): Promise<Response> {
  const rows = await db.changes({
    ...q,
    include_docs: false,
    limit: Math.min(q.limit ?? MAX_ENTRIES, MAX_ENTRIES),
  });
  if (!q.include_docs) return c.json(rows);
  async function* withDocs(): AsyncGenerator<ChangeRow[]> {
    for (let i = 0; i < rows.results.length; i += PAGE.withDocs) {
      const part = rows.results.slice(i, i + PAGE.withDocs);
      const docs = await db.allDocs({
        keys: part.map((r) => r.id),
        include_docs: true,
        conflicts: q.conflicts,
      });
      const byId = new Map(docs.rows.flatMap((r) => ('doc' in r && r.doc ? [[r.id, r.doc]] : [])));
      yield part.map((r) => {
        const doc = byId.get(r.id);
        const rev = r.changes[0]?.rev ?? '';
        return { ...r, doc: doc ?? { _id: r.id, _rev: rev, _deleted: true } };
      });
    }
  }
  return streamed(
    c,
    jsonWithArray('', 'results', withDocs(), () => `"last_seq":${JSON.stringify(rows.last_seq)}`),
  );
}

/** Resolve when the database changes after `since`, or after `ms`, or on abort. */
function waitForChange(
  db: ShopDb,
  since: number | string,
  ms: number,
  aborted: Promise<void>,
): Promise<void> {
  let unsubscribe = () => {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  let settle: ReturnType<typeof setTimeout> | undefined;
  const changed = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    unsubscribe = db.subscribe(() => {
      settle ??= setTimeout(resolve, SETTLE_MS);
    }, since);
  });
  return Promise.race([changed, aborted]).finally(() => {
    clearTimeout(timer);
    clearTimeout(settle);
    unsubscribe();
  });
}

/** A longpoll: heartbeat newlines while nothing changes, then the changes. */
async function* longpoll(
  db: ShopDb,
  q: ChangesQuery,
  timeout: number,
  heartbeat: number,
  aborted: Promise<void>,
  isAborted: () => boolean,
): AsyncGenerator<string> {
  let woke = false;
  const wait = waitForChange(db, q.since, timeout, aborted).then(() => {
    woke = true;
  });
  while (!woke) {
    let beat: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([wait, new Promise<void>((r) => (beat = setTimeout(r, heartbeat)))]);
    clearTimeout(beat);
    if (isAborted()) return;
    if (!woke) yield '\n';
  }
  yield* answer(db, q);
}

/** `_changes` (GET, or POST with `doc_ids` / `selector` in the body). */
export async function changes(
  c: Context<AppEnv>,
  body: { doc_ids?: string[] | undefined; selector?: unknown } = {},
): Promise<Response> {
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
}

export async function respondChanges(
  c: Context,
  db: ShopDb,
  query: ChangesQuery,
): Promise<Response> {
  const q = { ...query, since: await resolveSince(db, query.since) };
  const feed = c.req.query('feed');
  const page = q.include_docs ? PAGE.withDocs : PAGE.rows;
  const first = await db.changes({ ...q, limit: Math.min(q.limit ?? Infinity, page) });
  const complete = first.results.length < page || (q.limit !== undefined && q.limit <= page);
  if (feed === 'longpoll' && first.results.length === 0) {
    const timeout = Math.min(
      Number(c.req.query('timeout') ?? MAX_WAIT_MS) || MAX_WAIT_MS,
      MAX_WAIT_MS,
    );
    const heartbeat = Math.max(
      Number(c.req.query('heartbeat') ?? DEFAULT_HEARTBEAT_MS) || DEFAULT_HEARTBEAT_MS,
      1000,
    );
    let abort = () => {};
    let aborted = false;
    const abortion = new Promise<void>((r) => (abort = r));
    return streamed(
      c,
      longpoll(db, q, timeout, heartbeat, abortion, () => aborted),
      {
        onCancel: () => {
          aborted = true;
          abort();
        },
        headers: { 'Cache-Control': 'no-store' },
      },
    );
  }
  if (q.descending) return descendingAnswer(c, db, q);
  // Most requests (a replicator's page) fit one read; only a bigger answer is streamed.
  if (complete) return c.json({ results: first.results, last_seq: first.last_seq });
  return streamed(c, answer(db, q, first));
}
