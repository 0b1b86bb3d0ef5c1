/** The rows of a shop's Dexie tables (see local.ts), as the screens read them. */
import type { OrderFlag } from '../orders/online.ts';
import type {
  Alert,
  AllocStatus,
  AuditEntry,
  CartLine,
  Channel,
  Order,
  OrderLine,
  OrderEvent,
  OrderStatus,
  PaymentMethod,
  PaymentStatus,
  Invoice,
  MailKind,
  MailStatus,
  Product,
  ReportLine,
  ReportOrder,
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
  /** '' when the product has none */
  category: string;
  /** the category, only when there is one: indexed, and a row without costs the index nothing */
  categoryKey?: string;
  /** offered on the shop page (rows made before it existed lack it: not online) */
  online?: 0 | 1;
  /** base units open online orders may hold at once; null: all free stock */
  onlineAllowance?: number | null;
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
  /** tax in the total (the latest amendment's, when amended) */
  tax: number;
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
  /** the lines that hold now when an amendment changed them (else null: the order's own) */
  amendedLines: OrderLine[] | null;
  /**
   * The order's stock facts, one `productId|qty|line` key per line (a multi-entry
   * index): stock is recomputed from the index keys alone, without reading rows.
   */
  saleKeys: string[];
  /** the resolver's decision when it was copied with the order (a first sync) */
  decision: Decision | null;
  /**
   * What a shop-page order wants (new, a customer's request) and whether it holds
   * online allowance (see orders/online.ts); a multi-entry index. Rows made before
   * the shop page lack it: they were never online orders.
   */
  flags?: OrderFlag[];
  /** the customer's id when the order has one (see OrderIndexKeys) */
  customerKey?: string;
  /** `deliveryAt` when there is an open delivery */
  deliveryKey?: string;
  /** `balance` when a customer owes on the order */
  owingKey?: number;
}

/**
 * The order row's sparse index keys: present only when they apply, because an
 * absent key writes no index record. Most orders are paid counter sales with no
 * customer, and a new device writes every one of them in its first sync: an index
 * over '' or 0 would cost a record per order for rows no screen asks for.
 */
export type OrderIndexKeys = Pick<OrderRow, 'customerKey' | 'deliveryKey' | 'owingKey'>;

/** The sparse index keys an order row holds (see OrderIndexKeys). */
export function orderIndexKeys(
  row: Pick<OrderRow, 'customerId' | 'deliveryAt' | 'balance'>,
): OrderIndexKeys {
  return {
    ...(row.customerId ? { customerKey: row.customerId } : {}),
    ...(row.deliveryAt ? { deliveryKey: row.deliveryAt } : {}),
    ...(row.customerId && row.balance > 0 ? { owingKey: row.balance } : {}),
  };
}

/**
 * An order as the reports read it (see projection.ts reportRow): a third of an
 * order row's size, because a month's report reads thousands of them at once.
 */
export interface ReportOrderRow extends ReportOrder {
  doc: { lines: ReportLine[]; payment: { paid: number } };
  amendedLines: ReportLine[] | null;
}

/** A UTC day's orders for the reports (see report-days.ts). */
export interface ReportDayRow {
  /** `<day>#<part>` */
  key: string;
  day: string;
  /** JSON of the day's ReportOrderRow[] (see report-days.ts for why text) */
  orders: string;
}

export interface ReportStaleRow {
  day: string;
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
/** A request to email a customer (a `mail:` document), as the screens list them. */
export interface MailRow {
  id: string;
  kind: MailKind;
  orderId: string;
  /** '' for a receipt (an index holds no nulls) */
  invoiceId: string;
  to: string;
  note: string;
  at: string;
  by: string;
}
/**
 * The server's word on a request (its `mailstatus:` document), kept apart from the
 * request: the server rewrites it as the send goes on, and it may arrive first.
 */
export interface MailStatusRow {
  mailId: string;
  status: MailStatus;
  reason: string;
  at: string;
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
