import {
  foldOrder,
  type Alert,
  type Allocation,
  type AuditEntry,
  kindOfId,
  reportInvoiceOf,
  reportOrderOf,
  type Customer,
  type Invoice,
  type MailRequest,
  type MailStatusDoc,
  type Order,
  type OrderEvent,
  type Product,
  type StockMovement,
} from '@stallkeeper/shared';
import type {
  AlertRow,
  AllocationRow,
  AuditRow,
  CustomerRow,
  EventRow,
  MoveRow,
  OrderRow,
  ProductRow,
  ReturnRow,
  InvoiceRow,
  Decision,
  FacetRow,
  MailRow,
  MailStatusRow,
} from './local.ts';
import { orderFlags } from '../orders/online.ts';
import { orderIndexKeys } from './local-rows.ts';

/** Pure mappings of stored documents to read-model rows. */
export function productRow(p: Product): ProductRow {
  return {
    id: p._id,
    code: p.code,
    codeLower: p.code.toLowerCase(),
    name: p.name,
    nameLower: p.name.toLowerCase(),
    unit: p.unit,
    price: p.price,
    cost: p.cost,
    description: p.description,
    imageUrl: p.imageUrl,
    hasPhoto: p._attachments?.photo ? 1 : 0,
    lowStockThreshold: p.lowStockThreshold,
    active: p.active ? 1 : 0,
    category: p.category ?? '',
    ...(p.category ? { categoryKey: p.category } : {}),
    online: p.online ? 1 : 0,
    onlineAllowance: p.onlineAllowance ?? null,
    updatedAt: p.updatedAt,
  };
}

