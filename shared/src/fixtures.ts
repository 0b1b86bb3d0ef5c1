/**
 * Builders for valid shop documents, for tests in every package
 * (`import { productDoc } from '@stallkeeper/shared/fixtures'`).
 *
 * Every builder returns a document that passes `parseShopDoc` (checked in fixtures.test.ts)
 * and takes overrides for what a test cares about. Fields that follow from others are
 * derived from the overrides unless overridden too: line totals, subtotal, total and
 * payment from the lines; an event's id from its order; an allocation's id from its order;
 * an alert's id from its kind; invoice dates from `at`; `updatedAt` from `createdAt`.
 * Ids are fresh ULIDs and times are now; pass `_id`, `createdAt`, `at` … (and `fakeUlid`)
 * where a test needs them fixed.
 */
import { allocationId } from './allocation.ts';
import { HybridClock, isoNow } from './hlc.ts';
import { ulid } from './ids.ts';
import { sum } from './money.ts';
import { lineTotal } from './quantity.ts';
import {
  CUSTOMER_MERGE_FIELDS,
  DEFAULT_SETTINGS,
  PRODUCT_MERGE_FIELDS,
  SETTINGS_MERGE_FIELDS,
  type Alert,
  type Allocation,
  type AuditEntry,
  type Customer,
  type DocKind,
  type Invoice,
  type Order,
  type OrderEvent,
  type OrderEventKind,
  type OrderLine,
  type Product,
  type Settings,
  type ShopDoc,
  type StockMovement,
} from './schemas/index.ts';

/** Who writes a document when a test does not say. */
export const FIXTURE_USER = 'user_1';
export const FIXTURE_DEVICE = 'dev-K3AB';

const clock = new HybridClock(FIXTURE_DEVICE);

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID-shaped id (26 Crockford chars) made from a number: distinct, repeatable, sortable. */
export function fakeUlid(n: number): string {
  let out = '';
  let x = n;
  for (let i = 0; i < 26; i++) {
    out = (CROCKFORD[x % 32] ?? '0') + out;
    x = Math.floor(x / 32);
  }
  return out;
}

/** The same stamp on every field, as a device stamps a document it creates. */
export function stampsFor(
  fields: readonly string[],
  stamp: string = clock.next(),
): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f, stamp]));
}

// ---- mutable documents -----------------------------------------------------

export function productDoc(over: Partial<Product> = {}): Product {
  const createdAt = over.createdAt ?? isoNow();
  return {
    _id: `product:${ulid()}`,
    type: 'product',
    code: 'APL-1',
    name: 'Apples',
    unit: 'piece',
    price: 250,
    cost: null,
    description: '',
    imageUrl: null,
    lowStockThreshold: null,
    active: true,
    createdAt,
    updatedAt: createdAt,
    stamps: stampsFor(PRODUCT_MERGE_FIELDS),
    ...over,
  };
}

export function customerDoc(over: Partial<Customer> = {}): Customer {
  const createdAt = over.createdAt ?? isoNow();
  return {
    _id: `customer:${ulid()}`,
    type: 'customer',
    name: 'Ada',
    phone: '',
    email: '',
    address: '',
    location: '',
    notes: '',
    createdAt,
    updatedAt: createdAt,
    stamps: stampsFor(CUSTOMER_MERGE_FIELDS),
    ...over,
  };
}

export function settingsDoc(over: Partial<Settings> = {}): Settings {
  return {
    _id: 'settings',
    type: 'settings',
    ...DEFAULT_SETTINGS,
    updatedAt: isoNow(),
    stamps: stampsFor(SETTINGS_MERGE_FIELDS),
    ...over,
  };
}

// ---- orders ----------------------------------------------------------------

/** A sold line; its `lineTotal` is price × quantity unless given. */
export function orderLine(over: Partial<OrderLine> = {}): OrderLine {
  const line = {
    productId: `product:${ulid()}`,
    code: 'APL-1',
    name: 'Apples',
    unit: 'piece' as const,
    unitPrice: 250,
    qty: 1,
    ...over,
  };
  return { ...line, lineTotal: over.lineTotal ?? lineTotal(line.unitPrice, line.qty, line.unit) };
}

