import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from './app.ts';
import { DEMO_OWNER, DEMO_SELLER, ensureDemo } from './seed/demo.ts';
import { levelDbStorage } from './storage/backends.ts';
import { runServer } from './test-process.ts';

describe('the server in production (NODE_ENV=production)', () => {
  let dataDir: string;
  beforeAll(async () => {
    // A data directory an older version seeded: the demo accounts are in it.
    dataDir = mkdtempSync(join(tmpdir(), 'stallkeeper-demo-guard-'));
    const storage = levelDbStorage(dataDir);
    try {
      await ensureDemo(createServices({ storage, resolve: false }));
    } finally {
      await storage.close();
    }
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to start, before listening, while the demo accounts exist', async () => {
    const run = runServer(dataDir);
    expect(await run.exited).toBe(1);
    const lines = run.stderr().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Refusing to start: NODE_ENV=production and the demo accounts/);
    expect(lines[0]).toContain(DEMO_OWNER.email);
    expect(lines[0]).toContain(DEMO_SELLER.email);
    await expect(run.listening).rejects.toThrow(/exited with 1/);
  });

  it('starts with ALLOW_DEMO_ACCOUNTS=true', async () => {
    const run = runServer(dataDir, { ALLOW_DEMO_ACCOUNTS: 'true' });
    try {
      const port = await run.listening;
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true });
    } finally {
      run.stop();
    }
    expect(await run.exited).toBe(0);
  });
});
