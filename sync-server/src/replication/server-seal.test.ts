/**
 * The server's seal on what it writes itself, and what a replicated batch does with a
 * sealed document: after a restore the server takes back exactly what it wrote, from
 * whoever carries it, and nothing else.
 */
import { auditEntryDoc, ulid } from '@stallkeeper/shared';
import { orderDoc, orderEventDoc } from '@stallkeeper/shared/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import { STOREFRONT_BY, writeServerDocs } from '../storefront/checkout.ts';
import { memoryStorage } from '../storage/backends.ts';
import type { ShopDb } from '../storage/shop-db.ts';
import type { Storage } from '../storage/storage.ts';
import { SEAL_FIELD, SEAL_KEY_STATE, sealDoc, sealHolds, sealKeyOf } from './server-seal.ts';
import { writeBatch, type BatchContext } from './store.ts';

type Doc = Record<string, unknown> & { _id: string; _rev: string };

const opened: Storage[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});
const SHOP = ulid().toLowerCase();
function freshShop(): ShopDb {
  const storage = memoryStorage();
  opened.push(storage);
  return storage.shop(SHOP);
}

const KEY = 'k'.repeat(43);
const seller: BatchContext = {
  role: 'seller',
  userId: 'user-sam',
  deviceId: 'device-sam',
  names: () => Promise.resolve(['Sam']),
};
const online = (over: Record<string, unknown> = {}) => ({
  ...orderDoc({ number: 'WEB-0007', by: STOREFRONT_BY.userId, deviceId: STOREFRONT_BY.deviceId }),
  source: 'online',
  onlinePayment: 'on_collection',
  ...over,
});

/** What the server wrote, as a device holds it: the stored revision with its history. */
async function written(db: ShopDb, docs: object[]): Promise<Doc[]> {
  await writeServerDocs(db, docs);
  return Promise.all(docs.map(async (d) => db.get<Doc>((d as Doc)._id, { revs: true })));
}

/** The same shop after a restore from before these documents: its key, none of them. */
async function restoredFrom(db: ShopDb): Promise<ShopDb> {
  const fresh = freshShop();
  const key = await db.readState(SEAL_KEY_STATE);
  if (key) await fresh.writeState(SEAL_KEY_STATE, key);
  return fresh;
}

describe('the seal', () => {
  it('holds for the content it was made over, in any key order, whatever the revision', () => {
    const doc: Record<string, unknown> = sealDoc(KEY, {
      _id: 'order:x',
      b: 1,
      a: { d: [1, 'two'], c: null },
    });
    expect(sealHolds(KEY, doc)).toBe(true);
    const reordered = {
      a: { c: null, d: [1, 'two'] },
      [SEAL_FIELD]: doc[SEAL_FIELD],
      _id: 'order:x',
      b: 1,
    };
    expect(sealHolds(KEY, { ...reordered, _rev: '3-abc', _revisions: { start: 3, ids: [] } })).toBe(
      true,
    );
  });

  it('does not hold over other content, under another key, or when missing', () => {
    const doc = sealDoc(KEY, { _id: 'order:x', total: 500 });
    expect(sealHolds(KEY, { ...doc, total: 5 })).toBe(false);
    expect(sealHolds(KEY, { ...doc, extra: true })).toBe(false);
    expect(sealHolds('o'.repeat(43), doc)).toBe(false);
    expect(sealHolds(KEY, { _id: 'order:x', total: 500 })).toBe(false);
    expect(sealHolds(KEY, { ...doc, [SEAL_FIELD]: 'short' })).toBe(false);
  });

  it('keeps one key per shop: made once, then read back', async () => {
    const db = freshShop();
    const [a, b] = await Promise.all([sealKeyOf(db), sealKeyOf(db)]);
    expect(a).toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.parse((await db.readState(SEAL_KEY_STATE)) ?? '""')).toBe(a);
  });
});

describe('a replicated batch after a restore', () => {
  it('takes back what the server wrote, from a member who could not write it', async () => {
    const before = freshShop();
    const order = online();
    const request = orderEventDoc('customer_request', {
      orderId: order._id,
      by: STOREFRONT_BY.userId,
      deviceId: STOREFRONT_BY.deviceId,
    });
    const entry = auditEntryDoc(
      `audit:${ulid()}`,
      {
        action: 'order.create',
        target: order._id,
        summary: 'Online order',
        before: null,
        after: null,
      },
      { ...STOREFRONT_BY, now: new Date().toISOString() },
    );
    const held = await written(before, [order, request, entry]);
    for (const d of held) expect(d[SEAL_FIELD]).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const after = await restoredFrom(before);
    const results = await writeBatch(after, seller, held, false);
    expect(results).toEqual(held.map((d) => ({ ok: true, id: d._id, rev: d._rev })));
    for (const d of held) expect((await after.get(d._id))._rev).toBe(d._rev);
    // the shop page's series goes on after the order given back
    expect(await after.readState('web-orders-given-back')).toBe('7');
  });

  it('refuses a changed, foreign or unsealed server document, and every sealed direct write', async () => {
    const before = freshShop();
    const [order] = await written(before, [online()]);
    if (!order) throw new Error('not written');
    const after = await restoredFrom(before);
    const otherShop = freshShop(); // another key
    const [foreign] = await written(otherShop, [online()]);
    const changed = { ...order, note: 'Leave it at the door' };
    const { [SEAL_FIELD]: _seal, ...unsealed } = order;
    const results = await writeBatch(after, seller, [changed, foreign, unsealed], false);
    for (const r of results) {
      expect(r).toMatchObject({
        error: 'forbidden',
        reason: 'online orders are written by the server only',
      });
    }
    // a sealed document is given back by replication only, never as a new edit
    const { _rev, _revisions, ...direct } = order;
    const [edit] = await writeBatch(after, seller, [direct], true);
    expect(edit).toMatchObject({ error: 'forbidden' });
  });

  it('does not bring back a server document the server holds as deleted', async () => {
    const before = freshShop();
    const [order] = await written(before, [online()]);
    if (!order) throw new Error('not written');
    const after = await restoredFrom(before);
    const tomb = `1-${'b'.repeat(32)}`;
    await after.bulkDocs(
      [
        {
          _id: order._id,
          _rev: tomb,
          _deleted: true,
          _revisions: { start: 1, ids: ['b'.repeat(32)] },
        },
      ],
      {
        new_edits: false,
      },
    );
    const [r] = await writeBatch(after, seller, [order], false);
    expect(r).toMatchObject({
      error: 'forbidden',
      reason: 'online orders are written by the server only',
    });
  });

  it('does not let a seal bring back or replace what the server holds', async () => {
    const db = freshShop();
    const [order] = await written(db, [online()]);
    if (!order) throw new Error('not written');
    const next = {
      ...order,
      _rev: `2-${'a'.repeat(32)}`,
      _revisions: { start: 2, ids: ['a'.repeat(32), order._rev.split('-')[1]] },
    };
    const [r] = await writeBatch(db, seller, [next], false);
    expect(r).toMatchObject({
      error: 'forbidden',
      reason: 'online orders are written by the server only',
    });
  });
});
