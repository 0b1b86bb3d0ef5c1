/**
 * Where sessions live in the system database; nothing else knows the keys.
 *
 * - `session:<sha256 of token>` is the session itself: the key every request reads.
 * - `sessionof:<userId>:<sha256>` says whose it is, so a user's sessions are one
 *   range read of their own keys, never a scan of every user's.
 *
 * A revoked session stays as a stub (`revokedAt`) until it would have expired, so
 * the device it was on is told "signed out from another device" rather than
 * "expired". Sessions stored before the owner keys existed get theirs once, on
 * the first read of anyone's sessions (`#indexOldSessions`).
 */
import { getOrNull, isPouchError } from '../system-db.ts';
import type { ReadCache } from './read-cache.ts';

export interface SessionDoc {
  _id: string; // session:<sha256 of token>
  _rev?: string;
  type: 'session';
  userId: string;
  expiresAt: string;
  createdAt: string;
  lastSeenAt: string;
  deviceName: string;
  /** the app's device id this session writes as (absent until the device says it) */
  deviceId?: string;
  /** "Chrome on Android", from the User-Agent of its first request */
  browser?: string;
  /** set when someone ended the session (the stub is kept until it would have expired) */
  revokedAt?: string;
}

const PREFIX = 'session:';
export const sessionKey = (hashed: string) => `${PREFIX}${hashed}`;
const ownerPrefix = (userId: string) => `sessionof:${userId}:`;
const ownerKey = (userId: string, hashed: string) => `${ownerPrefix(userId)}${hashed}`;
/** Says every session stored before owner keys existed has one. */
const INDEXED = 'server:sessions-by-user';
const PAGE = 200;

export const hashOf = (doc: SessionDoc) => doc._id.slice(PREFIX.length);

export class SessionStore {
  #indexed: Promise<void> | null = null;

  constructor(
    private readonly db: PouchDB.Database,
    /** what validated sessions are memoised in: every session write goes through it */
    private readonly valid: ReadCache<unknown>,
  ) {}

  get(hashed: string): Promise<SessionDoc | null> {
    return getOrNull<SessionDoc>(this.db, sessionKey(hashed));
  }

  /** A new session and the key saying whose it is, in one batch. */
  async add(doc: SessionDoc): Promise<void> {
    const owner = { _id: ownerKey(doc.userId, hashOf(doc)), type: 'sessionof' };
    await this.valid.writing(async () => {
      const rows = await this.db.bulkDocs([doc, owner]);
      const failed = rows.find((r) => 'error' in r && r.error);
      if (failed) throw Object.assign(new Error('session not stored'), failed);
    }, [hashOf(doc)]);
  }

  /** Change a session if it is still there (a write meanwhile wins: it was newer). */
  async update(hashed: string, change: (d: SessionDoc) => SessionDoc): Promise<void> {
    const doc = await this.get(hashed);
    if (doc) {
      await this.valid.writing(() => this.db.put(change(doc)).catch(ignoreGone), [hashed]);
    }
  }

