import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { customerDoc } from '@stallkeeper/shared/fixtures';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { levelDbStorage } from './backends.ts';

/** What each LevelDB batch was asked to do: whether it is flushed (fsync) before it resolves. */
const batches: { keys: string[]; sync: boolean }[] = [];

vi.mock('leveldown', async (importOriginal) => {
  const real = (await importOriginal<{ default: (location: string) => unknown }>()).default;
  return {
    default: (location: string) => {
      const db = real(location) as {
        batch: (ops: { key: string }[], opts: { sync?: boolean }, cb: unknown) => void;
      };
      const batch = db.batch.bind(db);
      db.batch = (ops, opts, cb) => {
        batches.push({ keys: ops.map((o) => o.key), sync: opts.sync === true });
        batch(ops, opts, cb);
      };
      return db;
    },
  };
});

const dirs: string[] = [];
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'stallkeeper-durable-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const SHOP = '01jdurab1e0000000000000000';

describe('durable replication writes', () => {
  it('flushes the batch that stores replicated documents before acknowledging it', async () => {
    const storage = levelDbStorage(dataDir());
    const db = storage.shop(SHOP);
    batches.length = 0;
    const doc = customerDoc({ name: 'Ada' });
    const [res] = await db.bulkDocs(
      [{ ...doc, _rev: '1-abc', _revisions: { start: 1, ids: ['abc'] } }],
      {
        new_edits: false,
      },
    );
    expect(res).toMatchObject({ ok: true });
    const write = batches.find((b) => b.keys.some((k) => k === `d:${doc._id}`));
    expect(write?.sync).toBe(true);
    // a checkpoint costs no flush: losing one only means re-checking what is already here;
    // it is written behind (local-docs.ts), at the latest when the store closes
    batches.length = 0;
    await db.put({ _id: '_local/u~cp', last_seq: 1 });
    expect(batches).toEqual([]);
    await storage.close();
    expect(batches.filter((b) => b.keys.some((k) => k.startsWith('l:')))).toEqual([
      { keys: ['l:_local/u~cp'], sync: false },
    ]);
  });

  it('does not flush when told not to (SYNC_WRITES=false, for measurements)', async () => {
    const storage = levelDbStorage(dataDir(), { syncWrites: false });
    batches.length = 0;
    await storage.shop(SHOP).bulkDocs([customerDoc({ name: 'Bo' })]);
    expect(batches.length).toBeGreaterThan(0);
    expect(batches.every((b) => !b.sync)).toBe(true);
    await storage.close();
  });
});
