import type { AgingBucket } from '../invoices.ts';
import type { Minor } from '../money.ts';
import type { OrderStatus } from '../order-state.ts';
import type { Channel, PaymentMethod } from '../schemas/vocabulary.ts';
import type { Unit } from '../quantity.ts';

/**
 * What the Reports screen shows, computed on the device from its read models by
 * one pure function (reports/build.ts). Amounts are minor units of `currency`;
 * quantities are base units (grams for kg…). Instants are ISO strings.
 */

/** A half-open span of time [from, to) and how the screen names it. */
export interface ReportPeriod {
  from: string;
  to: string;
}

/** The headline figures, for this period and the one before it. */
export interface SalesSummary {
  /** totals of the period's orders that were not cancelled (after amendments, tax included) */
  revenue: Minor;
  orders: number;
  /** revenue / orders, rounded (0 without orders) */
  averageBasket: Minor;
  /** tax inside that revenue */
  tax: Minor;
  /** money paid back in the period (returns and cancellations of paid orders) */
  refunds: Minor;
  /** revenue − refunds of returns (a cancelled order's revenue never counted) */
  net: Minor;
}

export interface DayFigures {
  /** local calendar day, YYYY-MM-DD */
  day: string;
  revenue: Minor;
  orders: number;
}

export interface HourFigures {
  /** local hour of the day, 0–23 */
  hour: number;
  revenue: Minor;
  orders: number;
}

export interface ProductFigures {
  productId: string;
  name: string;
  code: string;
  unit: Unit;
  category: string;
  /** base units sold, net of returns in the period's orders */
  qty: number;
  revenue: Minor;
  /** qty × the product's cost now; null when the product has no cost */
  cost: Minor | null;
  margin: Minor | null;
}

/*
 * Fields marked optional below were added after the screen was first built
 * against these types; buildReport always sets them.
 */

export interface CategoryFigures {
  /** '' for products without a category */
  category: string;
  revenue: Minor;
  cost: Minor | null;
  margin: Minor | null;
  products: number;
  /** how many of its products have no cost (then cost and margin are null) */
  uncosted?: number;
}

export interface MethodFigures {
  method: PaymentMethod;
  /** money taken with this method in the period (at checkout and later payments) */
  received: Minor;
  refunded: Minor;
}

export interface PersonFigures {
  /** a user id (sellers) or a device id (devices) */
  id: string;
  revenue: Minor;
  orders: number;
}

export interface SalesReport {
  summary: SalesSummary;
  /** the previous period of the same length, for comparison */
  previous: SalesSummary;
  /** every day of the period, zeros included */
  byDay: DayFigures[];
  /** all 24 hours */
  byHour: HourFigures[];
  /** best sellers first (by revenue) */
  byProduct: ProductFigures[];
  byCategory: CategoryFigures[];
  byMethod: MethodFigures[];
  bySeller: PersonFigures[];
  byDevice: PersonFigures[];
}

export interface DeliveryPerformance {
  /** delivery orders of the period that were scheduled */
  scheduled: number;
  delivered: number;
  /** delivered by the end of their window (or their day, without one) */
  onTime: number;
  late: number;
  failed: number;
  /** scheduled, not yet delivered or failed */
  open: number;
}

export interface OrderIssue {
  orderId: string;
  /** the order's number ('' when this device does not hold the order) */
  number: string;
  at: string;
  /** '' when none was given */
  reason: string;
  /** paid back */
  refund: Minor;
}

export interface OrdersReport {
  byStatus: { status: OrderStatus; count: number }[];
  byChannel: { channel: Channel; count: number; revenue: Minor }[];
  deliveries: DeliveryPerformance;
  cancellations: OrderIssue[];
  /** items: how many products (lines) came back */
  returns: (OrderIssue & { items: number })[];
}

export interface StockLine {
  productId: string;
  name: string;
  code: string;
  unit: Unit;
  category: string;
  onHand: number;
  /** onHand × cost (null without a cost); never below 0 */
  valueAtCost: Minor | null;
  valueAtPrice: Minor;
  badge: 'ok' | 'low' | 'out';
}

/** The kinds of stock movement a report counts, in the order a person reads them. */
export const MOVEMENT_KINDS = [
  'restock',
  'sale',
  'return',
  'writeoff',
  'count',
  'adjustment',
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export interface StockReport {
  products: StockLine[];
  totals: { valueAtCost: Minor; valueAtPrice: Minor; low: number; out: number };
  /** base units moved in the period, per kind, over all products (signed: sales negative) */
  movements: { kind: MovementKind; qty: number; products: number }[];
  /** per product, for the table and the CSV */
  movementsByProduct: {
    productId: string;
    name: string;
    unit: Unit;
    moves: Partial<Record<MovementKind, number>>;
  }[];
  /** oversell alerts the server raised in the period */
  oversells: { alertId: string; at: string; message: string; open: boolean }[];
}

export interface MoneyOwedReport {
  /** outstanding invoice balances by age (shared/invoices.ts agingBucket) */
  aging: { bucket: AgingBucket; count: number; amount: Minor }[];
  customers: {
    /** '' for a walk-in named on an invoice */
    customerId: string;
    name: string;
    balance: Minor;
    /** outstanding invoices (0 before the shop issues invoices) */
    invoices: number;
    /** outstanding debts: invoices, or orders before the shop issues invoices */
    orders?: number;
    /** the oldest of their debts' aging buckets */
    oldestBucket?: AgingBucket;
  }[];
  total: Minor;
  /**
   * what the figures are made of: outstanding invoices; balances of sales (until
   * the shop issues invoices); or nothing, for a seller's report (money owed is the
   * owner's to chase)
   */
  source?: 'invoices' | 'sales' | 'hidden';
}

export interface Report {
  period: ReportPeriod;
  previousPeriod: ReportPeriod;
  currency: string;
  /** null: the whole shop; else the one seller whose sales these are */
  onlyBy: string | null;
  sales: SalesReport;
  orders: OrdersReport;
  stock: StockReport;
  owed: MoneyOwedReport;
  /**
   * Parts the device is still working out (it shows the rest first): the previous
   * period's figures, and money owed before the shop has invoices. Absent or empty:
   * the report is complete.
   */
  pending?: ReportPart[];
}

export type ReportPart = 'previous' | 'owed';
