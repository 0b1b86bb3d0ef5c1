/**
 * The revision store against PouchDB itself: the same writes, fed to both, must leave
 * the same winners, conflicts, leaves, histories, counts and change order.
 */
import fc from 'fast-check';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { describe, expect, it } from 'vitest';
import { memoryKv } from './kv.ts';
import { RevStore } from './rev-store.ts';
import type { ShopDb } from './shop-db.ts';

PouchDB.plugin(memoryAdapter);

const IDS = ['a', 'b', 'c'] as const;
let n = 0;
const fresh = () => {
  const name = `rs-${process.pid}-${++n}`;
  return {
    store: new RevStore(name, () => Promise.resolve(memoryKv(name))),
    pouch: new PouchDB(`pd-${name}`, { adapter: 'memory' }),
  };
};

/** Everything observable about the documents, in a form both stores answer alike. */
async function stateOf(db: ShopDb | PouchDB.Database) {
  const out: Record<string, unknown> = {};
  for (const id of IDS) {
    const winner = await (db as ShopDb)
      .get(id, { conflicts: true, revs: true })
      .then((d) => ({
        rev: d._rev,
        v: d.v,
        conflicts: d._conflicts ?? [],
        revisions: d._revisions,
      }))
      .catch((e: { status?: number; reason?: string }) => ({ status: e.status, reason: e.reason }));
    const leaves =
      'getOpenRevs' in db
        ? await db.getOpenRevs(id, 'all', { revs: true }).catch(() => [])
        : ((await db
            .get(id, { open_revs: 'all', revs: true } as PouchDB.Core.GetOptions)
            .catch(() => [])) as unknown as { ok?: Record<string, unknown> }[]);
    out[id] = {
      winner,
      leaves: leaves
        .flatMap((l) => ('ok' in l && l.ok ? [l.ok] : []))
        .map((d) => ({
          rev: d._rev,
          deleted: Boolean(d._deleted),
          v: d.v,
          revisions: d._revisions,
        }))
        .sort((x, y) => String(x.rev).localeCompare(String(y.rev))),
    };
  }
  const info = await db.info();
  const changes = await db.changes({ style: 'all_docs' });
  out.docCount = info.doc_count;
  out.changes = changes.results.map((r) => ({
    id: r.id,
    deleted: Boolean(r.deleted),
    revs: r.changes.map((c) => c.rev).sort(),
  }));
  const all = await (db as ShopDb).allDocs({ include_docs: true });
  out.allDocs = all.rows.map((r) => ({ id: r.id, rev: r.value.rev, v: r.doc?.v }));
  return out;
}

const hex = fc.stringMatching(/^[0-9a-f]{8}$/);

/** A revision arriving from elsewhere: a child of a revision seen before (or a new root). */
const replicatedOp = fc.record({
  id: fc.constantFrom(...IDS),
  parent: fc.nat(),
  root: fc.boolean(),
  hash: hex,
  deleted: fc.boolean(),
  v: fc.nat(99),
});

