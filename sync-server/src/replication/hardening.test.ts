/**
 * The replication endpoints under hostile or oversized requests, through
 * `app.request`: bounded and streamed multi-document reads, per-kind document
 * weight, per-member checkpoints, one version per append-only document, plausible
 * revision positions, authorship checked against the session, and text hygiene.
 */
import { randomBytes } from 'node:crypto';
import {
  encodeHlc,
  MAX_REV_JUMP,
  type DocKind,
  parseRev,
  revisionFieldsError,
  UNSAFE_TEXT_MESSAGE,
  ulid,
} from '@stallkeeper/shared';
import {
  alertDoc,
  customerDoc,
  fakeUlid,
  orderEventDoc,
  productDoc,
  sampleDoc,
  type Authoring,
} from '@stallkeeper/shared/fixtures';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../app.ts';
import { memoryStorage } from '../storage/backends.ts';
import {
  bindDevice,
  bulkDocs as postBulkDocs,
  callApi,
  readJson as json,
  registerUser,
  sessionCookie,
  TEST_PASSWORD,
  type BulkRow,
  type TestAccount as Account,
} from '../test-helpers.ts';

type Doc = Record<string, unknown> & { _id: string };

/** The owner's laptop and the seller's phone. */
const DEVICE_A = 'dev-AAAA';
const DEVICE_B = 'dev-BBBB';
const MB = 1024 * 1024;
const PNG_1PX =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

let app: App;
let owner: Account; // shop S, device A
let seller: Account; // seller in shop S, device B (shopId is S)
let reader: Account; // owns the shop the big reads run against
let other: Account; // another user's shop, which must keep working

const call = (who: Account | null, method: string, path: string, body?: unknown) =>
  callApi(app, who?.cookie, method, path, body);
const db = (who: Account, rest = '') => `/db/${who.shopId}/${rest}`;
const write = (who: Account, docs: unknown[], newEdits = true): Promise<BulkRow[]> =>
  postBulkDocs(app, who.cookie, who.shopId, docs, newEdits);
const storeOf = (who: Account) => app.services.storage.shop(who.shopId);

/** A clock stamp made by `device`, `aheadMs` from now. */
const stampBy = (device: string, aheadMs = 0) =>
  encodeHlc({ wall: Date.now() + aheadMs, counter: 0, node: device });

/** A valid document of `kind`, as a plain record (stamped by `authoring.deviceId`). */
const sample = (kind: DocKind, authoring: Authoring = {}): Doc => sampleDoc(kind, authoring);

/** A 32-hex revision hash made of one repeated digit. */
const hash = (c: string) => c.repeat(32);

function expectOk(row: BulkRow | undefined, id?: string): void {
  expect(row?.error, JSON.stringify(row)).toBeUndefined();
  expect(row?.ok).toBe(true);
  if (id) expect(row?.id).toBe(id);
}

function expectForbidden(row: BulkRow | undefined, reason: RegExp): void {
  expect(row?.error, JSON.stringify(row)).toBe('forbidden');
  expect(row?.reason).toMatch(reason);
}

async function expectBadRequest(res: Response, reason?: RegExp): Promise<void> {
  const text = await res.text();
  // (a wrong answer here can be megabytes: show its start)
  expect(res.status, text.slice(0, 300)).toBe(400);
  const body = JSON.parse(text) as { error: string; reason: string };
  expect(body.error).toBe('bad_request');
  if (reason) expect(body.reason).toMatch(reason);
}

/** The body of an answer and how many pieces it arrived in (one, unless it was streamed). */
async function readPieces(res: Response): Promise<{ body: string; pieces: number }> {
  expect(res.status).toBe(200);
  const reader = res.body?.getReader();
  if (!reader) return { body: '', pieces: 0 };
  const decoder = new TextDecoder();
  let body = '';
  let pieces = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    pieces++;
    body += decoder.decode(value, { stream: true });
  }
  return { body: body + decoder.decode(), pieces };
}

/** Run `f`, sampling the heap meanwhile: how much it grew at most, and how long `f` took. */
async function measured<T>(f: () => Promise<T>): Promise<{ value: T; grew: number; ms: number }> {
  const start = process.memoryUsage().heapUsed;
  let peak = start;
  const look = () => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(look, 1);
  const t0 = performance.now();
  try {
    const value = await f();
    look();
    return { value, grew: peak - start, ms: performance.now() - t0 };
  } finally {
    clearInterval(timer);
  }
}

beforeAll(async () => {
  app = createApp({ storage: memoryStorage() });
  await app.services.resolvers?.start();
  [owner, seller, reader, other] = await Promise.all([
    registerUser(app, 'Olga', { deviceId: DEVICE_A }),
    registerUser(app, 'Sam', { deviceId: DEVICE_B }),
    registerUser(app, 'Rita'),
    registerUser(app, 'Ivan'),
  ]);
  await app.services.shops.addMember(owner.shopId, seller.userId, 'seller');
  seller = { ...seller, shopId: owner.shopId };
});

afterAll(async () => {
  await app.services.resolvers?.stop();
  await app.services.storage.close();
});

// ---- 1. multi-document reads -------------------------------------------------

