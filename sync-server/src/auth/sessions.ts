/**
 * Sessions, the Lucia way: a random token in an HttpOnly cookie, only its SHA-256
 * stored, sliding expiry, plus an idle timeout. All session code lives here behind
 * `SessionManager` (storage in session-store.ts, the browser's name in
 * browser-name.ts), so `lucia` (deprecated upstream, now a guide) can be swapped
 * for the guide's own few lines without touching anything else.
 */
import { createHash } from 'node:crypto';
import { Lucia, TimeSpan, type Adapter, type DatabaseSession } from 'lucia';
import { browserName, deviceKind } from './browser-name.ts';
import { ReadCache } from './read-cache.ts';
import { hashOf, SessionStore, type SessionDoc } from './session-store.ts';
import type { Users } from './users.ts';

export interface SessionInfo {
  /** The stored hash: safe to show and to revoke by; never the token itself. */
  id: string;
  userId: string;
  deviceName: string;
  /** "Chrome on Android"; null until the session's first request said */
  browser: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  deviceId: string | null;
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

/** What a token is worth: a session, one someone ended (`revoked`), or nothing. */
export type SessionCheck = ValidSession | 'revoked' | null;

/** A user keeps at most this many sessions; signing in again drops the least recently used. */
export const MAX_SESSIONS_PER_USER = 100;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const LAST_SEEN_EVERY_MS = 5 * 60 * 1000;

function toInfo(d: SessionDoc): SessionInfo {
  return {
    id: hashOf(d),
    userId: d.userId,
    deviceName: d.deviceName,
    browser: d.browser ?? null,
    createdAt: d.createdAt,
    lastSeenAt: d.lastSeenAt,
    expiresAt: d.expiresAt,
    deviceId: d.deviceId ?? null,
  };
}

/** The device name the login route makes from a User-Agent when the app gave none. */
const uaFallbackName = (ua: string) => (/\(([^)]+)\)/.exec(ua)?.[1] ?? ua).slice(0, 120);

/**
 * What a session's first request with a User-Agent tells about it: the browser, and a
 * plain device name ("iPhone") in place of the raw User-Agent fragment the login route
 * falls back to. Null when there is nothing to learn.
 */
function describe(doc: SessionDoc, ua: string | undefined): Partial<SessionDoc> | null {
  if (doc.browser || !ua) return null;
  const kind = deviceKind(ua);
  const plain = kind && doc.deviceName === uaFallbackName(ua) ? { deviceName: kind } : {};
  return { browser: browserName(ua), ...plain };
}

/** Lucia's storage adapter over the session store; hashes every token it is given. */
class PouchSessionAdapter implements Adapter {
  pendingDeviceName = 'Unknown device';
  pendingDeviceId: string | undefined;
  constructor(
    private readonly store: SessionStore,
    private readonly users: Users,
  ) {}