describe('RevStore matches PouchDB', () => {
  it('merges replicated revisions (new_edits=false) into the same trees, winners and conflicts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(replicatedOp, { minLength: 1, maxLength: 25 }), async (ops) => {
        const { store, pouch } = fresh();
        // every revision written so far, per id, with its ancestry (newest first)
        const seen: Record<string, { pos: number; ids: string[] }[]> = { a: [], b: [], c: [] };
        for (const op of ops) {
          const known = seen[op.id] ?? [];
          const parent = op.root || known.length === 0 ? null : known[op.parent % known.length];
          const pos = (parent?.pos ?? 0) + 1;
          const ids = [op.hash, ...(parent?.ids ?? [])];
          const doc = {
            _id: op.id,
            _rev: `${pos}-${op.hash}`,
            _revisions: { start: pos, ids },
            v: op.v,
            ...(op.deleted ? { _deleted: true } : {}),
          };
          known.push({ pos, ids });
          const [ours] = await store.bulkDocs([doc], { new_edits: false });
          await pouch.bulkDocs([doc], { new_edits: false });
          expect(ours).toMatchObject({ ok: true, id: op.id, rev: doc._rev });
        }
        expect(await stateOf(store)).toEqual(await stateOf(pouch));
        // and both say the same about which revisions they lack
        const ask = {
          a: ['1-00000000', ...(seen.a ?? []).map((r) => `${r.pos}-${r.ids[0]}`)],
          z: ['1-11111111'],
        };
        expect(await store.revsDiff(ask)).toEqual(await pouch.revsDiff(ask));
      }),
      { numRuns: 60 },
    );
  });

  it('accepts and refuses local edits (new_edits) exactly as PouchDB does', async () => {
    const editOp = fc.record({
      id: fc.constantFrom(...IDS),
      base: fc.constantFrom('winner', 'none', 'stale', 'bogus'),
      deleted: fc.boolean(),
      v: fc.nat(99),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(editOp, { minLength: 1, maxLength: 25 }), async (ops) => {
        const { store, pouch } = fresh();
        for (const op of ops) {
          const outcomes = await Promise.all(
            [store, pouch].map(async (db) => {
              const history = await (db as ShopDb).get(op.id, { revs: true }).catch(() => null);
              const ids = (history?._revisions as { start: number; ids: string[] } | undefined)
                ?.ids;
              const start = (history?._revisions as { start: number } | undefined)?.start ?? 0;
              const rev =
                op.base === 'winner'
                  ? history?._rev
                  : op.base === 'stale' && ids && ids.length > 1
                    ? `${start - 1}-${ids[1]}`
                    : op.base === 'bogus'
                      ? '1-ffffffff'
                      : undefined;
              const doc = {
                _id: op.id,
                v: op.v,
                ...(rev ? { _rev: rev } : {}),
                ...(op.deleted ? { _deleted: true } : {}),
              };
              const [r] = (await db.bulkDocs([doc])) as { error?: unknown; status?: number }[];
              return r?.error ? `error ${r.status}` : 'ok';
            }),
          );
          expect(outcomes[0]).toBe(outcomes[1]);
        }
        // Revision ids differ (each store makes its own); the shape must not.
        const shape = async (db: ShopDb | PouchDB.Database) => {
          const s = await stateOf(db);
          const normal = JSON.parse(
            JSON.stringify(s, (k, v: unknown) =>
              k === 'rev' || k === 'revisions' || k === 'revs' || k === 'conflicts'
                ? Array.isArray(v)
                  ? v.length
                  : typeof v === 'string'
                    ? v.split('-')[0]
                    : (v as { start?: number } | undefined)?.start
                : v,
            ),
          ) as Record<string, { leaves?: unknown[] }>;
          // leaves were ordered by revision id, which differs: order them by what is left
          for (const id of IDS) {
            normal[id]?.leaves?.sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
          }
          return normal;
        };
        expect(await shape(store)).toEqual(await shape(pouch));
      }),
      { numRuns: 60 },
    );
  });
});

