import { beforeEach, describe, expect, it } from 'vitest';
import { KEEP, recentOrders, rememberOrder } from './recent-orders.ts';
import { useMemoryStorage } from './test-storage.ts';

const order = (n: number) => ({
  token: `token-${n}`,
  number: `WEB-${String(n).padStart(4, '0')}`,
  createdAt: new Date(Date.UTC(2026, 11, 1, 0, n)).toISOString(),
  total: 100 * n,
});

beforeEach(() => {
  useMemoryStorage();
});

describe('orders remembered on this device', () => {
  it('lists the newest first, once each, per shop', () => {
    rememberOrder('green-corner', order(1));
    rememberOrder('green-corner', order(2));
    rememberOrder('green-corner', { ...order(1), total: 999 });
    rememberOrder('other', order(3));
    expect(recentOrders('green-corner').map((o) => [o.number, o.total])).toEqual([
      ['WEB-0001', 999],
      ['WEB-0002', 200],
    ]);
    expect(recentOrders('other').map((o) => o.number)).toEqual(['WEB-0003']);
  });

  it('keeps only the newest few', () => {
    for (let n = 1; n <= KEEP + 5; n++) rememberOrder('green-corner', order(n));
    const kept = recentOrders('green-corner');
    expect(kept).toHaveLength(KEEP);
    expect(kept[0]?.number).toBe(`WEB-00${KEEP + 5}`);
  });
});
