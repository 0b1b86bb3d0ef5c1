import {
  DEFAULT_SETTINGS,
  HybridClock,
  PRODUCT_MERGE_FIELDS,
  CUSTOMER_MERGE_FIELDS,
  SETTINGS_MERGE_FIELDS,
  type Customer,
  type Product,
  type ProductFields,
  type Settings,
  type ShopDoc,
} from '@stallkeeper/shared';
import { BASE_PRODUCTS } from './catalog-data.ts';
import { buildCatalog } from './catalog.ts';
import { DemoWriter, DEVICES, iso, type DemoPeople } from './demo-context.ts';
import { orderLife } from './demo-order-life.ts';
import { buildReturns } from './demo-returns.ts';
import { buildSales, type ShopCustomer, type ShopProduct } from './demo-sales.ts';
import { buildStock } from './demo-stock.ts';
import { buildCustomers } from './people.ts';
import { Rng } from './rng.ts';

export type { DemoPeople } from './demo-context.ts';

export interface DemoSize {
  products: number;
  customers: number;
  orders: number;
  days: number;
}

/** The demo shop: the stall's whole list, its regulars and two months of market weeks. */
export const DEFAULT_DEMO_SIZE: DemoSize = {
  products: BASE_PRODUCTS.length,
  customers: 40,
  orders: 600,
  days: 60,
};

/** The benchmark's big shop (`pnpm seed --size large`). */
export const LARGE_DEMO_SIZE: DemoSize = {
  products: 10_000,
  customers: 1_000,
  orders: 100_000,
  days: 365,
};

/** What the demo shop prints on receipts and invoices. */
const DEMO_SETTINGS = {
  shopName: 'Green Corner Market',
  address: 'The Market Yard, Kilkenny, R95 T2X8',
  contact: '087 214 5530\nhello@greencornermarket.ie',
  taxId: 'IE 3456789TH',
  paymentInstructions:
    'Bank transfer to Green Corner Market, IBAN IE29 AIBK 9311 5212 3456 78, ' +
    'with the invoice number as the reference. Or pay at the stall.',
  invoiceFooter: 'Thank you for buying local!',
  receiptFooter: 'Market Yard, Kilkenny · Mon–Sat 7:00–14:00',
};

function stampsFor(fields: readonly string[], clock: HybridClock): Record<string, string> {
  const stamp = clock.next();
  return Object.fromEntries(fields.map((f) => [f, stamp]));
}

/**
 * A market stall's shop as the app would hold it: Green Corner Market in Kilkenny
 * sells produce and farm goods (catalog-data.ts) to people from town and to a few
 * restaurants on account; `size.orders` sales over `size.days` days shaped like a
 * market week (busy Saturdays, quiet Mondays, closed Sundays, a morning rush),
 * restocks before market days, deliveries, invoices, returns and the activity log.
 * The same seed gives the same shop. Large sizes (10k products, 100k orders) build
 * in seconds.
 */
export function buildDemoShop(
  people: DemoPeople,
  now = Date.now(),
  size = DEFAULT_DEMO_SIZE,
  seed = 4,
  /**
   * write what people did after the sales (deliveries, invoices, payments, returns,
   * restocks) and the activity log the app would have written; benchmarks of bare
   * history skip both and get products, their opening stock, customers and orders
   */
  { activity = true }: { activity?: boolean } = {},
): ShopDoc[] {
  const rng = new Rng(seed);
  const w = new DemoWriter(rng, now, activity, people);
  const clock = new HybridClock('server', () => now);
  const start = now - size.days * 86_400_000;

  const settings: Settings = {
    _id: 'settings',
    type: 'settings',
    ...DEFAULT_SETTINGS,
    ...DEMO_SETTINGS,
    updatedAt: iso(start),
    stamps: stampsFor(SETTINGS_MERGE_FIELDS, clock),
  };
  w.push(start, settings);

  const products: ShopProduct[] = buildCatalog(size.products, rng).map((spec, i) => {
    const t = start + i;
    const fields: ProductFields = {
      code: spec.code,
      name: spec.name,
      unit: spec.unit,
      price: spec.price,
      cost: spec.cost,
      description: spec.description,
      imageUrl: null,
      lowStockThreshold: spec.lowStockThreshold,
      active: true,
      category: spec.category,
      // most of the stall is on its shop page; every fourth product is kept for the stall
      online: i % 4 !== 3,
      onlineAllowance: null,
    };
    const doc: Product = {
      _id: `product:${w.id(t)}`,
      type: 'product',
      ...fields,
      createdAt: iso(t),
      updatedAt: iso(t),
      stamps: stampsFor(PRODUCT_MERGE_FIELDS, clock),
    };
    w.push(t, doc);
    w.audit(
      t,
      people.ownerId,
      DEVICES.laptop,
      'product.create',
      doc._id,
      `Added product ${doc.name}`,
      fields,
    );
    return { doc, spec };
  });

  // the regulars were entered in the first hours, half by each of them
  const customers: ShopCustomer[] = buildCustomers(size.customers, rng).map((spec, i) => {
    const t = start + 60_000 + i * 1000;
    const { business: _, ...fields } = spec;
    const doc: Customer = {
      _id: `customer:${w.id(t)}`,
      type: 'customer',
      ...fields,
      createdAt: iso(t),
      updatedAt: iso(t),
      stamps: stampsFor(CUSTOMER_MERGE_FIELDS, clock),
    };
    w.push(t, doc);
    const [by, device] =
      i % 2 ? [people.sellerId, DEVICES.stall] : [people.ownerId, DEVICES.laptop];
    w.audit(t, by, device, 'customer.create', doc._id, `Added customer ${doc.name}`, fields);
    return { doc, spec };
  });

  const sales = buildSales(w, { start, count: size.orders, settings, products, customers });
  buildStock(w, { start, products, sales });
  if (activity) {
    orderLife(w, sales, { settings, customers });
    buildReturns(w, sales, products);
  }
  return w.docs();
}
