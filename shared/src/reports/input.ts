import type { Minor } from '../money.ts';
import type { OrderStatus } from '../order-state.ts';
import type { Unit } from '../quantity.ts';
import type { Channel, PaymentMethod } from '../schemas/vocabulary.ts';
import type { LocalTime } from './period.ts';
import type { ReportPeriod } from './types.ts';

/**
 * What a report is computed from: structural types shaped like the device's
 * read-model rows (web/src/lib/db/local-rows.ts), so the web passes its rows as
 * they are read. Orders carry their folded state (status, totals, payments): the
 * report never folds an order again.
 */

/** A sold line (an order's own, or the amendment's that holds). */
export interface ReportLine {
  productId: string;
  /** as sold; a report names a product by the catalogue's code and name when it has them, so compact copies may leave these out */
  code?: string;
  name?: string;
  unit: Unit;
  unitPrice: Minor;
  /** base units: grams for kg… */
  qty: number;
  lineTotal: Minor;
}

export interface ReportOrder {
  id: string;
  number: string;
  createdAt: string;
  channel: Channel;
  /** the folded status now */
  status: OrderStatus;
  /** the seller who took it */
  by: string;
  deviceId: string;
  /** '' for a walk-in */
  customerId: string;
  customerName: string;
  /** how it was paid at checkout */
  method: PaymentMethod;
  /** after amendments, tax included */
  total: Minor;
  tax: Minor;
  /** paid so far (checkout and later payments), paid back, left to pay */
  paid: Minor;
  refunded: Minor;
  balance: Minor;
  /** the order as sold: its lines and what was paid at checkout */
  doc: { lines: readonly ReportLine[]; payment: { paid: Minor } };
  /** the lines that hold now when an amendment changed them, else null */
  amendedLines: readonly ReportLine[] | null;
}

interface EventBase {
  _id: string;
  orderId: string;
  at: string;
  by: string;
}

/** The order events a report reads (others, such as notes, may be passed and are ignored). */
export type ReportEvent =
  | (EventBase & { kind: 'payment'; amount: Minor; method: PaymentMethod })
  | (EventBase & {
      kind: 'cancelled';
      reason: string;
      refund?: Minor | undefined;
      refundMethod?: PaymentMethod | undefined;
    })
  | (EventBase & {
      kind: 'returned';
      items: readonly { productId: string; qty: number; restock?: boolean | undefined }[];
      refund: Minor;
      refundMethod?: PaymentMethod | undefined;
      reason?: string | undefined;
    })
  | (EventBase & {
      kind: 'delivery_scheduled';
      scheduledFor: string;
      windowEnd?: string | undefined;
    })
  | (EventBase & { kind: 'delivery_failed'; reason: string })
  | (EventBase & {
      kind:
        | 'delivered'
        | 'dispatched'
        | 'amended'
        | 'note'
        | 'accepted'
        | 'ready'
        | 'customer_request'
        | 'request_declined';
    });

export interface ReportProduct {
  id: string;
  name: string;
  code: string;
  unit: Unit;
  price: Minor;
  /** per unit (per kg for weighed goods); null when unknown */
  cost: Minor | null;
  /** '' when it has none */
  category: string;
  active: boolean | 0 | 1;
  lowStockThreshold: number | null;
}

export interface ReportMove {
  productId: string;
  /** signed, base units */
  qty: number;
  /** initial, restock, count, adjustment or damage */
  reason: string;
  at: string;
}

export interface ReportAlert {
  id: string;
  kind: string;
  createdAt: string;
  message: string;
  /** not yet acknowledged */
  open: boolean | 0 | 1;
}

export interface ReportInvoice {
  id: string;
  number: string;
  orderId: string;
  customerId: string;
  customerName: string;
  issuedOn: string;
  dueOn: string;
  total: Minor;
}

export interface ReportInput {
  period: ReportPeriod;
  /** see previousPeriod() in period.ts */
  previousPeriod: ReportPeriod;
  local: LocalTime;
  /** the device's local day (YYYY-MM-DD) money owed is aged against */
  today: string;
  currency: string;
  /** the shop's low-stock threshold for products without their own */
  lowStockDefault: number;
  /** the shop's payment terms: an un-invoiced sale is due this many days after its day */
  invoiceTermsDays: number;
  /** null: the whole shop; else the seller whose own sales the report shows */
  onlyBy: string | null;
  /**
   * Every order the report needs: those created in [previousPeriod.from, period.to),
   * those the events and invoices below name, and (for money owed without invoices)
   * those with a balance left to pay. Which figures count an order is decided here
   * by its createdAt, so passing more changes nothing.
   */
  orders: readonly ReportOrder[];
  /**
   * Order events from previousPeriod.from on (later ones than period.to included:
   * they tell how a delivery of the period ended).
   */
  events: readonly ReportEvent[];
  products: readonly ReportProduct[];
  /** on hand per product, from the device's stock read model */
  stock: readonly { productId: string; onHand: number }[];
  /** stock movements in the period (others are ignored) */
  moves: readonly ReportMove[];
  /** alerts created in the period (others are ignored) */
  alerts: readonly ReportAlert[];
  /** every invoice of the shop (money owed is a standing today, not a period figure) */
  invoices: readonly ReportInvoice[];
}