describe('multi-document reads', () => {
  let photo: Doc & { _rev: string };
  let photoData: string;
  let notes: Doc & { _rev: string };

  beforeAll(async () => {
    photoData = randomBytes(1_000_000).toString('base64'); // ~1 MB, the most a photo may weigh
    const p = {
      ...productDoc({ name: 'Crate with a photo' }),
      _attachments: { 'photo.jpg': { content_type: 'image/jpeg', data: photoData } },
    };
    const c = customerDoc({ name: 'Long notes', notes: 'n'.repeat(2000) });
    const [rp, rc] = await write(reader, [p, c]);
    expectOk(rp);
    expectOk(rc);
    photo = { ...p, _rev: String(rp?.rev) };
    notes = { ...c, _rev: String(rc?.rev) };
  });

  it('_bulk_get answers 6,000 repeats of a 1 MB photo once, quickly and without holding 6,000 copies', async () => {
    const docs = Array.from({ length: 6000 }, () => ({ id: photo._id, rev: photo._rev }));
    for (const query of ['?revs=true', '?revs=true&latest=true&attachments=true']) {
      const { value, grew, ms } = await measured(async () => {
        const res = await call(reader, 'POST', db(reader, `_bulk_get${query}`), { docs });
        return json<{ results: { id: string; docs: { ok?: Doc }[] }[] }>(res);
      });
      expect(value.results).toHaveLength(1);
      expect(value.results[0]?.id).toBe(photo._id);
      expect(value.results[0]?.docs).toHaveLength(1);
      const got = value.results[0]?.docs[0]?.ok;
      expect(got?._rev).toBe(photo._rev);
      const att = (got?._attachments as Record<string, { data?: string; stub?: boolean }>)[
        'photo.jpg'
      ];
      if (query.includes('attachments')) expect(att?.data).toBe(photoData);
      else expect(att?.stub).toBe(true);
      // 6,000 copies would be ~8 GB of base64; one answer is ~1.4 MB
      expect(grew).toBeLessThan(256 * MB);
      expect(ms).toBeLessThan(5000);
    }
  });

  it('_bulk_get counts distinct pairs: 10,000 are answered, 10,001 are a bad request', async () => {
    const asked = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `customer:${fakeUlid(i)}` }));
    const ok = await json<{ results: unknown[] }>(
      await call(reader, 'POST', db(reader, '_bulk_get'), { docs: asked(10_000) }),
    );
    expect(ok.results).toHaveLength(10_000);
    await expectBadRequest(
      await call(reader, 'POST', db(reader, '_bulk_get'), { docs: asked(10_001) }),
      /10,000 distinct/,
    );
    // repeats are not distinct: 20,000 asks for one document are one
    const repeated = Array.from({ length: 20_000 }, () => ({ id: notes._id }));
    const one = await json<{ results: unknown[] }>(
      await call(reader, 'POST', db(reader, '_bulk_get'), { docs: repeated }),
    );
    expect(one.results).toHaveLength(1);
  });

  it('_all_docs by keys (GET and POST) answers one row per distinct key', async () => {
    const keys = Array.from({ length: 2000 }, (_, i) => (i % 2 ? notes._id : photo._id));
    const viaGet = await call(
      reader,
      'GET',
      db(reader, `_all_docs?include_docs=true&keys=${encodeURIComponent(JSON.stringify(keys))}`),
    );
    const viaPost = await call(reader, 'POST', db(reader, '_all_docs?include_docs=true'), {
      keys,
    });
    for (const res of [viaGet, viaPost]) {
      const body = await json<{ rows: { id: string; doc: Doc }[] }>(res);
      expect(body.rows.map((r) => r.id)).toEqual([photo._id, notes._id]);
      expect(body.rows[1]?.doc).toEqual(notes);
      expect(body.rows[0]?.doc._rev).toBe(photo._rev);
    }
  });

  it('_all_docs refuses more than 10,000 distinct keys, and counts repeats once', async () => {
    const keys = Array.from({ length: 10_001 }, (_, i) => `customer:${fakeUlid(i)}`);
    await expectBadRequest(
      await call(reader, 'POST', db(reader, '_all_docs?include_docs=true'), { keys }),
    );
    await expectBadRequest(
      await call(
        reader,
        'GET',
        db(reader, `_all_docs?keys=${encodeURIComponent(JSON.stringify(keys))}`),
      ),
    );
    const repeated = Array.from({ length: 20_000 }, (_, i) => (i % 2 ? notes._id : photo._id));
    const body = await json<{ rows: { id: string }[] }>(
      await call(reader, 'POST', db(reader, '_all_docs'), { keys: repeated }),
    );
    expect(body.rows.map((r) => r.id)).toEqual([photo._id, notes._id]);
  });

  describe('answers spanning several chunks', () => {
    const customers = new Map<string, Doc>();
    const photos = new Map<string, Doc>();

    beforeAll(async () => {
      const docs = Array.from({ length: 250 }, (_, i) =>
        customerDoc({ name: `Customer ${i}`, notes: `note ${i} `.repeat(i % 7) }),
      );
      const rows = await write(reader, docs);
      docs.forEach((d, i) => customers.set(d._id, { ...d, _rev: String(rows[i]?.rev) }));
      const products = Array.from({ length: 10 }, (_, i) => ({
        ...productDoc({ name: `Pictured ${i}`, code: `PIC-${i}` }),
        _attachments: { [`p${i}.png`]: { content_type: 'image/png', data: PNG_1PX } },
      }));
      const prows = await write(reader, products);
      products.forEach((p, i) => {
        expectOk(prows[i]);
        photos.set(p._id, { ...p, _rev: String(prows[i]?.rev) });
      });
    });

    /** Each of `got` equals what was written (with its revision), and every one came back. */
    function expectSame(got: Doc[], expected: Map<string, Doc>, extra?: (d: Doc) => object) {
      const byId = new Map(got.filter((d) => expected.has(d._id)).map((d) => [d._id, d]));
      expect(byId.size).toBe(expected.size);
      for (const [id, doc] of expected) expect(byId.get(id)).toEqual({ ...doc, ...extra?.(doc) });
    }

    it('_bulk_get streams 250 documents and they parse to exactly what was written', async () => {
      const docs = [...customers.values()].map((d) => ({ id: d._id, rev: d._rev }));
      const res = await call(reader, 'POST', db(reader, '_bulk_get?revs=true'), { docs });
      const { body, pieces } = await readPieces(res);
      expect(pieces).toBeGreaterThan(2);
      const parsed = JSON.parse(body) as { results: { id: string; docs: { ok: Doc }[] }[] };
      expect(parsed.results.map((r) => r.id)).toEqual(docs.map((d) => d.id));
      expectSame(
        parsed.results.map((r) => r.docs[0]?.ok ?? { _id: r.id }),
        customers,
        (d) => ({ _revisions: { start: 1, ids: [String(d._rev).slice(2)] } }),
      );
    });

    it('_bulk_get with attachments=true streams a few documents at a time, photos inline', async () => {
      const docs = [...photos.values()].map((d) => ({ id: d._id, rev: d._rev }));
      const res = await call(reader, 'POST', db(reader, '_bulk_get?attachments=true'), { docs });
      const { body, pieces } = await readPieces(res);
      expect(pieces).toBeGreaterThan(2); // 10 documents, 4 a chunk
      const parsed = JSON.parse(body) as { results: { id: string; docs: { ok: Doc }[] }[] };
      expect(parsed.results).toHaveLength(10);
      for (const r of parsed.results) {
        const { _attachments: atts, ...rest } = r.docs[0]?.ok ?? { _id: r.id };
        const { _attachments: written, ...expected } = photos.get(r.id) ?? { _id: '' };
        expect(rest).toEqual(expected);
        const [name] = Object.keys(written as object);
        expect(atts).toMatchObject({
          [String(name)]: { content_type: 'image/png', data: PNG_1PX },
        });
      }
    });

    it('_all_docs with include_docs streams a range and a key list, exactly as written', async () => {
      const range = await call(
        reader,
        'GET',
        db(reader, '_all_docs?include_docs=true&startkey="customer:"&endkey="customer:\uffff"'),
      );
      const keys = [...customers.keys()].reverse();
      const byKeys = await call(reader, 'POST', db(reader, '_all_docs?include_docs=true'), {
        keys,
      });
      for (const [res, order] of [
        [range, [...customers.keys()].sort()],
        [byKeys, keys],
      ] as const) {
        const { body, pieces } = await readPieces(res);
        expect(pieces).toBeGreaterThan(2);
        const parsed = JSON.parse(body) as { total_rows: number; rows: { id: string; doc: Doc }[] };
        expect(parsed.total_rows).toBeGreaterThanOrEqual(customers.size);
        const rows = parsed.rows.filter((r) => customers.has(r.id));
        expect(rows.map((r) => r.id)).toEqual(order);
        expectSame(
          rows.map((r) => r.doc),
          customers,
        );
      }
    });

    it('_changes with include_docs streams the documents in sequence order', async () => {
      const res = await call(reader, 'GET', db(reader, '_changes?include_docs=true'));
      const { body, pieces } = await readPieces(res);
      expect(pieces).toBeGreaterThan(2);
      const parsed = JSON.parse(body) as {
        results: { id: string; seq: number; doc: Doc }[];
        last_seq: number;
      };
      const seqs = parsed.results.map((r) => r.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(parsed.last_seq).toBe(seqs[seqs.length - 1]);
      expectSame(
        parsed.results.map((r) => r.doc),
        customers,
      );
    });
  });

  it('_changes descending returns every change, highest sequence first (it cannot page backwards)', async () => {
    // the server used to answer all of them; a streamed feed must not stop at its first page
    const stored = await storeOf(reader).allDocs();
    expect(stored.rows.length).toBeGreaterThan(250);
    for (const query of ['descending=true', 'descending=true&include_docs=true']) {
      const { body } = await readPieces(await call(reader, 'GET', db(reader, `_changes?${query}`)));
      const parsed = JSON.parse(body) as { results: { id: string; seq: number }[] };
      expect(parsed.results.length, query).toBe(stored.rows.length);
      expect(parsed.results.map((r) => r.id).sort()).toEqual(stored.rows.map((r) => r.id).sort());
      const seqs = parsed.results.map((r) => r.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => y - x));
    }
  });

  it('_changes without a limit returns all of 2,500 documents in sequence order', async () => {
    const big = await registerUser(app, 'Bea');
    for (let n = 0; n < 5; n++) {
      const docs = Array.from({ length: 500 }, (_, i) => customerDoc({ name: `C ${n}-${i}` }));
      expect((await write(big, docs)).every((r) => r.ok)).toBe(true);
    }
    const { body, pieces } = await readPieces(await call(big, 'GET', db(big, '_changes')));
    expect(pieces).toBeGreaterThan(2);
    const parsed = JSON.parse(body) as { results: { id: string; seq: number }[]; last_seq: number };
    const stored = await storeOf(big).allDocs();
    expect(parsed.results.map((r) => r.id).sort()).toEqual(stored.rows.map((r) => r.id).sort());
    expect(parsed.results.length).toBeGreaterThanOrEqual(2500);
    const seqs = parsed.results.map((r) => r.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(parsed.last_seq).toBe((await storeOf(big).info()).update_seq);
    expect(parsed.last_seq).toBe(seqs[seqs.length - 1]);
  });

  it('after all of that, another user’s shop is still served', async () => {
    const c = sample('customer');
    expectOk((await write(other, [c]))[0], c._id);
    const info = await json<{ doc_count: number }>(await call(other, 'GET', db(other)));
    expect(info.doc_count).toBeGreaterThanOrEqual(1);
    const got = await json<Doc>(await call(other, 'GET', db(other, encodeURIComponent(c._id))));
    expect(got.name).toBe(c.name);
  });
});

