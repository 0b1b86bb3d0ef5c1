import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createServices, type App } from '../app.ts';
import { memoryStorage } from '../storage/backends.ts';
import {
  sessionCookie as cookiePair,
  TEST_BASE as BASE,
  TEST_PASSWORD as PASSWORD,
} from '../test-helpers.ts';
import { createThrottles } from './throttles.ts';

// Each registration costs one argon2id hash (~70 ms): keep them few.

let app: App;

interface Json {
  [key: string]: unknown;
}

function jsonInit(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}, base = BASE) =>
  app.request(`${base}${path}`, jsonInit(body, headers));

const register = (over: Record<string, unknown> = {}, base = BASE) =>
  post(
    '/api/auth/register',
    {
      name: 'Olga Owner',
      email: 'olga@example.com',
      password: PASSWORD,
      passwordConfirm: PASSWORD,
      shopName: 'Olga’s Fruit',
      ...over,
    },
    {},
    base,
  );

const login = (email: string, password: string) => post('/api/auth/login', { email, password });

function setCookies(res: Response): string[] {
  return res.headers.getSetCookie();
}

/** The `sk_session=<token>` pair to send back, from a response's Set-Cookie. */
function sessionCookie(res: Response): string {
  const pair = cookiePair(res);
  expect(pair.length).toBeGreaterThan('sk_session='.length + 10);
  return pair;
}

/** The `sk_known=…` pair (the known-device proof) from a response's Set-Cookie. */
function knownDeviceCookie(res: Response): string {
  const line = setCookies(res).find((c) => c.startsWith('sk_known='));
  expect(line).toBeDefined();
  return line?.split(';')[0] ?? '';
}

const session = (cookie?: string) =>
  app.request(`${BASE}/api/auth/session`, cookie ? { headers: { Cookie: cookie } } : {});

async function expectJsonError(res: Response, status: number): Promise<Json> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await res.json()) as Json;
  expect(typeof body.error).toBe('string');
  expect(typeof body.reason).toBe('string');
  expect(JSON.stringify(body)).not.toMatch(/\bat .*\.(ts|js):\d+/); // never a stack trace
  return body;
}

// The throttles run on a clock the tests move, so no test waits for real time.
let now = Date.parse('2026-06-01T08:00:00Z');

beforeAll(() => {
  app = createApp({
    ...createServices({ storage: memoryStorage() }),
    throttles: createThrottles(() => now),
  });
});

afterAll(async () => {
  await app.services.storage.close();
});

