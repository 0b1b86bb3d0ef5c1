import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './server.ts';

const BIN = fileURLToPath(new URL('../node_modules/.bin/pouchdb-server', import.meta.url));

/** `pouchdb-server` (LevelDB) as a stand-in for Apache CouchDB's HTTP API. */
export async function startPouchDbServer() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'pouchdb-server-'));
  const child = spawn(
    BIN,
    [
      '--port',
      String(port),
      '--dir',
      dir,
      '--config',
      join(dir, 'config.json'),
      '--no-stdout-logs',
    ],
    {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pouchdb-server exited:\n${log}`);
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // starting
    }
    if (Date.now() > deadline) throw new Error(`pouchdb-server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid ?? 0,
    async stop() {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
