import { ulid } from '@stallkeeper/shared';
import {
  alertDoc,
  customerDoc,
  orderDoc,
  orderLine,
  productDoc,
} from '@stallkeeper/shared/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app.ts';
import { memoryStorage } from '../storage/backends.ts';
import {
  bulkDocs as postBulkDocs,
  callApi,
  readJson as json,
  registerUser,
  TEST_BASE as BASE,
  type BulkRow,
  type TestAccount as Account,
} from '../test-helpers.ts';

const NOW = '2026-03-01T10:00:00.000Z';
/** Every account here writes from this device (sessions of different users may share one). */
const DEVICE = 'dev1';
const STAMP = `001772359200000-0000-${DEVICE}`;

let app: App;

type Doc = Record<string, unknown> & { _id: string };

// ---- documents -------------------------------------------------------------

const customer = (over: Record<string, unknown> = {}): Doc => ({
  ...customerDoc({
    name: 'Ada Buyer',
    phone: '+44 20 7946 0000',
    email: 'ada@example.com',
    address: '1 Market Street',
    location: 'Stall 4',
    createdAt: NOW,
    stamps: { name: STAMP },
  }),
  ...over,
});

const product = (over: Record<string, unknown> = {}): Doc => ({
  ...productDoc({
    code: `C${Math.floor(Math.random() * 1e6)}`,
    name: 'Tomatoes',
    unit: 'kg',
    price: 450,
    cost: 200,
    createdAt: NOW,
    stamps: { price: STAMP },
  }),
  ...over,
});

const order = (by: string, over: Record<string, unknown> = {}): Doc => ({
  ...orderDoc({
    number: 'K3-0042',
    lines: [
      orderLine({ code: 'P1', name: 'Tomatoes', unit: 'kg', unitPrice: 450, qty: 1250 }),
      orderLine({ code: 'P2', name: 'Jam', unit: 'piece', unitPrice: 399, qty: 3 }),
    ],
    createdAt: NOW,
    by,
    deviceId: DEVICE,
  }),
  ...over,
});

const alert = (over: Record<string, unknown> = {}): Doc => ({
  ...alertDoc({ kind: 'oversell', createdAt: NOW }),
  ...over,
});

// ---- http ------------------------------------------------------------------

const registerAccount = (name: string): Promise<Account> =>
  registerUser(app, name, { shopName: `${name} Stall`, deviceId: DEVICE });

const call = (who: Account | null, method: string, path: string, body?: unknown) =>
  callApi(app, who?.cookie, method, path, body);

const dbPath = (shopId: string, rest = '') => `/db/${shopId}/${rest}`;

const bulkDocs = (
  who: Account,
  docs: unknown[],
  newEdits = true,
  shopId = who.shopId,
): Promise<BulkRow[]> => postBulkDocs(app, who.cookie, shopId, docs, newEdits);

async function getDoc(
  who: Account,
  id: string,
  query = '',
  shopId = who.shopId,
): Promise<Response> {
  return call(who, 'GET', dbPath(shopId, `${encodeURIComponent(id)}${query}`));
}

async function expectStored(who: Account, id: string): Promise<Doc> {
  return json<Doc>(await getDoc(who, id));
}

async function expectMissing(who: Account, id: string): Promise<void> {
  const res = await getDoc(who, id);
  expect(res.status).toBe(404);
  const body = (await res.json()) as { error: string };
  expect(body.error).toBe('not_found');
}

function expectForbidden(row: BulkRow | undefined, id: string, reason: RegExp): void {
  expect(row).toBeDefined();
  expect(row?.id).toBe(id);
  expect(row?.error).toBe('forbidden');
  expect(row?.reason).toMatch(reason);
  expect(row?.ok).toBeUndefined();
  expect(JSON.stringify(row)).not.toMatch(/stack|node_modules/);
}

// ---- setup -----------------------------------------------------------------

let owner: Account; // owner of shop A
let other: Account; // owner of an unrelated shop B
let seller: Account; // seller in shop A (and owner of their own shop)

beforeAll(async () => {
  app = createApp({ storage: memoryStorage() });
  [owner, other, seller] = await Promise.all([
    registerAccount('Olga'),
    registerAccount('Bert'),
    registerAccount('Sam'),
  ]);
  await app.services.shops.addMember(owner.shopId, seller.userId, 'seller');
  seller = { ...seller, shopId: owner.shopId };
});