describe('register', () => {
  let ownerCookie = '';
  let ownerId = '';

  it('creates the user, a shop they own, and a session cookie', async () => {
    const res = await register();
    expect(res.status).toBe(201);
    const body = (await res.json()) as {
      user: { id: string; name: string; email: string };
      shops: { id: string; name: string; role: string }[];
    };
    expect(body.user).toEqual({
      id: expect.any(String),
      name: 'Olga Owner',
      email: 'olga@example.com',
      emailVerified: false, // until the link mailed at registration is followed
    });
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(body.shops).toEqual([
      { id: expect.stringMatching(/^[0-9a-z]{26}$/), name: 'Olga’s Fruit', role: 'owner' },
    ]);
    ownerId = body.user.id;

    const line = setCookies(res).find((c) => c.startsWith('sk_session='));
    expect(line).toBeDefined();
    expect(line).toMatch(/;\s*HttpOnly/i);
    expect(line).toMatch(/;\s*SameSite=Lax/i);
    expect(line).toMatch(/;\s*Path=\//i);
    expect(line).not.toMatch(/;\s*Secure/i); // plain http: a Secure cookie would never come back
    ownerCookie = sessionCookie(res);

    const me = await session(ownerCookie);
    expect(me.status).toBe(200);
    const meBody = (await me.json()) as { user: { id: string }; shops: unknown[] };
    expect(meBody.user.id).toBe(ownerId);
    expect(meBody.shops).toEqual(body.shops);
  });

  it('marks the cookie Secure when the request came over https', async () => {
    const res = await register(
      { email: 'secure@example.com', shopName: 'Secure Stall' },
      'https://stall.example',
    );
    expect(res.status).toBe(201);
    const line = setCookies(res).find((c) => c.startsWith('sk_session='));
    expect(line).toMatch(/;\s*Secure/i);
    expect(line).toMatch(/;\s*HttpOnly/i);
    expect(line).toMatch(/;\s*SameSite=Lax/i);
    // registering proves the password too: this browser becomes a known device
    const known = setCookies(res).find((c) => c.startsWith('sk_known='));
    expect(known).toMatch(/;\s*Secure/i);
    expect(known).toMatch(/;\s*HttpOnly/i);
    expect(known).toMatch(/;\s*SameSite=Strict/i);
  });

  it('refuses an email that is already taken, whatever its case', async () => {
    const res = await register({
      email: '  OLGA@Example.COM ',
      name: 'Someone Else',
      shopName: 'Other',
    });
    const body = await expectJsonError(res, 409);
    expect(body.error).toBe('conflict');
    expect(body.reason).toMatch(/already exists/i);
    expect(setCookies(res).some((c) => c.startsWith('sk_session=') && !/Max-Age=0/i.test(c))).toBe(
      false,
    );
  });

  it.each([
    ['password123', /too easy to guess/i],
    ['Qwerty1234!', /too easy to guess/i],
    ['short', /at least 10 characters/i],
    ['aB3$eF7&', /at least 10 characters/i],
  ])('refuses the weak password %j with a readable reason', async (password, reason) => {
    const res = await register({ email: 'weak@example.com', password, passwordConfirm: password });
    const body = await expectJsonError(res, 400);
    expect(body.error).toBe('bad_request');
    expect(body.reason).toMatch(reason);
  });

  it.each([
    ['the name run together', 'mariposakowalczyk'],
    ['the email’s local part', 'mariposa.kowalczyk'],
    ['the shop name run together', 'greencornermarket'],
  ])('refuses a password that is %s', async (_what, password) => {
    const res = await register({
      email: 'mariposa.kowalczyk@example.com',
      name: 'Mariposa Kowalczyk',
      shopName: 'Green Corner Market',
      password,
      passwordConfirm: password,
    });
    const body = await expectJsonError(res, 400);
    expect(body.reason).toMatch(/too easy to guess/i);
  });

  it('refuses a confirmation that does not match', async () => {
    const res = await register({ email: 'mismatch@example.com', passwordConfirm: `${PASSWORD}x` });
    const body = await expectJsonError(res, 400);
    expect(body.reason).toMatch(/passwordConfirm/);
    expect(body.reason).toMatch(/do not match/i);
  });

  it('refuses missing fields and a bad email', async () => {
    const noShop = await register({ email: 'noshop@example.com', shopName: '   ' });
    expect((await expectJsonError(noShop, 400)).reason).toMatch(/shopName/);
    const badEmail = await register({ email: 'not-an-email' });
    expect((await expectJsonError(badEmail, 400)).reason).toMatch(/email/i);
  });

  it('did not create accounts for refused registrations', async () => {
    const res = await login('weak@example.com', 'password123');
    expect(res.status).toBe(401);
    const res2 = await login('mismatch@example.com', PASSWORD);
    expect(res2.status).toBe(401);
  });

  describe('login, session and logout', () => {
    it('logs in with the right password (email in any case)', async () => {
      const res = await login('Olga@Example.com', PASSWORD);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { user: { id: string }; shops: { role: string }[] };
      expect(body.user.id).toBe(ownerId);
      expect(body.shops.map((s) => s.role)).toEqual(['owner']);
      const cookie = sessionCookie(res);
      expect(cookie).not.toBe(ownerCookie); // a new session per login
      expect(setCookies(res).find((c) => c.startsWith('sk_session='))).toMatch(/HttpOnly/i);
      expect((await session(cookie)).status).toBe(200);
    });

    it('answers 401 {error, reason} to a wrong password and an unknown account alike', async () => {
      const wrong = await expectJsonError(
        await login('olga@example.com', 'not-the-password-1'),
        401,
      );
      const unknown = await expectJsonError(await login('nobody@example.com', PASSWORD), 401);
      expect(wrong).toEqual(unknown);
      expect(wrong.error).toBe('unauthorized');
    });

    it('GET /api/auth/session without a cookie, or with a forged one, is 401', async () => {
      await expectJsonError(await session(), 401);
      await expectJsonError(await session('sk_session=abcdefghijklmnopqrstuvwxyz0123456789'), 401);
      await expectJsonError(await session('sk_session=../../etc/passwd'), 401);
    });

    it('logout answers 204, clears the cookie and kills the session', async () => {
      const res = await login('olga@example.com', PASSWORD);
      const cookie = sessionCookie(res);
      expect((await session(cookie)).status).toBe(200);

      const out = await app.request(`${BASE}/api/auth/logout`, {
        method: 'POST',
        headers: { Cookie: cookie },
      });
      expect(out.status).toBe(204);
      const cleared = setCookies(out).find((c) => c.startsWith('sk_session='));
      expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);

      await expectJsonError(await session(cookie), 401);
      // other sessions of the same user live on
      expect((await session(ownerCookie)).status).toBe(200);
    });

    it('logout without a session is still 204', async () => {
      const out = await app.request(`${BASE}/api/auth/logout`, { method: 'POST' });
      expect(out.status).toBe(204);
    });
  });
});

