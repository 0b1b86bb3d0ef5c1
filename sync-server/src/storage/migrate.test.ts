/**
 * A shop a PouchDB-based server left on disk opens in the revision store with the
 * same documents, revisions, conflicts, attachments, sequences and `_local/`
 * documents; the store then persists across restarts on LevelDB.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterEach, describe, expect, it } from 'vitest';
import { levelDbStorage } from './backends.ts';
import type { ShopDb } from './shop-db.ts';
import { shopDbName } from './storage.ts';

const SHOP = '01m80aaaaaaaaaaaaaaaaaaaaa';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function legacyShop(dataDir: string) {
  const db = new PouchDB(join(dataDir, shopDbName(SHOP)));
  const photo = Buffer.from('a photo').toString('base64');
  await db.bulkDocs([
    { _id: 'product:1', type: 'product', name: 'Jam' },
    { _id: 'product:2', type: 'product', name: 'Bread' },
    {
      _id: 'product:3',
      type: 'product',
      _attachments: { 'p.png': { content_type: 'image/png', data: photo } },
    },
  ]);
  const p1 = await db.get('product:1');
  await db.put({ ...p1, name: 'Plum jam' });
  // two devices edited product 2 offline: a conflict
  await db.bulkDocs(
    [
      {
        _id: 'product:2',
        _rev: '2-aaaa',
        _revisions: { start: 2, ids: ['aaaa', 'b0'] },
        name: 'A',
      },
      {
        _id: 'product:2',
        _rev: '2-bbbb',
        _revisions: { start: 2, ids: ['bbbb', 'b0'] },
        name: 'B',
      },
    ],
    { new_edits: false },
  );
  const gone = await db.put({ _id: 'customer:1', type: 'customer' });
  await db.remove('customer:1', gone.rev);
  await db.put({ _id: '_local/checkpoint', last_seq: 4 });
  await db.put({ _id: '_local/resolver', seq: 7, engine: { big: 'state' } });
  return db;
}

async function observe(db: ShopDb | PouchDB.Database) {
  const ids = ['product:1', 'product:2', 'product:3', 'customer:1'];
  const docs: Record<string, unknown> = {};
  for (const id of ids) {
    docs[id] = await (db as ShopDb)
      .get(id, { conflicts: true, revs: true })
      .catch((e: { status?: number }) => e.status);
  }
  const changes = await db.changes({ style: 'all_docs' });
  const later = await db.changes({ since: 3 });
  const info = await db.info();
  return {
    docs,
    changes: changes.results.map((r) => [
      r.id,
      r.seq,
      r.changes.map((c) => c.rev).sort(),
      !!r.deleted,
    ]),
    later: later.results.map((r) => [r.id, r.seq]),
    count: info.doc_count,
    seq: info.update_seq,
    locals: [
      await (db as ShopDb).get('_local/checkpoint'),
      await (db as ShopDb).get('_local/resolver'),
    ],
  };
}

describe('opening a shop left by a PouchDB-based server', () => {
  it('migrates every leaf, sequence, attachment and local document, once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sk-migrate-'));
    dirs.push(dataDir);
    const legacy = await legacyShop(dataDir);
    const before = await observe(legacy);
    await legacy.close();

    const storage = levelDbStorage(dataDir);
    const shop = storage.shop(SHOP);
    expect(await observe(shop)).toEqual(before);
    const photo = await shop.getAttachment('product:3', 'p.png');
    expect(photo.data.toString()).toBe('a photo');
    expect(existsSync(join(dataDir, `${shopDbName(SHOP)}.pouchdb-migrated`))).toBe(true);
    expect(existsSync(join(dataDir, shopDbName(SHOP)))).toBe(false);

    // A write continues the sequence; a restart keeps everything without migrating again.
    const [w] = await shop.bulkDocs([{ _id: 'product:4', type: 'product' }]);
    expect(w).toMatchObject({ ok: true });
    const after = await observe(shop);
    expect(after.seq).toBe(Number(before.seq) + 1);
    await storage.close();

    const again = levelDbStorage(dataDir);
    expect(await observe(again.shop(SHOP))).toEqual(after);
    expect((await again.shop(SHOP).get('product:4')).type).toBe('product');
    // deleting the shop removes its store and the migrated copy
    await again.destroyShop(SHOP);
    expect(existsSync(join(dataDir, `${shopDbName(SHOP)}.revs`))).toBe(false);
    expect(existsSync(join(dataDir, `${shopDbName(SHOP)}.pouchdb-migrated`))).toBe(false);
    await again.close();
  });

  it('a new shop starts empty in the revision store', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sk-migrate-'));
    dirs.push(dataDir);
    const storage = levelDbStorage(dataDir);
    expect(await storage.shop(SHOP).info()).toMatchObject({ doc_count: 0, update_seq: 0 });
    await storage.close();
    expect(existsSync(join(dataDir, `${shopDbName(SHOP)}.revs`))).toBe(true);
  });
});
