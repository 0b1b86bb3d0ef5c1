import Dexie, { type Table, type Transaction } from 'dexie';
import { isOnline } from '../orders/online.ts';
import type {
  ProductRow,
  CustomerRow,
  OrderRow,
  EventRow,
  FacetRow,
  MoveRow,
  ReturnRow,
  InvoiceRow,
  CancelRow,
  AllocationRow,
  AlertRow,
  AuditRow,
  StockRow,
  OutboxRow,
  MetaRow,
  CartRow,
  ReportDayRow,
  ReportStaleRow,
  MailRow,
  MailStatusRow,
} from './local-rows.ts';
import { orderIndexKeys } from './local-rows.ts';

export type * from './local-rows.ts';

/** The read-model tables by name. */
const READ_MODEL_TABLES = [
  'products',
  'customers',
  'orders',
  'reportDays',
  'reportStale',
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
  'mails',
  'mailStatus',
] as const;

/** Meta keys of the projector (see projector.ts). */
export const PROJECTOR_KEYS = {
  /** the replica sequence the read models reflect */
  seq: 'projector.seq',
  /** products whose stock is waiting for the end of a catch-up */
  staleStock: 'projector.staleStock',
  /** id prefixes of replica documents to project once (kinds a new version reads) */
  backfill: 'projector.backfill',
} as const;

/** Meta key of when this device last finished a sync (sync.svelte.ts). */
export const LAST_SYNC_KEY = 'sync.lastAt';

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
 * or upgrade; `table` finds a table by name there, null when an older version
 * has no such table yet).
 */
export async function forgetReadModels(table: (name: string) => Table | null): Promise<void> {
  for (const t of READ_MODEL_TABLES) await table(t)?.clear();
  await table('meta')?.bulkDelete([...FORGET_ON_REBUILD]);
}

/** A table of an upgrade's transaction, null when this version does not have it yet. */
const upgrading =
  (tx: Transaction) =>
  (name: string): Table | null => {
    try {
      return tx.table(name);
    } catch {
      return null; // (the upgrade's schema names only the tables of its version)
    }
  };

/**
 * Online orders a device projected before its rows had flags (the app updates after
 * the server): their ids, for the projector to read again. Orders come from the shop
 * page only since it existed, so only the orders made since then are looked at.
 */
const SHOP_PAGE_SINCE = '2026-12-01';
function onlineOrderIds(tx: Transaction): Promise<string[]> {
  return tx
    .table<OrderRow, string>('orders')
    .where('createdAt')
    .aboveOrEqual(SHOP_PAGE_SINCE)
    .filter((r) => isOnline(r.doc))
    .primaryKeys();
}

/**
 * Per-shop Dexie database: device-only data (cart, outbox, checkpoints) and the
 * read models, fed by PouchDB's changes feed and by a new device's first copy.
 */
export class ShopLocalDb extends Dexie {
  products!: Table<ProductRow, string>;
  customers!: Table<CustomerRow, string>;
  orders!: Table<OrderRow, string>;
  /** the orders again, compact, a day per row, for the reports (see report-days.ts) */
  reportDays!: Table<ReportDayRow, string>;
  /** days whose row is to be remade from the orders */
  reportStale!: Table<ReportStaleRow, string>;
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
  /** requests to email a customer, and the server's word on each (see mail.ts) */
  mails!: Table<MailRow, string>;
  mailStatus!: Table<MailStatusRow, string>;

