import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { holdSteadyReads, steadyQuery } from './steady-query.ts';
import { until } from './testing.ts';

let n = 0;
const dbs: Dexie[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** (Opened first: creating the tables counts as writing every one.) */
async function open(): Promise<Dexie> {
  const db = new Dexie(`steady${++n}${Date.now().toString(36)}`);
  db.version(1).stores({ items: 'id', other: 'id' });
  dbs.push(db);
  await db.open();
  return db;
}

describe('steadyQuery', () => {
  it('hands on a first read, then a read after each committed write to its tables', async () => {
    const db = await open();
    const seen: number[] = [];
    const sub = steadyQuery(db, ['items'], () => db.table('items').count()).subscribe((c) =>
      seen.push(c),
    );
    await until(() => seen.length === 1);
    await db.table('items').put({ id: 'a' });
    await until(() => seen.at(-1) === 1);
    await db.table('other').put({ id: 'x' }); // another table: no read
    await db.table('items').bulkPut([{ id: 'b' }, { id: 'c' }]);
    await until(() => seen.at(-1) === 3);
    expect(seen).toEqual([0, 1, 3]);
    sub.unsubscribe();
    await db.table('items').put({ id: 'd' });
    await new Promise((r) => setTimeout(r, 30));
    expect(seen).toEqual([0, 1, 3]);
  });

  it('hands on a read that writes overlap, and reads once more after them', async () => {
    const db = await open();
    const seen: number[] = [];
    let reads = 0;
    let writing: Promise<unknown> = Promise.resolve();
    const sub = steadyQuery(db, ['items'], async () => {
      reads++;
      const count = await db.table('items').count();
      // a write commits while this read is still going (liveQuery would drop the read)
      if (reads === 2) {
        writing = db.table('items').put({ id: 'during' });
        await writing;
        await new Promise((r) => setTimeout(r, 10));
      }
      return count;
    }).subscribe((c) => seen.push(c));
    await until(() => seen.length === 1);
    await db.table('items').put({ id: 'first' });
    await until(() => seen.length === 3);
    await writing;
    // the overlapped read was handed on, then one more read saw the write
    expect(seen).toEqual([0, 1, 2]);
    expect(reads).toBe(3);
    sub.unsubscribe();
  });

  it('under a hold, reads once the hold ends instead of after each write, once settled', async () => {
    const db = await open();
    const seen: number[] = [];
    let reads = 0;
    const sub = steadyQuery(
      db,
      ['items'],
      () => {
        reads++;
        return db.table('items').count();
      },
      { settled: (c) => c >= 2 },
    ).subscribe((c) => seen.push(c));
    await until(() => seen.length === 1);
    let release = () => {};
    holdSteadyReads(db, new Promise<void>((r) => (release = r)));
    // not settled yet: a write is read at once, hold or not
    await db.table('items').put({ id: 'a' });
    await until(() => seen.at(-1) === 1);
    await db.table('items').put({ id: 'b' });
    await until(() => seen.at(-1) === 2);
    // settled: writes during the hold are not read...
    const before = reads;
    for (const id of ['c', 'd', 'e']) await db.table('items').put({ id });
    await new Promise((r) => setTimeout(r, 50));
    expect(reads).toBe(before);
    expect(seen.at(-1)).toBe(2);
    // ...until it ends: then once, seeing them all
    release();
    await until(() => seen.at(-1) === 5);
    expect(reads).toBe(before + 1);
    // and after it, each write again
    await db.table('items').put({ id: 'f' });
    await until(() => seen.at(-1) === 6);
    sub.unsubscribe();
  });
});
