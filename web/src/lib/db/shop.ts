import {
  HybridClock,
  auditEntryDoc,
  devicePrefix,
  formatHumanNumber,
  isoNow,
  ulid,
  type ShopDoc,
} from '@stallkeeper/shared';
import { afterFirstScreen } from '../first-screen.ts';
import { schemas } from '../schemas.ts';
import { conflict, writeEdits, type Edit } from './edit-write.ts';
import { COPY_KEYS, LAST_SYNC_KEY, ShopLocalDb } from './local.ts';
import * as outbox from './outbox.ts';
import { loadPouchSync, openLocal, type PouchDatabase } from './pouch.ts';
import { Projector } from './projector.ts';
import { firstRevision } from './revisions.ts';

export interface Actor {
  userId: string;
  userName: string;
  deviceId: string;
}

export class ValidationError extends Error {
  override name = 'ValidationError';

  /** `code: already used` → `{ code: 'already used' }`; a message without a field → `{ form }`. */
  fieldErrors(): Record<string, string> {
    const [field, ...rest] = this.message.split(': ');
    return rest.length && field ? { [field]: rest.join(': ') } : { form: this.message };
  }
}

/**
 * One open shop on this device: its PouchDB replica (the truth), its Dexie read
 * models, and the single write path every data-access module uses.
 *
 * The screens read the read models, so a shop opens with them alone; the replica
 * (PouchDB, its code and its database) opens once the first screen is up, or sooner
 * when something needs it (a write, a photo, syncing).
 */
export class ShopContext {
  readonly clock: HybridClock;
  readonly projector: Projector;
  readonly prefix: string;
  #replica: Promise<PouchDatabase> | null;
  #pouch: PouchDatabase | null;
  #closed = false;
  #following = false;

  private constructor(
    readonly shopId: string,
    readonly local: ShopLocalDb,
    readonly actor: Actor,
    pouch: PouchDatabase | null,
  ) {
    this.clock = new HybridClock(actor.deviceId);
    this.#pouch = pouch;
    this.#replica = pouch ? Promise.resolve(pouch) : null;
    this.projector = new Projector(() => this.replica(), local);
    this.prefix = devicePrefix(actor.deviceId);
  }

