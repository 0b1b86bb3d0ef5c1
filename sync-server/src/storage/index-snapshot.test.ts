import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryKv } from './kv.ts';
import { RevStore } from './rev-store.ts';

let n = 0;
const named = () => {
  const name = `snap-${process.pid}-${++n}`;
  return () => new RevStore(name, () => Promise.resolve(memoryKv(name)));
};

/** What a replica sees of a store: its info, its feed (all leaves) and every winner. */
async function viewOf(store: RevStore) {
  const info = await store.info();
  const feed = await store.changes({ since: 0, style: 'all_docs' });
  const all = await store.allDocs({ include_docs: true, conflicts: true });
  return { info, feed: feed.results, docs: all.rows };
}

const ID = fc.constantFrom('product:a', 'product:b', 'customer:c', 'order:d');

describe('the index snapshot', () => {
  it('a shop loaded from its snapshot answers exactly as one read from its documents', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ id: ID, del: fc.boolean(), branch: fc.boolean(), n: fc.nat(9) }), {
          minLength: 1,
          maxLength: 25,
        }),
        async (ops) => {
          const open = named();
          const store = open();
          for (const op of ops) {
            const held = await store.get<{ n: number }>(op.id).catch(() => null);
            if (op.branch && held) {
              // a replicated sibling: a conflict the snapshot must keep
              const hash = `${op.n}`.repeat(32).slice(0, 32);
              await store.bulkDocs(
                [{ _id: op.id, _rev: `9-${hash}`, n: op.n, _revisions: { start: 9, ids: [hash] } }],
                { new_edits: false },
              );
            } else if (op.del && held) {
              await store.remove(op.id, held._rev);
            } else {
              await store.put({ _id: op.id, ...(held ? { _rev: held._rev } : {}), n: op.n });
            }
          }
          const before = await viewOf(store);
          await store.unload();
          expect(await store.readState('index')).toBeDefined();
          expect(await viewOf(store)).toEqual(before); // from the snapshot
          // the first write drops it; a fresh handle (a crash) reads the documents
          await store.put({ _id: 'customer:new', n: 1 });
          expect(await store.readState('index')).toBeUndefined();
          const after = await viewOf(store);
          expect(await viewOf(open())).toEqual(after);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('is not written when an id would break its lines; the shop still loads', async () => {
    const open = named();
    const store = open();
    await store.put({ _id: 'note:one\ttwo', n: 1 });
    await store.put({ _id: 'note:plain', n: 2 });
    await store.unload();
    expect(await store.readState('index')).toBeUndefined();
    expect((await store.allDocs()).rows.map((r) => r.id)).toEqual(['note:one\ttwo', 'note:plain']);
  });
});
