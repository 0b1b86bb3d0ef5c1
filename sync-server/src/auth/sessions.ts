/**
 * Sessions, the Lucia way: a random token in an HttpOnly cookie, only its SHA-256
 * stored, sliding expiry, plus an idle timeout. All session code lives here behind
 * `SessionManager`, so `lucia` (deprecated upstream, now a guide) can be swapped
 * for the guide's own few lines without touching anything else.
 */
import { createHash } from 'node:crypto';
import { Lucia, TimeSpan, type Adapter, type DatabaseSession } from 'lucia';
import { getOrNull, isPouchError, listByPrefix } from '../system-db.ts';
import { ReadCache } from './read-cache.ts';
import type { Users } from './users.ts';

interface SessionDoc {
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
}

export interface SessionInfo {
  /** The stored hash: safe to show and to revoke by; never the token itself. */
  id: string;
  userId: string;
  deviceName: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  deviceId: string | null;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const docId = (hashed: string) => `session:${hashed}`;
const LAST_SEEN_EVERY_MS = 5 * 60 * 1000;

function toInfo(d: SessionDoc): SessionInfo {
  return {
    id: d._id.slice('session:'.length),
    userId: d.userId,
    deviceName: d.deviceName,
    createdAt: d.createdAt,
    lastSeenAt: d.lastSeenAt,
    expiresAt: d.expiresAt,
    deviceId: d.deviceId ?? null,
  };
}

/** Lucia's storage adapter over the system database; hashes every id it is given. */
class PouchSessionAdapter implements Adapter {
  pendingDeviceName = 'Unknown device';
  pendingDeviceId: string | undefined;
  constructor(
    private readonly db: PouchDB.Database,
    private readonly users: Users,
    /** what validated sessions are memoised in: every session write goes through it */
    private readonly valid: ReadCache<ValidSession | null>,
  ) {}

  async getSessionAndUser(token: string): ReturnType<Adapter['getSessionAndUser']> {
    const doc = await getOrNull<SessionDoc>(this.db, docId(hash(token)));
    if (!doc) return [null, null];
    const user = await this.users.byId(doc.userId);
    if (!user) return [null, null];
    const session: DatabaseSession = {
      id: token,
      userId: doc.userId,
      expiresAt: new Date(doc.expiresAt),
      attributes: {},
    };
    return [session, { id: user.id, attributes: {} }];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const docs = await this.#docsOf(userId);
    return docs.map((d) => ({
      id: d._id,
      userId,
      expiresAt: new Date(d.expiresAt),
      attributes: {},
    }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    const now = new Date().toISOString();
    const doc: SessionDoc = {
      _id: docId(hash(session.id)),
      type: 'session',
      userId: session.userId,
      expiresAt: session.expiresAt.toISOString(),
      createdAt: now,
      lastSeenAt: now,
      deviceName: this.pendingDeviceName,
      ...(this.pendingDeviceId ? { deviceId: this.pendingDeviceId } : {}),
    };
    await this.valid.writing(() => this.db.put(doc));
  }

  async updateSessionExpiration(token: string, expiresAt: Date): Promise<void> {
    await this.#update(docId(hash(token)), (d) => ({
      ...d,
      expiresAt: expiresAt.toISOString(),
      lastSeenAt: new Date().toISOString(),
    }));
  }

  async deleteSession(token: string): Promise<void> {
    await this.deleteByHash(hash(token));
  }

  async deleteByHash(hashed: string): Promise<void> {
    const doc = await getOrNull<SessionDoc>(this.db, docId(hashed));
    if (doc) {
      await this.valid.writing(() => this.db.remove(doc._id, doc._rev).catch(ignoreConflict));
    }
  }

  async deleteUserSessions(userId: string): Promise<void> {
    const docs = await this.#docsOf(userId);
    await this.valid.writing(() => this.db.bulkDocs(docs.map((d) => ({ ...d, _deleted: true }))));
  }

  async deleteExpiredSessions(): Promise<void> {
    const all = await listByPrefix<SessionDoc>(this.db, 'session:');
    const now = Date.now();
    const expired = all.filter((d) => Date.parse(d.expiresAt) < now);
    if (expired.length) {
      await this.valid.writing(() =>
        this.db.bulkDocs(expired.map((d) => ({ ...d, _deleted: true }))),
      );
    }
  }