/** The line for `qty` base units of a product, snapshotting it as a checkout does. */
export function lineFor(
  product: Pick<Product, '_id' | 'code' | 'name' | 'unit' | 'price'>,
  qty: number,
): OrderLine {
  return orderLine({
    productId: product._id,
    code: product.code,
    name: product.name,
    unit: product.unit,
    unitPrice: product.price,
    qty,
  });
}

/**
 * An order whose subtotal is the sum of its lines and whose total adds the tax. Unless
 * `payment` is given it is by card: paid in full at the counter, and on fulfilment
 * (nothing paid yet) for a delivery or pickup.
 */
export function orderDoc(over: Partial<Order> = {}): Order {
  const lines = over.lines ?? [orderLine()];
  const subtotal = over.subtotal ?? sum(lines.map((l) => l.lineTotal));
  const tax = over.tax ?? 0;
  const total = over.total ?? sum([subtotal, tax]);
  const channel = over.channel ?? 'counter';
  return {
    _id: `order:${ulid()}`,
    type: 'order',
    number: 'K3-0001',
    channel,
    customerId: null,
    customerName: '',
    lines,
    currency: 'EUR',
    subtotal,
    tax,
    total,
    payment: {
      method: 'card',
      paid: channel === 'counter' ? total : 0,
      tendered: null,
      change: null,
    },
    note: '',
    createdAt: isoNow(),
    by: FIXTURE_USER,
    deviceId: FIXTURE_DEVICE,
    ...over,
  };
}

/** An order of `qty` base units of one product. */
export function saleOf(
  product: Pick<Product, '_id' | 'code' | 'name' | 'unit' | 'price'>,
  qty: number,
  over: Partial<Order> = {},
): Order {
  return orderDoc({ lines: [lineFor(product, qty)], ...over });
}

export type OrderEventOf<K extends OrderEventKind> = Extract<OrderEvent, { kind: K }>;

/** Every kind of order event. */
export const ORDER_EVENT_KINDS = [
  'payment',
  'delivery_scheduled',
  'dispatched',
  'delivered',
  'delivery_failed',
  'cancelled',
  'returned',
  'note',
] as const satisfies readonly OrderEventKind[];

/** What each kind of event carries beyond the common fields. */
function eventDetails(kind: OrderEventKind, at: string): object {
  switch (kind) {
    case 'payment':
      return { amount: 100, method: 'cash' };
    case 'delivery_scheduled':
      return { scheduledFor: at, address: 'Market St 1' };
    case 'delivery_failed':
      return { reason: 'nobody home' };
    case 'cancelled':
      return { reason: 'changed mind' };
    case 'returned':
      return { items: [{ productId: `product:${ulid()}`, qty: 1 }], refund: 0 };
    case 'dispatched':
    case 'delivered':
    case 'note':
      return {};
  }
}

/** An event of `kind` on an order (a new order id unless `orderId` is given). */
export function orderEventDoc<K extends OrderEventKind>(
  kind: K,
  over: Partial<OrderEventOf<K>> = {},
): OrderEventOf<K> {
  const orderId = over.orderId ?? `order:${ulid()}`;
  const at = over.at ?? isoNow();
  return {
    _id: `orderevent:${orderId.slice('order:'.length)}:${ulid()}`,
    type: 'orderevent',
    orderId,
    kind,
    note: '',
    at,
    by: FIXTURE_USER,
    deviceId: FIXTURE_DEVICE,
    ...eventDetails(kind, at),
    ...over,
  } as OrderEventOf<K>;
}

// ---- other append-only facts ---------------------------------------------

/** A stock movement; its reason is a restock for a positive quantity, else an adjustment. */
export function stockMovementDoc(over: Partial<StockMovement> = {}): StockMovement {
  const qty = over.qty ?? 10;
  return {
    _id: `stock:${ulid()}`,
    type: 'stock',
    productId: `product:${ulid()}`,
    qty,
    reason: qty > 0 ? 'restock' : 'adjustment',
    counted: null,
    alertId: null,
    note: '',
    at: isoNow(),
    by: FIXTURE_USER,
    deviceId: FIXTURE_DEVICE,
    ...over,
  };
}

const DAY_MS = 86_400_000;

