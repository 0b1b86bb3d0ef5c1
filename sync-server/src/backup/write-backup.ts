import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BackupError,
  FORMAT,
  MANIFEST,
  SYSTEM_FILE,
  STORE_KEY_RE,
  VERSION,
  shopFile,
  type BackupRecord,
  type Manifest,
} from './format.ts';
import { NdjsonWriter } from './ndjson-file.ts';

/** How often (store entries) a big shop reports progress. */
const PROGRESS_EVERY = 50_000;

export interface WriteOptions {
  via: Manifest['via'];
  /** a line for a person watching (stderr): progress of big shops */
  progress?: (line: string) => void;
}

/** The target must be new or empty: a backup never overwrites another one. */
function prepare(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length) {
    throw new BackupError(`${dir} is not empty; choose a new directory for the backup.`);
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

interface Section {
  writer: NdjsonWriter;
  file: string;
  /** null: the system database */
  shopId: string | null;
  docs: number;
}

const isDoc = (r: BackupRecord): r is [Record<string, unknown>] =>
  Array.isArray(r) && r.length === 1 && typeof r[0] === 'object' && r[0] !== null;

const isEntry = (r: BackupRecord): r is [string, string] =>
  Array.isArray(r) && r.length === 2 && typeof r[0] === 'string' && typeof r[1] === 'string';

/**
 * Write a snapshot's records as a backup directory. The manifest is written last and
 * renamed into place, so a directory without one is an unfinished backup; on a failure
 * the files this wrote are removed.
 */
export async function writeBackup(
  dir: string,
  records: AsyncIterable<BackupRecord>,
  opts: WriteOptions,
): Promise<Manifest> {
  prepare(dir);
  const say = opts.progress ?? (() => undefined);
  const shops: Manifest['shops'] = [];
  const at: { section: Section | null; system: Manifest['system'] | null } = {
    section: null,
    system: null,
  };
  let ended = false;
  const written: string[] = [];

  const open = (file: string, shopId: string | null) => {
    written.push(file);
    at.section = { writer: new NdjsonWriter(join(dir, file)), file, shopId, docs: 0 };
  };
  const close = async () => {
    const c = at.section;
    if (!c) return;
    at.section = null;
    const done = await c.writer.finish();
    if (c.shopId === null) {
      at.system = { file: c.file, ...done };
      say(`system database: ${done.lines.toLocaleString('en')} documents`);
    } else {
      shops.push({ shopId: c.shopId, file: c.file, docs: c.docs, ...done });
      say(`shop ${c.shopId}: ${c.docs.toLocaleString('en')} documents`);
    }
  };

  try {
    for await (const record of records) {
      if (ended) throw new BackupError('the snapshot went on after its end');
      if ('shop' in record) {
        await close();
        if (shops.some((s) => s.shopId === record.shop)) {
          throw new BackupError(`shop ${record.shop} came twice`);
        }
        open(shopFile(record.shop), record.shop);
      } else if ('system' in record) {
        await close();
        open(SYSTEM_FILE, null);
      } else if ('end' in record) {
        await close();
        ended = true;
      } else {
        const c = at.section;
        if (!c) throw new BackupError('a record came before its section');
        if (c.shopId !== null) {
          if (!isEntry(record) || !STORE_KEY_RE.test(record[0])) {
            throw new BackupError(`shop ${c.shopId}: a malformed store entry`);
          }
          if (record[0].startsWith('d:') && ++c.docs % PROGRESS_EVERY === 0) {
            say(`shop ${c.shopId}: ${c.docs.toLocaleString('en')} documents so far…`);
          }
        } else if (!isDoc(record)) {
          throw new BackupError('system database: a malformed document');
        }
        await c.writer.write(record);
      }
    }
    const system = at.system;
    if (!ended || !system) {
      throw new BackupError('the snapshot stopped before its end (the server went away?)');
    }
    const manifest: Manifest = {
      format: FORMAT,
      version: VERSION,
      createdAt: new Date().toISOString(),
      via: opts.via,
      shops,
      system,
    };
    const tmp = join(dir, `${MANIFEST}.tmp`);
    writeFileSync(tmp, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, join(dir, MANIFEST));
    return manifest;
  } catch (err) {
    at.section?.writer.abort();
    for (const file of [...written, `${MANIFEST}.tmp`]) rmSync(join(dir, file), { force: true });
    throw err;
  }
}
