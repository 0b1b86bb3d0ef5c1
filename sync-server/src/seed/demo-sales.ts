import {
  buildOrder,
  cartTotals,
  formatHumanNumber,
  devicePrefix,
  isWeighed,
  type CartLine,
  type Channel,
  type Customer,
  type Order,
  type PaymentMethod,
  type Product,
  type Settings,
} from '@stallkeeper/shared';
import type { ProductSpec } from './catalog.ts';
import { DEVICES, iso, type DemoWriter } from './demo-context.ts';
import { between, saleTimes, type MarketDay } from './market-week.ts';
import type { CustomerSpec } from './people.ts';
import { WeightedTable, type Rng } from './rng.ts';

export interface ShopProduct {
  doc: Product;
  spec: ProductSpec;
}
export interface ShopCustomer {
  doc: Customer;
  spec: CustomerSpec;
}

/** A generated sale and how it came about. */
export interface Sale {
  order: Order;
  at: number;
  day: MarketDay;
  /** a restaurant's order on account */
  kitchen: boolean;
}

/** What a restaurant buys for its kitchen. */
const KITCHEN = new Set(['Vegetables', 'Fruit', 'Herbs', 'Eggs & Dairy', 'Bakery']);

const DELIVERY_NOTES = [
  'Leave at the back door if nobody answers.',
  'Ring on arrival, please.',
  'Eggs in this one: handle with care.',
  'Call before coming, works shifts.',
];
const PICKUP_NOTES = ['Collecting at the stall.', 'Her son will collect.', 'Keep it in the shade.'];
const KITCHEN_NOTES = [
  'For the weekend menu.',
  'Kitchen door is on the lane, before 10 please.',
  'Weekly order.',
];

/** What a customer hands over for cash: the exact amount, or the next note up. */
function cashTendered(total: number, rng: Rng): number {
  if (rng.chance(0.3)) return total;
  const notes = [500, 1000, 2000, 5000, 10_000].filter((n) => n >= total);
  const note = notes[rng.chance(0.2) ? 1 : 0] ?? notes[0];
  return note ?? Math.ceil(total / 1000) * 1000;
}

/** How much of a product one customer takes: a scale reading for weighed goods. */
function quantity(spec: ProductSpec, kitchen: boolean, rng: Rng): number {
  const [lo, hi] = spec.qty;
  if (isWeighed(spec.unit)) {
    return kitchen ? rng.int(lo / 50, hi / 25) * 100 : rng.int(lo / 5, hi / 5) * 5;
  }
  if (kitchen) return rng.int(lo * 3, hi * 6);
  return rng.chance(0.65) ? lo : rng.int(lo, hi);
}

/**
 * `count` sales over the market weeks from `start` to now: counter sales at the stall
 * (mostly cash, some card and mobile, now and then for a regular by name), orders by
 * phone for delivery or pickup taken on the laptop in the afternoon, and restaurants'
 * orders on account. Orders are built by the app's own checkout (`buildOrder`).
 */
export function buildSales(
  w: DemoWriter,
  input: {
    start: number;
    count: number;
    settings: Settings;
    products: readonly ShopProduct[];
    customers: readonly ShopCustomer[];
  },
): Sale[] {
  const { rng, now, people } = w;
  const persons = input.customers.filter((c) => !c.spec.business);
  const kitchens = input.customers.filter((c) => c.spec.business);
  const retail = new WeightedTable(input.products, (p) => p.spec.pop);
  const forKitchen = input.products.filter((p) => KITCHEN.has(p.spec.category));
  const kitchenGoods = forKitchen.length
    ? new WeightedTable(forKitchen, (p) => p.spec.pop)
    : retail;

  const plans = saleTimes(input.count, input.start, now, rng).map(({ at, day }) => {
    const kind = rng.weighted([
      ['counter', 91],
      ['phone', persons.length ? 4 : 0],
      ['kitchen', kitchens.length ? 5 : 0],
    ] as const);
    // phone orders are taken on the laptop after the market (if that time has come)
    if (kind !== 'counter' && (kind === 'phone' || rng.chance(0.8))) {
      const later = between(day, 15, 20, rng);
      return { at: later < now - 60_000 ? later : at, day, kind, device: DEVICES.laptop };
    }
    // on the busy days the owner sells at the stall too
    const owner = day.weekday >= 5 && rng.chance(0.4);
    return { at, day, kind, device: owner ? DEVICES.ownerPhone : DEVICES.stall };
  });
  plans.sort((a, b) => a.at - b.at);

  const seqs = new Map<string, number>();
  return plans.map(({ at, day, kind, device }) => {
    const seq = (seqs.get(device) ?? 0) + 1;
    seqs.set(device, seq);
    const by = device === DEVICES.stall ? people.sellerId : people.ownerId;
    const kitchen = kind === 'kitchen';
    const table = kitchen ? kitchenGoods : retail;
    const wanted = kitchen
      ? rng.int(3, 8)
      : rng.weighted([
          [1, 26],
          [2, 26],
          [3, 20],
          [4, 14],
          [5, 8],
          [6, 6],
        ] as const);
    const chosen = new Map<string, ShopProduct>();
    for (let tries = 0; chosen.size < Math.min(wanted, table.size) && tries < wanted * 5; tries++) {
      const p = table.draw(rng);
      chosen.set(p.doc._id, p);
    }
    const lines: CartLine[] = [...chosen.values()].map((p) => ({
      productId: p.doc._id,
      code: p.doc.code,
      name: p.doc.name,
      unit: p.doc.unit,
      unitPrice: p.doc.price,
      qty: quantity(p.spec, kitchen, rng),
    }));

    let channel: Channel = 'counter';
    let method: PaymentMethod;
    let payNow = true;
    let customer: ShopCustomer | null = null;
    let note = '';
    if (kitchen) {
      customer = rng.pick(kitchens);
      method = 'account';
      if (device === DEVICES.laptop) {
        channel = rng.chance(0.8) ? 'delivery' : 'pickup';
        if (rng.chance(0.5)) note = rng.pick(KITCHEN_NOTES);
      }
    } else if (kind === 'phone') {
      customer = rng.pick(persons);
      channel = rng.chance(0.5) ? 'delivery' : 'pickup';
      // paid by card over the phone, or on the doorstep / at the stall
      payNow = rng.chance(0.4);
      method = payNow
        ? 'card'
        : rng.weighted([
            ['cash', 6],
            ['card', 3],
            ['mobile', 1],
          ] as const);
      if (rng.chance(0.5)) note = rng.pick(channel === 'delivery' ? DELIVERY_NOTES : PICKUP_NOTES);
    } else {
      if (persons.length && rng.chance(0.2)) customer = rng.pick(persons);
      method = rng.weighted([
        ['cash', 62],
        ['card', 28],
        ['mobile', 10],
      ] as const);
    }
    const total = cartTotals(lines, input.settings).total;
    const order = buildOrder({
      id: `order:${w.id(at)}`,
      number: formatHumanNumber(devicePrefix(device), seq),
      lines,
      settings: input.settings,
      channel,
      method,
      tendered: method === 'cash' && payNow ? cashTendered(total, rng) : null,
      payNow,
      customer: customer ? { id: customer.doc._id, name: customer.doc.name } : null,
      note,
      at: iso(at),
      by,
      deviceId: device,
    });
    w.push(at, order);
    w.audit(at, by, device, 'order.create', order._id, `Sale ${order.number}`, {
      number: order.number,
      total: order.total,
      lines: order.lines.length,
      channel: order.channel,
    });
    return { order, at, day, kitchen };
  });
}