describe('RevStore', () => {
  it('refuses a bad document in a batch without costing the others', async () => {
    const { store } = fresh();
    const res = await store.bulkDocs([
      { _id: 'ok1', v: 1 },
      { _id: 'bad', _rev: 'not-a-rev', v: 2 },
      { _id: 'bad2', __proto__x: 1, _weird: true },
      null,
      { _id: 'ok2', v: 3 },
    ]);
    expect(res.map((r) => ('error' in r ? r.error : 'ok'))).toEqual([
      'ok',
      'bad_request',
      'doc_validation',
      'bad_request',
      'ok',
    ]);
    expect((await store.info()).doc_count).toBe(2);
  });

  it('keeps attachments by digest and serves them inline or as bytes', async () => {
    const { store } = fresh();
    const data = Buffer.from('hello photo').toString('base64');
    const [r] = await store.bulkDocs([
      { _id: 'p', _attachments: { 'a.png': { content_type: 'image/png', data } } },
    ]);
    const rev = r && 'rev' in r ? r.rev : '';
    const stub = await store.get('p');
    expect(stub._attachments).toMatchObject({ 'a.png': { stub: true, length: 11, revpos: 1 } });
    // an edit that keeps the stub keeps the file
    const [r2] = await store.bulkDocs([
      { _id: 'p', _rev: rev, _attachments: stub._attachments, x: 1 },
    ]);
    expect(r2).toMatchObject({ ok: true });
    const inline = await store.get('p', { attachments: true });
    expect((inline._attachments as Record<string, { data: string }>)['a.png']?.data).toBe(data);
    const file = await store.getAttachment('p', 'a.png');
    expect(file.data.toString()).toBe('hello photo');
    expect(file.contentType).toBe('image/png');
    // a stub for a file the store never had is refused, alone
    const [r3] = await store.bulkDocs([
      { _id: 'q', _attachments: { 'b.png': { stub: true, digest: 'md5-nothere' } } },
    ]);
    expect(r3).toMatchObject({ error: 'missing_stub', status: 412 });
  });

  it('answers changes with filters, limits and a live wake-up', async () => {
    const { store } = fresh();
    await store.bulkDocs([
      { _id: 'p1', type: 'product' },
      { _id: 'c1', type: 'customer' },
      { _id: 'p2', type: 'product' },
    ]);
    const products = await store.changes({ selector: { type: 'product' } });
    expect(products.results.map((r) => r.id)).toEqual(['p1', 'p2']);
    const page = await store.changes({ since: 0, limit: 2 });
    expect(page.results.map((r) => r.id)).toEqual(['p1', 'c1']);
    expect(page.last_seq).toBe(2);
    const rest = await store.changes({ since: page.last_seq });
    expect(rest.results.map((r) => r.id)).toEqual(['p2']);
    expect(rest.last_seq).toBe(3);
    const ids = await store.changes({ doc_ids: ['c1'] });
    expect(ids.results.map((r) => r.id)).toEqual(['c1']);

    let woke = 0;
    const stop = store.subscribe(() => woke++);
    await store.bulkDocs([{ _id: 'p3', type: 'product' }]);
    stop();
    await store.bulkDocs([{ _id: 'p4', type: 'product' }]);
    expect(woke).toBe(1);
    // subscribing from a sequence already passed wakes at once
    const late = await new Promise<boolean>((resolve) => {
      const off = store.subscribe(() => {
        off();
        resolve(true);
      }, 1);
    });
    expect(late).toBe(true);
  });

  it('keeps _local documents apart, with CouchDB revisions and conflicts', async () => {
    const { store } = fresh();
    const first = await store.put({ _id: '_local/cp', seq: 1 });
    expect(first.rev).toBe('0-1');
    await expect(store.put({ _id: '_local/cp', seq: 2 })).rejects.toMatchObject({ status: 409 });
    const second = await store.put({ _id: '_local/cp', _rev: '0-1', seq: 2 });
    expect(second.rev).toBe('0-2');
    expect(await store.get('_local/cp')).toMatchObject({ seq: 2, _rev: '0-2' });
    expect((await store.changes()).results).toEqual([]);
    await store.remove('_local/cp', '0-2');
    await expect(store.get('_local/cp')).rejects.toMatchObject({ status: 404 });
  });
});

