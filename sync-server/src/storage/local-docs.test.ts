import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryKv, type Kv } from './kv.ts';
import { LOCAL_FLUSH_MS, LocalDocs } from './local-docs.ts';
import { K } from './store-keys.ts';

let n = 0;
function setup() {
  const kv: Kv = memoryKv(`local-docs-${++n}`);
  const flushSoon = vi.fn();
  return { kv, flushSoon, docs: new LocalDocs(flushSoon) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('LocalDocs', () => {
  it('answers a write at once and stores it with the next flush', async () => {
    const { kv, docs } = setup();
    const put = await docs.put(kv, '_local/cp', { last_seq: 1 });
    expect(put).toEqual({ ok: true, id: '_local/cp', rev: '0-1' });
    expect(JSON.parse((await docs.read(kv, '_local/cp')) ?? '')).toMatchObject({ last_seq: 1 });
    expect(await kv.get(K.local('_local/cp'))).toBeUndefined();
    expect(docs.dirty).toBe(true);
    await docs.flush(kv);
    expect(docs.dirty).toBe(false);
    expect(JSON.parse((await kv.get(K.local('_local/cp'))) ?? '')).toMatchObject({
      _rev: '0-1',
      last_seq: 1,
    });
  });

  it('keeps CouchDB’s revisions: a stale or concurrent write is a conflict', async () => {
    const { kv, docs } = setup();
    await docs.put(kv, '_local/cp', { last_seq: 1 });
    await expect(docs.put(kv, '_local/cp', { last_seq: 2 })).rejects.toMatchObject({
      status: 409,
    });
    const both = await Promise.allSettled([
      docs.put(kv, '_local/cp', { _rev: '0-1', last_seq: 2 }),
      docs.put(kv, '_local/cp', { _rev: '0-1', last_seq: 3 }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    await docs.flush(kv);
    expect(JSON.parse((await kv.get(K.local('_local/cp'))) ?? '')).toMatchObject({ _rev: '0-2' });
  });

  it('a removal is written behind too, and a read never sees the older stored value', async () => {
    const { kv, docs } = setup();
    await docs.put(kv, '_local/cp', { last_seq: 1 });
    await docs.flush(kv);
    const fresh = new LocalDocs(vi.fn()); // nothing cached: reads LevelDB
    await fresh.remove(kv, '_local/cp', '0-1');
    expect(await fresh.read(kv, '_local/cp')).toBeUndefined();
    expect(await kv.get(K.local('_local/cp'))).toBeDefined();
    await fresh.flush(kv);
    expect(await kv.get(K.local('_local/cp'))).toBeUndefined();
  });

  it('asks the store for a flush within LOCAL_FLUSH_MS of a write, once for many writes', async () => {
    vi.useFakeTimers();
    const { kv, docs, flushSoon } = setup();
    await docs.put(kv, '_local/a', { last_seq: 1 });
    await docs.put(kv, '_local/b', { last_seq: 1 });
    vi.advanceTimersByTime(LOCAL_FLUSH_MS - 1);
    expect(flushSoon).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(flushSoon).toHaveBeenCalledTimes(1);
  });

  it('a write that fails to reach LevelDB waits again, under anything written since', async () => {
    const { kv, docs } = setup();
    await docs.put(kv, '_local/cp', { last_seq: 1 });
    const failing: Kv = { ...kv, batch: () => Promise.reject(new Error('disk full')) };
    await expect(docs.flush(failing)).rejects.toThrow('disk full');
    expect(docs.dirty).toBe(true);
    await docs.put(kv, '_local/cp', { _rev: '0-1', last_seq: 2 });
    await docs.flush(kv);
    expect(JSON.parse((await kv.get(K.local('_local/cp'))) ?? '')).toMatchObject({
      _rev: '0-2',
      last_seq: 2,
    });
  });
});