/** An invoice issued on the day of `at`, due 14 days later. */
export function invoiceDoc(over: Partial<Invoice> = {}): Invoice {
  const at = over.at ?? isoNow();
  const issuedOn = over.issuedOn ?? at.slice(0, 10);
  const dueOn = new Date(Date.parse(`${issuedOn}T00:00:00Z`) + 14 * DAY_MS)
    .toISOString()
    .slice(0, 10);
  return {
    _id: `invoice:${ulid()}`,
    type: 'invoice',
    number: 'K3-0001',
    orderId: `order:${ulid()}`,
    issuedOn,
    dueOn,
    note: '',
    at,
    by: FIXTURE_USER,
    deviceId: FIXTURE_DEVICE,
    ...over,
  };
}

export function auditDoc(over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    _id: `audit:${ulid()}`,
    type: 'audit',
    action: 'product.create',
    target: `product:${ulid()}`,
    summary: 'Created Apples',
    userName: 'Olga',
    before: null,
    after: { name: 'Apples' },
    at: isoNow(),
    by: FIXTURE_USER,
    deviceId: FIXTURE_DEVICE,
    ...over,
  };
}

// ---- server-written documents ----------------------------------------------

/** The resolver's first decision on an order: every line allocated. */
export function allocationDoc(over: Partial<Allocation> = {}): Allocation {
  const orderId = over.orderId ?? `order:${ulid()}`;
  return {
    _id: allocationId(orderId, 0),
    type: 'allocation',
    orderId,
    status: 'confirmed',
    lines: [{ productId: `product:${ulid()}`, qty: 1, allocated: 1, backordered: 0, oversold: 0 }],
    seq: 0,
    decidedAt: isoNow(),
    ...over,
  };
}

const ALERT_MESSAGES: Record<Alert['kind'], string> = {
  low_stock: 'Apples are running low',
  oversell: 'Sold more than in stock',
  conflict: 'Two devices changed the same field',
};

/** An open (unacknowledged) alert. */
export function alertDoc(over: Partial<Alert> = {}): Alert {
  const kind = over.kind ?? 'low_stock';
  return {
    _id: `alert:${kind}:${ulid()}`,
    type: 'alert',
    kind,
    message: ALERT_MESSAGES[kind],
    productIds: [],
    orderIds: [],
    deviceIds: [],
    sellerIds: [],
    createdAt: isoNow(),
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolution: '',
    stamps: {},
    ...over,
  };
}

// ---- one of every kind -----------------------------------------------------

/** A builder for every kind, with its defaults (order events: a delivery). */
export const DOC_BUILDERS = {
  product: () => productDoc(),
  customer: () => customerDoc(),
  order: () => orderDoc(),
  orderevent: () => orderEventDoc('delivered'),
  stock: () => stockMovementDoc(),
  invoice: () => invoiceDoc(),
  allocation: () => allocationDoc(),
  alert: () => alertDoc(),
  audit: () => auditDoc(),
  settings: () => settingsDoc(),
} as const satisfies Record<DocKind, () => ShopDoc>;

/** When, by whom and on which device a sample document was written. */
export interface Authoring {
  at?: string;
  by?: string;
  deviceId?: string;
}

/**
 * A valid document of `kind` written at `at`: its time fields are `at`, and the kinds that
 * record their author carry `by` and `deviceId`.
 */
export function sampleDoc(kind: DocKind, authoring: Authoring = {}): ShopDoc {
  const at = authoring.at ?? isoNow();
  const author = {
    by: authoring.by ?? FIXTURE_USER,
    deviceId: authoring.deviceId ?? FIXTURE_DEVICE,
  };
  switch (kind) {
    case 'product':
      return productDoc({ createdAt: at });
    case 'customer':
      return customerDoc({ createdAt: at });
    case 'order':
      return orderDoc({ createdAt: at, ...author });
    case 'orderevent':
      return orderEventDoc('delivered', { at, ...author });
    case 'stock':
      return stockMovementDoc({ at, ...author });
    case 'invoice':
      return invoiceDoc({ at, ...author });
    case 'allocation':
      return allocationDoc({ decidedAt: at });
    case 'alert':
      return alertDoc({ createdAt: at });
    case 'audit':
      return auditDoc({ at, ...author });
    case 'settings':
      return settingsDoc({ updatedAt: at });
  }
}
