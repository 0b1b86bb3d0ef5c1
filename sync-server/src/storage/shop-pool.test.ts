import { afterEach, describe, expect, it } from 'vitest';
import { memoryKv } from './kv.ts';
import { RevStore } from './rev-store.ts';
import { BYTES_PER_DOC, MIN_IDLE_MS, ShopPool, type PoolOptions } from './shop-pool.ts';

const namespace = `pool${Math.random().toString(36).slice(2)}`;
let pool: ShopPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

function setup(opts: Partial<PoolOptions> = {}) {
  let now = 1_000_000;
  const opened: string[] = [];
  const closing: string[] = [];
  const p = new ShopPool(
    (id, events) => new RevStore(id, () => Promise.resolve(memoryKv(`${namespace}_${id}`)), events),
    () => now,
  );
  p.manage({
    idleMs: 60_000,
    budgetBytes: 1e9,
    everyMs: 3_600_000,
    opened: (id) => opened.push(id),
    closing: (id) => {
      closing.push(id);
      return Promise.resolve();
    },
    ...opts,
  });
  pool = p;
  return { p, opened, closing, advance: (ms: number) => (now += ms) };
}

/** A pool's `closing` hook under which one shop's resolver takes until `release()` to stop. */
function slowStopOf(shop: string) {
  let release = () => {};
  const stopped = new Promise<void>((r) => (release = r));
  const closing = (id: string) => (id === shop ? stopped : Promise.resolve());
  return { release, closing };
}

const put = (p: ShopPool, shop: string, id: string) =>
  p.get(shop).bulkDocs([{ _id: id, type: 'note', n: id }]);

