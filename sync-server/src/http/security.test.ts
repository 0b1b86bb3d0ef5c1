import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../test-helpers.ts';
import { startTestServer } from '../testing.ts';

/** Served by Node the headers are set on Node's response, not by Hono: check them over real HTTP. */
describe('security headers over HTTP', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer({ resolve: false });
  });
  afterAll(async () => {
    await server.close();
  });

  const expectSecurityHeaders = (res: Response) => {
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('permissions-policy')).toMatch(/geolocation=\(\)/);
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  };

  it('are on a JSON answer, which keeps its own content type', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expectSecurityHeaders(res);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('are on errors: 401, 404 and a malformed body', async () => {
    const anonymous = await fetch(`${server.url}/db/shop_01HZX4AAAAAAAAAAAAAAAAAAAA/_changes`);
    expect(anonymous.status).toBe(401);
    expectSecurityHeaders(anonymous);
    const missing = await fetch(`${server.url}/api/nope`);
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing);
    const bad = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(bad.status).toBe(400);
    expectSecurityHeaders(bad);
  });

  it('are set once each, alongside a cookie the answer sets', async () => {
    const res = await fetch(`${server.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Hedda',
        email: 'hedda@example.com',
        password: TEST_PASSWORD,
        passwordConfirm: TEST_PASSWORD,
        shopName: 'Hedda’s Stall',
      }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('sk_session='))).toBe(true);
    expect(res.headers.get('x-frame-options')).toBe('DENY'); // one value, not "DENY, DENY"
    expectSecurityHeaders(res);
  });
});