describe('behind a proxy', () => {
  it('trusts X-Forwarded-Proto only when told to', async () => {
    // not trusted by default: a client cannot make the cookie Secure-less or Secure at will
    const plain = await post(
      '/api/auth/login',
      { email: 'olga@example.com', password: PASSWORD },
      { 'X-Forwarded-Proto': 'https' },
    );
    expect(plain.status).toBe(200);
    expect(plain.headers.getSetCookie().find((c) => c.startsWith('sk_session='))).not.toMatch(
      /;\s*Secure/i,
    );

    const proxied = createApp({ storage: memoryStorage(), trustProxy: true });
    try {
      const res = await proxied.request(`${BASE}/api/auth/register`, {
        ...jsonInit(
          {
            name: 'Pia',
            email: 'pia@example.com',
            password: PASSWORD,
            passwordConfirm: PASSWORD,
            shopName: 'Pia',
          },
          {
            'X-Forwarded-Proto': 'https',
            'X-Forwarded-Host': 'stall.example',
            Origin: 'https://stall.example',
          },
        ),
      });
      expect(res.status).toBe(201);
      expect(res.headers.getSetCookie().find((c) => c.startsWith('sk_session='))).toMatch(
        /;\s*Secure/i,
      );
      // the origin check follows the forwarded host too
      const evil = await proxied.request(`${BASE}/api/auth/login`, {
        ...jsonInit(
          { email: 'pia@example.com', password: PASSWORD },
          {
            'X-Forwarded-Proto': 'https',
            'X-Forwarded-Host': 'stall.example',
            Origin: 'https://evil.example',
          },
        ),
      });
      expect(evil.status).toBe(403);
    } finally {
      await proxied.services.storage.close();
    }
  });
});

describe('login throttling', () => {
  it('slows guessing with a short delay, not a lock, and never the owner’s known device', async () => {
    // the secure@ account registered above; this login leaves a known-device cookie
    const owner = await login('secure@example.com', PASSWORD);
    expect(owner.status).toBe(200);
    const known = knownDeviceCookie(owner);
    for (let i = 1; i <= 3; i++) {
      const res = await login(
        i % 2 ? 'secure@example.com' : 'SECURE@example.com',
        `wrong-password-${i}`,
      );
      expect(res.status, `attempt ${i}`).toBe(401);
    }
    const fourth = await login('secure@example.com', 'wrong-password-4');
    const body = await expectJsonError(fourth, 429);
    expect(body.error).toBe('too_many_requests');
    expect(fourth.headers.get('retry-after')).toBe('1'); // seconds, not a 15-minute lock

    // the right password from here waits out the delay too (else the delay would tell)…
    expect((await login('secure@example.com', PASSWORD)).status).toBe(429);
    // …but the owner's known device is judged on its own and gets in now
    const fromKnown = await post(
      '/api/auth/login',
      { email: 'secure@example.com', password: PASSWORD },
      { Cookie: known },
    );
    expect(fromKnown.status).toBe(200);
    // other accounts are not slowed by it
    expect((await login('olga@example.com', PASSWORD)).status).toBe(200);
    // and once the delay has run out, the right password gets in from here as well
    now += 1000;
    expect((await login('secure@example.com', PASSWORD)).status).toBe(200);
  });
});

describe('request hygiene', () => {
  it.each([
    ['{"email": "olga@example.com", ', /not valid JSON/i],
    ['', /empty/i],
    ['[[[[', /not valid JSON/i],
  ])('answers malformed JSON %j with a 400 JSON error, never a 500', async (raw, reason) => {
    for (const path of ['/api/auth/login', '/api/auth/register']) {
      const res = await post(path, raw);
      const body = await expectJsonError(res, 400);
      expect(body.reason).toMatch(reason);
    }
  });

  it('answers deeply nested JSON with 400, not a crash', async () => {
    const deep = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
    const res = await post('/api/auth/login', `{"email":${deep}}`);
    await expectJsonError(res, 400);
  });

  it('answers JSON that is not an object with 400', async () => {
    for (const raw of ['null', '42', '"text"', '[]']) {
      await expectJsonError(await post('/api/auth/login', raw), 400);
    }
  });

  it('refuses a body over the /api size limit with 413', async () => {
    const res = await post('/api/auth/login', {
      email: 'olga@example.com',
      password: 'x'.repeat(70 * 1024),
    });
    const body = await expectJsonError(res, 413);
    expect(body.error).toBe('payload_too_large');
  });

  it('refuses a cross-origin POST with 403', async () => {
    const res = await post(
      '/api/auth/login',
      { email: 'olga@example.com', password: PASSWORD },
      { Origin: 'http://evil.example' },
    );
    const body = await expectJsonError(res, 403);
    expect(body.error).toBe('forbidden');
    expect(setCookies(res)).toEqual([]);
    const regEvil = await post(
      '/api/auth/register',
      {
        name: 'E',
        email: 'evil2@example.com',
        password: PASSWORD,
        passwordConfirm: PASSWORD,
        shopName: 'E',
      },
      { Origin: 'http://evil.example' },
    );
    await expectJsonError(regEvil, 403);
    const logout = await post('/api/auth/logout', '', { Origin: 'null' });
    await expectJsonError(logout, 403);
  });

  it('accepts a same-origin POST', async () => {
    const res = await post(
      '/api/auth/login',
      { email: 'olga@example.com', password: PASSWORD },
      { Origin: 'http://localhost' },
    );
    expect(res.status).toBe(200);
  });

  it('answers unknown /api paths with a JSON 404 and sets security headers', async () => {
    const res = await app.request(`${BASE}/api/nope`);
    const body = await expectJsonError(res, 404);
    expect(body.error).toBe('not_found');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
  });

  it('GET /api/health is ok', async () => {
    const res = await app.request(`${BASE}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});
