import Dexie, { type ObservabilitySet } from 'dexie';

type Observer<T> = ((value: T) => void) | { next(value: T): void; error?(err: unknown): void };

/** Dexie's Observable shape (a function or an observer), which Svelte's `$store` syntax accepts. */
export interface SteadyQuery<T> {
  subscribe(observer: Observer<T>): { unsubscribe(): void };
}

/** Reads held back on a database until a promise settles (see holdSteadyReads). */
const holds = new WeakMap<Dexie, Promise<unknown>>();

/**
 * Until `until` settles, steady queries on `db` whose last value was `settled` do not
 * read again after each write, but once when it settles. A new device's first copy
 * holds them: a read transaction over the products it writes waits for the page before
 * it and holds up the page after it (each sell-screen read cost the copy ~100 ms).
 */
export function holdSteadyReads(db: Dexie, until: Promise<unknown>): void {
  const held = until.then(
    () => undefined,
    () => undefined,
  );
  holds.set(db, held);
  void held.then(() => {
    if (holds.get(db) === held) holds.delete(db);
  });
}

export interface SteadyOptions<T> {
  /** A value that can wait out a hold (holdSteadyReads): the screen has enough to show. */
  settled?: (value: T) => boolean;
}

/**
 * What `query` reads, read again after each committed write to one of `tables`;
 * every read that finishes is handed on. Dexie's liveQuery instead drops a read
 * that a write overlaps (it starts again), and with its cache it is told of a
 * write's puts before they commit: while a first sync writes a page of products
 * every ~200 ms, the sell screen's first tiles waited up to 1.5 s for a read that
 * no write overlapped. Here a write during a read only queues one more read.
 */
export function steadyQuery<T>(
  db: Dexie,
  tables: readonly string[],
  query: () => Promise<T>,
  options: SteadyOptions<T> = {},
): SteadyQuery<T> {
  const prefixes = tables.map((t) => `idb://${db.name}/${t}/`);
  const touches = (parts: ObservabilitySet) =>
    'all' in parts || Object.keys(parts).some((k) => prefixes.some((p) => k.startsWith(p)));
  return {
    subscribe(observer) {
      const next = typeof observer === 'function' ? observer : (v: T) => observer.next(v);
      const fail = (err: unknown) =>
        typeof observer === 'object' && observer.error ? observer.error(err) : console.error(err);
      let closed = false;
      let running = false;
      let again = false;
      let waiting = false;
      let settled = false;
      const run = async (): Promise<void> => {
        running = true;
        try {
          const value = await query();
          settled = options.settled?.(value) ?? false;
          if (!closed) next(value);
        } catch (err) {
          // closing the shop (sign-out) ends its reads
          if (!closed && (err as { name?: string }).name !== 'DatabaseClosedError') fail(err);
        }
        running = false;
        if (again) {
          again = false;
          reread();
        }
      };
      const reread = () => {
        if (closed || waiting) return;
        const hold = holds.get(db);
        if (running) {
          again = true;
        } else if (hold && settled) {
          waiting = true;
          void hold.then(() => {
            waiting = false;
            if (running) again = true;
            else if (!closed) void run();
          });
        } else {
          void run();
        }
      };
      const changed = (parts: ObservabilitySet) => {
        if (touches(parts)) reread();
      };
      Dexie.on.storagemutated.subscribe(changed);
      void run();
      return {
        unsubscribe() {
          closed = true;
          Dexie.on.storagemutated.unsubscribe(changed);
        },
      };
    },
  };
}
