import { emptyFacts, stockLevels, type Order, type OrderEvent } from '@stallkeeper/shared';
import type { AllocationRow, Decision, MailStatusRow, ShopLocalDb } from './local.ts';
import {
  eventRow,
  nameFacets,
  orderFacets,
  orderRow,
  parseSaleKey,
  returnRows,
  saleKeyPrefix,
  type ProjectionBatch,
} from './projection.ts';
import { markAllDaysStale, markDaysStale } from './report-days.ts';

/** Above this many products a stock recompute reads whole tables instead of indexes. */
const WHOLE_TABLE = 400;

export interface WriteOptions {
  /** the documents are the server's current revisions (a copy), so newer than anything held */
  latest?: boolean;
}

/** Write one planned batch into the read-model tables (inside the caller's transaction). */
export async function writeBatch(
  db: ShopLocalDb,
  plan: ProjectionBatch,
  opts: WriteOptions = {},
): Promise<void> {
  if (plan.products.length) await db.products.bulkPut(plan.products);
  if (plan.removedProducts.length) {
    await db.products.bulkDelete(plan.removedProducts);
    await markAllDaysStale(db); // their names now live only in the order rows
  }
  if (plan.customers.length) await db.customers.bulkPut(plan.customers);
  if (plan.removedCustomers.length) await db.customers.bulkDelete(plan.removedCustomers);
  if (plan.moves.length) await db.moves.bulkPut(plan.moves);
  if (plan.orders.length) await db.facets.bulkPut(orderFacets(plan.orders));
  if (plan.events.length) {
    await db.events.bulkPut(plan.events.map(eventRow));
    await db.returns.bulkPut(plan.events.flatMap(returnRows));
    const cancelled = plan.events.filter((e) => e.kind === 'cancelled').map((e) => e.orderId);
    if (cancelled.length) {
      await db.cancels.bulkPut(cancelled.map((orderId) => ({ orderId })));
      // A cancellation gives back every line of the order.
      for (const order of await db.orders.bulkGet(cancelled)) {
        for (const key of order?.saleKeys ?? []) {
          plan.touchedProducts.add(parseSaleKey(key).productId);
        }
      }
      const returned = await db.returns.where('orderId').anyOf(cancelled).toArray();
      for (const r of returned) plan.touchedProducts.add(r.productId);
    }
  }
  if (plan.invoices.length) await db.invoices.bulkPut(plan.invoices);
  if (plan.mails.length) await db.mails.bulkPut(plan.mails);
  if (plan.mailStatus.length) await writeMailStatus(db, plan.mailStatus);
  if (plan.settings) await db.meta.put({ key: 'settings', value: plan.settings });
  if (plan.alerts.length) await db.alerts.bulkPut(plan.alerts);
  if (plan.audit.length) {
    await db.audit.bulkPut(plan.audit);
    await db.facets.bulkPut(nameFacets(plan.audit));
  }
  const { copied, allocations } = splitDecisions(plan, opts);
  if (allocations.length) {
    // Keep only the latest decision per order (decisions may arrive in any order).
    const current = opts.latest
      ? []
      : await db.allocations.bulkGet(allocations.map((a) => a.orderId));
    const latest = new Map<string, (typeof allocations)[number]>();
    current.forEach((c) => c && latest.set(c.orderId, c));
    for (const a of allocations) {
      const prev = latest.get(a.orderId);
      if (!prev || a.n >= prev.n) latest.set(a.orderId, a);
    }
    await db.allocations.bulkPut([...latest.values()]);
  }
  await refoldOrders(db, plan, copied, opts);
}

const SETTLED = new Set(['sent', 'failed']);

/**
 * The server rewrites a request's status as the send goes on (queued, then sent or
 * failed); a replayed or late "queued" never hides what was already decided.
 */
async function writeMailStatus(db: ShopLocalDb, rows: readonly MailStatusRow[]): Promise<void> {
  const held = await db.mailStatus.bulkGet(rows.map((r) => r.mailId));
  const latest = new Map<string, MailStatusRow>();
  held.forEach((h) => h && latest.set(h.mailId, h));
  for (const r of rows) {
    const prev = latest.get(r.mailId);
    if (!prev || !(SETTLED.has(prev.status) && r.status === 'queued')) latest.set(r.mailId, r);
  }
  await db.mailStatus.bulkPut([...latest.values()]);
}

/**
 * A copy brings each order with its decisions: those go into the order rows;
 * any other decision goes to the allocations table.
 */
