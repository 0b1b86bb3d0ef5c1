import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createServices, type App, type AppOptions } from '../app.ts';
import { memoryStorage } from '../storage/backends.ts';
import {
  callApi,
  readJson,
  registerUser,
  TEST_PASSWORD as PASSWORD,
  type TestAccount,
} from '../test-helpers.ts';
import { createThrottles } from './throttles.ts';

// Login and registration throttling over HTTP, behind a trusted proxy (so X-Forwarded-For
// names the client), with a clock the tests move instead of sleeping. Each login costs one
// argon2id verification (~70 ms): the counts below are what the behaviour needs, no more.

let now = Date.parse('2026-06-01T08:00:00Z');
const clock = () => now;
const apps: App[] = [];

function clockedApp(opts: Partial<AppOptions> = {}): App {
  const app = createApp({
    ...createServices({ storage: memoryStorage(), trustProxy: true, ...opts }),
    throttles: createThrottles(clock),
  });
  apps.push(app);
  return app;
}

afterAll(async () => {
  for (const app of apps) await app.services.storage.close();
});

interface Login {
  email: string;
  password: string;
  /** the X-Forwarded-For header the proxy passes on */
  from: string;
  /** the known-device cookie pair to send, if any */
  known?: string;
}

const login = (app: App, l: Login) =>
  callApi(
    app,
    l.known,
    'POST',
    '/api/auth/login',
    { email: l.email, password: l.password },
    { 'X-Forwarded-For': l.from },
  );

/** The `sk_known=…` pair a response sets. */
function knownCookie(res: Response): string {
  const line = res.headers.getSetCookie().find((c) => c.startsWith('sk_known='));
  if (!line) throw new Error('no known-device cookie');
  return line.split(';')[0] ?? '';
}

/** Seconds from a 429 {error, reason} answer's Retry-After. */
async function retryAfter(res: Response): Promise<number> {
  const body = await readJson<{ error: string; reason: string }>(res, 429);
  expect(body.error).toBe('too_many_requests');
  expect(typeof body.reason).toBe('string');
  const seconds = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(seconds) && seconds > 0, `Retry-After ${seconds}`).toBe(true);
  return seconds;
}

/**
 * `count` wrong passwords that the server really judges (401): whenever it asks to wait,
 * the clock moves on by Retry-After. Returns the waits it asked for, in order.
 */
async function failLogins(app: App, l: Omit<Login, 'password'>, count: number): Promise<number[]> {
  const waits: number[] = [];
  for (let i = 0; i < count;) {
    const res = await login(app, { ...l, password: `wrong-password-${i}` });
    if (res.status === 429) {
      const seconds = await retryAfter(res);
      waits.push(seconds);
      // each guess waits at most once: the wait has run out when the clock has moved by it
      expect(waits.length, 'waits that never run out').toBeLessThanOrEqual(count);
      now += seconds * 1000;
      continue;
    }
    expect(res.status, `guess ${i}`).toBe(401);
    await res.arrayBuffer();
    i += 1;
  }
  return waits;
}

