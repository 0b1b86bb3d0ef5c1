import type { ShopDb } from '../storage/shop-db.ts';
import { badRequest, notFound } from '../errors.ts';

/**
 * Reading a shop's documents for the REST API: one kind at a time by id prefix,
 * in pages behind an opaque cursor, never more than a bounded number of documents
 * per request however selective the filter.
 */

/** At most this many documents are looked at for one page of a filtered list. */
export const MAX_SCAN = 5000;
const CHUNK = 500;

/** The cursor of the page that starts after the document `lastId`. */
export const cursorAfter = (lastId: string) =>
  Buffer.from(JSON.stringify({ a: lastId })).toString('base64url');
const encode = cursorAfter;

function decode(cursor: string | undefined, prefix: string): string | null {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { a?: unknown };
    if (typeof parsed.a === 'string' && parsed.a.startsWith(prefix)) return parsed.a;
  } catch {
    // fall through
  }
  throw badRequest('This cursor is not one the API gave out: start the list again.');
}

/**
 * One page of the documents whose id starts with `prefix` that `keep` accepts,
 * in id order (for shop documents: creation order).
 */
export async function pageByPrefix<T>(
  db: ShopDb,
  prefix: string,
  opts: { limit: number; cursor?: string | undefined },
  keep: (doc: Record<string, unknown>) => T | null,
): Promise<{ items: T[]; nextCursor: string | null }> {
  let after = decode(opts.cursor, prefix);
  const items: T[] = [];
  let scanned = 0;
  for (;;) {
    const page = await db.allDocs({
      startkey: after ?? prefix,
      endkey: `${prefix}\ufff0`,
      include_docs: true,
      limit: CHUNK + (after ? 1 : 0),
    });
    const rows = page.rows.filter((r) => r.id !== after);
    for (const row of rows) {
      scanned++;
      after = row.id;
      const doc = 'doc' in row ? (row.doc as Record<string, unknown> | null | undefined) : null;
      const item = doc ? keep(doc) : null;
      if (item !== null) items.push(item);
      if (items.length === opts.limit) {
        return { items, nextCursor: encode(row.id) };
      }
      if (scanned >= MAX_SCAN) return { items, nextCursor: encode(row.id) };
    }
    if (rows.length < CHUNK) return { items, nextCursor: null };
  }
}

/** One document of a kind by its id, or a 404 in the kind's words. */
export async function docOf<T extends object>(
  db: ShopDb,
  id: string,
  prefix: string,
  what: string,
): Promise<T & { _id: string; _rev: string }> {
  if (!id.startsWith(prefix)) throw notFound(`No such ${what}.`);
  try {
    return await db.get<T>(id);
  } catch (err) {
    if ((err as { status?: number }).status === 404) throw notFound(`No such ${what}.`);
    throw err;
  }
}