afterAll(async () => {
  await app.services.storage.close();
});

// ---- tests -----------------------------------------------------------------

describe('access to a shop database', () => {
  it('a member gets the database info', async () => {
    for (const who of [owner, seller]) {
      const info = await json<{ db_name: string; update_seq: unknown; doc_count: number }>(
        await call(who, 'GET', dbPath(owner.shopId)),
      );
      expect(info.db_name).toBe(owner.shopId);
      expect(info).toHaveProperty('update_seq');
      expect(typeof info.doc_count).toBe('number');
    }
    // without the trailing slash too
    expect((await call(owner, 'GET', `/db/${owner.shopId}`)).status).toBe(200);
  });

  it('the server root answers with a stable uuid', async () => {
    const a = await json<{ uuid: string }>(await call(owner, 'GET', '/db/'));
    const b = await json<{ uuid: string }>(await call(seller, 'GET', '/db/'));
    expect(a.uuid).toMatch(/^[0-9a-z]{26}$/);
    expect(b.uuid).toBe(a.uuid);
  });

  it('anonymous requests get 401', async () => {
    for (const [method, path] of [
      ['GET', dbPath(owner.shopId)],
      ['GET', dbPath(owner.shopId, '_changes')],
      ['POST', dbPath(owner.shopId, '_bulk_docs')],
      ['GET', '/db/'],
    ] as const) {
      const res = await call(
        null,
        method,
        path,
        method === 'POST' ? { docs: [customer()] } : undefined,
      );
      const body = await json<{ error: string }>(res, 401);
      expect(body.error).toBe('unauthorized');
    }
  });

  it('a user of another shop gets the same 404 as for a shop that does not exist', async () => {
    const foreign = await call(other, 'GET', dbPath(owner.shopId));
    const missing = await call(other, 'GET', dbPath(ulid().toLowerCase()));
    const garbage = await call(other, 'GET', dbPath('..%2Fstallkeeper_system'));
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(garbage.status).toBe(404);
    const [a, b, c] = await Promise.all([foreign.json(), missing.json(), garbage.json()]);
    expect(a).toEqual(b);
    expect(c).toEqual(b);
    // and never see or write its data
    expect((await call(other, 'GET', dbPath(owner.shopId, '_changes'))).status).toBe(404);
    expect((await call(other, 'GET', dbPath(owner.shopId, '_all_docs'))).status).toBe(404);
    const intruder = customer();
    const write = await call(other, 'POST', dbPath(owner.shopId, '_bulk_docs'), {
      docs: [intruder],
    });
    expect(write.status).toBe(404);
    await expectMissing(owner, intruder._id);
  });

  it('PUT on the database (PouchDB setup) says it exists', async () => {
    const res = await call(owner, 'PUT', dbPath(owner.shopId));
    const body = await json<{ error: string }>(res, 412);
    expect(body.error).toBe('file_exists');
  });

  it('refuses a cross-origin write', async () => {
    const res = await app.request(`${BASE}${dbPath(owner.shopId, '_bulk_docs')}`, {
      method: 'POST',
      headers: {
        Cookie: owner.cookie,
        'Content-Type': 'application/json',
        Origin: 'http://evil.example',
      },
      body: JSON.stringify({ docs: [customer()] }),
    });
    expect(res.status).toBe(403);
  });
});

