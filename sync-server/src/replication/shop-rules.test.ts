/**
 * The rules that depend on the rest of the shop, over real HTTP against a server on
 * LevelDB: the currency is locked once the shop has sales, a seller cancels only the
 * orders they took (unless the owner allows more), and a counter sale is never
 * amended. A refused document costs only itself; the rest of its batch is stored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CURRENCY_LOCKED_REASON,
  CUSTOMER_MERGE_FIELDS,
  encodeHlc,
  type Settings,
} from '@stallkeeper/shared';
import { customerDoc, orderDoc, orderEventDoc, stampsFor } from '@stallkeeper/shared/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app.ts';
import { levelDbStorage } from '../storage/backends.ts';
import {
  bulkDocs,
  callApi,
  readJson,
  registerUser,
  TEST_BASE,
  type BulkRow,
  type TestAccount as Account,
} from '../test-helpers.ts';
import { startTestServer } from '../testing.ts';
import { COUNTER_SALE_AMENDED, NOT_YOURS_TO_CANCEL } from './shop-rules.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

let dataDir: string;
let server: Server;
/** The test helpers' requests, sent over the network to the running server. */
const http: Pick<App, 'request'> = {
  request: (input, init) => {
    const url = input instanceof Request ? input.url : input.toString();
    return fetch(url.replace(TEST_BASE, server.url), init);
  },
};

let olga: Account; // owns the shop the cancel and amend rules run in
let sam: Account; // a seller there
let tia: Account; // another seller there
let uma: Account; // owns a fresh shop of her own, for the currency lock

const write = (who: Account, shopId: string, docs: unknown[], newEdits = true) =>
  bulkDocs(http, who.cookie, shopId, docs, newEdits);
const put = (who: Account, shopId: string, doc: { _id: string }) =>
  callApi(http, who.cookie, 'PUT', `/db/${shopId}/${encodeURIComponent(doc._id)}`, doc);

/** Authorship fields of `who` on a document. */
const as = (who: Account) => ({ by: who.userId, deviceId: who.deviceId });
const sale = (who: Account, channel: 'counter' | 'delivery' = 'counter') =>
  orderDoc({ ...as(who), channel });
const cancel = (who: Account, orderId: string) =>
  orderEventDoc('cancelled', { ...as(who), orderId });
const amend = (who: Account, orderId: string) => orderEventDoc('amended', { ...as(who), orderId });
const note = (who: Account, orderId: string) => orderEventDoc('note', { ...as(who), orderId });

function expectOk(row: BulkRow | undefined): void {
  expect(row?.error, JSON.stringify(row)).toBeUndefined();
  expect(row?.ok).toBe(true);
}

function expectRefused(row: BulkRow | undefined, reason: string): void {
  expect(row?.error, JSON.stringify(row)).toBe('forbidden');
  expect(row?.reason).toBe(reason);
}

async function expectPutRefused(res: Response, reason: string): Promise<void> {
  const body = await readJson<{ error: string; reason: string }>(res, 403);
  expect(body).toEqual({ error: 'forbidden', reason });
}

const held = (shopId: string, id: string) => server.app.services.storage.shop(shopId).get(id);
const settingsOf = (shopId: string) => held(shopId, 'settings') as Promise<Settings>;

/** A clock stamp by `who`'s device, `aheadMs` from now (a later edit wins the merge). */
const stampOf = (who: Account, aheadMs = 0) =>
  encodeHlc({ wall: Date.now() + aheadMs, counter: 0, node: who.deviceId });

/** The shop's settings as `who` edits them on a device that holds them: the changed fields restamped. */
async function edited(shopId: string, who: Account, change: Partial<Settings>): Promise<Settings> {
  const current = await settingsOf(shopId);
  const stamp = stampOf(who);
  const stamps = { ...current.stamps };
  for (const field of Object.keys(change)) stamps[field] = stamp;
  return { ...current, ...change, stamps, updatedAt: new Date().toISOString() };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'stallkeeper-shop-rules-'));
  server = await startTestServer({ storage: levelDbStorage(dataDir) });
  olga = await registerUser(http, 'Olga', { deviceId: 'dev-OLGA' });
  sam = await registerUser(http, 'Sam', { deviceId: 'dev-SAMM' });
  tia = await registerUser(http, 'Tia', { deviceId: 'dev-TIAA' });
  uma = await registerUser(http, 'Uma', { deviceId: 'dev-UMAA' });
  for (const seller of [sam, tia]) {
    await server.app.services.shops.addMember(olga.shopId, seller.userId, 'seller');
  }
});

