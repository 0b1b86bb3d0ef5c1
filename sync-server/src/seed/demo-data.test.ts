import {
  allowedActions,
  factsFrom,
  foldOrder,
  parseShopDoc,
  sortEvents,
  stockLevels,
  type AuditEntry,
  type Customer,
  type Order,
  type OrderEvent,
  type Product,
  type ShopDoc,
  type StockMovement,
} from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import { BASE_PRODUCTS } from './catalog-data.ts';
import { buildDemoShop } from './demo-data.ts';
import { marketClock } from './market-week.ts';

const people = {
  ownerId: 'owner-0001',
  sellerId: 'seller-001',
  ownerName: 'Olivia',
  sellerName: 'Sam',
};
const NOW = Date.parse('2026-12-01T12:00:00Z');

const ofType =
  <T extends ShopDoc['type']>(type: T) =>
  (docs: readonly ShopDoc[]) =>
    docs.filter((d): d is Extract<ShopDoc, { type: T }> => d.type === type);
const ordersOf = ofType('order');
const eventsOf = ofType('orderevent');
const stockDocs = (docs: readonly ShopDoc[]) =>
  docs.filter(
    (d): d is Order | OrderEvent | StockMovement =>
      d.type === 'order' || d.type === 'orderevent' || d.type === 'stock',
  );

/** Words faker's commerce module makes product names of. */
const FAKER_WORDS =
  /\b(Awesome|Bamboo|Bronze|Ergonomic|Gorgeous|Handcrafted|Incredible|Sleek|Licensed|Unbranded|Generic|Practical|Refined|Fantastic|Intelligent|Concrete|Granite|Plastic|Rubber|Table|Chair|Keyboard|Computer|Shirt|Shoes|Gloves|Towels)\b/;

