import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER_DIR = fileURLToPath(new URL('../../sync-server/', import.meta.url));

/**
 * The server's start script's memory settings (the allocator's arenas, V8's heap limit and growth):
 * tests and benchmarks run the server as it is deployed.
 */
const START = (
  JSON.parse(readFileSync(join(SERVER_DIR, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  }
).scripts.start.split(' ');
const START_FLAGS = START.filter((arg) => arg.startsWith('--max-') || arg.startsWith('--heap-'));
const START_ENV = Object.fromEntries(
  START.filter((arg) => /^[A-Z_]+=/.test(arg)).map((arg) => arg.split('=') as [string, string]),
);

/** Servers still running when the test process exits are killed with it. */
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>;
  /** SIGKILL: the crash case. */
  kill(): Promise<void>;
  /** Start again on the same port and data directory. */
  restart(): Promise<void>;
  /** Stop and delete the data directory. */
  dispose(): Promise<void>;
  output(): string;
  /** the server process id (for CPU measurements) */
  pid(): number;
}

export interface ServerOptions {
  port?: number;
  dataDir?: string;
  demo?: boolean;
  env?: Record<string, string>;
}

/** The real server (src/index.ts) as a child process on LevelDB in a temp dir. */
export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'stallkeeper-test-'));
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let log = '';

  const launch = async () => {
    // SERVER_NODE_ARGS: extra node flags for profiling (e.g. --cpu-prof).
    const extra = process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    child = spawn(process.execPath, [...START_FLAGS, ...extra, '--import', 'tsx', 'src/index.ts'], {
      cwd: SERVER_DIR,
      env: {
        ...process.env,
        ...START_ENV,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DEMO_SEED: opts.demo ? 'true' : 'false',
        LOG_LEVEL: 'warn',
        // Tests sign up without the proof-of-work captcha unless they test it (CAPTCHA=on),
        // and emailed links open this server (its address is 127.0.0.1, not localhost).
        CAPTCHA: 'off',
        PUBLIC_URL: url,
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    live.add(child);
    child.once('exit', () => live.delete(child as ChildProcess));
    child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
      try {
        const res = await fetch(`${url}/api/health`);
        if (res.ok) return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not become healthy:\n${log}`);
  };

  const waitExit = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
      c.kill(signal);
    });

  await launch();
  return {
    url,
    port,
    dataDir,
    stop: () => waitExit('SIGTERM'),
    kill: () => waitExit('SIGKILL'),
    restart: launch,
    async dispose() {
      await waitExit('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
    output: () => log,
    pid: () => child?.pid ?? 0,
  };
}