// ---- 1e. what one document and one request may weigh -------------------------

describe('document weight', () => {
  const audit = (after: Record<string, unknown>) => ({
    ...sample('audit', { by: owner.userId, deviceId: DEVICE_A, userName: 'Olga' }),
    after,
  });

  it('refuses an audit entry with 10 MB, or just over 8 KB, of values; the rest of the batch lands', async () => {
    const huge = audit({ blob: 'x'.repeat(10 * MB) });
    // {"v":"…"} is 8 characters around the value: 8,193 in all
    const justOver = audit({ v: 'x'.repeat(8 * 1024 - 7) });
    const fits = audit({ v: 'x'.repeat(8 * 1024 - 8) });
    const customer = sample('customer', { deviceId: DEVICE_A });
    const rows = await write(owner, [huge, justOver, fits, customer]);
    expectForbidden(rows[0], /8 KB/);
    expectForbidden(rows[1], /8 KB/);
    expectOk(rows[2], fits._id);
    expectOk(rows[3], customer._id);
    expect((await call(owner, 'GET', db(owner, huge._id))).status).toBe(404);
  });

  it('refuses a product with five photos (at most four)', async () => {
    const photos = (n: number) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [
          `p${i}.png`,
          { content_type: 'image/png', data: PNG_1PX },
        ]),
      );
    const five = { ...sample('product', { deviceId: DEVICE_A }), _attachments: photos(5) };
    const four = { ...sample('product', { deviceId: DEVICE_A }), _attachments: photos(4) };
    const rows = await write(owner, [five, four]);
    expectForbidden(rows[0], /at most 4 images/);
    expectOk(rows[1], four._id);
  });

  it('refuses a checkpoint over 4 KB', async () => {
    const checkpoint = (entries: number, seq: string) => ({
      session_id: 'session-1',
      last_seq: seq,
      history: Array.from({ length: entries }, (_, i) => ({
        session_id: `session-${i}`.padEnd(100, 'x'),
        last_seq: seq,
      })),
      replicator: 'pouchdb',
      version: 1,
    });
    const big = await call(owner, 'PUT', db(owner, '_local/big'), checkpoint(20, 's'.repeat(200)));
    await expectBadRequest(big, /4096 bytes/);
    const small = await call(owner, 'PUT', db(owner, '_local/small'), checkpoint(20, '42'));
    expect(small.status).toBe(201);
  });

  it('refuses a history of more than 1,000 revisions, per document', async () => {
    const history = (n: number) => {
      const ids = Array.from({ length: n }, (_, i) => (i + 1).toString(16).padStart(8, '0'));
      return { _rev: `${n}-${ids[0]}`, _revisions: { start: n, ids } };
    };
    const tooLong = { ...sample('customer', { deviceId: DEVICE_B }), ...history(1001) };
    const longest = { ...sample('customer', { deviceId: DEVICE_B }), ...history(1000) };
    const rows = await write(seller, [tooLong, longest], false);
    expectForbidden(rows[0], /_revisions/);
    expectOk(rows[1], longest._id);
  });

  it('refuses more than 10,000 doc_ids, and a _revs_diff over 10,000 ids or 1,000 revisions of one', async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `customer:${fakeUlid(i)}`);
    await expectBadRequest(
      await call(owner, 'POST', db(owner, '_changes?filter=_doc_ids'), { doc_ids: ids(10_001) }),
    );
    const fine = await call(owner, 'POST', db(owner, '_changes?filter=_doc_ids'), {
      doc_ids: ids(10),
    });
    expect(fine.status).toBe(200);

    const manyIds = Object.fromEntries(ids(10_001).map((id) => [id, [`1-${hash('a')}`]]));
    await expectBadRequest(await call(owner, 'POST', db(owner, '_revs_diff'), manyIds));
    const revs = (n: number) => Array.from({ length: n }, (_, i) => `${i + 1}-${hash('b')}`);
    const id = `customer:${ulid()}`;
    await expectBadRequest(
      await call(owner, 'POST', db(owner, '_revs_diff'), { [id]: revs(1001) }),
    );
    const diff = await json<Record<string, { missing: string[] }>>(
      await call(owner, 'POST', db(owner, '_revs_diff'), { [id]: revs(1000) }),
    );
    expect(diff[id]?.missing).toHaveLength(1000);
  });
});