describe('the demo shop', () => {
  const docs = buildDemoShop(people, NOW);
  const orders = ordersOf(docs);
  const events = eventsOf(docs);

  it('is made of documents the schemas accept, each id once', () => {
    const refused = docs.map(parseShopDoc).filter((r) => !r.ok);
    expect(refused).toEqual([]);
    expect(new Set(docs.map((d) => d._id)).size).toBe(docs.length);
  });

  it('sells what a market stall sells: the catalog, with categories, units and a margin', () => {
    const products = ofType('product')(docs);
    expect(products).toHaveLength(BASE_PRODUCTS.length);
    expect(products.map((p) => p.name)).toEqual(BASE_PRODUCTS.map((b) => b.name));
    expect(new Set(products.map((p) => p.category))).toEqual(
      new Set([
        'Fruit',
        'Vegetables',
        'Herbs',
        'Eggs & Dairy',
        'Bakery',
        'Pantry',
        'Flowers',
        'Drinks',
      ]),
    );
    expect(products.filter((p) => p.unit === 'kg').length).toBeGreaterThan(15);
    for (const p of products) {
      expect(p.name).not.toMatch(FAKER_WORDS);
      expect(p.cost ?? 0).toBeGreaterThanOrEqual(Math.floor(p.price * 0.5));
      expect(p.cost ?? 0).toBeLessThanOrEqual(Math.ceil(p.price * 0.75));
    }
    expect(products.find((p) => p.code === 'TOM-ROMA')).toMatchObject({
      name: 'Roma tomatoes',
      unit: 'kg',
      category: 'Vegetables',
    });
  });

  it('has Kilkenny customers with Irish phone numbers, some of them kitchens on account', () => {
    const customers = ofType('customer')(docs);
    expect(customers).toHaveLength(40);
    for (const c of customers) {
      expect(c.phone).toMatch(/^0(8[35679]|56) \d{3} \d{4}$/);
      expect(c.address).toMatch(/Kilkenny, R95 [A-Z0-9]{4}$/);
    }
    expect(new Set(customers.map((c) => c.name)).size).toBe(customers.length);
    const kitchens = new Set(
      customers.filter((c) => c.email.startsWith('orders@')).map((c) => c._id),
    );
    expect(kitchens.size).toBeGreaterThanOrEqual(3);
    const onAccount = orders.filter((o) => o.payment.method === 'account');
    expect(onAccount.length).toBeGreaterThan(0);
    for (const o of onAccount) expect(kitchens.has(o.customerId ?? '')).toBe(true);
  });

  it('sells in market weeks: busy Saturdays, quiet Mondays, closed Sundays, a morning rush', () => {
    expect(orders).toHaveLength(600);
    const perWeekday = [0, 0, 0, 0, 0, 0, 0];
    let morning = 0;
    const counter = orders.filter((o) => o.channel === 'counter');
    for (const o of counter) {
      const { weekday, hour } = marketClock(Date.parse(o.createdAt));
      perWeekday[weekday] = (perWeekday[weekday] ?? 0) + 1;
      expect(hour).toBeGreaterThanOrEqual(7);
      expect(hour).toBeLessThan(14);
      if (hour < 12) morning++;
    }
    const [sun = 0, mon = 0, , , , , sat = 0] = perWeekday;
    expect(sun).toBe(0);
    expect(sat).toBeGreaterThan(2 * mon);
    const midweek = ((perWeekday[2] ?? 0) + (perWeekday[3] ?? 0) + (perWeekday[4] ?? 0)) / 3;
    expect(sat).toBeGreaterThan(2 * midweek);
    expect(morning / counter.length).toBeGreaterThan(0.7);
    // all in the past, after the shop was set up
    expect(Date.parse(orders.at(-1)?.createdAt ?? '')).toBeLessThan(NOW);
    expect(Date.parse(orders[0]?.createdAt ?? '')).toBeGreaterThan(NOW - 60 * 86_400_000);
  });

  it('takes baskets a market customer takes: 1–6 lines, weighed goods by the gram, mostly cash', () => {
    const counter = orders.filter((o) => o.channel === 'counter' && o.payment.method !== 'account');
    for (const o of counter) {
      expect(o.lines.length).toBeGreaterThanOrEqual(1);
      expect(o.lines.length).toBeLessThanOrEqual(6);
      for (const l of o.lines) {
        if (l.unit === 'kg') {
          expect(l.qty).toBeGreaterThanOrEqual(100);
          expect(l.qty).toBeLessThanOrEqual(5000);
        }
      }
    }
    const cash = counter.filter((o) => o.payment.method === 'cash').length;
    expect(cash / counter.length).toBeGreaterThan(0.5);
    expect(counter.some((o) => o.payment.method === 'card')).toBe(true);
    expect(counter.some((o) => o.payment.method === 'mobile')).toBe(true);
    // both of them sell: the seller every day, the owner too on busy days
    expect(new Set(orders.map((o) => o.by))).toEqual(new Set([people.ownerId, people.sellerId]));
  });

  it('has the activity log the app would have written, in its author’s name', () => {
    const entries = ofType('audit')(docs);
    const count = (prefix: string) => entries.filter((e) => e.action.startsWith(prefix)).length;
    expect(count('product.create')).toBe(ofType('product')(docs).length);
    expect(count('stock.')).toBe(ofType('stock')(docs).length);
    expect(count('customer.create')).toBe(ofType('customer')(docs).length);
    expect(count('order.create')).toBe(orders.length);
    expect(count('invoice.create')).toBe(ofType('invoice')(docs).length);
    const byTarget = new Map<string, AuditEntry[]>();
    for (const e of entries) byTarget.set(e.target, [...(byTarget.get(e.target) ?? []), e]);
    for (const o of orders) {
      const e = byTarget.get(o._id)?.find((x) => x.action === 'order.create');
      expect(e).toMatchObject({ by: o.by, deviceId: o.deviceId, summary: `Sale ${o.number}` });
      expect(e?.userName).toBe(o.by === people.ownerId ? 'Olivia' : 'Sam');
    }
    for (const ev of events) {
      const logged = byTarget
        .get(ev.orderId)
        ?.some((x) => x.at === ev.at && x.action === `order.${ev.kind}`);
      expect(logged).toBe(true);
    }
  });

  it('shows an order life: deliveries done, planned and waiting; cancellations; returns; invoices', () => {
    const states = orders.filter((o) => o.channel !== 'counter').map((o) => foldOrder(o, events));
    const statuses = new Set(states.map((s) => s.status));
    for (const s of ['delivered', 'scheduled', 'open', 'cancelled'] as const) {
      expect(statuses).toContain(s);
    }
    expect(states.some((s) => s.delivery && Date.parse(s.delivery.scheduledFor) > NOW)).toBe(true);
    const returns = events.filter((e) => e.kind === 'returned');
    expect(returns.length).toBeGreaterThan(0);
    for (const e of [...returns, ...events.filter((x) => x.kind === 'cancelled')]) {
      expect(e.reason).toBeTruthy();
    }
    const invoices = ofType('invoice')(docs);
    expect(invoices.length).toBeGreaterThan(0);
    for (const i of invoices) {
      const o = orders.find((x) => x._id === i.orderId);
      expect(o?.payment.method).toBe('account');
      expect(i.total).toBe(o?.total);
      expect(i.seller.name).toBe('Green Corner Market');
    }
    const standing = invoices.map((i) => {
      const o = orders.find((x) => x._id === i.orderId);
      return o ? foldOrder(o, events).paymentStatus : null;
    });
    expect(standing).toContain('paid');
    expect(standing).toContain('unpaid');
  });

  it('writes every event when the app would have allowed it', () => {
    const byOrder = new Map<string, OrderEvent[]>();
    for (const e of events) byOrder.set(e.orderId, [...(byOrder.get(e.orderId) ?? []), e]);
    for (const o of orders) {
      const timeline = sortEvents(byOrder.get(o._id) ?? []);
      timeline.forEach((e, i) => {
        expect(Date.parse(e.at)).toBeGreaterThan(Date.parse(o.createdAt));
        expect(Date.parse(e.at)).toBeLessThan(NOW);
        const before = foldOrder(o, timeline.slice(0, i));
        expect(allowedActions(o, before), `${o.number}: ${e.kind}`).toContain(e.kind);
      });
    }
  });

  it('restocks before market days, so stock never runs out; some perishables are written off', () => {
    const movements = ofType('stock')(docs);
    const reasons = new Set(movements.map((m) => m.reason));
    expect(reasons).toContain('restock');
    expect(reasons).toContain('damage');
    for (const m of movements.filter((x) => x.reason === 'restock')) {
      expect(marketClock(Date.parse(m.at)).hour).toBe(6);
    }
    // at every moment (docs come oldest first), not only at the end
    const seen: (Order | OrderEvent | StockMovement)[] = [];
    let lowest = Infinity;
    for (const d of stockDocs(docs)) {
      seen.push(d);
      if (d.type === 'order') lowest = Math.min(lowest, ...stockLevels(factsFrom(seen)).values());
    }
    expect(lowest).toBeGreaterThanOrEqual(0);
  });

  it('is the same shop for the same seed, another for another', () => {
    expect(buildDemoShop(people, NOW)).toEqual(docs);
    const other = buildDemoShop(people, NOW, undefined, 5);
    expect(ordersOf(other).map((o) => o.total)).not.toEqual(orders.map((o) => o.total));
  });
});

