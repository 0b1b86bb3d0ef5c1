/**
 * The real PouchDB replicator (Node, memory adapter) against the server on a random
 * port, authenticated by nothing but the session cookie.
 */
import { ulid } from '@stallkeeper/shared';
import { customerDoc, productDoc } from '@stallkeeper/shared/fixtures';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '../test-helpers.ts';
import { startTestServer } from '../testing.ts';

PouchDB.plugin(memoryAdapter);

const NOW = '2026-03-01T10:00:00.000Z';
const PNG_1PX =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Doc = Record<string, unknown> & { _id: string };

let server: Server;
let owner: { cookie: string; userId: string; shopId: string };
let seller: { cookie: string; userId: string };
const opened: PouchDB.Database[] = [];

const customer = (i: number, over: Record<string, unknown> = {}): Doc => ({
  ...customerDoc({ name: `Customer ${i}`, email: `c${i}@example.com`, createdAt: NOW }),
  ...over,
});

const product = (over: Record<string, unknown> = {}): Doc => ({
  ...productDoc({ code: 'JAM-1', name: 'Plum jam', price: 450, cost: 200, createdAt: NOW }),
  ...over,
});

async function register(name: string) {
  const account = await registerUser(server.app, name, { shopName: `${name}'s` });
  expect(account.cookie).toMatch(/^sk_session=\w+/);
  return account;
}

function local(): PouchDB.Database {
  const db = new PouchDB(`local_${ulid()}`, { adapter: 'memory' });
  opened.push(db);
  return db;
}

/** The shop on the server, reached the way the app reaches it: the session cookie, nothing else. */
function remote(cookie: string, shopId = owner.shopId): PouchDB.Database {
  const db = new PouchDB(`${server.url}/db/${shopId}`, {
    fetch: (url, opts) => {
      const o = opts ?? {};
      (o.headers as unknown as { set(name: string, value: string): void }).set('Cookie', cookie);
      return PouchDB.fetch(url, o);
    },
  });
  opened.push(db);
  return db;
}

