import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createServices, type App } from '../app.ts';
import { createThrottles } from '../auth/throttles.ts';
import { memoryStorage } from '../storage/backends.ts';
import {
  callApi,
  readJson as json,
  registerUser,
  sessionCookie,
  TEST_PASSWORD as PASSWORD,
  type TestAccount as Account,
} from '../test-helpers.ts';

// Each register/login costs one argon2id hash (~70 ms): accounts are shared across tests.
const NEW_PASSWORD = 'Vx4!kP9#wQ2zR7-market';
const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';

let app: App;

interface Json {
  [key: string]: unknown;
}

interface SessionRow {
  id: string;
  deviceName: string;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

const request = (
  method: string,
  path: string,
  opts: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> => callApi(app, opts.cookie, method, path, opts.body, opts.headers);

function clearsCookie(res: Response): boolean {
  return res.headers
    .getSetCookie()
    .some((c) => c.startsWith('sk_session=') && /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c));
}

async function expectError(res: Response, status: number, reason?: RegExp): Promise<Json> {
  const body = await json(res, status);
  expect(typeof body.error).toBe('string');
  expect(typeof body.reason).toBe('string');
  if (reason) expect(body.reason).toMatch(reason);
  expect(JSON.stringify(body)).not.toMatch(/\bat .*\.(ts|js):\d+|node_modules|\/work\//);
  return body;
}

const register = (
  name: string,
  email: string,
  shopName: string,
  extra: { deviceName?: string; userAgent?: string } = {},
): Promise<Account> => registerUser(app, name, { email, shopName, ...extra });

function login(email: string, password: string, deviceName?: string, userAgent?: string) {
  return request('POST', '/api/auth/login', {
    body: { email, password, ...(deviceName ? { deviceName } : {}) },
    headers: userAgent ? { 'User-Agent': userAgent } : {},
  });
}

const session = (cookie: string) => request('GET', '/api/auth/session', { cookie });

async function sessionsOf(cookie: string): Promise<SessionRow[]> {
  const body = await json<{ sessions: SessionRow[] }>(
    await request('GET', '/api/account/sessions', { cookie }),
  );
  return body.sessions;
}

let alice: Account; // owner of "Alice’s Apples"
let bob: Account; // owner of his own stall, another user

beforeAll(async () => {
  app = createApp({ storage: memoryStorage() });
  [alice, bob] = await Promise.all([
    register('Alice Appleby', 'alice@example.com', 'Alice’s Apples', {
      deviceName: 'Alice’s laptop',
    }),
    register('Bob Baker', 'bob@example.com', 'Bob’s Bread', { userAgent: IPHONE_UA }),
  ]);
});

afterAll(async () => {
  await app.services.storage.close();
});

describe('PATCH /api/account', () => {
  it('changes the name', async () => {
    const res = await request('PATCH', '/api/account', {
      cookie: alice.cookie,
      body: { name: '  Alice A. Appleby ' },
    });
    const body = await json<{ user: Json }>(res);
    expect(body.user).toEqual({
      id: alice.userId,
      name: 'Alice A. Appleby',
      email: 'alice@example.com',
      emailVerified: false,
    });
    expect(body.user).not.toHaveProperty('passwordHash');
    const me = await json<{ user: Json }>(await session(alice.cookie));
    expect(me.user.name).toBe('Alice A. Appleby');
  });

  it('refuses an empty change, an empty name and a bad email with a readable 400', async () => {
    await expectError(
      await request('PATCH', '/api/account', { cookie: alice.cookie, body: {} }),
      400,
      /Nothing to change/,
    );
    await expectError(
      await request('PATCH', '/api/account', { cookie: alice.cookie, body: { name: '   ' } }),
      400,
      /name/i,
    );
    await expectError(
      await request('PATCH', '/api/account', {
        cookie: alice.cookie,
        body: { email: 'not-an-email' },
      }),
      400,
      /email/i,
    );
    await expectError(
      await request('PATCH', '/api/account', { cookie: alice.cookie, body: '{"name":' }),
      400,
      /not valid JSON/,
    );
  });

  it('changing the email takes the current password: missing or wrong is a readable 400', async () => {
    const missing = await request('PATCH', '/api/account', {
      cookie: alice.cookie,
      body: { email: 'alice.stolen@example.com', name: 'Should Not Stick' },
    });
    expect((await expectError(missing, 400, /current password/i)).error).toBe('bad_request');
    // (bob's turn for the empty one: each failure counts towards the user's throttle)
    await expectError(
      await request('PATCH', '/api/account', {
        cookie: bob.cookie,
        body: { email: 'alice.stolen@example.com', currentPassword: '' },
      }),
      400,
      /Enter your current password/i,
    );
    await expectError(
      await request('PATCH', '/api/account', {
        cookie: alice.cookie,
        body: { email: 'alice.stolen@example.com', currentPassword: 'not-my-password-1' },
      }),
      400,
      /current password is not correct/i,
    );
    const me = await json<{ user: Json }>(await session(alice.cookie));
    expect(me.user).toMatchObject({ email: 'alice@example.com', name: 'Alice A. Appleby' });
    // the email is still free: nothing was claimed
    const probe = await request('PATCH', '/api/account', {
      cookie: bob.cookie,
      body: { email: 'alice.stolen@example.com', currentPassword: PASSWORD },
    });
    expect((await json<{ user: Json }>(probe)).user.email).toBe('alice.stolen@example.com');
    await json(
      await request('PATCH', '/api/account', {
        cookie: bob.cookie,
        body: { email: 'bob@example.com', currentPassword: PASSWORD },
      }),
    );
  });

  it('refuses an email another account holds, whatever its case, and changes nothing', async () => {
    const res = await request('PATCH', '/api/account', {
      cookie: alice.cookie,
      body: { email: '  BOB@Example.COM ', name: 'Should Not Stick', currentPassword: PASSWORD },
    });
    const body = await expectError(res, 409, /already exists/i);
    expect(body.error).toBe('conflict');
    const me = await json<{ user: Json }>(await session(alice.cookie));
    expect(me.user).toMatchObject({ email: 'alice@example.com', name: 'Alice A. Appleby' });
    const bobMe = await json<{ user: Json }>(await session(bob.cookie));
    expect(bobMe.user.email).toBe('bob@example.com');
  });

  it('re-saving the same email in another case is not a conflict (and needs no password)', async () => {
    const res = await request('PATCH', '/api/account', {
      cookie: alice.cookie,
      body: { email: 'ALICE@example.com' },
    });
    expect((await json<{ user: Json }>(res)).user.email).toBe('alice@example.com');
  });

  it('changes the email: the new one logs in (any case), the old one no longer does', async () => {
    const res = await request('PATCH', '/api/account', {
      cookie: alice.cookie,
      body: { email: 'Alice.New@Example.com', currentPassword: PASSWORD },
    });
    const body = await json<{ user: Json }>(res);
    expect(body.user.email).toBe('alice.new@example.com');
    alice = { ...alice, email: 'alice.new@example.com' };

    const withNew = await json<{ user: Json }>(await login('ALICE.NEW@example.com', PASSWORD));
    expect(withNew.user.id).toBe(alice.userId);
    await expectError(await login('alice@example.com', PASSWORD), 401, /Wrong email or password/);
    // the session that made the change is still valid
    expect((await session(alice.cookie)).status).toBe(200);
  });

  it('releases the old email: someone else can register with it', async () => {
    const other = await register('Another Alice', 'Alice@example.com', 'Second Stall');
    expect(other.userId).not.toBe(alice.userId);
    // and it is now taken again
    await expectError(
      await request('PATCH', '/api/account', {
        cookie: alice.cookie,
        body: { email: 'alice@example.com', currentPassword: PASSWORD },
      }),
      409,
      /already exists/i,
    );
  });

  it('needs a session', async () => {
    await expectError(await request('PATCH', '/api/account', { body: { name: 'X' } }), 401);
  });
});

describe('GET and DELETE /api/account/sessions', () => {
  let bobPhone = ''; // bob.cookie: from registration, named after the user-agent
  let bobTill = '';

  beforeAll(async () => {
    bobPhone = bob.cookie;
    bobTill = sessionCookie(await login('bob@example.com', PASSWORD, 'Bob’s till'));
  });

  it('lists every device with its name and marks the current one', async () => {
    const fromTill = await sessionsOf(bobTill);
    expect(fromTill).toHaveLength(2);
    const names = fromTill.map((s) => s.deviceName).sort();
    expect(names).toEqual(['Bob’s till', 'iPhone; CPU iPhone OS 17_0 like Mac OS X']);
    expect(fromTill.find((s) => s.current)?.deviceName).toBe('Bob’s till');
    expect(fromTill.filter((s) => s.current)).toHaveLength(1);
    for (const s of fromTill) {
      expect(s.id).toMatch(/^[0-9a-f]{64}$/);
      // the id is the stored hash, never the token in the cookie
      expect(bobPhone).not.toContain(s.id);
      expect(bobTill).not.toContain(s.id);
      expect(Date.parse(s.createdAt)).not.toBeNaN();
      expect(Date.parse(s.lastSeenAt)).not.toBeNaN();
      expect(Object.keys(s).sort()).toEqual([
        'browser',
        'createdAt',
        'current',
        'deviceName',
        'id',
        'lastSeenAt',
        'place',
      ]);
    }
    const fromPhone = await sessionsOf(bobPhone);
    expect(fromPhone.find((s) => s.current)?.deviceName).toBe(
      'iPhone; CPU iPhone OS 17_0 like Mac OS X',
    );
    // another user's list shows none of bob's devices
    const aliceIds = (await sessionsOf(alice.cookie)).map((s) => s.id);
    expect(aliceIds.some((id) => fromTill.some((s) => s.id === id))).toBe(false);
  });

  it('an unknown session id is 404', async () => {
    await expectError(
      await request('DELETE', `/api/account/sessions/${'0'.repeat(64)}`, { cookie: bobTill }),
      404,
      /No such session/,
    );
    await expectError(
      await request('DELETE', '/api/account/sessions/not-a-session', { cookie: bobTill }),
      404,
    );
  });

  it('another user’s session id is 404 and that session lives on', async () => {
    const aliceCurrent = (await sessionsOf(alice.cookie)).find((s) => s.current);
    expect(aliceCurrent).toBeDefined();
    await expectError(
      await request('DELETE', `/api/account/sessions/${aliceCurrent?.id ?? ''}`, {
        cookie: bobTill,
      }),
      404,
      /No such session/,
    );
    expect((await session(alice.cookie)).status).toBe(200);
  });

  it('revokes another device: its cookie gets 401, this one still works', async () => {
    const phone = (await sessionsOf(bobTill)).find((s) => !s.current);
    expect(phone?.deviceName).toMatch(/iPhone/);
    const res = await request('DELETE', `/api/account/sessions/${phone?.id ?? ''}`, {
      cookie: bobTill,
    });
    expect(res.status).toBe(204);
    expect(clearsCookie(res)).toBe(false); // the caller's own cookie stays
    await expectError(await session(bobPhone), 401);
    await expectError(await request('GET', `/db/${bob.shopId}/`, { cookie: bobPhone }), 401);
    expect((await session(bobTill)).status).toBe(200);
    const left = await sessionsOf(bobTill);
    expect(left.map((s) => s.deviceName)).toEqual(['Bob’s till']);
    // revoking it twice is 404
    await expectError(
      await request('DELETE', `/api/account/sessions/${phone?.id ?? ''}`, { cookie: bobTill }),
      404,
    );
  });

  it('revoking the current session signs this device out', async () => {
    const extra = sessionCookie(await login('bob@example.com', PASSWORD, 'Spare tablet'));
    const current = (await sessionsOf(extra)).find((s) => s.current);
    expect(current?.deviceName).toBe('Spare tablet');
    const res = await request('DELETE', `/api/account/sessions/${current?.id ?? ''}`, {
      cookie: extra,
    });
    expect(res.status).toBe(204);
    expect(clearsCookie(res)).toBe(true);
    await expectError(await session(extra), 401);
    expect((await session(bobTill)).status).toBe(200);
    bob = { ...bob, cookie: bobTill };
  });

  it('needs a session', async () => {
    await expectError(await request('GET', '/api/account/sessions'), 401);
    await expectError(await request('DELETE', `/api/account/sessions/${'0'.repeat(64)}`), 401);
  });
});

describe('POST /api/account/password', () => {
  let second = ''; // another device of alice's

  beforeAll(async () => {
    second = sessionCookie(await login(alice.email, PASSWORD, 'Alice’s phone'));
  });

  const change = (cookie: string, body: unknown) =>
    request('POST', '/api/account/password', { cookie, body });

  it('refuses a wrong current password with 400', async () => {
    const body = await expectError(
      await change(alice.cookie, {
        currentPassword: 'not-my-password-1',
        newPassword: NEW_PASSWORD,
        newPasswordConfirm: NEW_PASSWORD,
      }),
      400,
      /current password is not correct/i,
    );
    expect(body.error).toBe('bad_request');
  });

  it.each([
    ['password123', /too easy to guess/i],
    ['short', /at least 10 characters/i],
    ['aliceappleby', /too easy to guess/i],
  ])('refuses the weak new password %j with a readable 400', async (weak, reason) => {
    await expectError(
      await change(alice.cookie, {
        currentPassword: PASSWORD,
        newPassword: weak,
        newPasswordConfirm: weak,
      }),
      400,
      reason,
    );
  });

  it('refuses a confirmation that does not match', async () => {
    await expectError(
      await change(alice.cookie, {
        currentPassword: PASSWORD,
        newPassword: NEW_PASSWORD,
        newPasswordConfirm: `${NEW_PASSWORD}x`,
      }),
      400,
      /do not match/i,
    );
  });

  it('nothing refused changed the password or signed anyone out', async () => {
    expect((await session(second)).status).toBe(200);
    expect((await login(alice.email, PASSWORD)).status).toBe(200);
  });

  it('changes it: other devices are signed out, this one stays, the new password logs in', async () => {
    const res = await change(alice.cookie, {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      newPasswordConfirm: NEW_PASSWORD,
    });
    expect(res.status).toBe(204);
    await expectError(await session(second), 401);
    expect((await session(alice.cookie)).status).toBe(200);
    const left = await sessionsOf(alice.cookie);
    expect(left).toHaveLength(1);
    expect(left[0]?.current).toBe(true);

    await expectError(await login(alice.email, PASSWORD), 401);
    const fresh = await login(alice.email, NEW_PASSWORD, 'Alice’s new phone');
    expect(fresh.status).toBe(200);
    expect((await session(sessionCookie(fresh))).status).toBe(200);
  });

  it('needs a session', async () => {
    await expectError(
      await request('POST', '/api/account/password', {
        body: {
          currentPassword: NEW_PASSWORD,
          newPassword: PASSWORD,
          newPasswordConfirm: PASSWORD,
        },
      }),
      401,
    );
  });
});

describe('DELETE /api/account', () => {
  const remove = (cookie: string, body?: unknown) =>
    request('DELETE', '/api/account', { cookie, ...(body !== undefined ? { body } : {}) });

  it('an owner of a shop gets 409 naming the shop, and keeps the account', async () => {
    const body = await expectError(
      await remove(alice.cookie, { password: NEW_PASSWORD }),
      409,
      /Alice’s Apples/,
    );
    expect(body.error).toBe('conflict');
    expect((await session(alice.cookie)).status).toBe(200);
  });

  it('a wrong or missing password is 400', async () => {
    await expectError(
      await remove(alice.cookie, { password: 'wrong-password-123' }),
      400,
      /password is not correct/,
    );
    await expectError(await remove(alice.cookie), 400);
    await expectError(await remove(alice.cookie, {}), 400);
    expect((await session(alice.cookie)).status).toBe(200);
  });

  it('a seller-only user leaves for good; the email is free again', async () => {
    // Sam registers (and so owns a shop), deletes that shop and joins Alice's as a seller.
    const sam = await register('Sam Seller', 'sam@example.com', 'Sam’s Short-lived Stall');
    expect(
      (await request('DELETE', `/api/shops/${sam.shopId}`, { cookie: sam.cookie })).status,
    ).toBe(204);
    const invite = await json<{ code: string }>(
      await request('POST', `/api/shops/${alice.shopId}/invites`, {
        cookie: alice.cookie,
        body: { role: 'seller' },
      }),
      201,
    );
    const joined = await json<{ shops: { id: string; role: string }[] }>(
      await request('POST', '/api/invites/accept', {
        cookie: sam.cookie,
        body: { code: invite.code },
      }),
    );
    expect(joined.shops).toEqual([{ id: alice.shopId, name: 'Alice’s Apples', role: 'seller' }]);
    const samPhone = sessionCookie(await login('sam@example.com', PASSWORD, 'Sam’s phone'));

    await expectError(await remove(sam.cookie, { password: 'wrong-password-123' }), 400);
    const res = await remove(sam.cookie, { password: PASSWORD });
    expect(res.status).toBe(204);
    expect(clearsCookie(res)).toBe(true);

    // every device is signed out, the account cannot log in
    await expectError(await session(sam.cookie), 401);
    await expectError(await session(samPhone), 401);
    await expectError(await login('sam@example.com', PASSWORD), 401);
    // gone from the shop
    const members = await json<{ members: { userId: string }[] }>(
      await request('GET', `/api/shops/${alice.shopId}/members`, { cookie: alice.cookie }),
    );
    expect(members.members.map((m) => m.userId)).toEqual([alice.userId]);
    expect(await app.services.shops.roleOf(alice.shopId, sam.userId)).toBeNull();

    // the email can be registered again, as a new account
    const again = await register('Sam Again', 'SAM@example.com', 'Sam’s Second Stall');
    expect(again.userId).not.toBe(sam.userId);
    const me = await json<{ user: Json; shops: { role: string }[] }>(await session(again.cookie));
    expect(me.user.email).toBe('sam@example.com');
    expect(me.shops.map((s) => s.role)).toEqual(['owner']);
  });

  it('needs a session', async () => {
    await expectError(
      await request('DELETE', '/api/account', { body: { password: PASSWORD } }),
      401,
    );
  });
});

describe('current-password checks are throttled per user', () => {
  // Its own app with a clock the test moves: nobody sleeps.
  let now = Date.parse('2026-06-01T08:00:00Z');
  let clocked: App;
  let tom: Account;
  let una: Account;
  const call = (cookie: string, method: string, path: string, body: unknown) =>
    callApi(clocked, cookie, method, path, body);
  const changePassword = (cookie: string, currentPassword: string) =>
    call(cookie, 'POST', '/api/account/password', {
      currentPassword,
      newPassword: NEW_PASSWORD,
      newPasswordConfirm: NEW_PASSWORD,
    });
  const deleteAccount = (cookie: string, password: string) =>
    call(cookie, 'DELETE', '/api/account', { password });
  const changeEmail = (cookie: string, currentPassword: string) =>
    call(cookie, 'PATCH', '/api/account', { email: 'elsewhere@example.com', currentPassword });

  async function expectWait(res: Response): Promise<number> {
    const body = await expectError(res, 429);
    expect(body.error).toBe('too_many_requests');
    const seconds = Number(res.headers.get('retry-after'));
    expect(Number.isInteger(seconds) && seconds > 0).toBe(true);
    return seconds;
  }

  beforeAll(async () => {
    clocked = createApp({
      ...createServices({ storage: memoryStorage() }),
      throttles: createThrottles(() => now),
    });
    [tom, una] = await Promise.all([
      registerUser(clocked, 'Tom', { shopName: 'Tom’s Tomatoes' }),
      registerUser(clocked, 'Una', { shopName: 'Una’s Umbrellas' }),
    ]);
  });

  afterAll(async () => {
    await clocked.services.storage.close();
  });

  it('wrong passwords on password change, deletion and email change share one growing delay', async () => {
    for (let i = 1; i <= 3; i++) {
      await expectError(
        await changePassword(tom.cookie, `wrong-password-${i}`),
        400,
        /not correct/,
      );
    }
    // the delay now runs for every check of tom's password, right or wrong, on every route
    expect(await expectWait(await changePassword(tom.cookie, PASSWORD))).toBe(1);
    expect(await expectWait(await deleteAccount(tom.cookie, PASSWORD))).toBe(1);
    expect(await expectWait(await changeEmail(tom.cookie, PASSWORD))).toBe(1);

    now += 1000;
    await expectError(await deleteAccount(tom.cookie, 'wrong-password-4'), 400, /not correct/);
    expect(await expectWait(await deleteAccount(tom.cookie, 'wrong-password-5'))).toBe(2);
    now += 2000;
    await expectError(await changeEmail(tom.cookie, 'wrong-password-6'), 400, /not correct/);
    expect(await expectWait(await changePassword(tom.cookie, 'wrong-password-7'))).toBe(4);
    now += 1000;
    expect(await expectWait(await changePassword(tom.cookie, PASSWORD))).toBe(3);

    // another user is not slowed by it
    await expectError(await changePassword(una.cookie, 'wrong-password-1'), 400, /not correct/);

    // once the delay has run out the right password works, and the count starts over
    now += 3000;
    expect((await changePassword(tom.cookie, PASSWORD)).status).toBe(204);
    await expectError(await changePassword(tom.cookie, 'wrong-password-8'), 400, /not correct/);
  });

  it('account deletion alone is throttled too: guessing cannot delete the account', async () => {
    now += 60 * 60_000 + 1; // a quiet hour forgets Una's earlier failure
    for (let i = 1; i <= 3; i++) {
      await expectError(await deleteAccount(una.cookie, `wrong-password-${i}`), 400);
    }
    expect(await expectWait(await deleteAccount(una.cookie, PASSWORD))).toBeGreaterThan(0);
    expect(await expectWait(await deleteAccount(una.cookie, PASSWORD))).toBeGreaterThan(0);
    now += 60_000;
    // the password is accepted again: Una owns a shop, so the answer is the 409 for that
    await expectError(await deleteAccount(una.cookie, PASSWORD), 409, /Una’s Umbrellas/);
  });
});
