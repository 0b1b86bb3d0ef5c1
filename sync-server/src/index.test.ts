import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from './app.ts';
import { DEMO_OWNER, DEMO_SELLER, ensureDemo } from './seed/demo.ts';
import { levelDbStorage } from './storage/backends.ts';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

interface Run {
  /** resolves with the exit code (null after a signal) */
  exited: Promise<number | null>;
  /** resolves with the port once the server logs that it listens */
  listening: Promise<number>;
  stderr(): string;
  stop(): void;
}

/** The real server, `tsx src/index.ts`, as a production deployment would run it. */
function runServer(dataDir: string, extra: Record<string, string> = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['COUCHDB_URL', 'DEMO_SEED', 'ALLOW_DEMO_ACCOUNTS', 'WEB_DIR']) delete env[key];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      // no web build to serve: this is about the server starting at all
      WEB_DIR: join(dataDir, 'no-web'),
      RUN_RESOLVERS: 'false',
      LOG_LEVEL: 'info',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const listening = new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const port = /"msg":"listening","port":(\d+)/.exec(stdout)?.[1];
      if (port) resolve(Number(port));
    });
    void exited.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  listening.catch(() => undefined); // a refusal is awaited through `exited`
  return { exited, listening, stderr: () => stderr, stop: () => child.kill('SIGTERM') };
}

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
