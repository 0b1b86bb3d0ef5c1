import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { customerDoc } from '@stallkeeper/shared/fixtures';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { levelDbStorage } from './backends.ts';

/** What each LevelDB batch was asked to do: whether it is flushed (fsync) before it resolves. */
const batches: { keys: string[]; sync: boolean }[] = [];

interface Chained {
  put(key: string, value: string): Chained;
  del(key: string): Chained;
  write(opts: { sync?: boolean }, cb: unknown): void;
}

vi.mock('leveldown', async (importOriginal) => {
  const real = (await importOriginal<{ default: (location: string) => unknown }>()).default;
  return {
    default: (location: string) => {
      const db = real(location) as { batch: () => Chained };
      const start = db.batch.bind(db);
      db.batch = () => {
        const chained = start();
        const keys: string[] = [];
        const put = chained.put.bind(chained);
        const del = chained.del.bind(chained);
        const write = chained.write.bind(chained);
        chained.put = (key, value) => {
          keys.push(key);
          return put(key, value);
        };
        chained.del = (key) => {
          keys.push(key);
          return del(key);
        };
        chained.write = (opts, cb) => {
          batches.push({ keys, sync: opts.sync === true });
          write(opts, cb);
        };
        return chained;
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