// ---- 2. checkpoints ------------------------------------------------------------

describe('replication checkpoints', () => {
  const checkpoint = (seq: number) => ({
    session_id: `s-${seq}`,
    last_seq: seq,
    history: [{ session_id: `s-${seq}`, last_seq: seq }],
    replicator: 'pouchdb',
    version: 1,
  });

  it('are each member’s own: same name, no shared revision, each reads back their own', async () => {
    const name = `_local/${'Q'.repeat(22)}`;
    const mine = await call(owner, 'PUT', db(owner, name), checkpoint(10));
    expect(mine.status).toBe(201);
    // the seller writes the same name without the owner's _rev: no conflict
    const theirs = await call(seller, 'PUT', db(seller, name), checkpoint(99));
    expect(theirs.status, await theirs.clone().text()).toBe(201);

    const a = await json<Doc>(await call(owner, 'GET', db(owner, name)));
    const b = await json<Doc>(await call(seller, 'GET', db(seller, name)));
    expect(a).toMatchObject({ _id: name, last_seq: 10 });
    expect(b).toMatchObject({ _id: name, last_seq: 99 });

    // stored apart, under each member's prefix
    const store = storeOf(owner);
    await expect(store.get(`_local/${owner.userId}~${'Q'.repeat(22)}`)).resolves.toMatchObject({
      last_seq: 10,
    });
    await expect(store.get(`_local/${seller.userId}~${'Q'.repeat(22)}`)).resolves.toMatchObject({
      last_seq: 99,
    });
    await expect(store.get(name)).rejects.toMatchObject({ status: 404 });

    // and an update goes on from each member's own revision
    const again = await call(seller, 'PUT', db(seller, name), { ...checkpoint(100), _rev: b._rev });
    expect(again.status).toBe(201);
    expect((await json<Doc>(await call(owner, 'GET', db(owner, name)))).last_seq).toBe(10);
  });

  it('must be shaped as a PouchDB checkpoint', async () => {
    for (const body of [
      { seq: 999999, engine: { stock: {} }, version: 1 },
      { ...checkpoint(1), extra: 'field' },
      { ...checkpoint(1), history: Array.from({ length: 21 }, () => checkpoint(1).history[0]) },
      { ...checkpoint(1), last_seq: { nested: true } },
    ]) {
      await expectBadRequest(
        await call(seller, 'PUT', db(seller, '_local/resolver'), body),
        /not a replication checkpoint/,
      );
    }
    // CouchDB's replicator's own fields are fine
    const couch = {
      session_id: 'abc',
      source_last_seq: '12-g1AAAA',
      replication_id_version: 4,
      history: [{ session_id: 'abc', last_seq: '12-g1AAAA', doc_write_failures: 0 }],
    };
    expect((await call(seller, 'PUT', db(seller, '_local/couch'), couch)).status).toBe(201);
  });
});

