import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '../storage/backends.ts';
import type { Storage } from '../storage/storage.ts';
import { MAX_SESSIONS_PER_USER, SessionManager } from './sessions.ts';
import { Users } from './users.ts';

/** The session store itself: per-user reads, sessions stored before them, the bound. */

let storage: Storage;
let db: PouchDB.Database;
let users: Users;
let sessions: SessionManager;
let ann = '';
let ben = '';

beforeEach(async () => {
  storage = memoryStorage();
  db = storage.system();
  users = new Users(db);
  sessions = new SessionManager(db, users, 30);
  ann = (await users.create({ name: 'Ann', email: 'ann@example.com', passwordHash: 'x' })).id;
  ben = (await users.create({ name: 'Ben', email: 'ben@example.com', passwordHash: 'x' })).id;
});

afterEach(async () => {
  await storage.close();
});

/** A session as the code before owner keys stored it: `session:<hash>` only. */
async function oldSession(userId: string, deviceName: string): Promise<string> {
  const token = `${deviceName.toLowerCase().replace(/[^a-z0-9]/g, '')}${'0'.repeat(30)}`;
  const now = new Date().toISOString();
  await db.put({
    _id: `session:${createHash('sha256').update(token).digest('hex')}`,
    type: 'session',
    userId,
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    createdAt: now,
    lastSeenAt: now,
    deviceName,
  });
  return token;
}

/** The first key of every range the database was asked to read. */
function rangesRead(spy: { mock: { calls: unknown[][] } }): string[] {
  return spy.mock.calls.flatMap((c) => {
    const opts = c[0] as { startkey?: string } | undefined;
    return opts?.startkey !== undefined ? [opts.startkey] : [];
  });
}

describe('SessionManager', () => {
  it('sessions stored before owner keys are listed, revoked and refused like any other', async () => {
    const oldToken = await oldSession(ann, 'Old phone');
    await oldSession(ben, 'Ben old');
    const made = await sessions.create(ann, 'New laptop');
    expect((await sessions.list(ann)).map((s) => s.deviceName).sort()).toEqual([
      'New laptop',
      'Old phone',
    ]);
    expect((await sessions.list(ben)).map((s) => s.deviceName)).toEqual(['Ben old']);
    // a password change reaches the old one too
    const current = (await sessions.validate(made.token)) as { sessionId: string };
    await sessions.revokeAll(ann, current.sessionId);
    expect(await sessions.validate(oldToken)).toBe('revoked');
    expect((await sessions.list(ann)).map((s) => s.deviceName)).toEqual(['New laptop']);
  });

  it('listing a user’s sessions reads their own keys, never every session', async () => {
    await oldSession(ben, 'Ben old');
    await sessions.list(ann); // the one-off indexing of older sessions
    for (let i = 0; i < 5; i++) await sessions.create(ben, `Ben ${i}`);
    await sessions.create(ann, 'Ann phone');
    const spy = vi.spyOn(db, 'allDocs');
    expect((await sessions.list(ann)).map((s) => s.deviceName)).toEqual(['Ann phone']);
    await sessions.revokeAll(ann);
    const ranges = rangesRead(spy);
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges.every((k) => k.startsWith(`sessionof:${ann}:`))).toBe(true);
    spy.mockRestore();
  });

  it('a user keeps at most MAX_SESSIONS_PER_USER: signing in again drops the least recently used', async () => {
    const first = await sessions.create(ann, 'first');
    for (let i = 1; i < MAX_SESSIONS_PER_USER; i++) await sessions.create(ann, `device ${i}`);
    expect(await sessions.list(ann)).toHaveLength(MAX_SESSIONS_PER_USER);
    // make the first one the least recently seen, then sign in once more
    const firstHash = createHash('sha256').update(first.token).digest('hex');
    const doc = await db.get<{ lastSeenAt: string }>(`session:${firstHash}`);
    await db.put({ ...doc, lastSeenAt: '2020-01-01T00:00:00.000Z' });
    const last = await sessions.create(ann, 'one more');
    const names = (await sessions.list(ann)).map((s) => s.deviceName);
    expect(names).toHaveLength(MAX_SESSIONS_PER_USER);
    expect(names).toContain('one more');
    expect(names).not.toContain('first');
    expect(await sessions.validate(first.token)).toBeNull();
    expect(await sessions.validate(last.token)).not.toBeNull();
  });

  it('Lucia’s own calls keep working: logout, every session of a user, the expired sweep', async () => {
    const a = await sessions.create(ann, 'a');
    const b = await sessions.create(ann, 'b');
    await sessions.revoke(a.token); // logout: forgotten, so "expired" rather than "revoked"
    expect(await sessions.validate(a.token)).toBeNull();
    expect(await sessions.validate(b.token)).toMatchObject({ userId: ann });
    await sessions.forgetAll(ann);
    expect(await sessions.validate(b.token)).toBeNull();
    expect(await sessions.list(ann)).toEqual([]);
    const left = await db.allDocs({ startkey: 'session', endkey: 'session\ufff0' });
    expect(left.rows).toEqual([]);
  });

  it('names the browser from the first request that says, and only once', async () => {
    const s = await sessions.create(ann, 'iPhone; CPU iPhone OS 17_5 like Mac OS X');
    await sessions.validate(s.token);
    expect((await sessions.list(ann))[0]?.browser).toBeNull();
    const ua =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
    await sessions.validate(s.token, ua);
    await sessions.validate(s.token, 'Mozilla/5.0 (Windows NT 10.0) Firefox/133.0');
    expect((await sessions.list(ann))[0]).toMatchObject({
      deviceName: 'iPhone',
      browser: 'Safari on iPhone',
    });
  });

  it('one session’s write (its browser, its last-seen time) leaves the other sessions’ checks memoised', async () => {
    const cached = new SessionManager(db, users, 30, 30_000);
    const a = await cached.create(ann, 'Phone A');
    const b = await cached.create(ben, 'Phone B');
    await cached.validate(b.token);
    const get = vi.spyOn(db, 'get');
    const put = vi.spyOn(db, 'put');
    // Phone A's first request names its browser: A's session is written
    await cached.validate(a.token, 'Mozilla/5.0 (Windows NT 10.0) Firefox/133.0');
    expect(put).toHaveBeenCalledTimes(1);
    get.mockClear();
    expect(await cached.validate(b.token)).toMatchObject({ userId: ben });
    expect(get).not.toHaveBeenCalled();
    // A itself is read again after its write, then memoised too
    expect(await cached.validate(a.token)).toMatchObject({ userId: ann });
    expect(get).toHaveBeenCalled();
    get.mockClear();
    await cached.validate(a.token);
    expect(get).not.toHaveBeenCalled();
    // revoking A is seen on A's very next request
    await cached.revokeAll(ann);
    expect(await cached.validate(a.token)).toBe('revoked');
  });
});