  async #docsOf(userId: string): Promise<(SessionDoc & { _rev: string })[]> {
    // Sessions are few per user; a scan keeps the store free of secondary indexes.
    const all = await listByPrefix<SessionDoc>(this.db, 'session:');
    return all.filter((d) => d.userId === userId);
  }

  async #update(id: string, change: (d: SessionDoc) => SessionDoc): Promise<void> {
    const doc = await getOrNull<SessionDoc>(this.db, id);
    if (doc) await this.valid.writing(() => this.db.put(change(doc)).catch(ignoreConflict));
  }

  async touch(hashed: string): Promise<void> {
    await this.#update(docId(hashed), (d) => ({ ...d, lastSeenAt: new Date().toISOString() }));
  }

  async get(hashed: string): Promise<SessionDoc | null> {
    return getOrNull<SessionDoc>(this.db, docId(hashed));
  }

  /** Give a session its device id once; true if it now has exactly that one. */
  async bindDevice(hashed: string, deviceId: string): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const doc = await this.get(hashed);
      if (!doc) return false;
      if (doc.deviceId) return doc.deviceId === deviceId;
      try {
        await this.valid.writing(() => this.db.put({ ...doc, deviceId }));
        return true;
      } catch (err) {
        if (!isPouchError(err, 409)) throw err; // lastSeenAt moved meanwhile: read again
      }
    }
    return false;
  }
}

function ignoreConflict(err: unknown): void {
  if (!isPouchError(err, 409) && !isPouchError(err, 404)) throw err;
}

export interface ValidSession {
  userId: string;
  sessionId: string;
  /** the device this session writes as; null until the app has said which */
  deviceId: string | null;
  expiresAt: Date;
  /** true when the expiry moved and the cookie should be re-sent */
  refreshed: boolean;
}

export class SessionManager {
  readonly #adapter: PouchSessionAdapter;
  readonly #lucia: Lucia;
  readonly cookieName = 'sk_session';

  readonly #valid: ReadCache<ValidSession | null>;

  constructor(
    private readonly db: PouchDB.Database,
    users: Users,
    private readonly idleDays: number,
    /** how long a validated session may be reused without reading it (0: never) */
    cacheMs = 0,
  ) {
    this.#valid = new ReadCache(cacheMs);
    this.#adapter = new PouchSessionAdapter(db, users, this.#valid);
    this.#lucia = new Lucia(this.#adapter, {
      sessionExpiresIn: new TimeSpan(idleDays, 'd'),
      sessionCookie: { name: this.cookieName },
    });
  }

  async create(
    userId: string,
    deviceName: string,
    deviceId?: string,
  ): Promise<{ token: string; expiresAt: Date }> {
    // Lucia creates the token; the adapter stores only its hash (with this device).
    this.#adapter.pendingDeviceName = deviceName.slice(0, 120) || 'Unknown device';
    this.#adapter.pendingDeviceId = deviceId;
    try {
      const session = await this.#lucia.createSession(userId, {});
      return { token: session.id, expiresAt: session.expiresAt };
    } finally {
      this.#adapter.pendingDeviceId = undefined;
    }
  }

  /**
   * The device a session writes as, set once: documents it pushes must name this
   * device. False when the session is gone or already bound to another device.
   */
  bindDevice(sessionId: string, deviceId: string): Promise<boolean> {
    return this.#adapter.bindDevice(sessionId, deviceId);
  }

  async validate(token: string): Promise<ValidSession | null> {
    if (!/^[a-z0-9]{20,64}$/.test(token)) return null;
    const hashed = hash(token);
    const valid = await this.#valid.get(hashed, () => this.#validate(token, hashed));
    if (valid && valid.expiresAt.getTime() <= Date.now()) {
      this.#valid.clear();
      return this.#validate(token, hashed);
    }
    return valid;
  }

  async #validate(token: string, hashed: string): Promise<ValidSession | null> {
    const stored = await this.#adapter.get(hashed);
    if (!stored) return null;
    const idleLimit = Date.parse(stored.lastSeenAt) + this.idleDays * 86_400_000;
    if (idleLimit < Date.now()) {
      await this.#adapter.deleteByHash(hashed);
      return null;
    }
    const { session } = await this.#lucia.validateSession(token);
    if (!session) return null;
    if (!session.fresh && Date.now() - Date.parse(stored.lastSeenAt) > LAST_SEEN_EVERY_MS) {
      await this.#adapter.touch(hashed);
    }
    return {
      userId: session.userId,
      sessionId: hashed,
      deviceId: stored.deviceId ?? null,
      expiresAt: session.expiresAt,
      refreshed: session.fresh,
    };
  }

  async revoke(token: string): Promise<void> {
    await this.#lucia.invalidateSession(token);
  }

  async revokeById(userId: string, sessionId: string): Promise<boolean> {
    const doc = await this.#adapter.get(sessionId);
    if (!doc || doc.userId !== userId) return false;
    await this.#adapter.deleteByHash(sessionId);
    return true;
  }

  async revokeAll(userId: string, exceptSessionId?: string): Promise<void> {
    const sessions = await this.list(userId);
    for (const s of sessions) if (s.id !== exceptSessionId) await this.#adapter.deleteByHash(s.id);
  }

  async list(userId: string): Promise<SessionInfo[]> {
    const docs = await listByPrefix<SessionDoc>(this.db, 'session:');
    return docs.filter((d) => d.userId === userId).map(toInfo);
  }
}
