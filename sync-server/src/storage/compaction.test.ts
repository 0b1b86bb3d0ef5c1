import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { levelKv } from './kv.ts';
import { RevStore } from './rev-store.ts';

const DAY = 24 * 3_600_000;
const dirs: string[] = [];
const stores: RevStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fresh() {
  const dir = mkdtempSync(join(tmpdir(), 'compact-'));
  dirs.push(dir);
  const location = join(dir, 'shop.revs');
  const store = new RevStore('shop', () => levelKv(location, { syncDurable: false }));
  stores.push(store);
  return { store, location };
}

const sizeOf = (dir: string) =>
  readdirSync(dir).reduce((t, f) => t + statSync(join(dir, f)).size, 0);

const photo = (fill: string) => ({
  'photo.jpg': {
    content_type: 'image/jpeg',
    data: Buffer.from(fill.repeat(3000)).toString('base64'),
  },
});

/** Edit a document `times` times (a new revision each), returning every revision. */
async function edit(store: RevStore, id: string, times: number, extra: object = {}) {
  const revs: string[] = [];
  let rev: string | undefined;
  for (let i = 0; i < times; i++) {
    const res = await store.put({ _id: id, ...(rev ? { _rev: rev } : {}), n: i, ...extra });
    rev = res.rev;
    revs.push(rev);
  }
  return revs;
}

describe('compaction', () => {
  it('drops non-leaf bodies only after the grace period, keeps the tree and the sequence', async () => {
    const { store } = fresh();
    const revs = await edit(store, 'product:a', 5, { note: 'x'.repeat(2000) });
    await edit(store, 'product:once', 1);
    const seqBefore = (await store.info()).update_seq;
    const t0 = Date.now();

    // the first run only notes where the store stands
    expect(await store.compact(t0, DAY)).toMatchObject({ ran: false, revisions: 0 });
    expect(await store.compact(t0 + DAY - 1, DAY)).toMatchObject({ ran: false });
    const report = await store.compact(t0 + DAY, DAY);
    expect(report).toMatchObject({ ran: true, revisions: 4 });

    expect((await store.get<{ n: number }>('product:a')).n).toBe(4);
    await expect(store.get('product:a', { rev: revs[1] })).rejects.toMatchObject({ status: 404 });
    const info = await store.get('product:a', { revs_info: true });
    expect(info._revs_info).toEqual([
      { rev: revs[4], status: 'available' },
      ...revs
        .slice(0, 4)
        .reverse()
        .map((rev) => ({ rev, status: 'missing' })),
    ]);
    // full history is still sent: a replica finds common ancestors
    const withRevs = await store.get<{ _revisions: { ids: string[] } }>('product:a', {
      revs: true,
    });
    expect(withRevs._revisions.ids).toHaveLength(5);
    expect((await store.info()).update_seq).toBe(seqBefore);
    expect((await store.changes({ since: seqBefore })).results).toEqual([]);
  });

  it('a document changed after the mark waits for the next run', async () => {
    const { store } = fresh();
    await edit(store, 'customer:a', 3);
    const t0 = Date.now();
    await store.compact(t0, DAY);
    const doc = await store.get('customer:a');
    await store.put({ ...doc, n: 99 }); // after the mark
    expect(await store.compact(t0 + DAY, DAY)).toMatchObject({ revisions: 0 });
    // the second run's mark covers it
    expect(await store.compact(t0 + 2 * DAY, DAY)).toMatchObject({ ran: true, revisions: 3 });
  });

  it('keeps every leaf of a conflict', async () => {
    const { store } = fresh();
    const [r1] = await edit(store, 'product:c', 1);
    const branch = (hash: string, n: number) => ({
      _id: 'product:c',
      _rev: `2-${hash}`,
      n,
      _revisions: { start: 2, ids: [hash, r1?.split('-')[1]] },
    });
    await store.bulkDocs([branch('a'.repeat(32), 1), branch('b'.repeat(32), 2)], {
      new_edits: false,
    });
    const t0 = Date.now();
    await store.compact(t0, DAY);
    expect(await store.compact(t0 + DAY, DAY)).toMatchObject({ revisions: 1 });
    const leaves = await store.getOpenRevs('product:c', 'all');
    expect(leaves.filter((l) => 'ok' in l)).toHaveLength(2);
  });

  it('deletes attachments nothing refers to and gives the disk space back', async () => {
    const { store, location } = fresh();
    const first = await store.put({ _id: 'product:p', _attachments: photo('a') });
    const second = await store.put({
      _id: 'product:p',
      _rev: first.rev,
      _attachments: photo('b'),
    });
    for (let i = 0; i < 20; i++) {
      await edit(store, `product:big${i}`, 4, { note: `${i}`.repeat(20_000) });
    }
    const before = sizeOf(location);
    const t0 = Date.now();
    await store.compact(t0, DAY);
    const report = await store.compact(t0 + DAY, DAY);
    expect(report).toMatchObject({ ran: true, revisions: 1 + 20 * 3, attachments: 1 });
    const kept = await store.getAttachment('product:p', 'photo.jpg');
    expect(kept.data.toString()).toBe('b'.repeat(3000));
    await expect(
      store.getAttachment('product:p', 'photo.jpg', { rev: first.rev }),
    ).rejects.toMatchObject({ status: 404 });
    expect(second.rev).toMatch(/^2-/);
    expect(sizeOf(location)).toBeLessThan(before * 0.6);
  });
});
