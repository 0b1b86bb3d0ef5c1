import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { memoryStorage } from '../storage/backends.ts';
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

const HSTS = 'max-age=31536000; includeSubDomains';

/** HSTS only when the request came over HTTPS: seen directly, or said by a trusted proxy. */
describe('Strict-Transport-Security', () => {
  describe('over HTTP, set on Node’s response', () => {
    let trusting: Awaited<ReturnType<typeof startTestServer>>;
    let direct: Awaited<ReturnType<typeof startTestServer>>;
    beforeAll(async () => {
      trusting = await startTestServer({ resolve: false, trustProxy: true });
      direct = await startTestServer({ resolve: false });
    });
    afterAll(async () => {
      await trusting.close();
      await direct.close();
    });
    const hsts = async (url: string, headers: Record<string, string> = {}) =>
      (await fetch(`${url}/api/health`, { headers })).headers.get('strict-transport-security');

    it('is sent when a trusted proxy says the request was HTTPS', async () => {
      expect(await hsts(trusting.url, { 'X-Forwarded-Proto': 'https' })).toBe(HSTS);
    });
    it('is not sent on plain HTTP', async () => {
      expect(await hsts(trusting.url)).toBeNull();
      expect(await hsts(trusting.url, { 'X-Forwarded-Proto': 'http' })).toBeNull();
      expect(await hsts(direct.url)).toBeNull();
    });
    it('is not sent when an untrusted client claims HTTPS', async () => {
      expect(await hsts(direct.url, { 'X-Forwarded-Proto': 'https' })).toBeNull();
    });
    it('is on errors too', async () => {
      const res = await fetch(`${trusting.url}/api/nope`, {
        headers: { 'X-Forwarded-Proto': 'https' },
      });
      expect(res.status).toBe(404);
      expect(res.headers.get('strict-transport-security')).toBe(HSTS);
    });
  });

  describe('through app.request', () => {
    const hsts = async (url: string, trustProxy: boolean, headers: Record<string, string> = {}) => {
      const app = createApp({ storage: memoryStorage(), resolve: false, trustProxy });
      const res = await app.request(url, { headers });
      expect(res.status).toBe(200);
      return res.headers.get('strict-transport-security');
    };

    it('is sent for an https URL, or a trusted proxy’s X-Forwarded-Proto: https', async () => {
      expect(await hsts('https://shop.example/api/health', false)).toBe(HSTS);
      expect(
        await hsts('http://localhost/api/health', true, { 'X-Forwarded-Proto': 'https' }),
      ).toBe(HSTS);
    });
    it('is not sent on plain HTTP, nor for an untrusted X-Forwarded-Proto', async () => {
      expect(await hsts('http://localhost/api/health', true)).toBeNull();
      expect(
        await hsts('http://localhost/api/health', false, { 'X-Forwarded-Proto': 'https' }),
      ).toBeNull();
    });
  });
});

/** The policy's script-src, as a list of sources. */
function scriptSources(res: Response): string[] {
  const csp = res.headers.get('content-security-policy') ?? '';
  const directive = csp.split(';').map((d) => d.trim().split(/\s+/));
  return directive.find(([name]) => name === 'script-src')?.slice(1) ?? [];
}

const sha256 = (text: string) =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** No inline script runs unless it is one of the served page's own (SvelteKit's bootstrap). */
describe('Content-Security-Policy script-src', () => {
  const BOOT = `
      window.__booted = { base: "" };
      import("/_app/start.js").then((kit) => kit.start());
    `;
  let webDir: string;
  beforeAll(() => {
    webDir = mkdtempSync(join(tmpdir(), 'stallkeeper-web-'));
    const page = (script: string) =>
      `<!doctype html><html><head><script type="module" src="/_app/start.js"></script></head>` +
      `<body><div style="display: contents"><script>${script}</script></div></body></html>`;
    writeFileSync(join(webDir, 'index.html'), page(BOOT));
    writeFileSync(join(webDir, '200.html'), page('window.__fallback = 1;'));
    mkdirSync(join(webDir, '_app'));
    writeFileSync(join(webDir, '_app', 'start.js'), 'export const start = () => {};');
  });
  afterAll(() => {
    rmSync(webDir, { recursive: true, force: true });
  });

  const expectPageAllowsOnly = (res: Response, script: string) => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(scriptSources(res)).toEqual(["'self'", sha256(script)]);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('x-frame-options')).toBe('DENY'); // the other headers stay
  };

  it('lists exactly the page’s inline script, over HTTP', async () => {
    const server = await startTestServer({ resolve: false, webDir });
    try {
      expectPageAllowsOnly(await fetch(`${server.url}/`), BOOT);
      // A client-side route gets the fallback shell, with the shell's own script.
      expectPageAllowsOnly(await fetch(`${server.url}/orders/123`), 'window.__fallback = 1;');
      // Scripts, the API and errors allow no inline script at all.
      for (const path of ['/_app/start.js', '/api/health', '/api/nope']) {
        expect(scriptSources(await fetch(`${server.url}${path}`)), path).toEqual(["'self'"]);
      }
    } finally {
      await server.close();
    }
  });

  it('lists exactly the page’s inline script, through app.request', async () => {
    const app = createApp({ storage: memoryStorage(), resolve: false, webDir });
    expectPageAllowsOnly(await app.request('http://localhost/'), BOOT);
    expect(scriptSources(await app.request('http://localhost/api/health'))).toEqual(["'self'"]);
  });

  it('never allows unsafe-inline scripts, with or without a web build', async () => {
    const bare = createApp({ storage: memoryStorage(), resolve: false });
    const res = await bare.request('http://localhost/api/health');
    expect(scriptSources(res)).toEqual(["'self'"]);
    expect(res.headers.get('content-security-policy')).not.toMatch(/script-src[^;]*unsafe/);
  });
});
