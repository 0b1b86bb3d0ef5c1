/**
 * The hardened server against the real PouchDB replicator (Node, memory adapter) over
 * real HTTP: a refused document is `denied` and the rest of its batch lands, a forged
 * revision history cannot make a document uneditable, checkpoints are the member's
 * own, and a pull whose answers span several chunks arrives whole.
 */
import { randomBytes } from 'node:crypto';
import { encodeHlc, ulid, type DocKind } from '@stallkeeper/shared';
import { customerDoc, sampleDoc, type Authoring } from '@stallkeeper/shared/fixtures';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bulkDocs, registerUser, type TestAccount as Account } from '../test-helpers.ts';
import { startTestServer } from '../testing.ts';

PouchDB.plugin(memoryAdapter);

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Doc = Record<string, unknown> & { _id: string };

const DEVICE_A = 'dev-AAAA';
const DEVICE_B = 'dev-BBBB';
const hash = (c: string) => c.repeat(32);
const sample = (kind: DocKind, authoring: Authoring = {}): Doc => sampleDoc(kind, authoring);
const stampBy = (device: string) => encodeHlc({ wall: Date.now(), counter: 0, node: device });

let server: Server;
let owner: Account;
let seller: Account;
const opened: PouchDB.Database[] = [];

function local(): PouchDB.Database {
  const db = new PouchDB(`local_${ulid()}`, { adapter: 'memory' });
  opened.push(db);
  return db;
}

/**
 * The shop on the server as the app reaches it: the session cookie, nothing else.
 * Each request's method and path are added to `seen`.
 */
function remote(who: Account, seen: string[] = []): PouchDB.Database {
  const db = new PouchDB(`${server.url}/db/${owner.shopId}`, {
    fetch: (url, opts) => {
      const o = opts ?? {};
      (o.headers as unknown as { set(name: string, value: string): void }).set(
        'Cookie',
        who.cookie,
      );
      const href = typeof url === 'string' ? url : url.url;
      seen.push(`${o.method ?? 'GET'} ${new URL(href).pathname}`);
      return PouchDB.fetch(url, o);
    },
  });
  opened.push(db);
  return db;
}

/** Push `from` to the server as `who`, collecting the ids the server denied. */
async function push(from: PouchDB.Database, who: Account, seen: string[] = []) {
  const denied: { id?: string; reason?: string }[] = [];
  const result = await PouchDB.replicate(from, remote(who, seen)).on('denied', (err: object) => {
    denied.push(err);
  });
  return { result, denied };
}

const serverDb = () => server.app.services.storage.shop(owner.shopId);

beforeAll(async () => {
  server = await startTestServer();
  [owner, seller] = await Promise.all([
    registerUser(server.app, 'Olga', { deviceId: DEVICE_A }),
    registerUser(server.app, 'Sam', { deviceId: DEVICE_B }),
  ]);
  await server.app.services.shops.addMember(owner.shopId, seller.userId, 'seller');
  seller = { ...seller, shopId: owner.shopId };
});

afterEach(async () => {
  await Promise.allSettled(opened.splice(0).map((db) => db.close()));
});

afterAll(async () => {
  await server?.close();
});

