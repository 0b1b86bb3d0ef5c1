import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { levelKv } from './kv.ts';
import { RevStore } from './rev-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'stallkeeper-unload-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const store = (name: string) => new RevStore(name, () => levelKv(join(dir, name)));
const docs = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ _id: `note:${String(i).padStart(5, '0')}`, n: i }));

describe('a shop leaving memory on LevelDB', () => {
  it('waits for the reads in flight, which finish with every row', async () => {
    const s = store('reads');
    await s.bulkDocs(docs(3000));
    // a long read (every document's body) and a feed's page, both started before the unload
    const all = s.allDocs({ include_docs: true });
    const page = s.changes({ since: 0, include_docs: true });
    const unloaded = s.unload();
    const [rows, changes] = await Promise.all([all, page]);
    await unloaded;
    expect(rows.rows).toHaveLength(3000);
    expect(rows.rows.at(-1)).toMatchObject({ id: 'note:02999', doc: { n: 2999 } });
    expect(changes.results).toHaveLength(3000);
    expect(s.loaded).toBe(false);
    await s.close();
  });

  it('a request right after an unload opens the files again once they are closed', async () => {
    const s = store('reopen');
    await s.bulkDocs(docs(10));
    const unloaded = s.unload();
    // the index has left; the LevelDB is still closing when the request arrives
    while (s.loaded) await new Promise((r) => setImmediate(r));
    const got = s.get<{ n: number }>('note:00007');
    await unloaded;
    expect((await got).n).toBe(7);
    expect(s.loaded).toBe(true);
    expect((await s.info()).doc_count).toBe(10);
    await s.close();
  });
});
