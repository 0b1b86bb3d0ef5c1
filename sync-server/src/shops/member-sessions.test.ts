import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app.ts';
import { memoryStorage } from '../storage/backends.ts';
import {
  callApi,
  readJson,
  registerUser,
  sessionCookie,
  TEST_PASSWORD as PASSWORD,
  type TestAccount,
} from '../test-helpers.ts';

/** An owner signs out a member's devices from the team screen (a seller's lost phone). */

interface Row {
  id: string;
  deviceName: string;
  browser: string | null;
  createdAt: string;
  lastSeenAt: string;
  place: string | null;
}

let app: App;
let owner: TestAccount; // owns "Olive’s Stall"
let seller: TestAccount; // sells there (their own stall aside)
let rival: TestAccount; // owns another shop

const call = (cookie: string | null, method: string, path: string) =>
  callApi(app, cookie, method, path);
const path = (shopId: string, userId: string) => `/api/shops/${shopId}/members/${userId}/sessions`;

async function signIn(who: TestAccount, deviceName: string): Promise<string> {
  const res = await callApi(app, null, 'POST', '/api/auth/login', {
    email: who.email,
    password: PASSWORD,
    deviceName,
  });
  expect(res.status).toBe(200);
  return sessionCookie(res);
}

beforeAll(async () => {
  app = createApp({ storage: memoryStorage(), resolve: false });
  [owner, seller, rival] = await Promise.all([
    registerUser(app, 'Olive'),
    registerUser(app, 'Sam'),
    registerUser(app, 'Rita'),
  ]);
  await app.services.shops.addMember(owner.shopId, seller.userId, 'seller');
});

afterAll(async () => {
  await app.services.storage.close();
});

describe('a member’s devices', () => {
  it('the owner lists them: names and times, no token, no “current”', async () => {
    const phone = await signIn(seller, 'Sam’s phone');
    const rows = (
      await readJson<{ sessions: Row[] }>(
        await call(owner.cookie, 'GET', path(owner.shopId, seller.userId)),
      )
    ).sessions;
    expect(rows.map((r) => r.deviceName).sort()).toEqual(['Sam’s phone', 'Unknown device']);
    for (const r of rows) {
      expect(Object.keys(r).sort()).toEqual([
        'browser',
        'createdAt',
        'deviceName',
        'id',
        'lastSeenAt',
        'place',
      ]);
      expect(phone).not.toContain(r.id);
    }
  });

  it('a seller cannot list or sign out anyone’s devices, not even another seller’s', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await call(seller.cookie, method, path(owner.shopId, owner.userId));
      expect(res.status).toBe(403);
      expect((await call(seller.cookie, method, path(owner.shopId, seller.userId))).status).toBe(
        403,
      );
    }
    expect((await call(owner.cookie, 'GET', '/api/auth/session')).status).toBe(200);
  });

  it('another shop’s owner cannot: the shop is not theirs (404), nor the member (404)', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await call(rival.cookie, method, path(owner.shopId, seller.userId));
      expect(res.status).toBe(404);
      // their own shop, naming someone who is not its member
      const other = await call(rival.cookie, method, path(rival.shopId, seller.userId));
      expect(other.status).toBe(404);
      expect((await readJson<{ reason: string }>(other, 404)).reason).toBe('No such member.');
    }
    expect((await call(seller.cookie, 'GET', '/api/auth/session')).status).toBe(200);
  });

  it('needs a session', async () => {
    expect((await call(null, 'GET', path(owner.shopId, seller.userId))).status).toBe(401);
    expect((await call(null, 'DELETE', path(owner.shopId, seller.userId))).status).toBe(401);
  });

  it('the owner signs them all out: the member’s next request is refused as revoked', async () => {
    const phone = await signIn(seller, 'Sam’s other phone');
    const res = await call(owner.cookie, 'DELETE', path(owner.shopId, seller.userId));
    expect(res.status).toBe(204);
    // the owner's own cookie is untouched
    expect(res.headers.getSetCookie().some((c) => c.startsWith('sk_session='))).toBe(false);
    for (const cookie of [phone, seller.cookie]) {
      const refused = await call(cookie, 'GET', `/db/${owner.shopId}/`);
      expect((await readJson<{ error: string }>(refused, 401)).error).toBe('session_revoked');
    }
    const left = await readJson<{ sessions: Row[] }>(
      await call(owner.cookie, 'GET', path(owner.shopId, seller.userId)),
    );
    expect(left.sessions).toEqual([]);
    expect((await call(owner.cookie, 'GET', '/api/auth/session')).status).toBe(200);
    // the member may sign in again (the owner removes them from the team to keep them out)
    expect(
      (await call(await signIn(seller, 'Sam’s new phone'), 'GET', '/api/auth/session')).status,
    ).toBe(200);
  });
});
