import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../storage/backends.ts';
import { Tracking } from './tracking.ts';

const DAY = 24 * 3_600_000;

describe('emailed "my orders" links', () => {
  it('expire after a week and are removed by later requests, a few at a time', async () => {
    const storage = memoryStorage();
    const system = storage.system();
    const tracking = new Tracking(system);
    const now = Date.now();
    const t0 = now - 8 * DAY;
    const old = await Promise.all(
      Array.from({ length: 25 }, (_, i) => tracking.createList('shop1', `a${i}@example.com`, t0)),
    );
    const made = await system.allDocs({ startkey: 'myorders', endkey: 'myorders\ufff0' });
    expect(made.rows.length).toBe(50);

    // a week and a day later, a new request removes up to 20 expired links first
    const fresh = await tracking.createList('shop1', 'new@example.com', now);
    const left = await system.allDocs({ startkey: 'myorders', endkey: 'myorders\ufff0' });
    // 5 old links (each a link and its expiry entry) and the new one remain
    expect(left.rows.length).toBe(2 * 5 + 2);
    expect(await tracking.sweepLists(now)).toBe(5);
    const after = await system.allDocs({ startkey: 'myorders', endkey: 'myorders\ufff0' });
    expect(after.rows.length).toBe(2);
    for (const token of old) expect(await tracking.findList(token)).toBeNull();
    expect(await tracking.findList(fresh)).toMatchObject({ email: 'new@example.com' });
    await storage.close();
  });
});
