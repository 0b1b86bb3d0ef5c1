import Dexie, { type Table } from 'dexie';
import type {
  Alert,
  AllocStatus,
  AuditEntry,
  CartLine,
  Channel,
  Order,
  OrderEvent,
  OrderStatus,
  PaymentMethod,
  PaymentStatus,
  Invoice,
  Product,
} from '@stallkeeper/shared';

/** A product as the screens read it: indexed for search by name and code. */
export interface ProductRow {
  id: string;
  code: string;
  codeLower: string;
  name: string;
  nameLower: string;
  unit: Product['unit'];
  price: number;
  cost: number | null;
  description: string;
  imageUrl: string | null;
  hasPhoto: 0 | 1;
  lowStockThreshold: number | null;
  active: 0 | 1;
  updatedAt: string;
}

export interface CustomerRow {
  id: string;
  name: string;
  nameLower: string;
  phone: string;
  /** digits only, for search by phone */
  phoneDigits: string;
  email: string;
  address: string;
  location: string;
  notes: string;
  createdAt: string;
  updatedAt: string;
}

export interface OrderRow {
  id: string;
  number: string;
  createdAt: string;
  channel: Channel;
  customerId: string;
  customerName: string;
  deviceId: string;
  by: string;
  total: number;
  currency: string;
  method: PaymentMethod;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  balance: number;
  /** paid so far (checkout and later payments) and paid back */
  paid: number;
  refunded: number;
  itemCount: number;
  /**
   * For the Deliveries screen: the planned start of an open delivery (scheduled,
   * out or failed), `-` for a delivery order not yet scheduled, '' for none.
   */
  deliveryAt: string;
  /** the immutable order itself, for the detail view and receipts */
  doc: Order;
  /**
   * The order's stock facts, one `productId|qty|line` key per line (a multi-entry
   * index): stock is recomputed from the index keys alone, without reading rows.
   */
  saleKeys: string[];
  /** the resolver's decision when it was copied with the order (a first sync) */
  decision: Decision | null;
}

export interface Decision {
  n: number;
  status: AllocStatus;
}

/**
 * An order row with the server resolver's latest decision (null until synced),
 * joined at read time: decisions arrive for every order, and folding them into
 * the stored rows would rewrite each order a second time.
 */
export type OrderListRow = OrderRow & { allocStatus: AllocStatus | null };

export type EventRow = OrderEvent & { id: string };

/**
 * A value the order filters offer — `device|<deviceId>`, `seller|<userId>` — or a
 * person's name as the activity log last gave it (`name|<userId>`, with `name`).
 */
export interface FacetRow {
  key: string;
  name?: string;
}

/** Stock facts (see shared/stock.ts); sales are the orders' `saleKeys`. */
export interface MoveRow {
  id: string;
  productId: string;
  qty: number;
  reason: string;
  at: string;
  by: string;
}
export interface ReturnRow {
  key: string; // eventId|productId
  eventId: string;
  orderId: string;
  productId: string;
  qty: number;
}
/** An invoice as the Invoices screen reads it; standing is derived from its order. */
export interface InvoiceRow {
  id: string;
  number: string;
  orderId: string;
  customerId: string;
  customerName: string;
  issuedOn: string;
  dueOn: string;
  total: number;
  doc: Invoice;
}
export interface CancelRow {
  orderId: string;
}
/** The latest resolver decision for an order. */
export interface AllocationRow {
  orderId: string;
  n: number;
  status: AllocStatus;
  lines: {
    productId: string;
    qty: number;
    allocated: number;
    backordered: number;
    oversold: number;
  }[];
  decidedAt: string;
}

export type AlertRow = Alert & { id: string; open: 0 | 1 };
export type AuditRow = AuditEntry & { id: string };

export interface StockRow {
  productId: string;
  onHand: number;
}