describe('the PouchDB replicator against the hardened server', () => {
  it('an order already on the server in another version is denied; the rest of the batch lands', async () => {
    const order = sample('order', { by: seller.userId, deviceId: DEVICE_B });
    const onServer = { ...order, _rev: `1-${hash('a')}` };
    const [stored] = await bulkDocs(server.app, seller.cookie, owner.shopId, [onServer], false);
    expect(stored?.ok).toBe(true);

    // the phone holds the same order in another version, and two new documents
    const phone = local();
    const customer = sample('customer', { deviceId: DEVICE_B });
    const another = sample('order', { by: seller.userId, deviceId: DEVICE_B });
    await phone.bulkDocs(
      [
        { ...order, note: 'edited on the phone', _rev: `1-${hash('b')}` },
        { ...customer, _rev: `1-${hash('c')}` },
        { ...another, _rev: `1-${hash('d')}` },
      ],
      { new_edits: false },
    );

    const { result, denied } = await push(phone, seller);
    expect(result.ok).toBe(true);
    expect(result.docs_written).toBe(2);
    expect(result.doc_write_failures).toBe(1);
    expect(denied.map((d) => d.id)).toEqual([order._id]);
    expect(denied[0]?.reason).toMatch(/append-only/);

    const held = await serverDb().get(order._id, { conflicts: true });
    expect(held._rev).toBe(`1-${hash('a')}`);
    expect(held._conflicts).toBeUndefined();
    await expect(serverDb().get(customer._id)).resolves.toMatchObject({ name: customer.name });
    await expect(serverDb().get(another._id)).resolves.toMatchObject({ _rev: `1-${hash('d')}` });
  });

  it('an order a phone holds in two versions reaches the server in one; the other is denied', async () => {
    // two offline edits of one sale, as an older app could make them
    const order = sample('order', { by: seller.userId, deviceId: DEVICE_B });
    const phone = local();
    await phone.bulkDocs(
      [
        { ...order, _rev: `1-${hash('1')}` },
        { ...order, note: 'the other version', _rev: `1-${hash('2')}` },
      ],
      { new_edits: false },
    );
    const held = await phone.get(order._id, { conflicts: true });
    expect(held._conflicts).toHaveLength(1);

    const { result, denied } = await push(phone, seller);
    expect(result.ok).toBe(true);
    expect(result.docs_written).toBe(1);
    // (PouchDB keys a batch's errors by id, so it reports the denial once per version it sent)
    expect([...new Set(denied.map((d) => d.id))]).toEqual([order._id]);
    expect(denied[0]?.reason).toMatch(/append-only/);
    const stored = await serverDb().get(order._id, { conflicts: true });
    expect([`1-${hash('1')}`, `1-${hash('2')}`]).toContain(stored._rev);
    expect(stored._conflicts).toBeUndefined();
  });

  it('a forged jump to 999999999 is denied, and the owner’s device goes on editing and pushing', async () => {
    const laptop = local();
    const customer = sample('customer', { deviceId: DEVICE_A });
    await laptop.put(customer);
    const first = await push(laptop, owner);
    expect(first.result.doc_write_failures).toBe(0);

    // the seller's phone makes up a history far ahead, to make the customer uneditable
    const phone = local();
    const current = await laptop.get<Doc>(customer._id);
    await phone.bulkDocs(
      [
        {
          ...current,
          name: 'Forged',
          stamps: { ...(current.stamps as object), name: stampBy(DEVICE_B) },
          _rev: `999999999-${hash('f')}`,
          _revisions: { start: 999999999, ids: [hash('f')] },
        },
        { ...sample('customer', { deviceId: DEVICE_B }), _rev: `1-${hash('e')}` },
      ],
      { new_edits: false },
    );
    const forged = await push(phone, seller);
    expect(forged.result.ok).toBe(true);
    expect(forged.result.docs_written).toBe(1);
    expect(forged.denied.map((d) => d.id)).toEqual([customer._id]);
    expect(forged.denied[0]?.reason).toMatch(/implausibly far ahead/);

    // the owner pulls, edits twice on the laptop and pushes: every edit arrives
    const pull = await PouchDB.replicate(remote(owner), laptop);
    expect(pull.ok).toBe(true);
    for (const phoneNumber of ['+44 1', '+44 2']) {
      const doc = await laptop.get<Doc>(customer._id);
      await laptop.put({
        ...doc,
        phone: phoneNumber,
        stamps: { ...(doc.stamps as object), phone: stampBy(DEVICE_A) },
      });
    }
    const edited = await push(laptop, owner);
    expect(edited.result.ok).toBe(true);
    expect(edited.result.doc_write_failures).toBe(0);
    expect(edited.denied).toEqual([]);
    const mine = await laptop.get<Doc>(customer._id);
    const held = await serverDb().get<Doc>(customer._id);
    expect(held._rev).toBe(mine._rev);
    expect(held.phone).toBe('+44 2');
    expect(String(held._rev)).toMatch(/^3-/);
  });

  it('keeps the replicator’s checkpoints under the member’s own prefix', async () => {
    const phone = local();
    await phone.put(sample('customer', { deviceId: DEVICE_B }));
    const seen: string[] = [];
    const { result } = await push(phone, seller, seen);
    expect(result.docs_written).toBe(1);
    const again = await push(phone, seller);
    expect(again.result.docs_read).toBe(0); // the checkpoint was read back

    const written = seen.find((r) => r.startsWith('PUT ') && r.includes('/_local/'));
    const name = decodeURIComponent(written?.split('/_local/')[1] ?? '');
    expect(name).not.toBe('');
    await expect(serverDb().get(`_local/${seller.userId}~${name}`)).resolves.toMatchObject({
      replicator: 'pouchdb',
    });
    await expect(serverDb().get(`_local/${name}`)).rejects.toMatchObject({ status: 404 });
  });

  it('pulls a shop whose answers span several chunks (250 documents, a 1 MB photo) whole', async () => {
    const photo = {
      ...sample('product', { deviceId: DEVICE_A }),
      _attachments: {
        'photo.jpg': {
          content_type: 'image/jpeg',
          data: randomBytes(1_000_000).toString('base64'),
        },
      },
    };
    const customers = Array.from({ length: 250 }, (_, i) =>
      customerDoc({
        name: `Buyer ${i}`,
        stamps: { name: stampBy(DEVICE_A) },
      }),
    );
    const rows = await bulkDocs(server.app, owner.cookie, owner.shopId, [photo, ...customers]);
    expect(rows.filter((r) => !r.ok)).toEqual([]);

    const device = local();
    const seen: string[] = [];
    const pull = await PouchDB.replicate(remote(seller, seen), device, { batch_size: 300 });
    expect(pull.ok).toBe(true);
    // fetched with _bulk_get: with photos inline the server answers it 4 documents a chunk
    expect(seen.filter((r) => r.endsWith('/_bulk_get')).length).toBeGreaterThan(0);
    expect(pull.doc_write_failures).toBe(0);

    const [there, here] = await Promise.all([
      serverDb().allDocs({ include_docs: true }),
      device.allDocs({ include_docs: true }),
    ]);
    expect(here.rows.map((r) => r.doc)).toEqual(there.rows.map((r) => r.doc));
    const got = await device.getAttachment(photo._id, 'photo.jpg');
    expect((got as Buffer).toString('base64')).toBe(photo._attachments['photo.jpg'].data);
  });
});
