import {
  fixedOffsetTime,
  foldOrder,
  previousPeriod,
  reportInvoiceOf,
  reportOrderOf,
  ulidTimePrefix,
  type Alert,
  type Invoice,
  type Order,
  type OrderEvent,
  type Product,
  type ReportInput,
} from '@stallkeeper/shared';
import { factsOf, settingsOf } from '../rest/order-reads.ts';
import type { ShopDb } from '../storage/shop-db.ts';

/** The most documents of one kind a digest reads (a shop beyond it is summarised from these). */
export const DIGEST_MAX_DOCS = 20_000;

async function range<T>(db: ShopDb, from: string, to: string): Promise<T[]> {
  const res = await db.allDocs({
    startkey: from,
    endkey: to,
    include_docs: true,
    limit: DIGEST_MAX_DOCS,
  });
  return res.rows.flatMap((r) => ('doc' in r && r.doc ? [r.doc as T] : []));
}

const byPrefix = <T>(db: ShopDb, prefix: string) => range<T>(db, prefix, `${prefix}\ufff0`);

/**
 * What the shared report needs for one UTC day of a shop, read from the server's
 * copy: the day's and the day before's orders (order ids sort by time), their
 * events, the catalogue, stock on hand, the day's oversell alerts and the invoices.
 */
export async function digestInput(
  db: ShopDb,
  onHand: ReadonlyMap<string, number>,
  day: string,
): Promise<ReportInput> {
  const local = fixedOffsetTime(0);
  const period = { from: `${day}T00:00:00.000Z`, to: local.startOfDay(nextDay(day)) };
  const previous = previousPeriod(period, local);
  const at = (iso: string) => ulidTimePrefix(Date.parse(iso));
  const [recent, products, alerts, invoices, settings] = await Promise.all([
    range<Order>(db, `order:${at(previous.from)}`, `order:${at(period.to)}`),
    byPrefix<Product>(db, 'product:'),
    range<Alert>(
      db,
      `alert:oversell:order:${at(period.from)}`,
      `alert:oversell:order:${at(period.to)}`,
    ),
    byPrefix<Invoice>(db, 'invoice:'),
    settingsOf(db),
  ]);
  const held = new Set(recent.map((o) => o._id));
  const invoiced = [...new Set(invoices.map((i) => i.orderId))].filter((id) => !held.has(id));
  const more = invoiced.length
    ? (await db.allDocs({ keys: invoiced, include_docs: true })).rows.flatMap((r) =>
        'doc' in r && r.doc ? [r.doc as unknown as Order] : [],
      )
    : [];
  const facts = await factsOf(db, [...recent, ...more]);
  const events: OrderEvent[] = facts.flatMap((f) => f.events);
  return {
    period,
    previousPeriod: previous,
    local,
    today: day,
    currency: settings.currency,
    lowStockDefault: settings.lowStockDefault,
    invoiceTermsDays: settings.invoiceTermsDays,
    onlyBy: null,
    orders: facts.map((f) => reportOrderOf(f.order, f.state ?? foldOrder(f.order, []))),
    events: events.filter((e) => e.at >= previous.from),
    products: products.map((p) => ({
      id: p._id,
      name: p.name,
      code: p.code,
      unit: p.unit,
      price: p.price,
      cost: p.cost,
      category: p.category ?? '',
      active: p.active,
      lowStockThreshold: p.lowStockThreshold,
    })),
    stock: products.map((p) => ({ productId: p._id, onHand: onHand.get(p._id) ?? 0 })),
    moves: [],
    alerts: alerts.map((a) => ({
      id: a._id,
      kind: a.kind,
      createdAt: a.createdAt,
      message: a.message,
      open: a.acknowledgedAt === null,
    })),
    invoices: invoices.map(reportInvoiceOf),
  };
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