describe('_bulk_docs validation', () => {
  it('stores the valid document and refuses each bad one on its own', async () => {
    const valid = customer();
    const invalid = customer({ email: 'not an email' });
    const unknownKind = { ...customer(), _id: `coupon:${ulid()}`, type: 'coupon' };
    const extraField = customer({ isAdmin: true });
    const proto = customer();
    const nestedExtra = order(owner.userId);
    (nestedExtra.payment as Record<string, unknown>).discount = 100;
    // `__proto__` must arrive as an own key, so build that document's JSON by hand.
    const protoJson = JSON.stringify(proto).replace(/^\{/, '{"__proto__":{"isAdmin":true},');
    const docsJson = `[${[valid, invalid, unknownKind, extraField].map((d) => JSON.stringify(d)).join(',')},${protoJson},${JSON.stringify(nestedExtra)}]`;
    const res = await call(
      owner,
      'POST',
      dbPath(owner.shopId, '_bulk_docs'),
      `{"docs":${docsJson}}`,
    );
    const rows = await json<BulkRow[]>(res, 201);
    expect(rows).toHaveLength(6);

    expect(rows[0]).toMatchObject({ ok: true, id: valid._id, rev: expect.stringMatching(/^1-/) });
    expectForbidden(rows[1], invalid._id, /email/);
    expectForbidden(rows[2], unknownKind._id, /unknown document kind/);
    expectForbidden(rows[3], extraField._id, /unknown field isAdmin/);
    expectForbidden(rows[4], proto._id, /unknown field __proto__/);
    expectForbidden(rows[5], nestedExtra._id, /unknown field payment\.discount/);

    const stored = await expectStored(owner, valid._id);
    expect(stored).toMatchObject({ name: 'Ada Buyer', type: 'customer', _rev: rows[0]?.rev });
    for (const id of [invalid._id, unknownKind._id, extraField._id, proto._id, nestedExtra._id]) {
      await expectMissing(owner, id);
    }
    const all = await json<{ rows: { id: string }[] }>(
      await call(
        owner,
        'GET',
        dbPath(
          owner.shopId,
          `_all_docs?keys=${encodeURIComponent(JSON.stringify([proto._id, extraField._id]))}`,
        ),
      ),
    );
    expect(all.rows.every((r) => 'error' in r)).toBe(true);
  });

  it('refuses documents that are not objects or lack an id without losing the rest', async () => {
    const valid = customer();
    const rows = await bulkDocs(owner, [null, 42, ['x'], { type: 'customer' }, valid]);
    expect(rows).toHaveLength(5);
    for (const row of rows.slice(0, 4)) expect(row.error).toBe('forbidden');
    expect(rows[4]).toMatchObject({ ok: true, id: valid._id });
    await expectStored(owner, valid._id);
  });

  it('refuses design documents and local documents in a batch', async () => {
    const rows = await bulkDocs(owner, [
      { _id: '_design/evil', views: { all: { map: 'function(doc){emit(doc._id)}' } } },
      { _id: '_local/sneaky', x: 1 },
    ]);
    expect(rows.map((r) => r.error)).toEqual(['forbidden', 'forbidden']);
    expect((await call(owner, 'GET', dbPath(owner.shopId, '_design/evil'))).status).toBe(403);
    expect((await call(owner, 'GET', dbPath(owner.shopId, '_local/sneaky'))).status).toBe(404);
  });

  it('answers a malformed body with a 400 JSON error', async () => {
    for (const body of ['{"docs": [', '{"docs": 5}', '[]', '']) {
      const res = await call(owner, 'POST', dbPath(owner.shopId, '_bulk_docs'), body || undefined);
      const err = await json<{ error: string; reason: string }>(res, 400);
      expect(err.error).toBe('bad_request');
      expect(err.reason.length).toBeGreaterThan(3);
    }
  });

  it('a conflicting write is a per-document conflict without a stack trace', async () => {
    const doc = customer();
    const [first] = await bulkDocs(owner, [doc]);
    expect(first?.ok).toBe(true);
    const rows = await bulkDocs(owner, [customer({ _id: doc._id, name: 'Again' }), customer()]);
    expect(rows[0]).toMatchObject({ id: doc._id, error: 'conflict' });
    expect(typeof rows[0]?.reason).toBe('string');
    expect(JSON.stringify(rows[0])).not.toMatch(/stack|node_modules|\.js:\d+/);
    expect(rows[1]?.ok).toBe(true);
  });
});

describe('roles and append-only rules', () => {
  it('an owner can create products, customers and orders', async () => {
    const docs = [product(), customer(), order(owner.userId)];
    const rows = await bulkDocs(owner, docs);
    expect(rows.map((r) => r.ok)).toEqual([true, true, true]);
    for (const d of docs) await expectStored(owner, d._id);
  });

  it('a seller cannot create a product but can create a customer and an order', async () => {
    const p = product();
    const c = customer();
    const o = order(seller.userId);
    const rows = await bulkDocs(seller, [p, c, o]);
    expectForbidden(rows[0], p._id, /seller may not create product/);
    expect(rows[1]).toMatchObject({ ok: true, id: c._id });
    expect(rows[2]).toMatchObject({ ok: true, id: o._id });
    await expectMissing(owner, p._id);
    await expectStored(owner, c._id);
    await expectStored(owner, o._id);
  });

  it('a seller cannot edit a product, but can edit a customer', async () => {
    const p = product();
    const c = customer();
    const created = await bulkDocs(owner, [p, c]);
    const edits = await bulkDocs(seller, [
      { ...p, _rev: created[0]?.rev, price: 1 },
      { ...c, _rev: created[1]?.rev, name: 'Ada B. Buyer' },
    ]);
    expectForbidden(edits[0], p._id, /seller may not update product/);
    expect(edits[1]).toMatchObject({ ok: true, id: c._id, rev: expect.stringMatching(/^2-/) });
    expect((await expectStored(owner, p._id)).price).toBe(450);
    expect((await expectStored(owner, c._id)).name).toBe('Ada B. Buyer');
  });

  it('nobody can change or delete an existing order (append-only)', async () => {
    const o = order(owner.userId);
    const [created] = await bulkDocs(owner, [o]);
    const rev = created?.rev;
    expect(rev).toMatch(/^1-/);
    for (const who of [owner, seller]) {
      const rows = await bulkDocs(who, [
        { ...o, _rev: rev, note: 'changed' },
        { _id: o._id, _rev: rev, _deleted: true },
      ]);
      expectForbidden(rows[0], o._id, /append-only/);
      expectForbidden(rows[1], o._id, /append-only/);
    }
    // nor through replication (new_edits=false) with a new revision or a sibling
    const sneaky = await bulkDocs(
      owner,
      [
        {
          ...o,
          _rev: '2-abcdef',
          _revisions: { start: 2, ids: ['abcdef', (rev ?? '').slice(2)] },
          total: 1,
        },
        { ...o, _rev: '1-ffffff', note: 'sibling' },
      ],
      false,
    );
    expect(sneaky.filter((r) => r.error === 'forbidden')).toHaveLength(2);
    // nor by a single-document PUT or DELETE
    const put = await call(owner, 'PUT', dbPath(owner.shopId, encodeURIComponent(o._id)), {
      ...o,
      _rev: rev,
      note: 'x',
    });
    expect(put.status).toBe(403);
    const del = await call(
      owner,
      'DELETE',
      dbPath(owner.shopId, `${encodeURIComponent(o._id)}?rev=${rev}`),
    );
    expect(del.status).toBe(403);

    const stored = await json<Doc>(await getDoc(owner, o._id, '?conflicts=true'));
    expect(stored._rev).toBe(rev);
    expect(stored.note).toBe('');
    expect(stored._conflicts).toBeUndefined();
  });

  it('a retried upload of an order it already holds is acknowledged, not refused', async () => {
    const o = { ...order(seller.userId), _rev: '1-0123456789abcdef0123456789abcdef' };
    const first = await bulkDocs(seller, [o], false);
    expect(first.filter((r) => r.error)).toEqual([]);
    const again = await bulkDocs(seller, [o], false);
    expect(again.filter((r) => r.error)).toEqual([]);
    expect((await expectStored(owner, o._id))._rev).toBe(o._rev);
  });

  it('with new_edits=false, a document without _rev is refused alone and the batch lands', async () => {
    const good = { ...customer(), _rev: '1-abcd' };
    const noRev = customer();
    const good2 = { ...customer(), _rev: '1-abce' };
    const rows = await bulkDocs(seller, [good, noRev, good2], false);
    const errors = rows.filter((r) => r.error);
    expect(errors).toHaveLength(1);
    expectForbidden(errors[0], noRev._id, /_rev/);
    expect(rows.find((r) => r.id === good._id)?.error).toBeUndefined();
    await expectStored(owner, good._id);
    await expectStored(owner, good2._id);
    await expectMissing(owner, noRev._id);
  });

  it('nobody can create an alert; only the server writes them', async () => {
    for (const who of [owner, seller]) {
      const a = alert();
      const rows = await bulkDocs(who, [a]);
      expectForbidden(rows[0], a._id, /server only/);
      await expectMissing(owner, a._id);
      const viaReplication = await bulkDocs(who, [{ ...a, _rev: '1-abc' }], false);
      expect(viaReplication[0]?.error).toBe('forbidden');
      await expectMissing(owner, a._id);
    }
  });

  it('nor by writing a tombstone first and the alert over it', async () => {
    const a = alert();
    const [tomb] = await bulkDocs(owner, [{ _id: a._id, _deleted: true }]);
    expect(tomb?.ok).toBe(true); // deleting nothing is harmless
    const rows = await bulkDocs(owner, [{ ...a, _rev: tomb?.rev }]);
    expectForbidden(rows[0], a._id, /server only/);
    await expectMissing(owner, a._id);
    const viaReplication = await bulkDocs(
      owner,
      [{ ...a, _rev: '2-abc', _revisions: { start: 2, ids: ['abc', (tomb?.rev ?? '').slice(2)] } }],
      false,
    );
    expect(viaReplication.find((r) => r.id === a._id)?.error).toBe('forbidden');
    await expectMissing(owner, a._id);
  });

  it('a deletion cannot smuggle data or files past validation', async () => {
    const payload = {
      _id: `customer:${ulid()}`,
      _deleted: true,
      notes: 'x'.repeat(5000),
      secret: true,
    };
    const html = {
      _id: `product:${ulid()}`,
      _deleted: true,
      _attachments: {
        'x.html': {
          content_type: 'text/html',
          data: Buffer.from('<script>alert(1)</script>').toString('base64'),
        },
      },
    };
    const rows = await bulkDocs(seller, [payload, html]);
    expect(rows.map((r) => r.error)).toEqual(['forbidden', 'forbidden']);
    const changes = await json<{ results: { id: string }[] }>(
      await call(owner, 'POST', dbPath(owner.shopId, '_changes?filter=_doc_ids'), {
        doc_ids: [payload._id, html._id],
      }),
    );
    expect(changes.results).toEqual([]);
  });

  it('an owner may acknowledge a server alert but not rewrite it; a seller may not touch it', async () => {
    const a = alert();
    const put = await app.services.storage.shop(owner.shopId).put(a);
    const ack = {
      ...a,
      _rev: put.rev,
      acknowledgedAt: NOW,
      acknowledgedBy: owner.userId,
      resolution: 'recounted',
    };
    const bySeller = await bulkDocs(seller, [ack]);
    expectForbidden(bySeller[0], a._id, /seller may not update alert/);
    const rewrite = await bulkDocs(owner, [{ ...ack, message: 'nothing to see' }]);
    expectForbidden(rewrite[0], a._id, /only the acknowledgement/);
    const ok = await bulkDocs(owner, [ack]);
    expect(ok[0]).toMatchObject({ ok: true, id: a._id });
    expect((await expectStored(owner, a._id)).resolution).toBe('recounted');
  });

  it('only an owner may delete a customer', async () => {
    const c = customer();
    const [created] = await bulkDocs(owner, [c]);
    const bySeller = await call(
      seller,
      'DELETE',
      dbPath(owner.shopId, `${encodeURIComponent(c._id)}?rev=${created?.rev}`),
    );
    expect(bySeller.status).toBe(403);
    await expectStored(owner, c._id);
    const byOwner = await call(
      owner,
      'DELETE',
      dbPath(owner.shopId, `${encodeURIComponent(c._id)}?rev=${created?.rev}`),
    );
    expect(byOwner.status).toBe(200);
    await expectMissing(owner, c._id);
  });

  it('single-document PUT validates like _bulk_docs', async () => {
    const c = customer();
    const ok = await call(seller, 'PUT', dbPath(owner.shopId, encodeURIComponent(c._id)), c);
    expect((await json<BulkRow>(ok, 201)).ok).toBe(true);
    const bad = customer({ phone: 'call me maybe' });
    const res = await call(seller, 'PUT', dbPath(owner.shopId, encodeURIComponent(bad._id)), bad);
    const err = await json<{ error: string; reason: string }>(res, 403);
    expect(err).toMatchObject({ error: 'forbidden', reason: expect.stringMatching(/phone/) });
    await expectMissing(owner, bad._id);
    // a stale revision is a 409
    const stale = await call(seller, 'PUT', dbPath(owner.shopId, encodeURIComponent(c._id)), {
      ...c,
      name: 'x',
    });
    expect((await json<{ error: string }>(stale, 409)).error).toBe('conflict');
  });
});

describe('attachments', () => {
  const PNG_1PX =
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

  it('stores a small product image and serves it back with its type', async () => {
    const p = product({
      _attachments: { 'photo.png': { content_type: 'image/png', data: PNG_1PX } },
    });
    const [row] = await bulkDocs(owner, [p]);
    expect(row?.ok).toBe(true);
    const res = await call(
      owner,
      'GET',
      dbPath(owner.shopId, `${encodeURIComponent(p._id)}/photo.png`),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(PNG_1PX, 'base64'))).toBe(true);
  });

  it('refuses a non-image attachment', async () => {
    const p = product({
      _attachments: {
        'x.html': { content_type: 'text/html', data: Buffer.from('<script>').toString('base64') },
      },
    });
    const [row] = await bulkDocs(owner, [p]);
    expectForbidden(row, p._id, /only PNG, JPEG, WebP or GIF/);
    await expectMissing(owner, p._id);
  });
});