describe('login throttling', () => {
  let app: App;
  let vera: TestAccount;
  let veraPhone = ''; // vera's known-device cookie

  beforeAll(async () => {
    app = clockedApp();
    vera = await registerUser(app, 'Vera');
    const res = await login(app, { email: vera.email, password: PASSWORD, from: '198.51.100.7' });
    expect(res.status).toBe(200);
    veraPhone = knownCookie(res);
  });

  it('sets the known-device cookie HttpOnly, SameSite=Strict, for /api/auth only', async () => {
    const res = await login(app, { email: vera.email, password: PASSWORD, from: '198.51.100.7' });
    const line = res.headers.getSetCookie().find((c) => c.startsWith('sk_known='));
    expect(line).toMatch(/;\s*HttpOnly/i);
    expect(line).toMatch(/;\s*SameSite=Strict/i);
    expect(line).toMatch(/;\s*Path=\/api\/auth(;|$)/i);
    expect(line).toMatch(/;\s*Max-Age=\d{7,}/i);
    expect(line).not.toMatch(/;\s*Secure/i); // plain http here
  });

  it('five, then fifty wrong passwords from one address do not stop the right one from another', async () => {
    const attacker = { email: vera.email, from: '203.0.113.66' };
    await failLogins(app, attacker, 5);
    const fromHome = await login(app, {
      email: vera.email,
      password: PASSWORD,
      from: '192.0.2.10',
    });
    expect(fromHome.status).toBe(200);

    await failLogins(app, attacker, 45);
    const fromWork = await login(app, {
      email: vera.email,
      password: PASSWORD,
      from: '192.0.2.20',
    });
    expect(fromWork.status).toBe(200);
    // the attacker's own address is still being slowed down
    expect(await retryAfter(await login(app, { ...attacker, password: PASSWORD }))).toBeGreaterThan(
      0,
    );
  });

  it('a known device logs in even from the attacking address, where others must wait', async () => {
    const attacker = { email: vera.email, from: '203.0.113.77' };
    await failLogins(app, attacker, 8);
    // without the proof the right password waits like any guess from there…
    expect(await retryAfter(await login(app, { ...attacker, password: PASSWORD }))).toBeGreaterThan(
      0,
    );
    // …with it, vera's phone on the same Wi-Fi is judged by its own counter alone
    const res = await login(app, { ...attacker, password: PASSWORD, known: veraPhone });
    expect(res.status).toBe(200);
    veraPhone = knownCookie(res);
  });

  it('a forged or tampered known-device cookie proves nothing', async () => {
    const attacker = { email: vera.email, from: '203.0.113.78' };
    await failLogins(app, attacker, 3);
    const [name, value = ''] = veraPhone.split('=');
    const last = value.at(-1) === 'A' ? 'B' : 'A';
    for (const forged of [
      `${name}=${value.slice(0, -1)}${last}`,
      `${name}=${vera.userId}.device.9999999999.mac`,
      `${name}=${'x'.repeat(5000)}`,
    ]) {
      const res = await login(app, { ...attacker, password: PASSWORD, known: forged });
      expect(res.status, forged.slice(0, 60)).toBe(429);
      await res.arrayBuffer();
    }
  });

  it('a brute force from one address waits exponentially longer, and never for long', async () => {
    const bea = await registerUser(app, 'Bea');
    const attacker = { email: bea.email, from: '203.0.113.88' };
    const waits = await failLogins(app, attacker, 13);
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 300]);

    // the right password waits too while the delay runs (else the delay would tell)…
    expect(await retryAfter(await login(app, { ...attacker, password: PASSWORD }))).toBe(300);
    now += 299_000;
    expect(await retryAfter(await login(app, { ...attacker, password: PASSWORD }))).toBe(1);
    // …and succeeds once it has run out
    now += 1000;
    expect((await login(app, { ...attacker, password: PASSWORD })).status).toBe(200);
    // a success starts the count over: three free guesses again
    await failLogins(app, attacker, 3);
    expect(await retryAfter(await login(app, { ...attacker, password: PASSWORD }))).toBe(1);
  });

  it('counts parallel guesses as they arrive', async () => {
    const cid = await registerUser(app, 'Cid');
    const burst = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        login(app, { email: cid.email, password: `wrong-password-${i}`, from: '203.0.113.99' }),
      ),
    );
    const statuses = burst.map((r) => r.status).sort();
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
    await Promise.all(burst.map((r) => r.arrayBuffer()));
  });

  it('thirty failures on thirty accounts from a shared address do not block a known device there', async () => {
    const market = '100.64.0.1'; // a market's Wi-Fi: everyone behind one address
    const mia = await registerUser(app, 'Mia');
    const miaTill = knownCookie(
      await login(app, { email: mia.email, password: PASSWORD, from: market }),
    );
    for (let i = 0; i < 30; i++) {
      const res = await login(app, {
        email: `stuffed-${i}@example.com`,
        password: 'wrong-password-1',
        from: market,
      });
      expect(res.status, `account ${i}`).toBe(401);
      await res.arrayBuffer();
    }
    // credential stuffing from there is slowed now (for devices that prove nothing)…
    expect(
      await retryAfter(
        await login(app, { email: 'stuffed-30@example.com', password: 'x', from: market }),
      ),
    ).toBeGreaterThan(0);
    expect(
      await retryAfter(await login(app, { email: mia.email, password: PASSWORD, from: market })),
    ).toBeGreaterThan(0);
    // …but mia's till logs in at once, and so does anyone elsewhere
    expect(
      (await login(app, { email: mia.email, password: PASSWORD, from: market, known: miaTill }))
        .status,
    ).toBe(200);
    expect(
      (await login(app, { email: mia.email, password: PASSWORD, from: '192.0.2.30' })).status,
    ).toBe(200);
    // the address only delays: once the delay has passed, the right password gets in
    now += 60_000;
    expect((await login(app, { email: mia.email, password: PASSWORD, from: market })).status).toBe(
      200,
    );
  });
});