export function customerRow(c: Customer): CustomerRow {
  return {
    id: c._id,
    name: c.name,
    nameLower: c.name.toLowerCase(),
    phone: c.phone,
    phoneDigits: c.phone.replace(/\D/g, ''),
    email: c.email,
    address: c.address,
    location: c.location,
    notes: c.notes,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export function orderRow(
  o: Order,
  events: readonly OrderEvent[],
  decision: Decision | null = null,
): OrderRow {
  const state = foldOrder(o, events);
  const row: OrderRow = {
    ...reportOrderOf(o, state),
    currency: o.currency,
    paymentStatus: state.paymentStatus,
    itemCount: state.lines.length,
    deliveryAt: deliveryAt(o, state),
    doc: o,
    // the lines that hold now take the stock (shared/amendments.ts)
    saleKeys: state.lines.map((l, i) => saleKey(l.productId, l.qty, i)),
    decision,
    flags: orderFlags(o, state),
  };
  return Object.assign(row, orderIndexKeys(row));
}

const OPEN_DELIVERY = new Set(['scheduled', 'dispatched', 'failed']);

function deliveryAt(o: Order, state: ReturnType<typeof foldOrder>): string {
  if (state.delivery && OPEN_DELIVERY.has(state.status)) return state.delivery.scheduledFor;
  if (o.channel === 'delivery' && state.status === 'open') return '-';
  return '';
}

export const invoiceRow = (i: Invoice): InvoiceRow => ({ ...reportInvoiceOf(i), doc: i });

export const mailRow = (m: MailRequest): MailRow => ({
  id: m._id,
  kind: m.kind,
  orderId: m.orderId,
  invoiceId: m.invoiceId ?? '',
  to: m.to,
  note: m.note,
  at: m.at,
  by: m.by,
});

export const mailStatusRow = (s: MailStatusDoc): MailStatusRow => ({
  mailId: s.mailId,
  status: s.status,
  reason: s.reason,
  at: s.at,
});

/** The devices and sellers some orders bring to the order filters. */
export function orderFacets(orders: readonly Order[]): FacetRow[] {
  const keys = new Set(orders.flatMap((o) => [`device|${o.deviceId}`, `seller|${o.by}`]));
  return [...keys].map((key) => ({ key }));
}

/** The people some activity-log entries name, for the sellers filter. */
export function nameFacets(entries: readonly AuditRow[]): FacetRow[] {
  const names = new Map(entries.flatMap((a) => (a.userName ? [[a.by, a.userName] as const] : [])));
  return [...names].map(([id, name]) => ({ key: `name|${id}`, name }));
}

/** A sale's stock fact as an index key; the line number keeps equal lines apart. */
export const saleKey = (productId: string, qty: number, line: number) =>
  `${productId}|${qty}|${line}`;

export function parseSaleKey(key: string): { productId: string; qty: number } {
  const [productId = '', qty = '0'] = key.split('|');
  return { productId, qty: Number(qty) };
}

/** The range of sale keys for one product. */
export const saleKeyPrefix = (productId: string) => `${productId}|`;

export const moveRow = (m: StockMovement): MoveRow => ({
  id: m._id,
  productId: m.productId,
  qty: m.qty,
  reason: m.reason,
  at: m.at,
  by: m.by,
});

/** The items a return put back on the shelf (written-off ones are not stock). */
export function returnRows(e: OrderEvent): ReturnRow[] {
  if (e.kind !== 'returned') return [];
  return e.items
    .filter((i) => i.restock !== false)
    .map((i) => ({
      key: `${e._id}|${i.productId}`,
      eventId: e._id,
      orderId: e.orderId,
      productId: i.productId,
      qty: i.qty,
    }));
}

export const allocationRow = (a: Allocation): AllocationRow => ({
  orderId: a.orderId,
  n: a.seq,
  status: a.status,
  lines: a.lines,
  decidedAt: a.decidedAt,
});

export const alertRow = (a: Alert): AlertRow => ({
  ...a,
  id: a._id,
  open: a.acknowledgedAt ? 0 : 1,
});
export const auditRow = (a: AuditEntry): AuditRow => ({ ...a, id: a._id });

export const eventRow = (e: OrderEvent): EventRow => ({ ...e, id: e._id });

export type ChangeDoc = { _id: string; _deleted?: boolean } & Record<string, unknown>;

/** What one batch of changes writes, and which derived rows it makes stale. */
export interface ProjectionBatch {
  products: ProductRow[];
  removedProducts: string[];
  customers: CustomerRow[];
  removedCustomers: string[];
  orders: Order[];
  events: OrderEvent[];
  moves: MoveRow[];
  allocations: AllocationRow[];
  alerts: AlertRow[];
  audit: AuditRow[];
  invoices: InvoiceRow[];
  mails: MailRow[];
  mailStatus: MailStatusRow[];
  settings: Record<string, unknown> | null;
  /** orders whose state must be re-folded */
  touchedOrders: Set<string>;
  /** products whose stock must be recomputed */
  touchedProducts: Set<string>;
}

export function planProjection(docs: readonly ChangeDoc[]): ProjectionBatch {
  const b: ProjectionBatch = {
    products: [],
    removedProducts: [],
    customers: [],
    removedCustomers: [],
    orders: [],
    events: [],
    moves: [],
    allocations: [],
    alerts: [],
    audit: [],
    invoices: [],
    mails: [],
    mailStatus: [],
    settings: null,
    touchedOrders: new Set(),
    touchedProducts: new Set(),
  };
  for (const doc of docs) {
    const kind = kindOfId(doc._id);
    if (doc._deleted) {
      if (kind === 'product') b.removedProducts.push(doc._id);
      if (kind === 'customer') b.removedCustomers.push(doc._id);
      continue;
    }
    switch (kind) {
      case 'product':
        b.products.push(productRow(doc as unknown as Product));
        break;
      case 'customer':
        b.customers.push(customerRow(doc as unknown as Customer));
        break;
      case 'order': {
        const o = doc as unknown as Order;
        b.orders.push(o);
        b.touchedOrders.add(o._id);
        for (const l of o.lines) b.touchedProducts.add(l.productId);
        break;
      }
      case 'orderevent': {
        const e = doc as unknown as OrderEvent;
        b.events.push(e);
        b.touchedOrders.add(e.orderId);
        if (e.kind === 'returned') for (const i of e.items) b.touchedProducts.add(i.productId);
        if (e.kind === 'amended') for (const l of e.lines) b.touchedProducts.add(l.productId);
        break;
      }
      case 'invoice':
        b.invoices.push(invoiceRow(doc as unknown as Invoice));
        break;
      case 'stock': {
        const m = doc as unknown as StockMovement;
        b.moves.push(moveRow(m));
        b.touchedProducts.add(m.productId);
        break;
      }
      case 'settings':
        b.settings = doc;
        break;
      case 'allocation': {
        b.allocations.push(allocationRow(doc as unknown as Allocation));
        break;
      }
      case 'alert':
        b.alerts.push(alertRow(doc as unknown as Alert));
        break;
      case 'audit':
        b.audit.push(auditRow(doc as unknown as AuditEntry));
        break;
      case 'mail':
        b.mails.push(mailRow(doc as unknown as MailRequest));
        break;
      case 'mailstatus':
        b.mailStatus.push(mailStatusRow(doc as unknown as MailStatusDoc));
        break;
      default:
        break;
    }
  }
  return b;
}
