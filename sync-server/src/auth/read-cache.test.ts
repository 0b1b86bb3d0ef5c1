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
});