  constructor(shopId: string) {
    // Live queries hand out frozen rows instead of a deep copy per reader: copying
    // 10,000 products after every sale, or a month of orders for a report, cost
    // more than the read. Nothing may change a row a live query returned.
    super(`stallkeeper_local_${shopId}`, { cache: 'immutable' });
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
        await forgetReadModels(upgrading(tx));
      });
    this.version(6)
      .stores({
        // the catalog and the reports group products by category
        products: 'id, codeLower, nameLower, active, updatedAt, category',
        // money owed (before a shop has invoices) reads only the orders still owing
        orders: 'id, createdAt, customerId, *saleKeys, deliveryAt, balance',
      })
      .upgrade(async (tx) => {
        // Product rows gained a category, order rows their tax and amended lines.
        await forgetReadModels(upgrading(tx));
      });
    this.version(7)
      .stores({ reportDays: 'key, day', reportStale: 'day' })
      .upgrade(async (tx) => {
        // Every day with orders is remade from the order rows already here (a copied
        // history is not fetched again).
        const created = await tx.table<OrderRow, string>('orders').orderBy('createdAt').keys();
        const days = new Set(created.map((k) => (typeof k === 'string' ? k.slice(0, 10) : '')));
        days.delete('');
        await tx
          .table<ReportStaleRow, string>('reportStale')
          .bulkPut([...days].map((day) => ({ day })));
      });
    this.version(8)
      .stores({ mails: 'id, orderId, invoiceId', mailStatus: 'mailId' })
      .upgrade(async (tx) => {
        // Email requests and statuses the replica already holds were skipped by the
        // projector before: it reads just those once (a whole replay would also
        // copy a shop's history again).
        await tx
          .table<MetaRow, string>('meta')
          .put({ key: PROJECTOR_KEYS.backfill, value: ['mail:', 'mailstatus:'] });
      });
    this.version(9)
      .stores({
        // the Orders badge, the new-order notice and the online allowances read the
        // few orders from the shop page that want something (orders/online.ts)
        orders: 'id, createdAt, customerId, *saleKeys, deliveryAt, balance, *flags',
      })
      .upgrade(async (tx) => {
        // Product rows gained the shop page's fields, order rows their flags: the
        // projector reads the products and the online orders once more (a handful of
        // documents beside the history).
        const meta = tx.table<MetaRow, string>('meta');
        const pending = (await meta.get(PROJECTOR_KEYS.backfill))?.value;
        const prefixes = Array.isArray(pending) ? pending.map(String) : [];
        await meta.put({
          key: PROJECTOR_KEYS.backfill,
          value: [...new Set([...prefixes, 'product:', ...(await onlineOrderIds(tx))])],
        });
      });
    // A new device writes every product row during its first sync, each index one more
    // record: the ones no screen queried (when it changed, whether it is active) go.
    this.version(10).stores({ products: 'id, codeLower, nameLower, category' });
    // The same for every order row: its customer, open delivery and money owed are
    // indexed only when it has them (OrderIndexKeys); most orders have none. The rows
    // that need the new keys are found by the old indexes, which version 12 drops: a
    // device with a long history reads those rows only, not all of them.
    this.version(11)
      .stores({
        orders:
          'id, createdAt, customerId, *saleKeys, deliveryAt, balance, *flags, customerKey, deliveryKey, owingKey',
      })
      .upgrade(async (tx) => {
        const orders = tx.table<OrderRow, string>('orders');
        const addKeys = (r: OrderRow) => {
          Object.assign(r, orderIndexKeys(r));
        };
        // (every owing row has a customer)
        await orders.where('customerId').above('').modify(addKeys);
        await orders.where('deliveryAt').above('').modify(addKeys);
      });
    this.version(12).stores({
      orders: 'id, createdAt, *saleKeys, *flags, customerKey, deliveryKey, owingKey',
    });
    // Products the same: a product's category is indexed only when it has one (most
    // stalls leave most products without), found by the old index, which 14 drops.
    this.version(13)
      .stores({ products: 'id, codeLower, nameLower, category, categoryKey' })
      .upgrade(async (tx) => {
        await tx
          .table<ProductRow, string>('products')
          .where('category')
          .above('')
          .modify((r) => {
            r.categoryKey = r.category;
          });
      });
    this.version(14).stores({ products: 'id, codeLower, nameLower, categoryKey' });
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
