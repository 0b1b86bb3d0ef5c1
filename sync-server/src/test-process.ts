/** The real server as a child process (`tsx src/index.ts`), for tests of what only a process shows. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

export interface Run {
  /** resolves with the exit code (null after a signal) */
  exited: Promise<number | null>;
  /** resolves with the port once the server logs that it listens */
  listening: Promise<number>;
  stderr(): string;
  stdout(): string;
  stop(): void;
  /** SIGKILL: no shutdown at all, as a power cut or an OOM kill */
  kill(): void;
}

/** The real server, `tsx src/index.ts`, as a production deployment would run it. */
export function runServer(dataDir: string, extra: Record<string, string> = {}): Run {
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
  return {
    exited,
    listening,
    stderr: () => stderr,
    stdout: () => stdout,
    stop: () => child.kill('SIGTERM'),
    kill: () => child.kill('SIGKILL'),
  };
}
