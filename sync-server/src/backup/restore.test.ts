/** Backups made and restored in-process on real LevelDB: round trip, and refusals that touch nothing. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { customerDoc } from '@stallkeeper/shared/fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { SEAL_KEY_STATE } from '../replication/server-seal.ts';
import { levelDbStorage } from '../storage/backends.ts';
import { BackupError, MANIFEST, shopFile } from './format.ts';
import { restoreBackup } from './restore.ts';
import { snapshotRecords } from './snapshot.ts';
import { writeBackup } from './write-backup.ts';

const SHOP = '01jbackup00000000000000000';
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'stallkeeper-restore-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A data directory with one shop of `n` customers and its record in the system database. */
async function dataDirWith(n: number, name: string): Promise<string> {
  const dataDir = tempDir();
  const storage = levelDbStorage(dataDir);
  try {
    await storage.system().put({ _id: `shop:${SHOP}`, type: 'shop', name });
    const docs = Array.from({ length: n }, (_, i) => customerDoc({ name: `${name} ${i}` }));
    await storage.shop(SHOP).bulkDocs(docs);
    await storage.shop(SHOP).put({ _id: '_local/checkpoint', last_seq: 3 });
  } finally {
    await storage.close();
  }
  return dataDir;
}

async function backupOf(dataDir: string): Promise<string> {
  const dir = join(tempDir(), 'b');
  const storage = levelDbStorage(dataDir);
  try {
    await writeBackup(dir, snapshotRecords(storage), { via: 'direct' });
  } finally {
    await storage.close();
  }
  return dir;
}

/** Every file under `dir` with its size and SHA-256: proof that nothing changed. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const sha = () => createHash('sha256').update(new Uint8Array(readFileSync(path)));
      if (statSync(path).isDirectory()) walk(path);
      else out[path] = sha().digest('hex');
    }
  };
  walk(dir);
  return out;
}

async function contents(dataDir: string) {
  const storage = levelDbStorage(dataDir);
  try {
    const shop = storage.shop(SHOP);
    const docs = await shop.allDocs({ include_docs: true });
    return {
      docs: docs.rows.map((r) => r.doc),
      seq: (await shop.info()).update_seq,
      local: await shop.get('_local/checkpoint'),
      system: await storage.system().get(`shop:${SHOP}`),
    };
  } finally {
    await storage.close();
  }
}

describe('restoreBackup', () => {
  it('carries the shop’s seal key, made by the backup for a shop that had none', async () => {
    const source = await dataDirWith(3, 'Old');
    const before = levelDbStorage(source);
    expect(await before.shop(SHOP).readState(SEAL_KEY_STATE)).toBeUndefined();
    await before.close();
    const target = tempDir();
    await restoreBackup(await backupOf(source), target);
    const [made, restored] = [levelDbStorage(source), levelDbStorage(target)];
    try {
      const key = await made.shop(SHOP).readState(SEAL_KEY_STATE);
      expect(key).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
      expect(await restored.shop(SHOP).readState(SEAL_KEY_STATE)).toBe(key);
    } finally {
      await made.close();
      await restored.close();
    }
  });

  it('brings a shop back as it was: documents, revisions, sequence, checkpoints, system', async () => {
    const source = await dataDirWith(120, 'Ada');
    const backup = await backupOf(source);
    const target = tempDir();
    const result = await restoreBackup(backup, target);
    expect(result.aside).toBeNull();
    expect(result.manifest.shops).toMatchObject([{ shopId: SHOP, docs: 120 }]);
    expect(await contents(target)).toEqual(await contents(source));
  });

  it('moves the databases it replaces aside, and leaves the rest of DATA_DIR alone', async () => {
    const backup = await backupOf(await dataDirWith(5, 'Old'));
    const target = await dataDirWith(8, 'New');
    writeFileSync(join(target, 'keep.txt'), 'mine');
    const before = await contents(target);
    const { aside } = await restoreBackup(backup, target);
    expect(aside).toMatch(/before-restore-/);
    expect((await contents(target)).docs).toHaveLength(5);
    expect(readFileSync(join(target, 'keep.txt'), 'utf8')).toBe('mine');
    // the replaced databases still open, complete, where the restore put them
    expect((await contents(aside ?? '')).docs).toEqual(before.docs);
  });

  it('refuses a damaged backup and leaves the data directory untouched', async () => {
    const backup = await backupOf(await dataDirWith(50, 'Ada'));
    const file = join(backup, shopFile(SHOP));
    const bytes = new Uint8Array(readFileSync(file));
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    const target = await dataDirWith(3, 'Current');
    const untouched = tree(target);
    await expect(restoreBackup(backup, target)).rejects.toThrow(
      new RegExp(`not intact[\\s\\S]*${shopFile(SHOP)} does not match its checksum`),
    );
    expect(tree(target)).toEqual(untouched);
  });

  it('refuses a directory without a manifest (not a backup, or one that did not finish)', async () => {
    const backup = await backupOf(await dataDirWith(1, 'Ada'));
    rmSync(join(backup, MANIFEST));
    const target = await dataDirWith(1, 'Current');
    const untouched = tree(target);
    const err = await restoreBackup(backup, target).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackupError);
    expect(String(err)).toMatch(/has no manifest\.json/);
    expect(tree(target)).toEqual(untouched);
  });

  it('never writes a backup over another one', async () => {
    const source = await dataDirWith(1, 'Ada');
    const backup = await backupOf(source);
    const storage = levelDbStorage(source);
    try {
      await expect(
        writeBackup(backup, snapshotRecords(storage), { via: 'direct' }),
      ).rejects.toThrow(/is not empty/);
    } finally {
      await storage.close();
    }
  });
});
