import {
  foldOrder,
  parseShopDoc,
  type AuditEntry,
  type Invoice,
  type Order,
  type OrderEvent,
} from '@stallkeeper/shared';
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

  it('shows an order life: deliveries done, planned and waiting; invoices for sales on account', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    const orders = docs.filter((d): d is Order => d.type === 'order');
    const events = docs.filter((d): d is OrderEvent => d.type === 'orderevent');
    const states = orders.filter((o) => o.channel === 'delivery').map((o) => foldOrder(o, events));
    const statuses = new Set(states.map((s) => s.status));
    expect(statuses).toContain('delivered');
    expect(statuses).toContain('scheduled');
    expect(statuses).toContain('open');
    expect(states.some((s) => s.delivery && Date.parse(s.delivery.scheduledFor) > now)).toBe(true);
    const invoices = docs.filter((d): d is Invoice => d.type === 'invoice');
    expect(invoices.length).toBeGreaterThan(0);
    for (const i of invoices) {
      const o = orders.find((x) => x._id === i.orderId);
      expect(o?.payment.method).toBe('account');
      expect(i.total).toBe(o?.total);
    }
    // every event is in the activity log, in its author's name
    const logged = new Set(docs.filter((d) => d.type === 'audit').map((d) => d.at + d.target));
    for (const e of events) expect(logged.has(e.at + e.orderId)).toBe(true);
  });

  it('leaves the log out when asked (benchmarks of bare history)', () => {
    const bare = buildDemoShop(people, Date.now(), undefined, undefined, { activity: false });
    expect(bare.some((d) => d.type === 'audit' || d.type === 'orderevent')).toBe(false);
  });
});
