import { randomBytes } from 'node:crypto';

/**
 * Server-owned state parts (the resolver's) in CouchDB, where no write spans two
 * documents. The parts are spread over BUCKETS `_local/` documents by a hash of their
 * name, each bucket written as a new version; one manifest document names the current
 * version of every bucket. A save writes the buckets its parts fall in, then the
 * manifest (CouchDB's `_rev` arbitrates): readers see all of a save or none of it, and
 * a save costs the buckets it touches, not the whole state. Superseded versions are
 * deleted after the manifest names their successors (and again by the next save, should
 * a process die in between).
 *
 * Servers before this kept every part in the manifest document itself (`parts`): read
 * as they are, and spread into buckets by the first save.
 */
export const BUCKETS = 256;
/** At most this many bucket reads or writes in flight at once. */
const PARALLEL = 16;

interface Manifest {
  _id: string;
  _rev?: string;
  /** bucket → its current version */
  buckets?: Record<string, string>;
  /** versions the last save superseded, deleted after it (and by the next save) */
  stale?: string[];
  /** the single-document layout of servers before the buckets */
  parts?: Record<string, string>;
}

interface Bucket {
  _id: string;
  parts: Record<string, string>;
}

/** FNV-1a of the name: the same bucket on every replica and every run. */
export function bucketOf(name: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return String((h >>> 0) % BUCKETS);
}

const notFound = (err: unknown) => (err as { status?: number }).status === 404;
const conflict = (err: unknown) => (err as { status?: number }).status === 409;

async function inBatches<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += PARALLEL) {
    out.push(...(await Promise.all(items.slice(i, i + PARALLEL).map(work))));
  }
  return out;
}

export class CouchStateParts {
  /** the manifest revision whose superseded versions this process has deleted already */
  #cleaned: string | null = null;

  constructor(
    private readonly db: PouchDB.Database,
    /** the manifest's `_local/` id; buckets are named after it */
    private readonly manifestId: string,
  ) {}

  #bucketId(bucket: string, version: string): string {
    return `${this.manifestId}.${bucket}.${version}`;
  }

  async #manifest(): Promise<Manifest | null> {
    try {
      return await this.db.get<Manifest>(this.manifestId);
    } catch (err) {
      if (notFound(err)) return null;
      throw err;
    }
  }

  async #bucket(manifest: Manifest, bucket: string): Promise<Record<string, string>> {
    const version = manifest.buckets?.[bucket];
    if (!version) return {};
    const doc = await this.db.get<Bucket>(this.#bucketId(bucket, version));
    return doc.parts;
  }

  /**
   * Read as of one manifest. A save that lands meanwhile deletes the versions it
   * superseded, so a bucket gone missing means: read again from the newer manifest.
   */
  async #reading<T>(read: (manifest: Manifest) => Promise<T>, none: T): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const manifest = await this.#manifest();
      if (!manifest) return none;
      try {
        return await read(manifest);
      } catch (err) {
        if (!notFound(err) || attempt >= 5) throw err;
      }
    }
  }

  /** Every part whose name starts with `prefix`, as [name, value]. */
  read(prefix: string): Promise<[string, string][]> {
    const matching = (parts: Record<string, string>) =>
      Object.entries(parts).filter(([name]) => name.startsWith(prefix));
    return this.#reading(async (manifest) => {
      if (manifest.parts) return matching(manifest.parts);
      const buckets = await inBatches(Object.keys(manifest.buckets ?? {}), (b) =>
        this.#bucket(manifest, b),
      );
      return buckets.flatMap(matching);
    }, []);
  }

  /** One part by its name: one bucket read. */
  readOne(name: string): Promise<string | undefined> {
    return this.#reading(
      async (manifest) =>
        manifest.parts
          ? manifest.parts[name]
          : (await this.#bucket(manifest, bucketOf(name)))[name],
      undefined,
    );
  }

  /** Delete `dels`, then put `puts`, as one change readers see whole. */
  async write(puts: readonly [string, string][], dels: readonly string[]): Promise<void> {
    for (;;) {
      const manifest = (await this.#manifest()) ?? { _id: this.manifestId };
      // what the last save superseded, unless this process saw to it (a crash in between)
      if (manifest._rev !== this.#cleaned) await this.#remove(manifest.stale ?? []);
      const legacy = manifest.parts;
      const touched = new Map<string, Record<string, string>>();
      let gone = false; // a bucket this manifest names was replaced meanwhile: start again
      const bucket = async (b: string) => {
        let parts = touched.get(b);
        if (!parts) {
          parts = legacy
            ? {}
            : {
                ...(await this.#bucket(manifest, b).catch((err: unknown) => {
                  if (!notFound(err)) throw err;
                  gone = true;
                  return {};
                })),
              };
          touched.set(b, parts);
        }
        return parts;
      };
      // the old layout moves into buckets whole
      if (legacy) {
        for (const [name, json] of Object.entries(legacy)) {
          (await bucket(bucketOf(name)))[name] = json;
        }
      }
      for (const name of dels) delete (await bucket(bucketOf(name)))[name];
      for (const [name, json] of puts) (await bucket(bucketOf(name)))[name] = json;
      if (gone) continue;

      const version = randomBytes(8).toString('hex');
      const written = [...touched.entries()].map(([b, parts]) => ({
        b,
        id: this.#bucketId(b, version),
        parts,
      }));
      await inBatches(written, (w) => this.db.put({ _id: w.id, parts: w.parts }));
      const buckets = { ...(legacy ? {} : manifest.buckets) };
      const superseded: string[] = [];
      for (const w of written) {
        const before = buckets[w.b];
        if (before) superseded.push(this.#bucketId(w.b, before));
        buckets[w.b] = version;
      }
      const next: Manifest = {
        _id: this.manifestId,
        ...(manifest._rev ? { _rev: manifest._rev } : {}),
        buckets,
        stale: superseded,
      };
      let rev: string;
      try {
        rev = (await this.db.put(next)).rev;
      } catch (err) {
        if (!conflict(err)) throw err;
        // another save came first: what this one wrote is nobody's; start again from it
        await this.#remove(written.map((w) => w.id));
        continue;
      }
      try {
        await this.#remove(superseded);
        this.#cleaned = rev;
      } catch {
        // the next save tries again
      }
      return;
    }
  }

  async #remove(ids: readonly string[]): Promise<void> {
    await inBatches(ids, async (id) => {
      try {
        const doc = await this.db.get(id);
        await this.db.remove(id, doc._rev);
      } catch (err) {
        if (!notFound(err)) throw err;
      }
    });
  }
}