describe('the client address behind proxies', () => {
  it('a spoofed left-most X-Forwarded-For entry does not change the throttling key', async () => {
    const app = clockedApp();
    const wes = await registerUser(app, 'Wes');
    // the client writes any left part it likes; the one proxy appends the real peer
    for (let i = 0; i < 3; i++) {
      const res = await login(app, {
        email: wes.email,
        password: `wrong-password-${i}`,
        from: `10.0.0.${i}, 203.0.113.5`,
      });
      expect(res.status).toBe(401);
      await res.arrayBuffer();
    }
    const spoofed = await login(app, {
      email: wes.email,
      password: PASSWORD,
      from: '10.9.9.9, 203.0.113.5',
    });
    expect(await retryAfter(spoofed)).toBe(1);
    // the real client elsewhere is not affected
    const elsewhere = await login(app, { email: wes.email, password: PASSWORD, from: '192.0.2.5' });
    expect(elsewhere.status).toBe(200);
  });

  it('with TRUST_PROXY_HOPS=2 the client is the second entry from the right', async () => {
    const app = clockedApp({ trustProxyHops: 2 });
    const hal = await registerUser(app, 'Hal');
    for (let i = 0; i < 3; i++) {
      const res = await login(app, {
        email: hal.email,
        password: `wrong-password-${i}`,
        from: `spoof-${i}, 203.0.113.6, 10.0.0.2`,
      });
      expect(res.status).toBe(401);
      await res.arrayBuffer();
    }
    // the same client through the other edge proxy: still the same key
    expect(
      await retryAfter(
        await login(app, { email: hal.email, password: PASSWORD, from: '203.0.113.6, 10.0.0.3' }),
      ),
    ).toBe(1);
    // another client behind the same two proxies is its own key
    const other = await login(app, {
      email: hal.email,
      password: PASSWORD,
      from: '203.0.113.6, 192.0.2.6, 10.0.0.2',
    });
    expect(other.status).toBe(200);
  });
});

describe('registration throttling', () => {
  it('is per address: ten, then a growing delay; other addresses are not affected', async () => {
    const app = clockedApp();
    const register = (i: number, from: string) =>
      callApi(
        app,
        null,
        'POST',
        '/api/auth/register',
        {
          name: `Reg ${i}`,
          email: `reg-${i}@example.com`,
          password: PASSWORD,
          passwordConfirm: PASSWORD,
          shopName: `Stall ${i}`,
        },
        { 'X-Forwarded-For': from },
      );
    const office = '198.51.100.50';
    for (let i = 0; i < 10; i++) {
      const res = await register(i, office);
      expect(res.status, `registration ${i}`).toBe(201);
      expect(res.headers.getSetCookie().some((c) => c.startsWith('sk_known='))).toBe(true);
      await res.arrayBuffer();
    }
    expect(await retryAfter(await register(10, office))).toBe(60);
    // a taken email is answered with the same wait (a 409 would tell the email has an account)
    expect(await retryAfter(await register(0, office))).toBe(60);
    expect((await register(11, '192.0.2.77')).status).toBe(201);

    now += 60_000;
    expect((await register(12, office)).status).toBe(201);
    expect(await retryAfter(await register(13, office))).toBe(120);
  });
});