  /** This device's replica of the shop, opened on first use (not once the shop closed). */
  replica(): Promise<PouchDatabase> {
    if (this.#closed && !this.#replica) return Promise.reject(new Error('The shop is closed.'));
    this.#replica ??= openLocal(this.shopId).then((pouch) => (this.#pouch = pouch));
    return this.#replica;
  }

  /**
   * Put what the replica gets into the read models from now on (once; it opens the
   * replica). A device that has not synced yet follows at once: its first copy is on
   * its way.
   */
  follow(): void {
    if (this.#following || this.#closed) return;
    this.#following = true;
    this.projector.begin();
  }

  /** The replica once open (`replica()` has resolved): for code that already waited. */
  get pouch(): PouchDatabase {
    if (!this.#pouch) throw new Error('The replica is not open yet: wait for replica().');
    return this.#pouch;
  }

  /**
   * Load what syncing needs too (PouchDB's HTTP side and replicator, the first copy):
   * a sign-in syncs next.
   */
  static prepareSync(): void {
    // (a failure here is met again, and reported, where syncing needs the code)
    loadPouchSync().catch(() => undefined);
    import('./bootstrap.ts').catch(() => undefined);
  }

  /**
   * `actor` may still be on its way (read from the device). A replica handed in (open
   * already) is followed at once; otherwise the replica opens after the first screen
   * (or at `follow()`).
   */
  static async open(
    shopId: string,
    actor: Actor | Promise<Actor>,
    pouch?: PouchDatabase,
  ): Promise<ShopContext> {
    const openedAt = isoNow();
    const local = new ShopLocalDb(shopId);
    const [who] = await Promise.all([actor, local.open()]);
    const ctx = new ShopContext(shopId, local, who, pouch ?? null);
    // The read models are on the device already: a screen shows them while the
    // projector catches up with what the replica got since.
    if (pouch) ctx.follow();
    void afterFirstScreen().then(() => ctx.#afterFirstScreen(openedAt));
    return ctx;
  }

  async #afterFirstScreen(openedAt: string): Promise<void> {
    if (this.#closed) return;
    this.follow();
    try {
      // A page closed mid-write left the outbox counting a write that never happened.
      await outbox.forgetUnwritten(this.local, await this.replica(), openedAt);
    } catch {
      // closed meanwhile (signed out): the next open looks again
    }
  }

  /**
   * Whether this device's first sync is still copying what it edits: the read models
   * show the shop's products and customers before the replica holds them (bootstrap.ts).
   * A device that never finished a sync is, from before the copy begins (a screen
   * shown first would otherwise read the catalogue after every page copied).
   */
  async stillCopying(): Promise<boolean> {
    const [since, done, synced] = await this.local.meta.bulkGet([
      COPY_KEYS.since,
      COPY_KEYS.essentials,
      LAST_SYNC_KEY,
    ]);
    return done?.value !== true && (since !== undefined || synced === undefined);
  }

  /** Why a document to edit is not in the replica: still on its way here, or gone. */
  async missing(what: string): Promise<ValidationError> {
    return new ValidationError(
      (await this.stillCopying())
        ? `This ${what} is still being copied to this device. Try again in a moment.`
        : `This ${what} no longer exists.`,
    );
  }

  /**
   * Validate with the same schema the server uses, note it in the outbox, then
   * store it. The outbox entry goes first so a crash can only over-count pending
   * (`outbox.forgetUnwritten` drops it at the next open). A new document is written
   * as `putNew` writes it, once no document has its id.
   */
  async put<T extends ShopDoc>(doc: T): Promise<T & { _rev: string }> {
    const { parseShopDoc } = await schemas();
    const parsed = parseShopDoc(doc);
    if (!parsed.ok) throw new ValidationError(parsed.reason);
    if (doc._rev === undefined) {
      // Writing a first revision would branch an existing document: refuse as put does.
      if (await this.get(doc._id)) throw conflict(doc._id);
      return this.putNew(doc);
    }
    const pouch = await this.replica();
    await outbox.record(this.local, parsed.doc, doc._rev);
    const res = await pouch.put(doc);
    // Recorded again rather than updated: a sync may have confirmed the old revision meanwhile.
    await outbox.record(this.local, parsed.doc, res.rev);
    return { ...doc, _rev: res.rev };
  }

  /**
   * Edits (or deletions: `_deleted`) with the new documents that belong to them (their
   * audit entry), in one replica write: a page closed meanwhile keeps all or none
   * (edit-write.ts). A revision that is no longer the document's is refused, as `put` does.
   */
  async putEdits<T extends Edit>(
    edits: readonly T[],
    ...belonging: ShopDoc[]
  ): Promise<(T & { _rev: string })[]> {
    const invalid = (reason: string) => new ValidationError(reason);
    const revs = await writeEdits(await this.replica(), this.local, edits, belonging, invalid);
    return edits.map((e, i) => ({ ...e, _rev: revs[i] ?? e._rev }));
  }

  /**
   * A new document with the new ones that belong to it (a product with its opening
   * stock and their audit entries): all validated before any is written, then one
   * replica write, so a page closed meanwhile keeps all of them or none. Fresh ids
   * only, as `putMany`.
   */
  async putNew<T extends ShopDoc>(doc: T, ...belonging: ShopDoc[]): Promise<T & { _rev: string }> {
    const { parseShopDoc } = await schemas();
    const prepare = <D extends ShopDoc>(d: D) => {
      const parsed = parseShopDoc(d);
      if (!parsed.ok) throw new ValidationError(parsed.reason);
      return { doc: parsed.doc, first: firstRevision(d) };
    };
    const main = prepare(doc);
    const writes = [main, ...belonging.map(prepare)];
    // opened first: the outbox row and the write it stands for stay as close as before
    const pouch = await this.replica();
    await outbox.recordMany(
      this.local,
      writes.map((w) => ({ doc: w.doc, rev: w.first._rev })),
    );
    const results = await pouch.bulkDocs(
      writes.map((w) => w.first),
      { new_edits: false },
    );
    const failed = results.find((r) => 'error' in r);
    if (failed && 'error' in failed) throw Object.assign(new Error(failed.message), failed);
    return { ...doc, _rev: main.first._rev };
  }

  /**
   * Many documents in one replica write (an import): each validated and noted in the
   * outbox as `put` does, new ones with their first revision, in one write per kind.
   * A refused document costs nothing else. New documents must have fresh ids (an
   * import makes them): unlike `put`, they are not looked up first. Returns, per
   * document and in order, null or why it was refused.
   */
  async putMany(docs: readonly ShopDoc[]): Promise<(string | null)[]> {
    const { parseShopDoc } = await schemas();
    const pouch = await this.replica();
    const errors: (string | null)[] = docs.map(() => null);
    const fresh: { i: number; doc: ShopDoc; first: ShopDoc & { _rev: string } }[] = [];
    const edits: { i: number; doc: ShopDoc & { _rev: string } }[] = [];
    docs.forEach((doc, i) => {
      const parsed = parseShopDoc(doc);
      if (!parsed.ok) {
        errors[i] = parsed.reason;
      } else if (doc._rev === undefined) {
        fresh.push({ i, doc: parsed.doc, first: firstRevision(doc) });
      } else {
        edits.push({ i, doc: { ...doc, _rev: doc._rev } });
      }
    });
    const failed = (results: (PouchDB.Core.Response | PouchDB.Core.Error)[]) =>
      new Map(
        results.flatMap((r) => ('error' in r && r.id ? [[r.id, r.message ?? 'refused']] : [])),
      );
    if (fresh.length) {
      // one bulk write for all outbox rows: thousands of separate ones take minutes
      await outbox.recordMany(
        this.local,
        fresh.map((f) => ({ doc: f.doc, rev: f.first._rev })),
      );
      const bad = failed(
        await pouch.bulkDocs(
          fresh.map((f) => f.first),
          { new_edits: false },
        ),
      );
      for (const f of fresh) errors[f.i] = bad.get(f.doc._id) ?? null;
    }
    if (edits.length) {
      await outbox.recordMany(
        this.local,
        edits.map((e) => ({ doc: e.doc, rev: e.doc._rev })),
      );
      const results = await pouch.bulkDocs(edits.map((e) => e.doc));
      const saved: { doc: ShopDoc; rev: string }[] = [];
      results.forEach((r, k) => {
        const e = edits[k];
        if (!e) return;
        if ('error' in r || !r.rev) {
          errors[e.i] = ('message' in r && r.message) || 'refused';
        } else {
          saved.push({ doc: e.doc, rev: r.rev });
        }
      });
      // recorded again rather than updated, as `put` does
      await outbox.recordMany(this.local, saved);
    }
    return errors;
  }

  async get<T extends ShopDoc>(id: string): Promise<T | null> {
    try {
      return (await (await this.replica()).get(id)) as unknown as T;
    } catch (err) {
      if ((err as { status?: number }).status === 404) return null;
      throw err;
    }
  }

  /** Who did what, from this device: an append-only audit entry. */
  async audit(
    action: string,
    target: string,
    summary: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ): Promise<void> {
    await this.put(this.auditDoc(action, target, summary, before, after));
  }

  /** The audit entry `audit` would write, for a write of several documents at once. */
  auditDoc(
    action: string,
    target: string,
    summary: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ): ShopDoc {
    return auditEntryDoc(`audit:${ulid()}`, { action, target, summary, before, after }, this.actor);
  }

  /**
   * The next human number for this device (`K3-0042`). The counter lives on the
   * device and never goes back, so two offline devices can never collide.
   */
  async nextNumber(series: 'order' | 'invoice'): Promise<string> {
    const key = `seq.${series}`;
    const next = await this.local.transaction('rw', this.local.counters, async () => {
      const n = (((await this.local.counters.get(key))?.value as number | undefined) ?? 0) + 1;
      await this.local.counters.put({ key, value: n });
      return n;
    });
    const prefix = series === 'order' ? this.prefix : `I${this.prefix.slice(0, 2)}`;
    return formatHumanNumber(prefix, next);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.projector.stop();
    await this.projector.idle();
    this.local.close();
    await (await this.#replica)?.close();
  }
}