function splitDecisions(
  plan: ProjectionBatch,
  opts: WriteOptions,
): { copied: Map<string, Decision>; allocations: AllocationRow[] } {
  const copied = new Map<string, Decision>();
  if (!opts.latest) return { copied, allocations: plan.allocations };
  const inBatch = new Set(plan.orders.map((o) => o._id));
  const allocations: AllocationRow[] = [];
  for (const a of plan.allocations) {
    const prev = copied.get(a.orderId);
    if (!inBatch.has(a.orderId)) allocations.push(a);
    else if (!prev || a.n >= prev.n) copied.set(a.orderId, { n: a.n, status: a.status });
  }
  return { copied, allocations };
}

/**
 * Re-fold the state of every order the batch touched (new order or new event),
 * keeping the decision a row holds. A copy's orders are new to this device, so
 * only rows touched by events are read.
 */
async function refoldOrders(
  db: ShopLocalDb,
  plan: ProjectionBatch,
  copied: ReadonlyMap<string, Decision>,
  opts: WriteOptions,
): Promise<void> {
  if (!plan.touchedOrders.size) return;
  const ids = [...plan.touchedOrders];
  const fresh = new Map(plan.orders.map((o) => [o._id, o]));
  const decisions = new Map(copied);
  const stored = await db.orders.bulkGet(opts.latest ? ids.filter((id) => !fresh.has(id)) : ids);
  for (const row of stored) {
    if (!row) continue;
    if (!fresh.has(row.id)) fresh.set(row.id, row.doc);
    if (row.decision && !decisions.has(row.id)) decisions.set(row.id, row.decision);
  }
  const events = await db.events.where('orderId').anyOf(ids).toArray();
  const byOrder = new Map<string, OrderEvent[]>();
  for (const e of events) byOrder.set(e.orderId, [...(byOrder.get(e.orderId) ?? []), e]);
  const rows = [...fresh.values()].map((o: Order) =>
    orderRow(o, byOrder.get(o._id) ?? [], decisions.get(o._id) ?? null),
  );
  // An amendment (or a hand-over that undid a late one) moves stock between products:
  // every product the order took before or takes now is recomputed.
  const before = new Map(stored.flatMap((r) => (r ? [[r.id, r.saleKeys] as const] : [])));
  for (const row of rows) {
    const old = before.get(row.id);
    if (!old || old.join() === row.saleKeys.join()) continue;
    for (const key of [...old, ...row.saleKeys]) {
      plan.touchedProducts.add(parseSaleKey(key).productId);
    }
  }
  await db.orders.bulkPut(rows);
  await markDaysStale(db, rows);
}

/**
 * Recompute stock on hand for some products with the shared ledger function, from
 * the fact tables. Runs inside the caller's transaction.
 */
export async function recomputeStock(
  db: ShopLocalDb,
  productIds: ReadonlySet<string>,
): Promise<void> {
  if (!productIds.size) return;
  const ids = [...productIds];
  const whole = ids.length > WHOLE_TABLE;
  // Sales are read from the orders' sale-key index alone (no order rows).
  const sales = new Map<string, { productId: string; qty: number }[]>();
  const collect = (key: unknown, cursor: { primaryKey: unknown }) => {
    const orderId = String(cursor.primaryKey);
    const lines = sales.get(orderId) ?? [];
    lines.push(parseSaleKey(String(key)));
    sales.set(orderId, lines);
  };
  const [moves, returns] = await Promise.all([
    whole ? db.moves.toArray() : db.moves.where('productId').anyOf(ids).toArray(),
    whole ? db.returns.toArray() : db.returns.where('productId').anyOf(ids).toArray(),
    whole
      ? db.orders.orderBy('saleKeys').eachKey(collect)
      : db.orders.where('saleKeys').startsWithAnyOf(ids.map(saleKeyPrefix)).eachKey(collect),
  ]);
  const orderIds = [...new Set([...sales.keys(), ...returns.map((r) => r.orderId)])];
  const cancels = whole ? await db.cancels.toArray() : await db.cancels.bulkGet(orderIds);

  const facts = emptyFacts();
  for (const m of moves) facts.movements.set(m.id, { productId: m.productId, qty: m.qty });
  facts.sales = sales;
  for (const r of returns) {
    const entry = facts.returns.get(r.eventId) ?? { orderId: r.orderId, items: [] };
    entry.items.push({ productId: r.productId, qty: r.qty });
    facts.returns.set(r.eventId, entry);
  }
  for (const c of cancels) if (c) facts.cancelled.add(c.orderId);

  const levels = stockLevels(facts);
  await db.stock.bulkPut(
    ids.map((productId) => ({ productId, onHand: levels.get(productId) ?? 0 })),
  );
}
