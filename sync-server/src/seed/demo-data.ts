import { faker } from '@faker-js/faker';
import { orderLife } from './demo-order-life.ts';
import {
  createUlidGenerator,
  DEFAULT_SETTINGS,
  devicePrefix,
  formatHumanNumber,
  HybridClock,
  lineTotal,
  sum,
  type AuditEntry,
  type Customer,
  type Order,
  type PaymentMethod,
  type Product,
  type Settings,
  type ShopDoc,
  type StockMovement,
  type Unit,
} from '@stallkeeper/shared';

export interface DemoPeople {
  ownerId: string;
  sellerId: string;
  /** the names their activity-log entries carry */
  ownerName?: string;
  sellerName?: string;
}

export interface DemoSize {
  products: number;
  customers: number;
  orders: number;
  days: number;
}

export const DEFAULT_DEMO_SIZE: DemoSize = { products: 50, customers: 30, orders: 200, days: 60 };

const PRODUCE = [
  'Tomatoes',
  'Potatoes',
  'Apples',
  'Carrots',
  'Onions',
  'Pears',
  'Cherries',
  'Plums',
  'Beans',
  'Peppers',
  'Grapes',
  'Mushrooms',
];

function stampsFor(fields: readonly string[], clock: HybridClock): Record<string, string> {
  const stamp = clock.next();
  return Object.fromEntries(fields.map((f) => [f, stamp]));
}

/**
 * A believable market-stall shop: ~50 products (a third sold by weight), customers,
 * opening stock and ~200 orders over the last 60 days. Seeded, so it is repeatable.
 */
