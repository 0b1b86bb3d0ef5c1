import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { callerDir, loadEnv } from '../env.ts';
import { levelDbStorage } from '../storage/backends.ts';
import { readAdminFile } from './admin-access.ts';
import { BackupError, type Manifest } from './format.ts';
import { NotAnswered, remoteRecords } from './remote.ts';
import { restoreBackup } from './restore.ts';
import { dataDirInUse, runningServer, SYSTEM_DIR } from './server-state.ts';
import { COUCHDB_REFUSAL, snapshotRecords } from './snapshot.ts';
import { writeBackup } from './write-backup.ts';

/**
 * `pnpm backup <dir>` and `pnpm restore <dir>` (README, "Backup and restore"). Paths
 * are relative to where the command was run; DATA_DIR and COUCHDB_URL come from the
 * environment as the server's do.
 */
const HELP = `Usage:
  pnpm backup <dir>    copy DATA_DIR into a new directory (the server may be running)
  pnpm restore <dir>   bring a backup back into DATA_DIR (stop the server first);
                       the databases it replaces are moved to DATA_DIR/before-restore-<time>
`;

const say = (line: string) => process.stderr.write(`${line}\n`);

function summary(m: Manifest): string {
  const docs = m.shops.reduce((n, s) => n + s.docs, 0);
  return `${m.shops.length} shop(s), ${docs.toLocaleString('en')} documents, ${m.system.lines.toLocaleString('en')} system documents`;
}

async function backup(dataDir: string, dir: string): Promise<void> {
  const server = await runningServer(dataDir);
  if (server) {
    try {
      const records = await remoteRecords(server.url, server.token);
      say(`Copying from the running server at ${server.url}…`);
      const m = await writeBackup(dir, records, { via: 'server', progress: say });
      process.stdout.write(`Backed up ${summary(m)} to ${dir}\n`);
      return;
    } catch (err) {
      if (!(err instanceof NotAnswered)) throw err;
      say(`${err.message}; trying the data directory itself.`);
    }
  }
  if (await dataDirInUse(dataDir)) {
    const host = readAdminFile(dataDir)?.host;
    throw new BackupError(
      `${dataDir} is in use by a server that could not be asked for a copy` +
        (host
          ? ` (it listens on ${host} only; backups need it on loopback: HOST=127.0.0.1 or 0.0.0.0)`
          : '') +
        '. Start it again (it writes a new admin-token.json), or stop it and run this again.',
    );
  }
  if (!existsSync(join(dataDir, SYSTEM_DIR))) {
    throw new BackupError(`${dataDir} holds no Stallkeeper data (is DATA_DIR right?).`);
  }
  const storage = levelDbStorage(dataDir);
  try {
    const m = await writeBackup(dir, snapshotRecords(storage), { via: 'direct', progress: say });
    process.stdout.write(`Backed up ${summary(m)} to ${dir} (server not running)\n`);
  } finally {
    await storage.close();
  }
}

async function restore(dataDir: string, dir: string): Promise<void> {
  if ((await runningServer(dataDir)) || (await dataDirInUse(dataDir))) {
    throw new BackupError(
      `The server is running on ${dataDir}. Stop it first: a restore replaces its databases.`,
    );
  }
  const { manifest, aside } = await restoreBackup(dir, dataDir, say);
  process.stdout.write(
    `Restored ${summary(manifest)} from the backup of ${manifest.createdAt} into ${dataDir}\n` +
      (aside ? `The databases it replaced are in ${aside} (delete them once all is well).\n` : '') +
      'Sessions started after the backup are gone: those devices sign in again and then sync.\n',
  );
}

async function main(argv: string[]): Promise<number> {
  const [command, target, ...rest] = argv;
  if (command === undefined || argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP);
    return command === undefined ? 2 : 0;
  }
  if ((command !== 'backup' && command !== 'restore') || !target || rest.length) {
    process.stderr.write(HELP);
    return 2;
  }
  const env = loadEnv(); // env.ts reads process.env
  if (env.COUCHDB_URL) throw new BackupError(COUCHDB_REFUSAL);
  const dir = resolve(callerDir(), target);
  await (command === 'backup' ? backup(env.DATA_DIR, dir) : restore(env.DATA_DIR, dir));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `${err instanceof BackupError ? err.message : `Failed: ${String((err as Error)?.stack ?? err)}`}\n`,
    );
    process.exit(1);
  },
);