describe('replication endpoints', () => {
  it('_revs_diff reports only the revisions the server lacks', async () => {
    const c = customer();
    const [row] = await bulkDocs(owner, [c]);
    const unknownId = `customer:${ulid()}`;
    const diff = await json<Record<string, { missing: string[] }>>(
      await call(owner, 'POST', dbPath(owner.shopId, '_revs_diff'), {
        [c._id]: [row?.rev, '2-0123456789abcdef'],
        [unknownId]: ['1-aaaa'],
      }),
    );
    expect(diff).toEqual({
      [c._id]: { missing: ['2-0123456789abcdef'] },
      [unknownId]: { missing: ['1-aaaa'] },
    });
    const bad = await call(owner, 'POST', dbPath(owner.shopId, '_revs_diff'), {
      [c._id]: 'not-a-list',
    });
    expect(bad.status).toBe(400);
  });

  it('_bulk_get returns the requested revisions with their history', async () => {
    const c = customer();
    const [r1] = await bulkDocs(owner, [c]);
    const [r2] = await bulkDocs(owner, [{ ...c, _rev: r1?.rev, notes: 'VIP' }]);
    const h1 = (r1?.rev ?? '').slice(2);
    const h2 = (r2?.rev ?? '').slice(2);
    const missingId = `customer:${ulid()}`;
    type BulkGet = {
      results: {
        id: string;
        docs: (
          | { ok: Doc & { _revisions: { start: number; ids: string[] } } }
          | { error: Record<string, unknown> }
        )[];
      }[];
    };
    const bulkGet = async (query: string, docs: { id: string; rev?: string | undefined }[]) =>
      json<BulkGet>(await call(owner, 'POST', dbPath(owner.shopId, `_bulk_get${query}`), { docs }));

    // what the replicator asks: revs=true&latest=true
    const res = await bulkGet('?revs=true&latest=true', [
      { id: c._id, rev: r1?.rev },
      { id: missingId },
    ]);
    expect(res.results.map((r) => r.id)).toEqual([c._id, missingId]);
    const latest = res.results[0]?.docs[0];
    expect(latest).toEqual({
      ok: expect.objectContaining({
        _id: c._id,
        _rev: r2?.rev,
        notes: 'VIP',
        _revisions: { start: 2, ids: [h2, h1] },
      }),
    });
    const missing = res.results[1]?.docs[0];
    expect(missing).toEqual({
      error: expect.objectContaining({
        id: missingId,
        error: 'not_found',
        reason: expect.any(String),
      }),
    });
    expect(JSON.stringify(res)).not.toMatch(/stack|node_modules/);

    // without latest, exactly the asked revision
    const old = await bulkGet('?revs=true', [{ id: c._id, rev: r1?.rev }]);
    expect(old.results[0]?.docs[0]).toEqual({
      ok: expect.objectContaining({
        _rev: r1?.rev,
        notes: '',
        _revisions: { start: 1, ids: [h1] },
      }),
    });
    const bad = await call(owner, 'POST', dbPath(owner.shopId, '_bulk_get'), {
      docs: [{ rev: '1-a' }],
    });
    expect(bad.status).toBe(400);
  });

  it('_changes lists writes in order with a usable last_seq', async () => {
    const start = await json<{ update_seq: number }>(
      await call(owner, 'GET', dbPath(owner.shopId)),
    );
    const a = customer();
    const b = customer();
    await bulkDocs(owner, [a]);
    await bulkDocs(seller, [b]);
    const res = await json<{
      results: { id: string; seq: number; changes: { rev: string }[]; doc?: Doc }[];
      last_seq: number;
    }>(
      await call(
        owner,
        'GET',
        dbPath(
          owner.shopId,
          `_changes?style=all_docs&since=${String(start.update_seq)}&include_docs=true`,
        ),
      ),
    );
    expect(res.results.map((r) => r.id)).toEqual([a._id, b._id]);
    expect(res.results[1]?.doc?.name).toBe('Ada Buyer');
    expect(res.last_seq).toBe(res.results[1]?.seq);

    const limited = await json<{ results: unknown[]; last_seq: number }>(
      await call(
        owner,
        'GET',
        dbPath(owner.shopId, `_changes?since=${String(start.update_seq)}&limit=1`),
      ),
    );
    expect(limited.results).toHaveLength(1);
    const after = await json<{ results: unknown[] }>(
      await call(owner, 'GET', dbPath(owner.shopId, `_changes?since=${String(res.last_seq)}`)),
    );
    expect(after.results).toEqual([]);
    // the filter PouchDB uses for doc_ids
    const filtered = await json<{ results: { id: string }[] }>(
      await call(owner, 'POST', dbPath(owner.shopId, '_changes?filter=_doc_ids'), {
        doc_ids: [b._id],
      }),
    );
    expect(filtered.results.map((r) => r.id)).toEqual([b._id]);
  });

  it('a longpoll with nothing new answers empty after its timeout', async () => {
    const { update_seq } = await json<{ update_seq: number }>(
      await call(owner, 'GET', dbPath(owner.shopId)),
    );
    const t0 = Date.now();
    const res = await call(
      owner,
      'GET',
      dbPath(owner.shopId, `_changes?feed=longpoll&timeout=1000&since=${String(update_seq)}`),
    );
    expect(res.status).toBe(200);
    const body = JSON.parse(await res.text()) as { results: unknown[]; last_seq: number };
    const elapsed = Date.now() - t0;
    expect(body.results).toEqual([]);
    expect(body.last_seq).toBe(update_seq);
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(2500);
  });

  it('a longpoll writes heartbeat newlines while it waits', async () => {
    const { update_seq } = await json<{ update_seq: number }>(
      await call(owner, 'GET', dbPath(owner.shopId)),
    );
    const res = await call(
      owner,
      'GET',
      dbPath(
        owner.shopId,
        `_changes?feed=longpoll&heartbeat=1000&timeout=2500&since=${String(update_seq)}`,
      ),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const text = await res.text();
    expect(text).toMatch(/^\n+\{/);
    expect(JSON.parse(text)).toEqual({ results: [], last_seq: update_seq });
  });

  it('a longpoll wakes as soon as a document is written', async () => {
    const { update_seq } = await json<{ update_seq: number }>(
      await call(owner, 'GET', dbPath(owner.shopId)),
    );
    const t0 = Date.now();
    const pending = call(
      seller,
      'GET',
      dbPath(owner.shopId, `_changes?feed=longpoll&timeout=20000&since=${String(update_seq)}`),
    );
    const c = customer();
    await new Promise((r) => setTimeout(r, 200));
    await bulkDocs(owner, [c]);
    const res = await pending;
    const body = JSON.parse(await res.text()) as { results: { id: string }[]; last_seq: number };
    expect(body.results.map((r) => r.id)).toEqual([c._id]);
    expect(body.last_seq).toBeGreaterThan(update_seq);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('a longpoll woken by a change answers with what follows it within a moment (an order and its allocation)', async () => {
    const { update_seq } = await json<{ update_seq: number }>(
      await call(owner, 'GET', dbPath(owner.shopId)),
    );
    // read as it comes: the answer is made when the feed wakes, not when it is read
    const text = call(
      seller,
      'GET',
      dbPath(owner.shopId, `_changes?feed=longpoll&timeout=20000&since=${String(update_seq)}`),
    ).then((res) => res.text());
    await new Promise((r) => setTimeout(r, 100));
    const [first, second] = [customer(), customer()];
    await bulkDocs(owner, [first]);
    await bulkDocs(owner, [second]); // well within the feed's settle time (changes.ts)
    const body = JSON.parse(await text) as { results: { id: string }[] };
    expect(body.results.map((r) => r.id)).toEqual([first._id, second._id]);
  });

  it('a longpoll with since=now waits for the next change only', async () => {
    const pending = call(
      owner,
      'GET',
      dbPath(owner.shopId, '_changes?feed=longpoll&timeout=20000&since=now'),
    );
    await new Promise((r) => setTimeout(r, 100));
    const c = customer();
    await bulkDocs(owner, [c]);
    const body = JSON.parse(await (await pending).text()) as { results: { id: string }[] };
    expect(body.results.map((r) => r.id)).toEqual([c._id]);
  });

  it('_local checkpoints can be written, read, updated and never replicate', async () => {
    const before = await json<{ update_seq: number }>(
      await call(owner, 'GET', dbPath(owner.shopId)),
    );
    const path = dbPath(owner.shopId, '_local/replication-checkpoint-abc');
    expect((await call(owner, 'GET', path)).status).toBe(404);
    const put = await json<{ ok: boolean; id: string; rev: string }>(
      await call(owner, 'PUT', path, { session_id: 's1', last_seq: 5, history: [] }),
      201,
    );
    expect(put).toMatchObject({ ok: true, id: '_local/replication-checkpoint-abc' });
    const got = await json<{ _id: string; _rev: string; last_seq: number }>(
      await call(owner, 'GET', path),
    );
    expect(got).toMatchObject({
      _id: '_local/replication-checkpoint-abc',
      _rev: put.rev,
      last_seq: 5,
    });
    const updated = await json<{ rev: string }>(
      await call(owner, 'PUT', path, { ...got, last_seq: 9 }),
      201,
    );
    expect(updated.rev).not.toBe(put.rev);
    expect((await json<{ last_seq: number }>(await call(owner, 'GET', path))).last_seq).toBe(9);
    // a stale write conflicts
    const stale = await call(owner, 'PUT', path, { ...got, last_seq: 1 });
    expect(stale.status).toBe(409);

    const changes = await json<{ results: { id: string }[] }>(
      await call(owner, 'GET', dbPath(owner.shopId, `_changes?since=${String(before.update_seq)}`)),
    );
    expect(changes.results.map((r) => r.id).filter((id) => id.startsWith('_local'))).toEqual([]);
  });

  it('single-document GET supports open_revs=all and revs=true', async () => {
    const c = customer();
    const [r1] = await bulkDocs(owner, [c]);
    const [r2] = await bulkDocs(seller, [{ ...c, _rev: r1?.rev, notes: 'pays cash' }]);

    const plain = await json<Doc>(await getDoc(owner, c._id, '?revs=true'));
    expect(plain._rev).toBe(r2?.rev);
    expect(plain._revisions).toEqual({
      start: 2,
      ids: [(r2?.rev ?? '').slice(2), (r1?.rev ?? '').slice(2)],
    });

    const all = await json<{ ok: Doc }[]>(await getDoc(owner, c._id, '?open_revs=all&revs=true'));
    expect(all).toHaveLength(1);
    expect(all[0]?.ok._rev).toBe(r2?.rev);
    expect(all[0]?.ok.notes).toBe('pays cash');
    expect(all[0]?.ok._revisions).toEqual({
      start: 2,
      ids: [(r2?.rev ?? '').slice(2), (r1?.rev ?? '').slice(2)],
    });

    // the fallback PouchDB uses without _bulk_get: explicit open_revs, latest=true
    const listed = await json<{ ok: Doc }[]>(
      await getDoc(
        owner,
        c._id,
        `?revs=true&latest=true&open_revs=${encodeURIComponent(JSON.stringify([r1?.rev]))}`,
      ),
    );
    expect(listed[0]?.ok._rev).toBe(r2?.rev);

    // an id with the colon left unencoded works as well
    expect((await call(owner, 'GET', dbPath(owner.shopId, c._id))).status).toBe(200);
  });

  it('replicated conflicting revisions of a customer are kept as conflicts', async () => {
    const c = customer();
    const base = { ...c, _rev: '1-aaaa' };
    const left = {
      ...c,
      name: 'Left',
      _rev: '2-bbbb',
      _revisions: { start: 2, ids: ['bbbb', 'aaaa'] },
    };
    const right = {
      ...c,
      name: 'Right',
      _rev: '2-cccc',
      _revisions: { start: 2, ids: ['cccc', 'aaaa'] },
    };
    const rows = await bulkDocs(seller, [base, left, right], false);
    expect(rows.filter((r) => r.error)).toEqual([]);
    const doc = await json<Doc>(await getDoc(owner, c._id, '?conflicts=true'));
    expect(doc._rev).toBe('2-cccc');
    expect(doc._conflicts).toEqual(['2-bbbb']);
  });
});
