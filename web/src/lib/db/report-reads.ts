import { DEFAULT_SETTINGS, type ReportPeriod, type SettingsFields } from '@stallkeeper/shared';
import type {
  AlertRow,
  EventRow,
  InvoiceRow,
  MoveRow,
  OrderRow,
  ProductRow,
  ReportOrderRow,
  ShopLocalDb,
  StockRow,
} from './local.ts';
import { readReportOrders } from './report-days.ts';
import { reportRow } from './report-row.ts';

/**
 * What a report reads from the read models, in two steps so the period itself
 * shows first: one range read per table, never a query per order, and rows as
 * they are stored (they carry their folded state: nothing is folded again). The
 * period's orders come from the reports' day rows (report-days.ts).
 */

/** What every period's report shares: the catalogue, stock and invoices as they are now. */
export interface ShopWideReads {
  products: ProductRow[];
  stock: StockRow[];
  /** every invoice: money owed is today's standing (read for the whole shop only) */
  invoices: InvoiceRow[];
  /** the orders the invoices are for */
  invoiceOrders: OrderRow[];
  settings: SettingsFields;
}

/** The period's own facts. */
export interface PeriodFacts {
  /** created in the period, and the older orders its events name (compact rows) */
  orders: ReportOrderRow[];
  /** from the period's start on (later ones tell how a delivery ended) */
  events: EventRow[];
  moves: MoveRow[];
  alerts: AlertRow[];
}

export type PeriodReads = ShopWideReads & PeriodFacts;

const byId = <T>(rows: readonly (T | undefined)[]): T[] =>
  rows.filter((o): o is T => o !== undefined);

export async function readShopWide(db: ShopLocalDb, onlyBy: string | null): Promise<ShopWideReads> {
  const [products, stock, invoices, settingsRow] = await Promise.all([
    db.products.toArray(),
    db.stock.toArray(),
    onlyBy === null ? db.invoices.toArray() : [],
    db.meta.get('settings'),
  ]);
  const invoiceOrders = invoices.length
    ? byId(await db.orders.bulkGet([...new Set(invoices.map((i) => i.orderId))]))
    : [];
  const settings: SettingsFields = {
    ...DEFAULT_SETTINGS,
    ...((settingsRow?.value as Partial<SettingsFields> | undefined) ?? {}),
  };
  return { products, stock, invoices, invoiceOrders, settings };
}

export async function readPeriodFacts(db: ShopLocalDb, period: ReportPeriod): Promise<PeriodFacts> {
  const [orders, events, moves, alerts] = await Promise.all([
    readReportOrders(db, period.from, period.to),
    db.events.where('at').aboveOrEqual(period.from).toArray(),
    db.moves.where('at').between(period.from, period.to, true, false).toArray(),
    db.alerts.where('createdAt').between(period.from, period.to, true, false).toArray(),
  ]);
  // older orders the period's events name (payments, refunds of earlier sales)
  const have = new Set(orders.map((o) => o.id));
  const named = new Set<string>();
  for (const e of events) if (!have.has(e.orderId)) named.add(e.orderId);
  if (!named.size) return { orders, events, moves, alerts };
  const older = byId(await db.orders.bulkGet([...named])).map(reportRow);
  return { orders: [...orders, ...older], events, moves, alerts };
}

/** What the comparison adds: the previous period's orders and events. */
export interface PreviousReads {
  /** created in the previous period, and the older orders its events name (compact rows) */
  orders: ReportOrderRow[];
  events: EventRow[];
}

/**
 * The previous period's facts, for the comparison. (Orders the first step read as
 * well are counted once: buildReport keeps the first of an id.)
 */
export async function readPrevious(
  db: ShopLocalDb,
  period: ReportPeriod,
  previous: ReportPeriod,
): Promise<PreviousReads> {
  const [orders, events] = await Promise.all([
    readReportOrders(db, previous.from, period.from),
    db.events.where('at').between(previous.from, period.from, true, false).toArray(),
  ]);
  const have = new Set(orders.map((o) => o.id));
  const named = new Set<string>();
  for (const e of events) if (!have.has(e.orderId)) named.add(e.orderId);
  if (!named.size) return { orders, events };
  return {
    orders: [...orders, ...byId(await db.orders.bulkGet([...named])).map(reportRow)],
    events,
  };
}

/**
 * For money owed before the shop has invoices (whole shop only): every order a
 * customer still owes on, by their sparse index (most orders owe nothing); with
 * invoices, or for a seller, it reads nothing.
 */
export async function readOwing(db: ShopLocalDb, onlyBy: string | null): Promise<OrderRow[]> {
  if (onlyBy !== null || (await db.invoices.count()) > 0) return [];
  return db.orders.where('owingKey').above(0).toArray();
}