describe('generated shops of other sizes', () => {
  it('grows the catalog with variants of real products, unique codes and names', () => {
    const size = { products: 400, customers: 120, orders: 300, days: 30 };
    const docs = buildDemoShop(people, NOW, size, 7);
    const products = ofType('product')(docs) satisfies Product[];
    expect(products).toHaveLength(400);
    expect(ofType('customer')(docs) satisfies Customer[]).toHaveLength(120);
    expect(ordersOf(docs)).toHaveLength(300);
    expect(new Set(products.map((p) => p.code.toLowerCase())).size).toBe(400);
    expect(new Set(products.map((p) => p.name)).size).toBe(400);
    const bases = BASE_PRODUCTS.map((b) => b.name);
    for (const p of products) {
      expect(bases.some((b) => p.name.startsWith(b))).toBe(true);
      expect(p.name).not.toMatch(FAKER_WORDS);
    }
    expect(docs.map(parseShopDoc).filter((r) => !r.ok)).toEqual([]);
  });

  it('leaves the log out when asked (benchmarks of bare history), with stock for every sale', () => {
    const bare = buildDemoShop(people, NOW, undefined, undefined, { activity: false });
    const kinds = new Set(bare.map((d) => d.type));
    expect(kinds).toEqual(new Set(['settings', 'product', 'stock', 'customer', 'order']));
    const stock = ofType('stock')(bare) satisfies StockMovement[];
    expect(stock).toHaveLength(BASE_PRODUCTS.length);
    expect(stock.every((m) => m.reason === 'initial')).toBe(true);
    expect(Math.min(...stockLevels(factsFrom(stockDocs(bare))).values())).toBeGreaterThanOrEqual(0);
  });

  it('puts every order in the past, even in a one-day window on a Sunday morning', () => {
    const sunday = Date.parse('2026-12-06T08:00:00Z');
    const docs = buildDemoShop(people, sunday, { products: 10, customers: 5, orders: 20, days: 1 });
    const orders = ordersOf(docs);
    expect(orders).toHaveLength(20);
    for (const o of orders) expect(Date.parse(o.createdAt)).toBeLessThan(sunday);
    expect(docs.map(parseShopDoc).filter((r) => !r.ok)).toEqual([]);
  });

  it('keeps market hours in Irish summer time', () => {
    const july = Date.parse('2026-07-04T16:00:00Z');
    const orders = ordersOf(
      buildDemoShop(people, july, { products: 20, customers: 10, orders: 200, days: 14 }),
    );
    for (const o of orders.filter((x) => x.channel === 'counter')) {
      const utcHour = new Date(o.createdAt).getUTCHours();
      expect(utcHour).toBeGreaterThanOrEqual(6); // 7:00 Irish summer time
      expect(utcHour).toBeLessThan(13);
    }
  });
});