// ---- 3. append-only documents --------------------------------------------------

describe('append-only documents have one version', () => {
  const version = (doc: Doc, h: string, over: Record<string, unknown> = {}) => ({
    ...doc,
    ...over,
    _rev: `1-${h}`,
    _revisions: { start: 1, ids: [h] },
  });

  it('a second first revision of an order is refused, in the same batch and in a later one', async () => {
    const order = sample('order', { by: seller.userId, deviceId: DEVICE_B });
    const first = version(order, hash('a'));
    const second = version(order, hash('b'), { note: 'changed after the sale' });
    const rows = await write(seller, [first, second], false);
    expectOk(rows[0], order._id);
    expectForbidden(rows[1], /append-only/);

    expectForbidden((await write(seller, [second], false))[0], /append-only/);
    // a retried upload of what is stored is fine
    const retried = (await write(seller, [first], false))[0];
    expectOk(retried, order._id);
    expect(retried?.rev).toBe(`1-${hash('a')}`);

    const stored = await json<Doc>(
      await call(owner, 'GET', db(owner, `${order._id}?conflicts=true`)),
    );
    expect(stored._rev).toBe(`1-${hash('a')}`);
    expect(stored._conflicts).toBeUndefined();
    expect(stored.note).toBe(order.note);
  });

  it('an append-only document at position 2 is refused', async () => {
    for (const kind of ['order', 'orderevent', 'invoice', 'audit'] as const) {
      const doc = sample(kind, { by: seller.userId, deviceId: DEVICE_B, userName: 'Sam' });
      const at2 = { ...doc, _rev: `2-${hash('c')}`, _revisions: { start: 2, ids: [hash('c')] } };
      expectForbidden((await write(seller, [at2], false))[0], /append-only/);
    }
  });
});

// ---- 4. revision positions -----------------------------------------------------