  async getSessionAndUser(token: string): ReturnType<Adapter['getSessionAndUser']> {
    const doc = await this.store.get(hash(token));
    if (!doc || doc.revokedAt) return [null, null];
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
    const docs = (await this.store.ofUser(userId)).filter((d) => !d.revokedAt);
    return docs.map((d) => ({
      id: d._id,
      userId,
      expiresAt: new Date(d.expiresAt),
      attributes: {},
    }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    const now = new Date().toISOString();
    await this.store.add({
      _id: `session:${hash(session.id)}`,
      type: 'session',
      userId: session.userId,
      expiresAt: session.expiresAt.toISOString(),
      createdAt: now,
      lastSeenAt: now,
      deviceName: this.pendingDeviceName,
      ...(this.pendingDeviceId ? { deviceId: this.pendingDeviceId } : {}),
    });
  }

  async updateSessionExpiration(token: string, expiresAt: Date): Promise<void> {
    await this.store.update(hash(token), (d) => ({
      ...d,
      expiresAt: expiresAt.toISOString(),
      lastSeenAt: new Date().toISOString(),
    }));
  }

  async deleteSession(token: string): Promise<void> {
    await this.store.removeByHash(hash(token));
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.store.remove(await this.store.ofUser(userId));
  }

  async deleteExpiredSessions(): Promise<void> {
    const now = Date.now();
    for await (const docs of this.store.all()) {
      await this.store.remove(docs.filter((d) => Date.parse(d.expiresAt) < now));
    }
  }
}

export class SessionManager {
  readonly #store: SessionStore;
  readonly #adapter: PouchSessionAdapter;
  readonly #lucia: Lucia;
  readonly cookieName = 'sk_session';

  readonly #valid: ReadCache<SessionCheck>;

  constructor(
    db: PouchDB.Database,
    users: Users,
    private readonly idleDays: number,
    /** how long a validated session may be reused without reading it (0: never) */
    cacheMs = 0,
  ) {
    this.#valid = new ReadCache(cacheMs);
    this.#store = new SessionStore(db, this.#valid);
    this.#adapter = new PouchSessionAdapter(this.#store, users);
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
    let session;
    try {
      session = await this.#lucia.createSession(userId, {});
    } finally {
      this.#adapter.pendingDeviceId = undefined;
    }
    await this.#live(userId, hash(session.id));
    return { token: session.id, expiresAt: session.expiresAt };
  }

  /**
   * The device a session writes as, set once: documents it pushes must name this
   * device. False when the session is gone or already bound to another device.
   */
  bindDevice(sessionId: string, deviceId: string): Promise<boolean> {
    return this.#store.bindDevice(sessionId, deviceId);
  }

  /** `userAgent`: the request's, to name the browser of a session that has none yet. */
  async validate(token: string, userAgent?: string): Promise<SessionCheck> {
    if (!/^[a-z0-9]{20,64}$/.test(token)) return null;
    const hashed = hash(token);
    const valid = await this.#valid.get(hashed, () => this.#validate(token, hashed, userAgent));
    if (valid && valid !== 'revoked' && valid.expiresAt.getTime() <= Date.now()) {
      this.#valid.forget(hashed);
      return this.#validate(token, hashed, userAgent);
    }
    return valid;
  }

  async #validate(token: string, hashed: string, userAgent?: string): Promise<SessionCheck> {
    const stored = await this.#store.get(hashed);
    if (!stored) return null;
    if (this.#dead(stored, Date.now())) {
      await this.#store.remove([stored]);
      return null;
    }
    if (stored.revokedAt) return 'revoked';
    const { session } = await this.#lucia.validateSession(token);
    if (!session) return null;
    const seen = Date.now() - Date.parse(stored.lastSeenAt) > LAST_SEEN_EVERY_MS;
    const learned = describe(stored, userAgent);
    if (learned || (!session.fresh && seen)) {
      await this.#store.update(hashed, (d) => ({
        ...d,
        ...learned,
        ...(seen ? { lastSeenAt: new Date().toISOString() } : {}),
      }));
    }
    return {
      userId: session.userId,
      sessionId: hashed,
      deviceId: stored.deviceId ?? null,
      expiresAt: session.expiresAt,
      refreshed: session.fresh,
    };
  }

  /** Logout: this token's session is forgotten at once. */
  async revoke(token: string): Promise<void> {
    await this.#lucia.invalidateSession(token);
  }

  /** End one of the user's sessions; false when they have none by that id. */
  async revokeById(userId: string, sessionId: string): Promise<boolean> {
    if (!/^[0-9a-f]{64}$/.test(sessionId)) return false;
    const doc = await this.#store.get(sessionId);
    if (!doc || doc.userId !== userId || doc.revokedAt) return false;
    await this.#store.revoke(sessionId);
    return true;
  }

  /** End every session of a user but `exceptSessionId` (password change, logout everywhere). */
  async revokeAll(userId: string, exceptSessionId?: string): Promise<void> {
    const at = new Date().toISOString();
    for (const s of await this.list(userId)) {
      if (s.id !== exceptSessionId) await this.#store.revoke(s.id, at);
    }
  }

  /** Forget every session of a user who is leaving for good (no stub outlives the account). */
  async forgetAll(userId: string): Promise<void> {
    await this.#store.remove(await this.#store.ofUser(userId));
  }

  /** The user's sessions that still work, the most recently used first. */
  async list(userId: string): Promise<SessionInfo[]> {
    return (await this.#live(userId)).map(toInfo);
  }

  /** Expired or idle for too long: worth nothing, revoked or not. */
  #dead(d: SessionDoc, now: number): boolean {
    const idleLimit = Date.parse(d.lastSeenAt) + this.idleDays * 86_400_000;
    return Date.parse(d.expiresAt) <= now || idleLimit < now;
  }

  /**
   * A user's working sessions, newest use first. What is dead is forgotten on the way.
   * Given the session just made (`keep`), the least recently used beyond
   * MAX_SESSIONS_PER_USER are forgotten too, so a user's sessions stay a bounded read.
   */
  async #live(userId: string, keep?: string): Promise<SessionDoc[]> {
    const now = Date.now();
    const all = await this.#store.ofUser(userId);
    await this.#store.remove(all.filter((d) => this.#dead(d, now)));
    const live = all
      .filter((d) => !this.#dead(d, now) && !d.revokedAt)
      .sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt) || a._id.localeCompare(b._id));
    if (keep === undefined) return live;
    const over = live.filter((d) => hashOf(d) !== keep).slice(MAX_SESSIONS_PER_USER - 1);
    await this.#store.remove(over);
    return live.filter((d) => !over.includes(d));
  }
}