describe('RevStore reads match PouchDB', () => {
  it('answers _all_docs, _bulk_get, _changes and get options as PouchDB does', async () => {
    const { store, pouch } = fresh();
    // a small shop: plain docs, an edited one, a deleted one, a conflicted one
    const docs = ['a1', 'a2', 'b1', 'b2', 'b3', 'c1'].map((id, i) => ({
      _id: id,
      _rev: `1-${String(i).padStart(4, '0')}`,
      _revisions: { start: 1, ids: [String(i).padStart(4, '0')] },
      v: i,
    }));
    const more = [
      { _id: 'a2', _rev: '2-aaaa', _revisions: { start: 2, ids: ['aaaa', '0001'] }, v: 10 },
      {
        _id: 'b2',
        _rev: '2-dead',
        _revisions: { start: 2, ids: ['dead', '0003'] },
        _deleted: true,
      },
      { _id: 'b3', _rev: '2-a111', _revisions: { start: 2, ids: ['a111', '0004'] }, v: 11 },
      { _id: 'b3', _rev: '2-b222', _revisions: { start: 2, ids: ['b222', '0004'] }, v: 12 },
    ];
    for (const db of [store, pouch] as (ShopDb | PouchDB.Database)[]) {
      await db.bulkDocs(docs, { new_edits: false });
      await db.bulkDocs(more, { new_edits: false });
    }
    const same = async (f: (db: ShopDb) => Promise<unknown>) => {
      const ours = await f(store).catch((e: { status?: number }) => ({ status: e.status }));
      const shim = Object.assign(Object.create(pouch) as object, {
        getOpenRevs: (id: string, revs: string[], opts: object) =>
          pouch.get(id, { ...opts, open_revs: revs } as PouchDB.Core.GetOptions),
      }) as unknown as ShopDb;
      const theirs = await f(shim).catch((e: { status?: number }) => ({
        status: e.status,
      }));
      expect(ours).toEqual(theirs);
    };
    const rows = (r: { rows: unknown[] }) => r.rows;
    await same(async (db) => rows(await db.allDocs()));
    await same(async (db) => rows(await db.allDocs({ startkey: 'a2', endkey: 'b2' })));
    await same(async (db) =>
      rows(
        await db.allDocs({ startkey: 'b', endkey: 'b\ufff0', include_docs: true, conflicts: true }),
      ),
    );
    await same(async (db) =>
      rows(await db.allDocs({ startkey: 'b3', endkey: 'a1', descending: true })),
    );
    await same(async (db) =>
      rows(await db.allDocs({ startkey: 'a', endkey: 'b2', inclusive_end: false })),
    );
    await same(async (db) => rows(await db.allDocs({ limit: 2, skip: 1, include_docs: true })));
    await same(async (db) =>
      rows(await db.allDocs({ keys: ['b2', 'zz', 'a2'], include_docs: true })),
    );
    // (a missing document's error differs in shape only: the route answers both alike)
    const bulkGet = async (db: ShopDb, opts: Parameters<ShopDb['bulkGet']>[0]) =>
      (await db.bulkGet(opts)).results.map((r) => ({
        id: r.id,
        docs: r.docs.map((d) =>
          'ok' in d ? d : { error: (d.error as { reason?: string }).reason },
        ),
      }));
    await same(async (db) =>
      bulkGet(db, {
        docs: [
          { id: 'a2' },
          { id: 'a2', rev: '1-0001' },
          { id: 'b3', rev: '2-a111' },
          { id: 'nope' },
        ],
        revs: true,
      }),
    );
    await same(async (db) =>
      bulkGet(db, { docs: [{ id: 'a2', rev: '1-0001' }], latest: true, revs: true }),
    );
    const changes = async (db: ShopDb, opts: Parameters<ShopDb['changes']>[0]) => {
      const r = await db.changes(opts);
      return r.results.map((c) => [c.id, c.changes.map((x) => x.rev).sort(), !!c.deleted, c.doc]);
    };
    await same((db) => changes(db, { style: 'all_docs', include_docs: true, conflicts: true }));
    await same((db) => changes(db, { since: 3, limit: 2 }));
    await same((db) => changes(db, { doc_ids: ['b3', 'a1'] }));
    await same((db) => changes(db, { descending: true, limit: 3 }));
    await same((db) => db.get('b3', { conflicts: true, revs: true, revs_info: true }));
    await same((db) => db.get('a2', { rev: '1-0001', latest: true }));
    await same((db) => db.get('b2'));
    await same((db) => db.get('b2', { rev: '2-dead' }));
    await same((db) => db.getOpenRevs('b3', ['2-a111', '2-nope'], { revs: true }));
    await same(async (db) => (await db.info()).doc_count);
  });
});
