/**
 * The resolver's state parts as the CouchDB backend keeps them: buckets of parts and a
 * manifest naming their versions. PouchDB's memory adapter stands in for CouchDB here
 * (the same `_local/` document rules); the conformance tests run the resolver on a
 * CouchDB API (pouchdb-server) through it.
 */
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { BUCKETS, bucketOf, CouchStateParts } from './couch-state-parts.ts';

PouchDB.plugin(memoryAdapter);

const MANIFEST = '_local/stallkeeper.server.parts';
const dbs: PouchDB.Database[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.destroy();
});

function fresh(): PouchDB.Database {
  const db = new PouchDB(`parts-${Math.random().toString(36).slice(2)}`, { adapter: 'memory' });
  dbs.push(db);
  return db;
}

/** The `_local/` writes a save makes, counted by kind. */
function counting(db: PouchDB.Database) {
  const writes = { buckets: 0, manifest: 0, bytes: 0 };
  const put = db.put.bind(db);
  db.put = (doc: { _id: string }) => {
    if (doc._id === MANIFEST) writes.manifest++;
    else writes.buckets++;
    writes.bytes += JSON.stringify(doc).length;
    return put(doc);
  };
  return writes;
}

const ledger = (n: number): [string, string][] =>
  Array.from({ length: n }, (_, i) => [`resolver/ledger/p${i}`, String(i)]);

describe('CouchStateParts', () => {
  it('reads back what was written, by prefix and by name', async () => {
    const parts = new CouchStateParts(fresh(), MANIFEST);
    expect(await parts.read('')).toEqual([]);
    await parts.write([...ledger(3000), ['resolver/head', '{"seq":7}']], []);
    const all = new Map(await parts.read('resolver/'));
    expect(all.size).toBe(3001);
    expect(all.get('resolver/ledger/p2999')).toBe('2999');
    expect(await parts.read('resolver/head')).toEqual([['resolver/head', '{"seq":7}']]);
    expect(await parts.readOne('resolver/head')).toBe('{"seq":7}');
    expect(await parts.readOne('resolver/nothing')).toBeUndefined();

    await parts.write([['resolver/ledger/p1', '41']], ['resolver/ledger/p0']);
    const after = new Map(await parts.read('resolver/ledger/'));
    expect(after.size).toBe(2999);
    expect(after.has('resolver/ledger/p0')).toBe(false);
    expect(after.get('resolver/ledger/p1')).toBe('41');
  });

  it('costs a save the buckets it touches, not the whole state', async () => {
    const db = fresh();
    const parts = new CouchStateParts(db, MANIFEST);
    const big = ledger(20_000);
    const first = counting(db);
    await parts.write(big, []);
    expect(first.buckets).toBe(BUCKETS); // 20,000 names fill every bucket
    const small = counting(db);
    await parts.write(
      [
        ['resolver/ledger/p5', '-1'],
        ['resolver/head', '{"seq":8}'],
      ],
      [],
    );
    const touched = new Set([bucketOf('resolver/ledger/p5'), bucketOf('resolver/head')]).size;
    expect(small.manifest).toBe(1);
    expect(small.buckets).toBe(touched);
    expect(small.bytes).toBeLessThan(first.bytes / 50);
    // and reads: the manifest and the one bucket, nothing of what the save before
    // superseded (this process deleted that already)
    const read: string[] = [];
    const get = db.get.bind(db);
    db.get = (...args: Parameters<typeof db.get>) => {
      read.push(String(args[0]));
      return get(...args);
    };
    await parts.write([['resolver/ledger/p5', '-2']], []);
    db.get = get;
    expect(read).toEqual([
      MANIFEST,
      expect.stringContaining(`${MANIFEST}.${bucketOf('resolver/ledger/p5')}.`),
      expect.stringContaining(`${MANIFEST}.${bucketOf('resolver/ledger/p5')}.`),
    ]);
  });

  it('deletes the versions a save superseded', async () => {
    const db = fresh();
    const parts = new CouchStateParts(db, MANIFEST);
    await parts.write(ledger(10), []);
    const before = await db.get<{ buckets: Record<string, string> }>(MANIFEST);
    const b = bucketOf('resolver/ledger/p3');
    await parts.write([['resolver/ledger/p3', '33']], []);
    const after = await db.get<{ buckets: Record<string, string> }>(MANIFEST);
    expect(after.buckets[b]).not.toBe(before.buckets[b]);
    await expect(db.get(`${MANIFEST}.${b}.${before.buckets[b]}`)).rejects.toMatchObject({
      status: 404,
    });
    // the other buckets are still the versions they were
    for (const [other, version] of Object.entries(before.buckets)) {
      if (other !== b) expect(after.buckets[other]).toBe(version);
    }
  });

  it('reads the single-document layout of older servers and spreads it on the first save', async () => {
    const db = fresh();
    await db.put({ _id: MANIFEST, parts: Object.fromEntries(ledger(50)) });
    const parts = new CouchStateParts(db, MANIFEST);
    expect((await parts.read('resolver/ledger/')).length).toBe(50);
    expect(await parts.readOne('resolver/ledger/p7')).toBe('7');
    await parts.write([['resolver/head', '{}']], ['resolver/ledger/p0']);
    const manifest = await db.get<{ parts?: unknown; buckets: object }>(MANIFEST);
    expect(manifest.parts).toBeUndefined();
    const all = new Map(await parts.read(''));
    expect(all.size).toBe(50);
    expect(all.get('resolver/head')).toBe('{}');
    expect(all.has('resolver/ledger/p0')).toBe(false);
  });

  it('reads again from the newer manifest when a save lands mid-read', async () => {
    const db = fresh();
    const writer = new CouchStateParts(db, MANIFEST);
    const reader = new CouchStateParts(db, MANIFEST);
    const names = Array.from({ length: 600 }, (_, i) => `resolver/order/o${i}`);
    const save = (v: string) =>
      writer.write(
        names.map((n): [string, string] => [n, v]),
        [],
      );
    await save('v0');
    // the reader has the manifest; before it reads the first bucket, a save replaces them all
    let raced = false;
    const get = db.get.bind(db);
    db.get = (async (id: string, opts?: object) => {
      if (!raced && id !== MANIFEST) {
        raced = true;
        await save('v1');
      }
      return get(id, opts ?? {});
    }) as typeof db.get;
    const values = new Set((await reader.read('resolver/order/')).map(([, v]) => v));
    db.get = get;
    expect(raced).toBe(true);
    expect([...values]).toEqual(['v1']); // the newer save, whole
  });

  it('keeps both of two saves that race (the manifest arbitrates)', async () => {
    const db = fresh();
    const one = new CouchStateParts(db, MANIFEST);
    const two = new CouchStateParts(db, MANIFEST);
    await one.write(ledger(100), []);
    await Promise.all([
      one.write([['resolver/ledger/a', 'one']], []),
      two.write([['resolver/ledger/b', 'two']], []),
      one.write([['resolver/ledger/c', 'one again']], []),
    ]);
    const all = new Map(await two.read('resolver/ledger/'));
    expect(all.size).toBe(103);
    expect([all.get('resolver/ledger/a'), all.get('resolver/ledger/b')]).toEqual(['one', 'two']);
    // every bucket the manifest names exists
    const manifest = await db.get<{ buckets: Record<string, string> }>(MANIFEST);
    for (const [b, v] of Object.entries(manifest.buckets)) {
      await expect(db.get(`${MANIFEST}.${b}.${v}`)).resolves.toBeTruthy();
    }
  });
});
