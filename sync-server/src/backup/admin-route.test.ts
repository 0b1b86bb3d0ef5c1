/** The backup route over real HTTP: only a loopback peer with the token and no proxy gets a copy. */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { memoryStorage } from '../storage/backends.ts';
import { AdminAccess, ADMIN_FILE, isLoopback, readAdminFile } from './admin-access.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'stallkeeper-admin-'));
const admin = new AdminAccess(dataDir);
const app = createApp({ storage: memoryStorage(), resolve: false, admin });
let server: ReturnType<typeof serve>;
let port = 0;

/** An address of this machine that is not loopback: a request to it comes from it too. */
const outside = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

beforeAll(async () => {
  // on every interface, as HOST=0.0.0.0 does, so the route sees non-loopback peers too
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '0.0.0.0' }, (info) => {
      port = info.port;
      resolve();
    });
  });
  admin.publish({ port, host: '0.0.0.0' });
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await app.services.storage.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const token = () => readAdminFile(dataDir)?.token ?? '';
const ask = (host: string, headers: Record<string, string> = {}) =>
  fetch(`http://${host}:${port}/api/admin/backup`, { method: 'POST', headers });
const bearer = () => ({ Authorization: `Bearer ${token()}` });

describe('POST /api/admin/backup', () => {
  it('writes the token file for the owner only, naming the port', () => {
    expect(statSync(join(dataDir, ADMIN_FILE)).mode & 0o777).toBe(0o600);
    expect(readAdminFile(dataDir)).toMatchObject({ port, host: '0.0.0.0', pid: process.pid });
    expect(token()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers the token from loopback with the snapshot, ending with its end line', async () => {
    const res = await ask('127.0.0.1', bearer());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = (await res.text()).trim().split('\n');
    expect(lines.at(-1)).toBe('{"end":true}');
    expect(lines).toContain('{"system":true}');
  });

  it('is the same 404 as an unknown path without the token, with a wrong one, or in the URL', async () => {
    const unknown = await fetch(`http://127.0.0.1:${port}/api/admin/nothing`, { method: 'POST' });
    const expected = { status: unknown.status, body: await unknown.text() };
    expect(expected.status).toBe(404);
    const wrong = 'f'.repeat(64);
    for (const res of [
      await ask('127.0.0.1'),
      await ask('127.0.0.1', { Authorization: `Bearer ${wrong}` }),
      await ask('127.0.0.1', { Authorization: token() }),
      await fetch(`http://127.0.0.1:${port}/api/admin/backup?token=${token()}`, { method: 'POST' }),
    ]) {
      expect({ status: res.status, body: await res.text() }).toEqual(expected);
    }
  });

  it('refuses the right token when a proxy forwarded the request', async () => {
    for (const header of ['X-Forwarded-For', 'Forwarded', 'X-Real-IP', 'Via']) {
      const res = await ask('127.0.0.1', { ...bearer(), [header]: '203.0.113.9' });
      expect(res.status, header).toBe(404);
    }
  });

  it.skipIf(!outside)('refuses the right token from a non-loopback address', async () => {
    const res = await ask(outside ?? '', bearer());
    expect(res.status).toBe(404);
    // the same request on loopback is answered: it is the address that was refused
    expect((await ask('127.0.0.1', bearer())).status).toBe(200);
  });

  it('knows loopback addresses', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
      expect(isLoopback(a), a).toBe(true);
    }
    for (const a of ['10.0.0.1', '::ffff:10.0.0.1', '0.0.0.0', '::', 'localhost', '', undefined]) {
      expect(isLoopback(a), String(a)).toBe(false);
    }
  });

  it('removes the token file at shutdown, and the route is gone with it', async () => {
    const before = token();
    admin.withdraw();
    expect(readAdminFile(dataDir)).toBeNull();
    expect((await ask('127.0.0.1', { Authorization: `Bearer ${before}` })).status).toBe(404);
  });
});