async function waitFor<T>(what: string, probe: () => Promise<T | null>, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const serverDb = () => server.app.services.storage.shop(owner.shopId);

beforeAll(async () => {
  server = await startTestServer();
  [owner, seller] = await Promise.all([register('olga'), register('sam')]);
  await server.app.services.shops.addMember(owner.shopId, seller.userId, 'seller');
});

afterEach(async () => {
  await Promise.allSettled(opened.splice(0).map((db) => db.close()));
});

afterAll(async () => {
  await server?.close();
});

describe('PouchDB replicator against the server', () => {
  it('refuses a replicator without the session cookie', async () => {
    const anonymous = new PouchDB(`${server.url}/db/${owner.shopId}`, { skip_setup: true });
    opened.push(anonymous);
    await expect(anonymous.allDocs()).rejects.toMatchObject({ status: 401 });
    await expect(PouchDB.replicate(anonymous, local())).rejects.toMatchObject({ status: 401 });
    // and a member of another shop sees no database at all
    const intruder = await register('ivan');
    await expect(remote(intruder.cookie).allDocs()).rejects.toMatchObject({ status: 404 });
    const res = await PouchDB.replicate(local(), remote(intruder.cookie)).catch((e: unknown) => e);
    expect(res).toMatchObject({ status: 404 });
  });

  it('pushes 500 customers and pulls them into a second device', async () => {
    const a = local();
    const docs = Array.from({ length: 500 }, (_, i) => customer(i));
    const put = await a.bulkDocs(docs);
    expect(put.every((r) => 'ok' in r && r.ok)).toBe(true);

    const push = await PouchDB.replicate(a, remote(owner.cookie));
    expect(push.ok).toBe(true);
    expect(push.docs_written).toBe(500);
    expect(push.doc_write_failures).toBe(0);
    expect((await serverDb().info()).doc_count).toBeGreaterThanOrEqual(500);

    const b = local();
    const pull = await PouchDB.replicate(remote(owner.cookie), b);
    expect(pull.ok).toBe(true);
    expect(pull.doc_write_failures).toBe(0);

    const [fromA, fromB] = await Promise.all([
      a.allDocs({ include_docs: true }),
      b.allDocs({ include_docs: true }),
    ]);
    // B holds exactly what the server holds: the 500 customers (and whatever the shop started with)
    const fromServer = await serverDb().allDocs({ include_docs: true });
    expect(fromB.rows.map((r) => r.doc)).toEqual(fromServer.rows.map((r) => r.doc));
    const inB = new Map(fromB.rows.map((r) => [r.id, r.doc]));
    expect(fromA.rows).toHaveLength(500);
    for (const row of fromA.rows) expect(inB.get(row.id)).toEqual(row.doc);

    // a second push is a no-op thanks to the checkpoint
    const again = await PouchDB.replicate(a, remote(owner.cookie));
    expect(again.docs_written).toBe(0);
  });

  it('syncs live in both directions between two devices through the server', async () => {
    const a = local();
    const b = local();
    const syncA = a.sync(remote(owner.cookie), { live: true, retry: true });
    const syncB = b.sync(remote(seller.cookie), { live: true, retry: true });
    try {
      const fromA = customer(1, { name: 'Written on A' });
      await a.put(fromA);
      const seenByB = await waitFor('doc from A on B', async () => b.get<Doc>(fromA._id));
      expect(seenByB.name).toBe('Written on A');

      const fromB = customer(2, { name: 'Written on B' });
      await b.put(fromB);
      const seenByA = await waitFor('doc from B on A', async () => a.get<Doc>(fromB._id));
      expect(seenByA.name).toBe('Written on B');

      // an edit on B comes back to A
      await b.put({ ...seenByB, notes: 'edited on B' });
      const edited = await waitFor('edit from B on A', async () => {
        const d = await a.get<Doc>(fromA._id);
        return d.notes === 'edited on B' ? d : null;
      });
      expect(edited._rev).toMatch(/^2-/);
    } finally {
      syncA.cancel();
      syncB.cancel();
    }
  });

  it('replicates a product image as an attachment', async () => {
    const a = local();
    const p = product({
      _attachments: { 'photo.png': { content_type: 'image/png', data: PNG_1PX } },
    });
    await a.put(p);
    const push = await PouchDB.replicate(a, remote(owner.cookie));
    expect(push.docs_written).toBe(1);
    const b = local();
    await PouchDB.replicate(remote(owner.cookie), b, { doc_ids: [p._id] });
    const att = (await b.getAttachment(p._id, 'photo.png')) as Buffer;
    expect(Buffer.from(att).equals(Buffer.from(PNG_1PX, 'base64'))).toBe(true);
  });

  it('emits denied for a refused document and lands the rest of the batch', async () => {
    const a = local();
    const good = Array.from({ length: 10 }, (_, i) => customer(i));
    const bad = customer(99, { isAdmin: true });
    await a.bulkDocs([...good.slice(0, 5), bad, ...good.slice(5)]);

    const denied: { id?: string; name?: string; reason?: string }[] = [];
    const result = await PouchDB.replicate(a, remote(owner.cookie)).on('denied', (err) =>
      denied.push(err),
    );

    expect(result.ok).toBe(true);
    expect(result.docs_written).toBe(10);
    expect(result.doc_write_failures).toBe(1);
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({
      id: bad._id,
      name: 'forbidden',
      reason: expect.stringMatching(/unknown field isAdmin/),
    });

    const onServer = await serverDb().allDocs({ keys: [...good.map((d) => d._id), bad._id] });
    const stored = onServer.rows.flatMap((r) => ('error' in r ? [] : [r.id]));
    expect(stored).toEqual(good.map((d) => d._id));
  });

  it('a seller device gets denied for a product while its sale and customer land', async () => {
    const phone = local();
    const p = product();
    const c = customer(7);
    await phone.bulkDocs([p, c]);
    const denied: { id?: string }[] = [];
    const result = await PouchDB.replicate(phone, remote(seller.cookie)).on('denied', (e) =>
      denied.push(e),
    );
    expect(denied.map((d) => d.id)).toEqual([p._id]);
    expect(result.docs_written).toBe(1);
    await expect(serverDb().get(p._id)).rejects.toMatchObject({ status: 404 });
    expect((await serverDb().get<Doc>(c._id)).name).toBe('Customer 7');
  });
});
