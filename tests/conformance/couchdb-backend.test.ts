import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { couchDbStorage, startTestServer } from '@stallkeeper/sync-server/testing';
import { startPouchDbServer } from '../support/pouchdb-server.ts';
import { localDb, registerOwner, remoteDb } from '../support/pouch-client.ts';
import { customerDoc } from '../support/docs.ts';

type Started = Awaited<ReturnType<typeof startTestServer>>;

/**
 * COUCHDB_URL mode: the server keeps nothing itself, so two instances on one
 * CouchDB are interchangeable (the path for several replicas behind a balancer).
 */
describe('CouchDB storage backend (pouchdb-server as the CouchDB API)', () => {
  let couch: Awaited<ReturnType<typeof startPouchDbServer>>;
  let a: Started;
  let b: Started;

  beforeAll(async () => {
    couch = await startPouchDbServer();
    a = await startTestServer({ storage: couchDbStorage(couch.url) });
    b = await startTestServer({ storage: couchDbStorage(couch.url) });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await couch?.stop();
  });

  it('stores users, sessions and shop documents in CouchDB, not in the server', async () => {
    const owner = await registerOwner(a.url);
    const local = localDb();
    const docs = Array.from({ length: 50 }, (_, i) => customerDoc(`Customer ${i}`));
    await local.bulkDocs(docs);
    const res = await local.replicate.to(remoteDb(a.url, owner.shopId, owner.cookie));
    expect(res.docs_written).toBe(50);

    // Straight from CouchDB: the shop database and the system database are there.
    const all = (await (await fetch(`${couch.url}/shop_${owner.shopId}/_all_docs`)).json()) as {
      rows: { id: string }[];
    };
    expect(all.rows.filter((r) => r.id.startsWith('customer:'))).toHaveLength(50);
    const system = (await (await fetch(`${couch.url}/stallkeeper_system/_all_docs`)).json()) as {
      rows: { id: string }[];
    };
    expect(system.rows.some((r) => r.id === `user:${owner.userId}`)).toBe(true);
    expect(system.rows.some((r) => r.id.startsWith('session:'))).toBe(true);
  });

  it('a session made on one server instance works on another (stateless servers)', async () => {
    const owner = await registerOwner(a.url);
    const viaB = await fetch(`${b.url}/api/auth/session`, { headers: { cookie: owner.cookie } });
    expect(viaB.status).toBe(200);

    const local = localDb();
    await local.put(customerDoc('Written through A'));
    await local.replicate.to(remoteDb(a.url, owner.shopId, owner.cookie));
    const other = localDb();
    const pulled = await other.replicate.from(remoteDb(b.url, owner.shopId, owner.cookie));
    expect(pulled.docs_written).toBeGreaterThanOrEqual(2); // settings + the customer
    const names = (await other.allDocs({ include_docs: true })).rows.map(
      (r) => (r.doc as { name?: string }).name,
    );
    expect(names).toContain('Written through A');
  });

  it('still refuses invalid documents per document', async () => {
    const owner = await registerOwner(a.url);
    const local = localDb();
    await local.bulkDocs([customerDoc('Good'), { _id: 'customer:not-a-ulid', type: 'customer' }]);
    const denied: string[] = [];
    const rep = local.replicate.to(remoteDb(a.url, owner.shopId, owner.cookie));
    void rep.on('denied', (e) => denied.push((e as { id?: string }).id ?? ''));
    const res = await rep;
    expect(res.docs_written).toBe(1);
    expect(denied).toEqual(['customer:not-a-ulid']);
  });
});