/** A local write not yet confirmed by the server (or refused by it). */
export interface OutboxRow {
  id: string;
  rev: string;
  kind: string;
  /** the order number or name a person knows it by (rows from before it was kept: none) */
  label?: string;
  at: string;
  /** set when the server refused the document */
  refused: string | null;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/** This device's cart: never replicated, survives reloads. */
export interface CartRow {
  key: 'current';
  lines: CartLine[];
  customerId: string | null;
  customerName: string;
  updatedAt: string;
}

/** The read-model tables by name. */
const READ_MODEL_TABLES = [
  'products',
  'customers',
  'orders',
  'events',
  'moves',
  'returns',
  'cancels',
  'stock',
  'allocations',
  'alerts',
  'audit',
  'facets',
  'invoices',
] as const;

/** Meta keys of the projector (see projector.ts). */
export const PROJECTOR_KEYS = {
  /** the replica sequence the read models reflect */
  seq: 'projector.seq',
  /** products whose stock is waiting for the end of a catch-up */
  staleStock: 'projector.staleStock',
} as const;

/** Meta keys of a new device's first copy (see bootstrap.ts). */
export const COPY_KEYS = {
  /** the server sequence when the copy began: live pull starts there */
  since: 'bootstrap.seq',
  /** the next page to copy, so an interrupted copy resumes */
  position: 'bootstrap.position',
  essentials: 'bootstrap.essentials',
  complete: 'bootstrap.complete',
} as const;

/**
 * Meta keys that describe what the read models hold: cleared with them, so the
 * projector replays the replica and the next sync copies the history again
 * (a new device keeps copied history in its read models only; see bootstrap).
 */
const FORGET_ON_REBUILD = [...Object.values(PROJECTOR_KEYS), ...Object.values(COPY_KEYS)];

/**
 * Clear every read model and what describes it (inside the caller's transaction
 * or upgrade; `table` finds a table by name there).
 */
export async function forgetReadModels(table: (name: string) => Table): Promise<void> {
  for (const t of READ_MODEL_TABLES) await table(t).clear();
  await table('meta').bulkDelete([...FORGET_ON_REBUILD]);
}

/**
 * Per-shop Dexie database: device-only data (cart, outbox, checkpoints) and the
 * read models, fed by PouchDB's changes feed and by a new device's first copy.
 */
export class ShopLocalDb extends Dexie {
  products!: Table<ProductRow, string>;
  customers!: Table<CustomerRow, string>;
  orders!: Table<OrderRow, string>;
  events!: Table<EventRow, string>;
  moves!: Table<MoveRow, string>;
  returns!: Table<ReturnRow, string>;
  cancels!: Table<CancelRow, string>;
  stock!: Table<StockRow, string>;
  outbox!: Table<OutboxRow, string>;
  meta!: Table<MetaRow, string>;
  /** this device's number series: a table of their own, so a sale never waits on the projector */
  counters!: Table<MetaRow, string>;
  cart!: Table<CartRow, string>;
  allocations!: Table<AllocationRow, string>;
  alerts!: Table<AlertRow, string>;
  audit!: Table<AuditRow, string>;
  facets!: Table<FacetRow, string>;
  invoices!: Table<InvoiceRow, string>;

  constructor(shopId: string) {
    super(`stallkeeper_local_${shopId}`);
    this.version(1).stores({
      products: 'id, code, nameLower, active, updatedAt',
      outbox: 'id, refused',
      meta: 'key',
    });
    this.version(2)
      .stores({
        products: 'id, codeLower, nameLower, active, updatedAt',
        customers: 'id, nameLower, phoneDigits, createdAt',
        orders: 'id, createdAt, status, customerId, deviceId, by, number',
        events: 'id, orderId, at',
        sales: 'key, orderId, productId',
        moves: 'id, productId, at',
        returns: 'key, orderId, productId',
        cancels: 'orderId',
        stock: 'productId',
        cart: 'key',
      })
      .upgrade(async (tx) => {
        // Read models are rebuilt from the replica rather than migrated.
        await tx.table('products').clear();
        await tx.table('meta').delete('projector.seq');
      });
    this.version(3)
      .stores({
        allocations: 'orderId',
        alerts: 'id, open, kind, createdAt',
        audit: 'id, at, by, action, target',
      })
      .upgrade(async (tx) => {
        // New read models: replay the replica into them.
        for (const t of [
          'products',
          'customers',
          'orders',
          'events',
          'sales',
          'moves',
          'returns',
          'cancels',
          'stock',
        ]) {
          await tx.table(t).clear();
        }
        await tx.table('meta').delete('projector.seq');
      });
    this.version(4)
      .stores({
        // One row per order: its sales are index keys; indexes only for what screens query
        // (the devices and sellers the filters offer are facets, not two more indexes).
        sales: null,
        orders: 'id, createdAt, customerId, *saleKeys',
        facets: 'key',
        counters: 'key',
      })
      .upgrade(async (tx) => {
        // Numbers are never reused: the series move over before anything is cleared.
        const meta = tx.table<MetaRow, string>('meta');
        const series = await meta.where('key').startsWith('seq.').toArray();
        await tx.table<MetaRow, string>('counters').bulkPut(series);
        await meta.bulkDelete(series.map((s) => s.key));
        // (the read models are forgotten by version 5's upgrade, which always follows)
      });
    this.version(5)
      .stores({
        // the Deliveries screen reads open deliveries by planned time; invoices by issue date
        orders: 'id, createdAt, customerId, *saleKeys, deliveryAt',
        invoices: 'id, orderId, customerId, issuedOn',
      })
      .upgrade(async (tx) => {
        // Order rows gained fields: replay the replica into the read models.
        await forgetReadModels((name) => tx.table(name));
      });
  }

  /** Every read-model table (what a rebuild clears). */
  get readModels(): Table[] {
    return READ_MODEL_TABLES.map((t) => this.table(t));
  }
}

/** Device-wide data that does not belong to one shop. */
export interface DeviceRow {
  key: string;
  value: unknown;
}

export class DeviceDb extends Dexie {
  device!: Table<DeviceRow, string>;
  constructor() {
    super('stallkeeper_device');
    this.version(1).stores({ device: 'key' });
  }
}
