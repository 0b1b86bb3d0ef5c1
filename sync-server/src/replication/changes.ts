import type { Context } from 'hono';
import { stream } from 'hono/streaming';
import { HttpError } from '../errors.ts';
import type { ShopDb } from '../storage/shop-db.ts';

const MAX_WAIT_MS = 60_000;
const DEFAULT_HEARTBEAT_MS = 10_000;

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

async function readChanges(db: ShopDb, q: ChangesQuery) {
  let since = q.since;
  if (since === 'now') since = (await db.info()).update_seq;
  const res = await db.changes({ ...q, since });
  return { results: res.results, last_seq: res.last_seq, resolvedSince: since };
}

/** Resolve when the database changes after `since`, or after `ms`, or on abort. */
async function waitForChange(
  db: ShopDb,
  since: number | string,
  ms: number,
  signal: { aborted: boolean; onAbort: (f: () => void) => void },
): Promise<void> {
  let unsubscribe = () => {};
  const changed = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    unsubscribe = db.subscribe(done, since);
    signal.onAbort(done);
    if (signal.aborted) done();
  });
  await changed;
  unsubscribe();
}

export async function respondChanges(c: Context, db: ShopDb, q: ChangesQuery): Promise<Response> {
  const feed = c.req.query('feed');
  const first = await readChanges(db, q);
  if (feed !== 'longpoll' || first.results.length > 0) {
    return c.json({ results: first.results, last_seq: first.last_seq });
  }
  const timeout = Math.min(
    Number(c.req.query('timeout') ?? MAX_WAIT_MS) || MAX_WAIT_MS,
    MAX_WAIT_MS,
  );
  const heartbeat = Math.max(
    Number(c.req.query('heartbeat') ?? DEFAULT_HEARTBEAT_MS) || DEFAULT_HEARTBEAT_MS,
    1000,
  );
  c.header('Content-Type', 'application/json');
  c.header('Cache-Control', 'no-store');
  return stream(c, async (s) => {
    let aborted = false;
    const abortHandlers: (() => void)[] = [];
    s.onAbort(() => {
      aborted = true;
      for (const f of abortHandlers) f();
    });
    const beat = setInterval(() => void s.write('\n').catch(() => undefined), heartbeat);
    try {
      await waitForChange(db, first.resolvedSince, timeout, {
        get aborted() {
          return aborted;
        },
        onAbort: (f) => abortHandlers.push(f),
      });
      if (aborted) return;
      const next = await readChanges(db, { ...q, since: first.resolvedSince });
      await s.write(JSON.stringify({ results: next.results, last_seq: next.last_seq }));
    } finally {
      clearInterval(beat);
    }
  });
}