describe('revision positions', () => {
  it('a forged jump to 999999999 is refused per document, and the owner can still edit', async () => {
    const created = sample('customer', { deviceId: DEVICE_A });
    const [made] = await write(owner, [created]);
    expectOk(made);
    const held: Doc = { ...created, _rev: String(made?.rev) };

    const forged = {
      ...held,
      name: 'Forged',
      stamps: { ...(held.stamps as object), name: stampBy(DEVICE_B) },
      _rev: `999999999-${hash('f')}`,
      _revisions: { start: 999999999, ids: [hash('f')] },
    };
    const honest = sample('customer', { deviceId: DEVICE_B });
    const rows = await write(seller, [forged, { ...honest, _rev: `1-${hash('e')}` }], false);
    expectForbidden(rows[0], /implausibly far ahead/);
    expectOk(rows[1], honest._id);

    // within the allowed jump a replicated revision is fine
    const near = 1 + MAX_REV_JUMP;
    const [jump] = await write(
      seller,
      [{ ...forged, _rev: `${near}-${hash('d')}`, _revisions: { start: near, ids: [hash('d')] } }],
      false,
    );
    expectOk(jump);

    // (the two branches are merged by the resolver meanwhile: edit what it leaves)
    await app.services.resolvers?.get(owner.shopId)?.idle();
    const current = await json<Doc>(await call(owner, 'GET', db(owner, created._id)));
    const pos = parseRev(current._rev)?.pos ?? 0;
    expect(pos).toBeGreaterThanOrEqual(near);
    const edited = {
      ...current,
      phone: '+44 1',
      stamps: { ...(current.stamps as object), phone: stampBy(DEVICE_A) },
    };
    const put = await call(owner, 'PUT', db(owner, created._id), edited);
    const res = await json<{ ok: boolean; rev: string }>(put, 201);
    expect(parseRev(res.rev)?.pos).toBe(pos + 1);
  });

  it('a revision past 1,000,000,000 reached honestly parses and can be edited further', async () => {
    const c = sample('customer', { deviceId: DEVICE_A });
    const far = `1000000000-${hash('9')}`;
    const [stored] = await storeOf(owner).bulkDocs(
      [{ ...c, _rev: far, _revisions: { start: 1_000_000_000, ids: [hash('9')] } }],
      { new_edits: false },
    );
    expect(stored, JSON.stringify(stored)).toMatchObject({ ok: true });
    const got = await json<Doc>(await call(owner, 'GET', db(owner, c._id)));
    expect(got._rev).toBe(far);
    const edited = {
      ...got,
      notes: 'still editable',
      stamps: { ...(got.stamps as object), notes: stampBy(DEVICE_A) },
    };
    const res = await json<{ rev: string }>(
      await call(owner, 'PUT', db(owner, c._id), edited),
      201,
    );
    expect(res.rev).toMatch(/^1000000001-[0-9a-f]{32}$/);
    const again = await json<Doc>(await call(owner, 'GET', db(owner, c._id)));
    const more = await call(owner, 'PUT', db(owner, c._id), { ...again, notes: 'and again' });
    expect((await json<{ rev: string }>(more, 201)).rev).toMatch(/^1000000002-/);
  });

  it('the store takes every history revisionFieldsError passes, so no batch fails on one', async () => {
    const store = storeOf(reader);
    const hex = fc.string({
      unit: fc.constantFrom(...'0123456789abcdef'),
      minLength: 1,
      maxLength: 6,
    });
    const revArb = fc.oneof(
      fc.tuple(fc.integer({ min: 1, max: 40 }), hex).map(([p, h]) => `${p}-${h}`),
      fc.constantFrom('0-a', '01-a', '1-A', '1-', '-a', `${Number.MAX_SAFE_INTEGER}-a`, '1-g'),
      fc.constant(`9007199254740990-${hash('a')}`),
    );
    const historyArb = (rev: string) => {
      const [pos = '0', h = ''] = rev.split('-');
      return fc.oneof(
        fc.constant(undefined),
        fc
          .array(hex, { maxLength: 4 })
          .map((older) => ({ start: Number(pos), ids: [h, ...older] })),
        fc.record({ start: fc.integer({ min: 0, max: 41 }), ids: fc.array(hex, { maxLength: 4 }) }),
        fc.constantFrom({ start: 1, ids: ['a'], x: 1 }, { start: '1', ids: ['a'] }, null, []),
      );
    };
    const docArb = revArb.chain((rev) =>
      historyArb(rev).map((revisions) => ({
        ...customerDoc(),
        _rev: rev,
        ...(revisions === undefined ? {} : { _revisions: revisions }),
      })),
    );
    await fc.assert(
      fc.asyncProperty(docArb, async (doc) => {
        const [row] = await store.bulkDocs([doc], { new_edits: false });
        // what the rule passes, the store takes: whatever the store refuses, the rule refused
        // first, per document (the store is more lenient only in stemming a long history)
        if (revisionFieldsError(doc) === null) {
          expect(row, JSON.stringify(doc)).toMatchObject({ ok: true });
        }
      }),
      { numRuns: 300 },
    );
  });
});

// ---- 5. authorship ---------------------------------------------------------------

