import Dexie, { type ObservabilitySet } from 'dexie';

type Observer<T> = ((value: T) => void) | { next(value: T): void; error?(err: unknown): void };

/** Dexie's Observable shape (a function or an observer), which Svelte's `$store` syntax accepts. */
export interface SteadyQuery<T> {
  subscribe(observer: Observer<T>): { unsubscribe(): void };
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
      const run = async (): Promise<void> => {
        running = true;
        try {
          const value = await query();
          if (!closed) next(value);
        } catch (err) {
          // closing the shop (sign-out) ends its reads
          if (!closed && (err as { name?: string }).name !== 'DatabaseClosedError') fail(err);
        }
        running = false;
        if (again && !closed) {
          again = false;
          void run();
        }
      };
      const changed = (parts: ObservabilitySet) => {
        if (closed || !touches(parts)) return;
        if (running) again = true;
        else void run();
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