afterAll(async () => {
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the currency is locked once the shop has sales', () => {
  it('an owner changes the currency of a fresh shop', async () => {
    const [row] = await write(uma, uma.shopId, [
      await edited(uma.shopId, uma, { currency: 'USD' }),
    ]);
    expectOk(row);
    expect((await settingsOf(uma.shopId)).currency).toBe('USD');
    // and again, through the single-document path
    const res = await put(uma, uma.shopId, await edited(uma.shopId, uma, { currency: 'KES' }));
    expect(res.status, await res.text()).toBe(201);
    expect((await settingsOf(uma.shopId)).currency).toBe('KES');
  });

  it('after a sale, a change of currency is refused and the rest of its batch is stored', async () => {
    const [first] = await write(uma, uma.shopId, [sale(uma)]);
    expectOk(first);

    const customer = customerDoc({ stamps: stampsFor(CUSTOMER_MERGE_FIELDS, stampOf(uma)) });
    const change = await edited(uma.shopId, uma, { currency: 'EUR', shopName: 'Uma & Co' });
    const rows = await write(uma, uma.shopId, [change, customer, sale(uma)]);
    expectRefused(rows[0], CURRENCY_LOCKED_REASON);
    expectOk(rows[1]);
    expectOk(rows[2]);
    expect(await settingsOf(uma.shopId)).toMatchObject({
      currency: 'KES',
      shopName: 'Uma’s Stall',
    });
    await expect(held(uma.shopId, customer._id)).resolves.toMatchObject({ name: customer.name });

    const res = await put(uma, uma.shopId, await edited(uma.shopId, uma, { currency: 'EUR' }));
    await expectPutRefused(res, CURRENCY_LOCKED_REASON);
  });

  it('other settings still change after sales', async () => {
    const [row] = await write(uma, uma.shopId, [
      await edited(uma.shopId, uma, { shopName: 'Uma & Co', taxRate: 750 }),
    ]);
    expectOk(row);
    expect(await settingsOf(uma.shopId)).toMatchObject({ currency: 'KES', taxRate: 750 });
  });

  it("an offline device's branch keeps an old currency under its old stamp: stored, the currency holds", async () => {
    const current = await settingsOf(uma.shopId);
    const store = server.app.services.storage.shop(uma.shopId);
    const history = (await store.get('settings', { revs: true }))._revisions as {
      ids: string[];
    };
    const root = history.ids[history.ids.length - 1] ?? '';
    // the shop's first revision, as a device that went offline then still holds it
    const first = (await store.get('settings', { rev: `1-${root}` })) as unknown as Settings;
    const hash = (c: string) => c.repeat(32);
    const branch = {
      ...first,
      _rev: `2-${hash('b')}`,
      _revisions: { start: 2, ids: [hash('b'), root] },
      receiptFooter: 'Thank you',
      stamps: { ...first.stamps, receiptFooter: stampOf(uma) },
    };
    expect(branch.currency).not.toBe(current.currency);
    expectOk((await write(uma, uma.shopId, [branch], false))[0]);
    expect((await settingsOf(uma.shopId)).currency).toBe(current.currency);

    // the same branch claiming its currency under a later stamp would win the merge: refused
    const claims = {
      ...branch,
      _rev: `2-${hash('c')}`,
      _revisions: { start: 2, ids: [hash('c'), root] },
      stamps: { ...branch.stamps, currency: stampOf(uma, 1000) },
    };
    expectRefused((await write(uma, uma.shopId, [claims], false))[0], CURRENCY_LOCKED_REASON);

    // a replicated revision that builds on the held one replaces it: refused too
    const now = await settingsOf(uma.shopId);
    const [pos = '1', parent = ''] = now._rev?.split('-') ?? [];
    const next = {
      ...now,
      _rev: `${Number(pos) + 1}-${hash('d')}`,
      _revisions: { start: Number(pos) + 1, ids: [hash('d'), parent] },
      currency: 'EUR',
      stamps: { ...now.stamps, currency: stampOf(uma, 2000) },
    };
    expectRefused((await write(uma, uma.shopId, [next], false))[0], CURRENCY_LOCKED_REASON);
  });
});