describe('authorship is the session’s', () => {
  it('a seller cannot write an order, a cancellation or an audit entry in the owner’s name', async () => {
    const order = sample('order', { by: owner.userId, deviceId: DEVICE_B });
    const cancel = orderEventDoc('cancelled', { by: owner.userId, deviceId: DEVICE_B });
    const entry = sample('audit', { by: owner.userId, deviceId: DEVICE_B, userName: 'Sam' });
    const rows = await write(seller, [order, cancel, entry]);
    for (const row of rows) expectForbidden(row, /another member's name/);
  });

  it('nor in their own name from the owner’s device', async () => {
    const order = sample('order', { by: seller.userId, deviceId: DEVICE_A });
    const cancel = orderEventDoc('cancelled', { by: seller.userId, deviceId: DEVICE_A });
    const entry = sample('audit', { by: seller.userId, deviceId: DEVICE_A, userName: 'Sam' });
    const rows = await write(seller, [order, cancel, entry]);
    for (const row of rows) expectForbidden(row, /device other than/);
  });

  it('an audit entry carries a name its writer has had, including one before a rename', async () => {
    const entry = (userName: string) =>
      sample('audit', { by: seller.userId, deviceId: DEVICE_B, userName });
    const asOwner = entry('Olga');
    const asSelf = entry('Sam');
    const rows = await write(seller, [asOwner, asSelf]);
    expectForbidden(rows[0], /never had/);
    expectOk(rows[1], asSelf._id);

    const renamed = await call(seller, 'PATCH', '/api/account', { name: 'Samuel' });
    expect(renamed.status).toBe(200);
    // an entry written offline before the rename still carries the old name
    const [offline, current, never] = await write(seller, [
      entry('Sam'),
      entry('Samuel'),
      entry('Sammy'),
    ]);
    expectOk(offline);
    expectOk(current);
    expectForbidden(never, /never had/);
  });

  it('a session that never said its device writes nothing authored', async () => {
    const unbound = await registerUser(app, 'Una', { deviceId: null });
    const as = { by: unbound.userId, deviceId: DEVICE_A, userName: 'Una' };
    const docs = (['order', 'orderevent', 'stock', 'invoice', 'audit'] as const).map((k) =>
      sample(k, as),
    );
    const rows = await write(unbound, docs);
    for (const row of rows) expectForbidden(row, /sign in again/);
  });

  it('PUT /api/auth/device binds a session once, and never to a reserved id', async () => {
    const u = await registerUser(app, 'Dora', { deviceId: null });
    const put = (deviceId: string) => call(u, 'PUT', '/api/auth/device', { deviceId });
    expect((await put('phone-1111')).status).toBe(204);
    expect((await put('phone-1111')).status).toBe(204);
    expect((await put('phone-2222')).status).toBe(409);

    const v = await registerUser(app, 'Vera', { deviceId: null });
    for (const reserved of ['server', 'SERVER-1', 'server_x']) {
      const res = await call(v, 'PUT', '/api/auth/device', { deviceId: reserved });
      expect(res.status, reserved).toBe(400);
    }
    // still unbound after the refusals, so it may bind its real device
    expect((await call(v, 'PUT', '/api/auth/device', { deviceId: 'tablet-1' })).status).toBe(204);
  });

  it('an alert is acknowledged only in one’s own name', async () => {
    const alert = alertDoc({ kind: 'oversell' });
    const [made] = await storeOf(owner).bulkDocs([alert]);
    const stored = await json<Doc>(await call(owner, 'GET', db(owner, alert._id)));
    expect(made).toMatchObject({ ok: true });
    const ack = (by: string) => {
      const s = stampBy(DEVICE_A);
      return {
        ...stored,
        acknowledgedAt: new Date().toISOString(),
        acknowledgedBy: by,
        resolution: 'Counted again',
        stamps: { acknowledgedAt: s, acknowledgedBy: s, resolution: s },
      };
    };
    const forged = await call(owner, 'PUT', db(owner, alert._id), ack(seller.userId));
    expect(forged.status).toBe(403);
    expect(await forged.text()).toMatch(/own name/);
    const own = await call(owner, 'PUT', db(owner, alert._id), ack(owner.userId));
    expect(own.status, await own.clone().text()).toBe(201);
  });

  it('offline writes of the same user replicate after signing in again on the same device', async () => {
    // written on the phone earlier, while offline
    const order = {
      ...sample('order', {
        by: seller.userId,
        deviceId: DEVICE_B,
        at: new Date(Date.now() - 3_600_000).toISOString(),
      }),
      _rev: `1-${hash('7')}`,
    };
    const login = await call(null, 'POST', '/api/auth/login', {
      email: seller.email,
      password: TEST_PASSWORD,
    });
    expect(login.status, await login.clone().text()).toBe(200);
    const again: Account = { ...seller, cookie: sessionCookie(login) };
    // a new session has not said its device yet
    expectForbidden((await write(again, [order], false))[0], /sign in again/);
    await bindDevice(app, again.cookie, DEVICE_B);
    expectOk((await write(again, [order], false))[0], order._id);
  });

  describe('clock stamps', () => {
    let customer: Doc;

    beforeAll(async () => {
      const c = sample('customer', { deviceId: DEVICE_A });
      const [row] = await write(owner, [c]);
      customer = { ...c, _rev: String(row?.rev) };
    });

    const edit = async (changes: Record<string, unknown>, stamps: Record<string, string>) => {
      const current = await json<Doc>(await call(seller, 'GET', db(seller, customer._id)));
      const next = {
        ...current,
        ...changes,
        stamps: { ...(current.stamps as object), ...stamps },
      };
      return call(seller, 'PUT', db(seller, customer._id), next);
    };

    it('a changed field stamped by another device is refused', async () => {
      const res = await edit({ name: 'Renamed' }, { name: stampBy(DEVICE_A, 1000) });
      expect(res.status).toBe(403);
      expect(await res.text()).toMatch(/stamped by another device/);
    });

    it('stamps carried unchanged from the parent pass, whichever device made them', async () => {
      // every other stamp is still the owner's (device A); only the phone is the seller's
      const res = await edit({ phone: '+44 2' }, { phone: stampBy(DEVICE_B) });
      expect(res.status, await res.clone().text()).toBe(201);
    });

    it('a replicated edit that shares no history with the server cannot carry another device’s stamp', async () => {
      // Without a `_revisions` the server holds any of, the edit is compared with nothing
      // and any stamp passes: the seller's phone can pass its change off as the laptop's.
      // (a customer of its own: while this passes, the resolver merges the branches it makes)
      const created = sample('customer', { deviceId: DEVICE_A });
      expectOk((await write(owner, [created]))[0]);
      const current = await json<Doc>(await call(seller, 'GET', db(seller, created._id)));
      const pos = parseRev(current._rev)?.pos ?? 0;
      const posing = {
        ...current,
        name: 'Renamed on the phone',
        stamps: { ...(current.stamps as object), name: stampBy(DEVICE_A, 1000) },
      };
      const unknownParent = { start: pos + 1, ids: [hash('6'), hash('7')] };
      const rows = await write(
        seller,
        [
          { ...posing, _rev: `${pos + 1}-${hash('5')}` },
          { ...posing, _rev: `${pos + 1}-${hash('6')}`, _revisions: unknownParent },
        ],
        false,
      );
      expectForbidden(rows[0], /stamped by another device/);
      expectForbidden(rows[1], /stamped by another device/);
    });

    it('a stamp more than five minutes ahead is refused; one minute ahead is fine', async () => {
      const ahead = await edit(
        { notes: 'from the future' },
        { notes: stampBy(DEVICE_B, 6 * 60_000) },
      );
      expect(ahead.status).toBe(403);
      expect(await ahead.text()).toMatch(/in the future/);
      const skewed = await edit({ notes: 'slightly fast' }, { notes: stampBy(DEVICE_B, 60_000) });
      expect(skewed.status, await skewed.clone().text()).toBe(201);
    });
  });

  it('the audit chain seals only the entries that were accepted', async () => {
    const forged = sample('audit', { by: owner.userId, deviceId: DEVICE_B, userName: 'Olga' });
    const name = (await app.services.users.byId(seller.userId))?.name ?? '';
    const own = sample('audit', { by: seller.userId, deviceId: DEVICE_B, userName: name });
    const rows = await write(seller, [forged, own]);
    expectForbidden(rows[0], /another member's name/);
    expectOk(rows[1]);

    const resolver = app.services.resolvers?.get(owner.shopId);
    expect(resolver).toBeDefined();
    // (entries the resolver itself writes, as merges, come back through its feed: let them)
    await new Promise((r) => setTimeout(r, 20));
    await resolver?.idle();
    const verified = await resolver?.verifyAudit();
    const audits = await storeOf(owner).allDocs({ startkey: 'audit:', endkey: 'audit:\uffff' });
    expect(verified).toMatchObject({ ok: true, entries: audits.rows.length });
    const seals = await app.services.storage.system().allDocs({
      startkey: `seal:${owner.shopId}:`,
      endkey: `seal:${owner.shopId}:\ufff0`,
      include_docs: true,
    });
    const sealed = seals.rows.map((r) => (r.doc as unknown as { auditId: string }).auditId);
    expect(sealed).toContain(own._id);
    expect(sealed).not.toContain(forged._id);
  });
});

// ---- 9. text hygiene ---------------------------------------------------------------

describe('text hygiene', () => {
  const BAD = { NUL: 'Ann\u0000a', 'lone surrogate': 'Ann\uD83Da', 'bidi override': '\u202EannA' };

  it.each(Object.entries(BAD))(
    'refuses %s in a product, customer, audit or shop name',
    async (_, bad) => {
      const product = { ...sample('product', { deviceId: DEVICE_A }), name: bad };
      const customer = { ...sample('customer', { deviceId: DEVICE_A }), name: bad };
      const entry = sample('audit', { by: owner.userId, deviceId: DEVICE_A, userName: bad });
      const rows = await write(owner, [product, customer, entry]);
      for (const row of rows) expectForbidden(row, new RegExp(UNSAFE_TEXT_MESSAGE));

      const settings = await json<Doc>(await call(owner, 'GET', db(owner, 'settings')));
      const renamed = {
        ...settings,
        shopName: bad,
        stamps: { ...(settings.stamps as object), shopName: stampBy(DEVICE_A) },
      };
      const res = await call(owner, 'PUT', db(owner, 'settings'), renamed);
      expect(res.status).toBe(403);
      expect(await res.text()).toMatch(/shop name/);
    },
  );

  it('a line break or tab at either end of a name is refused too (the document is stored as sent)', async () => {
    // zod trims before it checks, so the schema passes these; the server stores the raw text
    const names = ['Ann\n', '\tAnn', 'Ann\r\n'];
    const docs = names.flatMap((name) => [
      { ...sample('customer', { deviceId: DEVICE_A }), name },
      { ...sample('product', { deviceId: DEVICE_A }), name },
    ]);
    const rows = await write(owner, docs);
    rows.forEach((row, i) => {
      expect(row.error, `${JSON.stringify(docs[i]?.name)}: ${JSON.stringify(row)}`).toBe(
        'forbidden',
      );
    });
  });

  it('names given to the account and shop APIs follow the same rule', async () => {
    // an account name is what the member's audit entries must carry, and a shop's name
    // becomes its settings document's shopName: both must pass the documents' rule
    const register = (name: string, shopName: string, email: string) =>
      call(null, 'POST', '/api/auth/register', {
        name,
        email,
        password: TEST_PASSWORD,
        passwordConfirm: TEST_PASSWORD,
        shopName,
      });
    expect.soft((await register('Nul\u0000l', 'Stall', 'nul@example.com')).status).toBe(400);
    expect.soft((await register('Bidi', 'Stall\u202E', 'bidi@example.com')).status).toBe(400);
    expect
      .soft((await call(other, 'PATCH', '/api/account', { name: 'Ann\u202Ea' })).status)
      .toBe(400);
    expect
      .soft((await call(owner, 'POST', '/api/shops', { name: 'Stall\uD800' })).status)
      .toBe(400);
  });

  it('a line break is fine in a note, not in a name', async () => {
    const noted = { ...sample('customer', { deviceId: DEVICE_A }), notes: 'Back door\nafter 5' };
    const named = { ...sample('customer', { deviceId: DEVICE_A }), name: 'Ann\nBerg' };
    const rows = await write(owner, [noted, named]);
    expectOk(rows[0], noted._id);
    expectForbidden(rows[1], new RegExp(UNSAFE_TEXT_MESSAGE));
    const stored = await json<Doc>(await call(owner, 'GET', db(owner, noted._id)));
    expect(stored.notes).toBe('Back door\nafter 5');
  });
});
