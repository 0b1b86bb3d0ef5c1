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

/** The account screen's devices: what they say, revoking one, and logging out everywhere. */

const ANDROID =
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

interface Row {
  id: string;
  deviceName: string;
  browser: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
  place: string | null;
}

let app: App;
let dana: TestAccount;

const request = (
  cookie: string | null,
  method: string,
  path: string,
  ua?: string,
  body?: unknown,
) => callApi(app, cookie, method, path, body, ua ? { 'User-Agent': ua } : {});

async function login(ua: string, deviceName?: string): Promise<string> {
  const res = await callApi(
    app,
    null,
    'POST',
    '/api/auth/login',
    { email: dana.email, password: PASSWORD, ...(deviceName ? { deviceName } : {}) },
    { 'User-Agent': ua },
  );
  expect(res.status).toBe(200);
  return sessionCookie(res);
}

async function devices(cookie: string, ua?: string): Promise<Row[]> {
  return (
    await readJson<{ sessions: Row[] }>(await request(cookie, 'GET', '/api/account/sessions', ua))
  ).sessions;
}

async function refusal(cookie: string, path = '/api/auth/session'): Promise<string> {
  const body = await readJson<{ error: string }>(await request(cookie, 'GET', path), 401);
  return body.error;
}

beforeAll(async () => {
  app = createApp({ storage: memoryStorage(), resolve: false });
  dana = await registerUser(app, 'Dana', { userAgent: WINDOWS });
});

afterAll(async () => {
  await app.services.storage.close();
});

describe('the account’s devices', () => {
  it('name the browser and the device from the User-Agent, newest use first, with no place', async () => {
    const phone = await login(ANDROID);
    // the phone's first request tells its browser; the laptop's list shows it
    await readJson(await request(phone, 'GET', '/api/auth/session', ANDROID));
    const rows = await devices(dana.cookie, WINDOWS);
    expect(rows.map((r) => [r.deviceName, r.browser, r.current])).toEqual([
      ['Android device', 'Chrome on Android', false],
      ['Windows computer', 'Firefox on Windows', true],
    ]);
    expect(rows.every((r) => r.place === null)).toBe(true);
    expect(rows[0]?.createdAt).toBe(rows[0]?.lastSeenAt);
    // a name the device gave itself is kept as given
    const till = await login(ANDROID, 'Market till');
    await readJson(await request(till, 'GET', '/api/auth/session', ANDROID));
    expect((await devices(till)).find((r) => r.current)).toMatchObject({
      deviceName: 'Market till',
      browser: 'Chrome on Android',
    });
  });

  it('a session revoked from another device is refused at its next request, as revoked', async () => {
    const phone = await login(ANDROID);
    const id = (await devices(phone)).find((r) => r.current)?.id ?? '';
    expect((await request(dana.cookie, 'DELETE', `/api/account/sessions/${id}`)).status).toBe(204);
    // whichever route it calls next: the app's, the replication's
    expect(await refusal(phone)).toBe('session_revoked');
    expect(await refusal(phone, `/db/${dana.shopId}/`)).toBe('session_revoked');
    expect(await refusal(phone, '/api/account/sessions')).toBe('session_revoked');
    // it is no longer listed, and cannot be revoked again
    expect((await devices(dana.cookie)).some((r) => r.id === id)).toBe(false);
    expect((await request(dana.cookie, 'DELETE', `/api/account/sessions/${id}`)).status).toBe(404);
    // an expired or unknown session is still just unauthorized
    expect(await refusal(`sk_session=${'a'.repeat(40)}`)).toBe('unauthorized');
  });

  it('a password change ends the other sessions as revoked; this one lives on', async () => {
    const phone = await login(ANDROID);
    const res = await request(dana.cookie, 'POST', '/api/account/password', undefined, {
      currentPassword: PASSWORD,
      newPassword: PASSWORD,
      newPasswordConfirm: PASSWORD,
    });
    expect(res.status).toBe(204);
    expect(await refusal(phone)).toBe('session_revoked');
    expect((await devices(dana.cookie)).map((r) => r.current)).toEqual([true]);
  });

  it('logout everywhere ends every session, this one included, and clears its cookie', async () => {
    const phone = await login(ANDROID);
    const laptop = await login(WINDOWS);
    const res = await request(laptop, 'DELETE', '/api/account/sessions');
    expect(res.status).toBe(204);
    expect(
      res.headers.getSetCookie().some((c) => c.startsWith('sk_session=') && /Max-Age=0/i.test(c)),
    ).toBe(true);
    for (const cookie of [phone, laptop, dana.cookie]) {
      expect(await refusal(cookie)).toBe('session_revoked');
    }
    // signing in again works, and lists only the new session
    const fresh = await login(WINDOWS);
    expect((await devices(fresh)).map((r) => r.current)).toEqual([true]);
    dana = { ...dana, cookie: fresh };
  });

  it('logging out everywhere needs a session', async () => {
    expect(await refusal('', '/api/account/sessions')).toBe('unauthorized');
    expect((await request(null, 'DELETE', '/api/account/sessions')).status).toBe(401);
  });
});
