// The declarations must reach packages that compile this source too (tests/).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./leveldown.d.ts" />
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import leveldown from 'leveldown';

/** One write of a batch: put a string, or delete. */
export type KvOp = { type: 'put'; key: string; value: string } | { type: 'del'; key: string };

/**
 * The ordered key-value store under a revision store: LevelDB on disk, or a map in
 * memory for tests. Keys and values are strings; a batch is atomic.
 */
export interface Kv {
  get(key: string): Promise<string | undefined>;
  getMany(keys: string[]): Promise<(string | undefined)[]>;
  /**
   * Atomic. A `durable` batch acknowledges a client's write: on disk it is flushed
   * (fsync) before it resolves, so a power cut cannot lose what a device was told is stored.
   */
  batch(ops: KvOp[], opts?: { durable?: boolean }): Promise<void>;
  /** Entries with `gte <= key < lt`, in key order. */
  range(
    gte: string,
    lt: string,
    opts?: { values?: boolean; reverse?: boolean },
  ): AsyncIterable<[string, string]>;
  /** Rewrite the files so deleted entries give their space back (LevelDB's compactRange). */
  compact?(): Promise<void>;
  close(): Promise<void>;
  /** Close and delete everything. */
  destroy(): Promise<void>;
}

type Cb<T> = (err: Error | null | undefined, value?: T) => void;
const call = <T>(f: (cb: Cb<T>) => void) =>
  new Promise<T>((resolve, reject) => f((err, v) => (err ? reject(err) : resolve(v as T))));
const isNotFound = (err: unknown) =>
  typeof err === 'object' && err !== null && /NotFound/i.test(String((err as Error).message));

/**
 * LevelDB in a directory through leveldown (the binding PouchDB itself uses).
 * `syncDurable: false` trades the flush of durable batches for speed (measured in
 * BENCHMARKS.md; a crash of the process alone never loses them either way).
 */
export async function levelKv(location: string, { syncDurable = true } = {}): Promise<Kv> {
  mkdirSync(dirname(location), { recursive: true });
  const db = leveldown(location);
  // One LevelDB per shop, hundreds open at once: LevelDB's default 8 MB block cache and
  // 4 MB write buffer were most of a loaded shop's memory (the OS caches the files
  // anyway). Its open-file limit stays: a big shop's full read reopened tables with 100.
  await call<void>((cb) =>
    db.open({ createIfMissing: true, cacheSize: 1 << 20, writeBufferSize: 2 << 20 }, cb),
  );
  const str = { asBuffer: false };
  return {
    get: (key) =>
      new Promise((resolve, reject) =>
        db.get(key, str, (err, v) =>
          err ? (isNotFound(err) ? resolve(undefined) : reject(err)) : resolve(v),
        ),
      ),
    getMany: (keys) =>
      keys.length
        ? call<(string | undefined)[]>((cb) => db.getMany(keys, str, cb))
        : Promise.resolve([]),
    batch(ops, opts = {}) {
      if (!ops.length) return Promise.resolve();
      // The chained form hands each key and value straight to LevelDB; the array form has
      // the binding look up type, key and value by name: twice the main thread's time per
      // write (measured, BENCHMARKS.md), and a push writes two keys per document.
      const batch = db.batch();
      for (const op of ops) {
        if (op.type === 'put') batch.put(op.key, op.value);
        else batch.del(op.key);
      }
      return call<void>((cb) => batch.write({ sync: syncDurable && Boolean(opts.durable) }, cb));
    },
    async *range(gte, lt, opts = {}) {
      const it = db.iterator({
        gte,
        lt,
        reverse: Boolean(opts.reverse),
        values: opts.values !== false,
        keyAsBuffer: false,
        valueAsBuffer: false,
      });
      try {
        for (;;) {
          const [key, value] = await new Promise<[string | undefined, string | undefined]>(
            (resolve, reject) => it.next((err, k, v) => (err ? reject(err) : resolve([k, v]))),
          );
          if (key === undefined) return;
          yield [key, value ?? ''];
        }
      } finally {
        await call<void>((cb) => it.end(cb));
      }
    },
    // every key starts with a lower-case letter and a colon
    compact: () => call<void>((cb) => db.compactRange('', '~', cb)),
    close: () => call<void>((cb) => db.close(cb)),
    async destroy() {
      await call<void>((cb) => db.close(cb)).catch(() => undefined);
      rmSync(location, { recursive: true, force: true });
    },
  };
}

const memoryStores = new Map<string, Map<string, string>>();

/** A map in memory, shared by name within the process (like PouchDB's memory adapter). */
export function memoryKv(name: string): Kv {
  let data = memoryStores.get(name);
  if (!data) memoryStores.set(name, (data = new Map<string, string>()));
  const map = data;
  return {
    get: (key) => Promise.resolve(map.get(key)),
    getMany: (keys) => Promise.resolve(keys.map((k) => map.get(k))),
    batch(ops) {
      for (const op of ops) {
        if (op.type === 'put') map.set(op.key, op.value);
        else map.delete(op.key);
      }
      return Promise.resolve();
    },
    async *range(gte, lt, opts = {}) {
      const keys = [...map.keys()].filter((k) => k >= gte && k < lt).sort();
      if (opts.reverse) keys.reverse();
      for (const key of keys) {
        const value = map.get(key);
        if (value !== undefined) yield [key, opts.values === false ? '' : value];
        await Promise.resolve();
      }
    },
    close: () => Promise.resolve(),
    destroy() {
      memoryStores.delete(name);
      return Promise.resolve();
    },
  };
}