describe('who may cancel an order', () => {
  it('a seller cancels an order they took', async () => {
    const order = sale(sam);
    const rows = await write(sam, olga.shopId, [order, cancel(sam, order._id)]);
    rows.forEach(expectOk);
    const later = sale(sam);
    expectOk((await write(sam, olga.shopId, [later]))[0]);
    const res = await put(sam, olga.shopId, cancel(sam, later._id));
    expect(res.status, await res.text()).toBe(201);
  });

  it("a seller's cancellation of another seller's order is refused; the rest of the batch lands", async () => {
    const theirs = sale(tia);
    expectOk((await write(tia, olga.shopId, [theirs]))[0]);
    const refused = cancel(sam, theirs._id);
    const aside = note(sam, theirs._id);
    const rows = await write(sam, olga.shopId, [refused, aside]);
    expectRefused(rows[0], NOT_YOURS_TO_CANCEL);
    expectOk(rows[1]);
    await expect(held(olga.shopId, aside._id)).resolves.toMatchObject({ kind: 'note' });
    const get = await callApi(http, olga.cookie, 'GET', `/db/${olga.shopId}/${refused._id}`);
    expect(get.status).toBe(404);

    // replicated from an offline phone, and through the single-document path
    const replicated = { ...cancel(sam, theirs._id), _rev: `1-${'e'.repeat(32)}` };
    expectRefused((await write(sam, olga.shopId, [replicated], false))[0], NOT_YOURS_TO_CANCEL);
    await expectPutRefused(
      await put(sam, olga.shopId, cancel(sam, theirs._id)),
      NOT_YOURS_TO_CANCEL,
    );
    // nor the owner's orders
    const owners = sale(olga);
    expectOk((await write(olga, olga.shopId, [owners]))[0]);
    expectRefused(
      (await write(sam, olga.shopId, [cancel(sam, owners._id)]))[0],
      NOT_YOURS_TO_CANCEL,
    );
  });

  it('the owner cancels anyone’s order', async () => {
    const theirs = sale(tia);
    expectOk((await write(tia, olga.shopId, [theirs]))[0]);
    expectOk((await write(olga, olga.shopId, [cancel(olga, theirs._id)]))[0]);
  });

  it('an event for an order the server has not seen yet is let through (its order follows)', async () => {
    const unseen = sale(tia);
    expectOk((await write(sam, olga.shopId, [cancel(sam, unseen._id)]))[0]);
  });

  it('once the owner allows it, a seller cancels orders others took', async () => {
    const theirs = sale(tia);
    expectOk((await write(tia, olga.shopId, [theirs]))[0]);
    expectRefused(
      (await write(sam, olga.shopId, [cancel(sam, theirs._id)]))[0],
      NOT_YOURS_TO_CANCEL,
    );

    const allow = await edited(olga.shopId, olga, { allowSellerCancel: true });
    expectOk((await write(olga, olga.shopId, [allow]))[0]);
    expectOk((await write(sam, olga.shopId, [cancel(sam, theirs._id)]))[0]);
  });
});

describe('a counter sale is never amended', () => {
  it('an amendment of a counter sale is refused, of a delivery order stored', async () => {
    const counter = sale(sam, 'counter');
    const delivery = sale(sam, 'delivery');
    expectOk((await write(sam, olga.shopId, [counter, delivery]))[0]);
    const rows = await write(sam, olga.shopId, [amend(sam, counter._id), amend(sam, delivery._id)]);
    expectRefused(rows[0], COUNTER_SALE_AMENDED);
    expectOk(rows[1]);
    await expectPutRefused(
      await put(sam, olga.shopId, amend(sam, counter._id)),
      COUNTER_SALE_AMENDED,
    );
    // the owner's amendment too: the rule is the order's, not the writer's
    expectRefused(
      (await write(olga, olga.shopId, [amend(olga, counter._id)]))[0],
      COUNTER_SALE_AMENDED,
    );
  });

  it('a counter sale and its amendment in the same batch: the sale is stored, the amendment refused', async () => {
    const counter = sale(sam, 'counter');
    const rows = await write(sam, olga.shopId, [counter, amend(sam, counter._id)], true);
    expectOk(rows[0]);
    expectRefused(rows[1], COUNTER_SALE_AMENDED);
  });
});
