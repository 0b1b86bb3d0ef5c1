import { parseShopDoc, type AuditEntry, type Order } from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import { buildDemoShop } from './demo-data.ts';

const people = {
  ownerId: 'owner-0001',
  sellerId: 'seller-001',
  ownerName: 'Olivia',
  sellerName: 'Sam',
};

describe('the demo shop', () => {
  const docs = buildDemoShop(people, Date.parse('2026-12-01T12:00:00Z'));

  it('is made of documents the schemas accept', () => {
    const refused = docs.map(parseShopDoc).filter((r) => !r.ok);
    expect(refused).toEqual([]);
  });

  it('has the activity log the app would have written: every product, customer and sale, in its author’s name', () => {
    const entries = docs.filter((d): d is AuditEntry => d.type === 'audit');
    const orders = docs.filter((d): d is Order => d.type === 'order');
    const count = (action: string) => entries.filter((e) => e.action === action).length;
    expect(count('product.create')).toBe(docs.filter((d) => d.type === 'product').length);
    expect(count('stock.initial')).toBe(docs.filter((d) => d.type === 'stock').length);
    expect(count('customer.create')).toBe(docs.filter((d) => d.type === 'customer').length);
    expect(count('order.create')).toBe(orders.length);
    for (const o of orders) {
      const e = entries.find((x) => x.target === o._id);
      expect(e).toMatchObject({ by: o.by, deviceId: o.deviceId, summary: `Sale ${o.number}` });
      expect(e?.userName).toBe(o.by === people.ownerId ? 'Olivia' : 'Sam');
    }
    expect(new Set(docs.map((d) => d._id)).size).toBe(docs.length);
  });

  it('leaves the log out when asked (benchmarks of bare history)', () => {
    const bare = buildDemoShop(people, Date.now(), undefined, undefined, { activity: false });
    expect(bare.some((d) => d.type === 'audit')).toBe(false);
  });
});