describe('ShopPool', () => {
  it('loads a shop on first use and unloads it when idle; its data and sequence survive', async () => {
    const { p, opened, closing, advance } = setup();
    const a = p.get('a');
    expect(a.loaded).toBe(false); // a handle alone costs no index
    await put(p, 'a', 'doc-1');
    await put(p, 'a', 'doc-2');
    expect(a.loaded).toBe(true);
    expect(opened).toEqual(['a']);
    expect(p.footprint()).toBe(2 * BYTES_PER_DOC);

    advance(30_000);
    expect(await p.sweep()).toEqual([]); // not idle long enough
    advance(30_000);
    expect(await p.sweep()).toEqual(['a']);
    expect(closing).toEqual(['a']);
    expect(a.loaded).toBe(false);
    expect(p.footprint()).toBe(0);

    // the same handle loads again: the documents and the sequence are back
    const doc = await p.get('a').get<{ n: string }>('doc-2');
    expect(doc.n).toBe('doc-2');
    expect(opened).toEqual(['a', 'a']);
    await put(p, 'a', 'doc-3');
    const changes = await a.changes({ since: 0 });
    expect(changes.results.map((r) => [r.id, r.seq])).toEqual([
      ['doc-1', 1],
      ['doc-2', 2],
      ['doc-3', 3],
    ]);
  });

  it('keeps a shop with a live feed while memory allows, and not one whose feed ended', async () => {
    const { p, advance } = setup();
    await put(p, 'live', 'x');
    let woken = 0;
    const stop = p.get('live').subscribe(() => woken++);
    const quiet = p.get('live').subscribe(() => undefined, undefined, { keepsOpen: false });
    advance(120_000);
    expect(await p.sweep()).toEqual([]);
    await put(p, 'live', 'y');
    expect(woken).toBe(1);
    stop();
    stop(); // twice is harmless
    expect(await p.sweep()).toEqual([]); // just used by the put
    advance(120_000);
    expect(await p.sweep()).toEqual(['live']);
    quiet();
  });

  it("over the budget, a live feed's shop leaves memory too; the feed waits without it and wakes on the next write", async () => {
    const { p, opened, advance } = setup({ budgetBytes: 1.5 * BYTES_PER_DOC });
    await put(p, 'fed', 'f1');
    const fed = p.get('fed');
    let woken = 0;
    const stop = fed.subscribe(() => woken++, 1);
    advance(MIN_IDLE_MS);
    await put(p, 'busy', 'b1');
    // within the budget a feed keeps its shop; over it, the feed's shop is the oldest
    expect(await p.sweep()).toEqual(['fed']);
    expect(fed.loaded).toBe(false);
    // the feed's next request, from where it stands: answered without loading the index
    expect(await fed.changes({ since: 1 })).toEqual({ results: [], last_seq: 1 });
    expect((await fed.info()).update_seq).toBe(1);
    let again = 0;
    const stopAgain = fed.subscribe(() => again++, 1);
    await Promise.resolve();
    expect([fed.loaded, woken, again]).toEqual([false, 0, 0]);
    // a feed behind the position is told at once, still without a load
    let behind = 0;
    const stopBehind = fed.subscribe(() => behind++, 0);
    await new Promise((r) => setTimeout(r, 0));
    expect([fed.loaded, behind]).toEqual([false, 1]);
    expect(opened).toEqual(['fed', 'busy']);
    // a write loads it and wakes the waiting feeds, which read what changed
    await put(p, 'fed', 'f2');
    expect([fed.loaded, woken, again]).toEqual([true, 1, 1]);
    expect((await fed.changes({ since: 1 })).results.map((r) => r.id)).toEqual(['f2']);
    stop();
    stopAgain();
    stopBehind();
  });

  it('over the memory budget, the least recently used shops leave first, never one in use', async () => {
    const { p, advance } = setup({ budgetBytes: 2.5 * BYTES_PER_DOC });
    await put(p, 'old', 'o1');
    advance(MIN_IDLE_MS);
    await put(p, 'mid', 'm1');
    advance(MIN_IDLE_MS);
    await put(p, 'new', 'n1');
    // three documents over a budget of two and a half: one shop leaves, the oldest
    expect(await p.sweep()).toEqual(['old']);
    expect(p.loadedCount()).toBe(2);
    // all used just now: nothing leaves, even over the budget
    await put(p, 'old', 'o2');
    await put(p, 'mid', 'm2');
    expect(await p.sweep()).toEqual([]);
    expect(p.footprint()).toBeGreaterThan(2.5 * BYTES_PER_DOC);
  });

  it('over the budget, shops leave several at a time: one slow resolver stop holds back no other', async () => {
    const { release, ...hooks } = slowStopOf('slow');
    const { p, advance } = setup({ budgetBytes: 0.5 * BYTES_PER_DOC, ...hooks });
    await put(p, 'slow', 's1');
    await put(p, 'a', 'a1');
    await put(p, 'b', 'b1');
    const [slow, a, b] = ['slow', 'a', 'b'].map((id) => p.get(id));
    advance(MIN_IDLE_MS);
    const sweep = p.sweep();
    // the others leave while the oldest shop's resolver is still stopping
    await expect.poll(() => [a?.loaded, b?.loaded]).toEqual([false, false]);
    expect(slow?.loaded).toBe(true);
    release();
    expect(await sweep).toEqual(['slow', 'a', 'b']);
    expect(p.loadedCount()).toBe(0);
  });

  it('over the budget, a quiet shop leaves before an older one whose resolver is deciding', async () => {
    const { p, advance, closing } = setup({
      budgetBytes: 1.5 * BYTES_PER_DOC,
      busy: (id) => id === 'deciding',
    });
    await put(p, 'deciding', 'd1');
    advance(MIN_IDLE_MS);
    await put(p, 'quiet', 'q1');
    advance(MIN_IDLE_MS);
    expect(await p.sweep()).toEqual(['quiet']);
    expect(closing).toEqual(['quiet']);
  });

  it('a sweep stops once what is leaving brings the pool within its budget', async () => {
    const { release, ...hooks } = slowStopOf('first');
    const { p, advance } = setup({ budgetBytes: 2.5 * BYTES_PER_DOC, ...hooks });
    await put(p, 'first', 'f1');
    await put(p, 'second', 's1');
    await put(p, 'third', 't1');
    advance(MIN_IDLE_MS);
    const sweep = p.sweep();
    await new Promise((r) => setTimeout(r, 10));
    release();
    // the oldest was leaving: the others were not sent after it
    expect(await sweep).toEqual(['first']);
    expect(p.loadedCount()).toBe(2);
  });

  it('a shop used while its resolver stops stays loaded and is reopened', async () => {
    let pDuring: ShopPool | null = null;
    const { p, opened, advance } = setup({
      closing: async () => {
        pDuring?.get('busy'); // a request arrives meanwhile
        await Promise.resolve();
      },
    });
    pDuring = p;
    await put(p, 'busy', 'b1');
    advance(120_000);
    expect(await p.sweep()).toEqual([]);
    expect(p.get('busy').loaded).toBe(true);
    expect(opened).toEqual(['busy', 'busy']); // its resolver is started again
  });

  it('writes queued before an unload finish first; a write after it loads the shop again', async () => {
    const { p, opened } = setup();
    const s = p.get('s');
    await put(p, 's', 'first');
    const unloaded = s.unload();
    await Promise.all([s.bulkDocs([{ _id: 'second' }]), unloaded, s.bulkDocs([{ _id: 'third' }])]);
    expect(opened).toEqual(['s', 's']);
    const ids = (await s.allDocs()).rows.map((r) => r.id);
    expect(ids).toEqual(['first', 'second', 'third']);
    expect((await s.info()).update_seq).toBe(3);
  });
});
