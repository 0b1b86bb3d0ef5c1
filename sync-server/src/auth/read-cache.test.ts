import { describe, expect, it } from 'vitest';
import { ReadCache } from './read-cache.ts';

describe('ReadCache', () => {
  it('reuses an answer until cleared', async () => {
    const cache = new ReadCache<number>(60_000);
    let reads = 0;
    const load = () => Promise.resolve(++reads);
    expect(await cache.get('k', load)).toBe(1);
    expect(await cache.get('k', load)).toBe(1);
    cache.clear();
    expect(await cache.get('k', load)).toBe(2);
  });

  it('does not keep an answer read while a write was under way', async () => {
    const cache = new ReadCache<string>(60_000);
    let release: (v: string) => void = () => {};
    const slow = cache.get('k', () => new Promise<string>((r) => (release = r)));
    cache.clear(); // a write lands while the read is in flight
    release('old');
    expect(await slow).toBe('old');
    expect(await cache.get('k', () => Promise.resolve('new'))).toBe('new');
  });

  it('forgets around a write it runs', async () => {
    const cache = new ReadCache<number>(60_000);
    let reads = 0;
    const load = () => Promise.resolve(++reads);
    await cache.get('k', load);
    const during = await cache.writing(async () => cache.get('k', load));
    expect(during).toBe(2); // not the answer from before the write
    expect(await cache.get('k', load)).toBe(3); // nor the one read while it ran
  });

  it('expires answers, and reads every time when turned off', async () => {
    const cache = new ReadCache<number>(60_000);
    let reads = 0;
    const load = () => Promise.resolve(++reads);
    await cache.get('k', load, Date.now() - 1); // already past its own expiry
    expect(await cache.get('k', load)).toBe(2);
    const off = new ReadCache<number>(0);
    await off.get('k', load);
    expect(await off.get('k', load)).toBe(4);
  });

  it('a write naming keys forgets only those, and keeps none read while it ran', async () => {
    const cache = new ReadCache<string>(60_000);
    await cache.get('a', () => Promise.resolve('a1'));
    await cache.get('b', () => Promise.resolve('b1'));
    let release: (v: string) => void = () => {};
    const slowC = cache.get('c', () => new Promise<string>((r) => (release = r)));
    let readDuring: Promise<string> = Promise.resolve('');
    await cache.writing(async () => {
      readDuring = cache.get('a', () => Promise.resolve('a-during'));
      await readDuring;
    }, ['a']);
    release('other key');
    await slowC;
    // 'b' and the other key's answer stay; 'a' is read again, and what was read during the write is not kept
    expect(await cache.get('b', () => Promise.resolve('b2'))).toBe('b1');
    expect(await cache.get('c', () => Promise.resolve('again'))).toBe('other key');
    expect(await readDuring).toBe('a-during');
    expect(await cache.get('a', () => Promise.resolve('a3'))).toBe('a3');
  });

  it('an answer whose read began before a keyed write of its key ended is not kept', async () => {
    const cache = new ReadCache<string>(60_000);
    let release: (v: string) => void = () => {};
    const slow = cache.get('k', () => new Promise<string>((r) => (release = r)));
    await cache.writing(() => Promise.resolve(), ['k']); // starts and ends during the read
    release('before the write');
    expect(await slow).toBe('before the write');
    expect(await cache.get('k', () => Promise.resolve('after'))).toBe('after');
    // read after the write ended: kept
    expect(await cache.get('k', () => Promise.resolve('later'))).toBe('after');
  });
});
