import { SELLING_ESSENTIALS, type DocKind } from '@stallkeeper/shared';
import type { PouchDatabase } from './pouch.ts';

/*
 * How a new device's first copy reads the server (see bootstrap.ts): kind by kind,
 * in pages of `_all_docs` by id range, the next page fetched while one is written.
 */

/**
 * What a copy brings, kind by kind: what selling needs first, then the rest.
 * Order events come before orders, so each order row is written once; the
 * resolver's allocations come with their orders (their ids follow the orders').
 */
export const COPY_ORDER: readonly DocKind[] = [
  ...SELLING_ESSENTIALS,
  'alert',
  'invoice',
  'mail',
  'mailstatus',
  'stock',
  'orderevent',
  'order',
  'audit',
];

/** The kind copied after `kind` (undefined after the last). */
const kindAfter = (kind: DocKind): DocKind | undefined => COPY_ORDER[COPY_ORDER.indexOf(kind) + 1];

/** The next page to copy: a kind and the id it starts at (null: the kind's first); null once all is copied. */
export interface Position {
  kind: DocKind;
  from: string | null;
}

export type RemoteDoc = PouchDB.Core.ExistingDocument<object> & {
  _conflicts?: string[];
  _attachments?: Record<string, unknown>;
  _deleted?: boolean;
};

export interface Page {
  docs: RemoteDoc[];
  next: Position | null;
}

const firstKey = (kind: DocKind) => (kind === 'settings' ? 'settings' : `${kind}:`);
const lastKey = (kind: DocKind) => (kind === 'settings' ? 'settings' : `${kind}:\ufff0`);

/** The server's current revisions, a page at a time. */
export class CopyPages {
  constructor(
    private readonly remote: PouchDatabase,
    private readonly page: number,
  ) {}

  /**
   * One page of a kind; an order page brings its orders' allocations along. The
   * settings are one document: the next kind's first page comes in the same round trip.
   */
  async fetch(at: Position): Promise<Page> {
    const following = kindAfter(at.kind);
    if (at.kind === 'settings' && following) {
      const [settings, first] = await Promise.all([
        this.#fetchKind(at),
        this.#fetchKind({ kind: following, from: null }),
      ]);
      return { docs: [...settings.docs, ...first.docs], next: first.next };
    }
    return this.#fetchKind(at);
  }

  async #fetchKind(at: Position): Promise<Page> {
    const { docs, more } = await this.#page(at.from ?? firstKey(at.kind), lastKey(at.kind));
    const following = kindAfter(at.kind);
    const next: Position | null = more
      ? { kind: at.kind, from: more }
      : following
        ? { kind: following, from: null }
        : null;
    const first = docs[0]?._id;
    const last = docs.at(-1)?._id;
    if (at.kind === 'order' && first && last) {
      // Every page of allocations in the orders' range (an order may have several decisions).
      for (let from: string | undefined = `allocation:${first}`; from !== undefined;) {
        const page = await this.#page(from, `allocation:${last}:\ufff0`);
        docs.push(...page.docs);
        from = page.more;
      }
    }
    return { docs, next };
  }

  /** Up to a page of documents from `startkey`, and the id the next page starts at. */
  async #page(startkey: string, endkey: string): Promise<{ docs: RemoteDoc[]; more?: string }> {
    const res = await this.remote.allDocs({
      startkey,
      endkey,
      include_docs: true,
      conflicts: true,
      limit: this.page + 1,
    });
    const docs = res.rows
      .slice(0, this.page)
      .flatMap((r) => ('doc' in r && r.doc ? [r.doc as RemoteDoc] : []));
    return { docs, more: res.rows[this.page]?.id };
  }
}

/**
 * Fetch page n+1 while page n is written, so the server and the device work at
 * the same time. `next` returns null after the last page.
 */
export async function pipelined<P>(
  first: Promise<P>,
  next: (page: P) => Promise<P> | null,
  handle: (page: P) => Promise<void>,
): Promise<void> {
  let current: Promise<P> | null = first;
  while (current) {
    const page: P = await current;
    current = next(page);
    // A failed write ends the copy; the prefetch must not become an unhandled rejection.
    current?.catch(() => undefined);
    // The browser sends a request in a task of its own: let it go before this page's
    // writes hold the main thread (~50 ms a page of products).
    if (current) await new Promise((resolve) => setTimeout(resolve, 0));
    await handle(page);
  }
}
