import { mkdirSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { levelKv, type KvOp } from '../storage/kv.ts';
import { shopDbName } from '../storage/storage.ts';
import { BackupError, STORE_KEY_RE, toRecord, type Manifest } from './format.ts';
import { readNdjson } from './ndjson-file.ts';
import { SYSTEM_DIR } from './server-state.ts';
import { readManifest, verifyFiles } from './verify.ts';

/** Entries per LevelDB batch (and documents per bulkDocs) while writing the copy back. */
const BATCH = 1000;
const PROGRESS_EVERY = 50_000;

/** What a restore replaces: the databases. Anything else in DATA_DIR (mail/, the token) stays. */
const REPLACED = new RegExp(`^(?:${SYSTEM_DIR}|shop_[0-9a-z]{26}(?:\\..+)?)$`);

export interface RestoreResult {
  manifest: Manifest;
  /** where the data directory's previous databases were moved (null: there were none) */
  aside: string | null;
}

const stamp = (d: Date) => d.toISOString().replace(/[:.]/g, '-');

async function writeSystem(file: string, target: string, expected: number): Promise<void> {
  const db = new PouchDB(target);
  try {
    let docs: Record<string, unknown>[] = [];
    let n = 0;
    const flush = async () => {
      // new_edits=false keeps each document's revision as it was
      const res = await db.bulkDocs(docs, { new_edits: false });
      const failed = res.find((r) => 'error' in r && r.error);
      if (failed) {
        throw new BackupError(
          `system database: a document was refused (${JSON.stringify(failed)})`,
        );
      }
      docs = [];
    };
    for await (const line of readNdjson(file)) {
      const record = toRecord(line);
      const doc = Array.isArray(record) && record.length === 1 ? record[0] : null;
      if (typeof doc?._id !== 'string') {
        throw new BackupError('system database: a malformed document');
      }
      docs.push(doc);
      n++;
      if (docs.length >= BATCH) await flush();
    }
    if (docs.length) await flush();
    if (n !== expected) {
      throw new BackupError(`system database: ${n} documents, the manifest says ${expected}`);
    }
  } finally {
    await db.close();
  }
}

async function writeShop(
  file: string,
  target: string,
  shop: Manifest['shops'][number],
  say: (line: string) => void,
): Promise<void> {
  const kv = await levelKv(target);
  try {
    let ops: KvOp[] = [];
    let lines = 0;
    let docs = 0;
    for await (const line of readNdjson(file)) {
      const record = toRecord(line);
      if (!Array.isArray(record) || record.length !== 2 || !STORE_KEY_RE.test(record[0])) {
        throw new BackupError(`shop ${shop.shopId}: a malformed store entry`);
      }
      const [key, value] = record;
      ops.push({ type: 'put', key, value });
      lines++;
      if (key.startsWith('d:') && ++docs % PROGRESS_EVERY === 0) {
        say(`shop ${shop.shopId}: ${docs.toLocaleString('en')} documents written so far…`);
      }
      if (ops.length >= BATCH) {
        await kv.batch(ops);
        ops = [];
      }
    }
    await kv.batch(ops, { durable: true });
    if (lines !== shop.lines || docs !== shop.docs) {
      throw new BackupError(`shop ${shop.shopId}: the file does not hold what the manifest says`);
    }
    say(`shop ${shop.shopId}: ${docs.toLocaleString('en')} documents`);
  } finally {
    await kv.close();
  }
}

/**
 * Bring a backup back into `dataDir` (the server stopped: the caller checks). The
 * files are verified first, then written into a new directory inside `dataDir`; only
 * once all of it is written are the current databases moved aside (into
 * `before-restore-<time>`, never deleted) and the restored ones moved in. Renames
 * within one directory, so this works when `dataDir` is itself a mounted volume.
 */
export async function restoreBackup(
  backupDir: string,
  dataDir: string,
  progress: (line: string) => void = () => undefined,
): Promise<RestoreResult> {
  const manifest = readManifest(backupDir);
  await verifyFiles(backupDir, manifest);
  mkdirSync(dataDir, { recursive: true });
  const now = new Date();
  const staging = join(dataDir, `.restoring-${stamp(now)}`);
  mkdirSync(staging);
  try {
    await writeSystem(
      join(backupDir, manifest.system.file),
      join(staging, SYSTEM_DIR),
      manifest.system.lines,
    );
    for (const shop of manifest.shops) {
      const target = join(staging, `${shopDbName(shop.shopId)}.revs`);
      await writeShop(join(backupDir, shop.file), target, shop, progress);
    }
  } catch (err) {
    rmSync(staging, { recursive: true, force: true }); // only what this restore wrote
    throw err;
  }
  const current = readdirSync(dataDir).filter((name) => REPLACED.test(name));
  let aside: string | null = null;
  if (current.length) {
    aside = join(dataDir, `before-restore-${stamp(now)}`);
    mkdirSync(aside);
    for (const name of current) renameSync(join(dataDir, name), join(aside, name));
  }
  for (const name of readdirSync(staging)) renameSync(join(staging, name), join(dataDir, name));
  rmdirSync(staging);
  return { manifest, aside };
}