export function buildDemoShop(
  people: DemoPeople,
  now = Date.now(),
  size = DEFAULT_DEMO_SIZE,
  seed = 4,
  /**
   * write what people did after the sales (deliveries, invoices, payments) and the
   * activity log the app would have written (benchmarks of bare history skip both)
   */
  { activity = true }: { activity?: boolean } = {},
): ShopDoc[] {
  faker.seed(seed);
  const ids = createUlidGenerator((n) =>
    Uint8Array.from({ length: n }, () => faker.number.int(255)),
  );
  const clock = new HybridClock('server', () => now);
  const start = now - size.days * 86_400_000;
  const iso = (t: number) => new Date(t).toISOString();
  const docs: ShopDoc[] = [];
  const names = {
    [people.ownerId]: people.ownerName ?? 'Olivia Owner',
    [people.sellerId]: people.sellerName ?? 'Sam Seller',
  };
  /** The activity-log entry the app writes alongside what a person did. */
  const audit = (
    t: number,
    by: string,
    deviceId: string,
    action: string,
    target: string,
    summary: string,
    after: Record<string, unknown>,
  ) => {
    if (!activity) return;
    const entry: AuditEntry = {
      _id: `audit:${ids(t)}`,
      type: 'audit',
      action,
      target,
      summary,
      userName: names[by] ?? 'Someone',
      before: null,
      after,
      at: iso(t),
      by,
      deviceId,
    };
    docs.push(entry);
  };

  const settings: Settings = {
    _id: 'settings',
    type: 'settings',
    ...DEFAULT_SETTINGS,
    shopName: 'Green Corner Market',
    updatedAt: iso(start),
    stamps: stampsFor(Object.keys(DEFAULT_SETTINGS), clock),
  };
  docs.push(settings);

  const products: Product[] = [];
  const codes = new Set<string>();
  for (let i = 0; i < size.products; i++) {
    const weighed = i % 3 === 0;
    const unit: Unit = weighed ? 'kg' : 'piece';
    const name = weighed
      ? `${faker.helpers.arrayElement(PRODUCE)} ${faker.helpers.arrayElement(['(organic)', '(local)', '', 'premium'])}`.trim()
      : faker.commerce.productName();
    let code = weighed ? `P${100 + i}` : faker.string.numeric(8);
    while (codes.has(code)) code = faker.string.numeric(8);
    codes.add(code);
    const price = weighed
      ? faker.number.int({ min: 120, max: 900 })
      : faker.number.int({ min: 150, max: 4500 });
    const p: Product = {
      _id: `product:${ids(start + i)}`,
      type: 'product',
      code,
      name: name.slice(0, 200),
      unit,
      price,
      cost: Math.round(price * 0.6),
      description: faker.commerce.productDescription().slice(0, 300),
      imageUrl: null,
      lowStockThreshold: weighed ? 2000 : null,
      active: true,
      createdAt: iso(start + i),
      updatedAt: iso(start + i),
      stamps: {},
    };
    p.stamps = stampsFor(
      [
        'code',
        'name',
        'unit',
        'price',
        'cost',
        'description',
        'imageUrl',
        'lowStockThreshold',
        'active',
      ],
      clock,
    );
    products.push(p);
    const opening: StockMovement = {
      _id: `stock:${ids(start + i)}`,
      type: 'stock',
      productId: p._id,
      qty: weighed
        ? faker.number.int({ min: 20, max: 80 }) * 1000
        : faker.number.int({ min: 20, max: 120 }),
      reason: 'initial',
      counted: null,
      alertId: null,
      note: 'Opening stock',
      at: iso(start + i),
      by: people.ownerId,
      deviceId: 'demo-laptop',
    };
    docs.push(p, opening);
    audit(
      start + i,
      people.ownerId,
      'demo-laptop',
      'product.create',
      p._id,
      `Added product ${p.name}`,
      {
        code: p.code,
        name: p.name,
        price: p.price,
      },
    );
    audit(
      start + i,
      people.ownerId,
      'demo-laptop',
      'stock.initial',
      p._id,
      `Stock initial +${opening.qty}`,
      {
        qty: opening.qty,
        counted: null,
      },
    );
  }

  const customers: Customer[] = [];
  for (let i = 0; i < size.customers; i++) {
    const c: Customer = {
      _id: `customer:${ids(start + 1000 + i)}`,
      type: 'customer',
      name: faker.person.fullName(),
      phone: faker.string.numeric({ length: 10 }).replace(/^(\d{3})(\d{3})/, '$1 $2 '),
      email: faker.internet.email().toLowerCase(),
      address: faker.location.streetAddress(),
      location: faker.location.city(),
      notes: '',
      createdAt: iso(start + 1000 + i),
      updatedAt: iso(start + 1000 + i),
      stamps: stampsFor(['name', 'phone', 'email', 'address', 'location', 'notes'], clock),
    };
    customers.push(c);
    docs.push(c);
    const by = i % 2 ? people.sellerId : people.ownerId;
    const device = by === people.ownerId ? 'demo-laptop' : 'demo-phone-1';
    audit(start + 1000 + i, by, device, 'customer.create', c._id, `Added customer ${c.name}`, {
      name: c.name,
      phone: c.phone,
    });
  }

  const devices = [
    { id: 'demo-phone-1', by: people.sellerId },
    { id: 'demo-phone-2', by: people.sellerId },
    { id: 'demo-laptop', by: people.ownerId },
  ];
  const seqs = new Map<string, number>();
  const times = Array.from({ length: size.orders }, () =>
    faker.number.int({ min: start + 86_400_000, max: now - 60_000 }),
  ).sort((a, b) => a - b);
  for (const t of times) {
    const device = faker.helpers.arrayElement(devices);
    const prefix = devicePrefix(device.id);
    const seq = (seqs.get(device.id) ?? 0) + 1;
    seqs.set(device.id, seq);
    const picked = faker.helpers.arrayElements(products, { min: 1, max: 4 });
    const lines = picked.map((p) => {
      const qty =
        p.unit === 'kg'
          ? faker.number.int({ min: 2, max: 30 }) * 100
          : faker.number.int({ min: 1, max: 3 });
      return {
        productId: p._id,
        code: p.code,
        name: p.name,
        unit: p.unit,
        unitPrice: p.price,
        qty,
        lineTotal: lineTotal(p.price, qty, p.unit),
      };
    });
    const subtotal = sum(lines.map((l) => l.lineTotal));
    const customer = faker.datatype.boolean(0.4) ? faker.helpers.arrayElement(customers) : null;
    const method: PaymentMethod =
      customer && faker.datatype.boolean(0.15)
        ? 'account'
        : faker.helpers.weightedArrayElement([
            { weight: 6, value: 'cash' as const },
            { weight: 3, value: 'card' as const },
            { weight: 2, value: 'mobile' as const },
          ]);
    const tendered = method === 'cash' ? Math.ceil(subtotal / 500) * 500 : null;
    const channel = customer && faker.datatype.boolean(0.15) ? 'delivery' : 'counter';
    const order: Order = {
      _id: `order:${ids(t)}`,
      type: 'order',
      number: formatHumanNumber(prefix, seq),
      channel,
      customerId: customer?._id ?? null,
      customerName: customer?.name ?? '',
      lines,
      currency: settings.currency,
      subtotal,
      tax: 0,
      total: subtotal,
      payment: {
        method,
        paid: method === 'account' ? 0 : subtotal,
        tendered,
        change: tendered === null ? null : tendered - subtotal,
      },
      note: '',
      createdAt: iso(t),
      by: device.by,
      deviceId: device.id,
    };
    docs.push(order);
    audit(t, device.by, device.id, 'order.create', order._id, `Sale ${order.number}`, {
      number: order.number,
      total: order.total,
      lines: order.lines.length,
      channel: order.channel,
    });
  }
  if (activity) {
    const orders = docs.filter((d): d is Order => d.type === 'order');
    docs.push(...orderLife(orders, { faker, now, ids, settings, customers, audit }));
  }
  return docs;
}