  /** Give a session its device id once; true if it now has exactly that one. */
  async bindDevice(hashed: string, deviceId: string): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const doc = await this.get(hashed);
      if (!doc || doc.revokedAt) return false;
      if (doc.deviceId) return doc.deviceId === deviceId;
      try {
        await this.valid.writing(() => this.db.put({ ...doc, deviceId }), [hashed]);
        return true;
      } catch (err) {
        if (!isPouchError(err, 409)) throw err; // lastSeenAt moved meanwhile: read again
      }
    }
    return false;
  }

  /** End a session, keeping a stub that says so (see the file's comment). */
  async revoke(hashed: string, at = new Date().toISOString()): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const doc = await this.get(hashed);
      if (!doc || doc.revokedAt) return;
      try {
        await this.valid.writing(() => this.db.put({ ...doc, revokedAt: at }), [hashed]);
        return;
      } catch (err) {
        if (!isPouchError(err, 409)) throw err;
      }
    }
  }

  /** Forget sessions for good: the session and its owner key. */
  async remove(docs: readonly SessionDoc[]): Promise<void> {
    if (!docs.length) return;
    const owners = await this.db.allDocs({ keys: docs.map((d) => ownerKey(d.userId, hashOf(d))) });
    const gone = [
      ...docs.flatMap((d) => (d._rev ? [{ _id: d._id, _rev: d._rev, _deleted: true }] : [])),
      ...owners.rows.flatMap((r) =>
        'value' in r && !r.value.deleted ? [{ _id: r.id, _rev: r.value.rev, _deleted: true }] : [],
      ),
    ];
    await this.valid.writing(() => this.db.bulkDocs(gone), docs.map(hashOf));
  }

  /** Forget one session by its hash (logout, expiry). */
  async removeByHash(hashed: string): Promise<void> {
    const doc = await this.get(hashed);
    if (doc) await this.remove([doc]);
  }

  /**
   * Every session of one user, revoked stubs included: their owner keys, a page at a
   * time, then those sessions by key. An owner key whose session is gone is dropped.
   */
  async ofUser(userId: string): Promise<SessionDoc[]> {
    this.#indexed ??= this.#indexOldSessions().catch((err: unknown) => {
      this.#indexed = null; // try again on the next read
      throw err;
    });
    await this.#indexed;
    const out: SessionDoc[] = [];
    const stale: { _id: string; _rev: string; _deleted: true }[] = [];
    let startkey = ownerPrefix(userId);
    for (;;) {
      const page = await this.db.allDocs({
        startkey,
        endkey: `${ownerPrefix(userId)}\ufff0`,
        limit: PAGE,
        skip: startkey === ownerPrefix(userId) ? 0 : 1,
      });
      if (!page.rows.length) break;
      const hashes = page.rows.map((r) => r.id.slice(ownerPrefix(userId).length));
      const docs = await this.db.allDocs<SessionDoc>({
        keys: hashes.map(sessionKey),
        include_docs: true,
      });
      docs.rows.forEach((r, i) => {
        const doc = 'doc' in r ? r.doc : null;
        const owner = page.rows[i];
        if (doc && doc.userId === userId) out.push(doc);
        else if (owner) stale.push({ _id: owner.id, _rev: owner.value.rev, _deleted: true });
      });
      if (page.rows.length < PAGE) break;
      startkey = page.rows[page.rows.length - 1]?.id ?? startkey;
    }
    if (stale.length) await this.db.bulkDocs(stale);
    return out;
  }

  /** Every session of every user, a page at a time (Lucia's sweep of expired sessions). */
  async *all(): AsyncGenerator<SessionDoc[]> {
    let startkey = PREFIX;
    let skip = 0;
    for (;;) {
      const page = await this.db.allDocs<SessionDoc>({
        startkey,
        endkey: `${PREFIX}\ufff0`,
        limit: PAGE,
        skip,
        include_docs: true,
      });
      const docs = page.rows.flatMap((r) => (r.doc ? [r.doc] : []));
      if (docs.length) yield docs;
      if (page.rows.length < PAGE) return;
      startkey = page.rows[page.rows.length - 1]?.id ?? startkey;
      skip = 1;
    }
  }

  /** Once per database: owner keys for sessions stored before there were any. */
  async #indexOldSessions(): Promise<void> {
    if (await getOrNull(this.db, INDEXED)) return;
    for await (const docs of this.all()) {
      // an owner key that exists already is a 409 row, not an error: nothing to do
      await this.db.bulkDocs(
        docs.map((d) => ({ _id: ownerKey(d.userId, hashOf(d)), type: 'sessionof' })),
      );
    }
    await this.db.put({ _id: INDEXED, at: new Date().toISOString() }).catch(ignoreGone);
  }
}

function ignoreGone(err: unknown): void {
  if (!isPouchError(err, 409) && !isPouchError(err, 404)) throw err;
}
