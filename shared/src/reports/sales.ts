import { divRound, type Minor } from '../money.ts';
import { PAYMENT_METHODS, type PaymentMethod } from '../schemas/vocabulary.ts';
import { daysOf, type LocalTime } from './period.ts';
import { inPeriod, type ReportContext } from './context.ts';
import type { ReportOrder } from './input.ts';
import type {
  DayFigures,
  HourFigures,
  MethodFigures,
  PersonFigures,
  ReportPeriod,
  SalesSummary,
} from './types.ts';

/**
 * Sales figures. The rules, used everywhere a report counts a sale:
 * - a sale of a period is an order created in it (its createdAt) that is not
 *   cancelled now; its revenue is its total after amendments, tax included;
 * - refunds are money paid back by events in the period (returns and
 *   cancellations), whenever the order was made; net = revenue − refunds of
 *   returns in the period (a cancelled order's revenue never counted);
 * - a seller's report (onlyBy) counts their own orders and the events of them.
 */

/** Whether an order counts as a sale (of the seller, when one is given). */
export const countsAsSale = (
  o: Pick<ReportOrder, 'status' | 'by'>,
  onlyBy: string | null,
): boolean => o.status !== 'cancelled' && (onlyBy === null || o.by === onlyBy);

/** The period's sales: its orders that count, for the report's seller. */
export const salesOf = (ctx: ReportContext, orders: readonly ReportOrder[]): ReportOrder[] =>
  orders.filter((o) => countsAsSale(o, ctx.input.onlyBy));

const average = (total: Minor, n: number): Minor =>
  n === 0 ? 0 : Number(divRound(BigInt(total), BigInt(n)));

export function salesSummary(
  ctx: ReportContext,
  sales: readonly ReportOrder[],
  period: ReportPeriod,
): SalesSummary {
  let revenue = 0;
  let tax = 0;
  for (const o of sales) {
    revenue += o.total;
    tax += o.tax;
  }
  let refunds = 0;
  let returned = 0;
  for (const e of ctx.input.events) {
    if ((e.kind !== 'returned' && e.kind !== 'cancelled') || !inPeriod(e.at, period)) continue;
    if (!ctx.counts(e)) continue;
    const amount = e.refund ?? 0;
    refunds += amount;
    if (e.kind === 'returned') returned += amount;
  }
  return {
    revenue,
    orders: sales.length,
    averageBasket: average(revenue, sales.length),
    tax,
    refunds,
    net: revenue - returned,
  };
}

/** Every day of the period, zeros included, by each order's local day. */
export function salesByDay(ctx: ReportContext, sales: readonly ReportOrder[]): DayFigures[] {
  const { local, period } = ctx.input;
  return dayFigures(sales, daysOf(period, local), local);
}

/**
 * Revenue and orders on each of some local days (zeros included), of orders that
 * count as sales (see countsAsSale); orders on other days are left out.
 */
export function dayFigures(
  sales: readonly Pick<ReportOrder, 'createdAt' | 'total'>[],
  dayList: readonly string[],
  local: LocalTime,
): DayFigures[] {
  const days = dayList.map((day) => ({ day, revenue: 0, orders: 0 }));
  const index = new Map(days.map((d) => [d.day, d]));
  for (const o of sales) {
    const d = index.get(local.dayOf(o.createdAt));
    if (!d) continue;
    d.revenue += o.total;
    d.orders++;
  }
  return days;
}

/** All 24 local hours. */
export function salesByHour(ctx: ReportContext, sales: readonly ReportOrder[]): HourFigures[] {
  const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, revenue: 0, orders: 0 }));
  for (const o of sales) {
    const h = hours[ctx.input.local.hourOf(o.createdAt)];
    if (!h) continue;
    h.revenue += o.total;
    h.orders++;
  }
  return hours;
}

/**
 * Money by payment method, as it moved in the period: what was paid at checkout
 * by the period's orders (a cancelled one's too: the money came in, and its
 * refund is counted below) plus later payments recorded in the period; refunded
 * is what was paid back in the period, by the way it went back (the order's own
 * method when the refund did not say).
 */
export function salesByMethod(ctx: ReportContext): MethodFigures[] {
  const { period } = ctx.input;
  const figures = new Map<PaymentMethod, MethodFigures>(
    PAYMENT_METHODS.map((method) => [method, { method, received: 0, refunded: 0 }]),
  );
  const at = (m: PaymentMethod) => figures.get(m) ?? { method: m, received: 0, refunded: 0 };
  for (const o of ctx.current) {
    if (ctx.mine(o)) at(o.method).received += o.doc.payment.paid;
  }
  for (const e of ctx.input.events) {
    if (!inPeriod(e.at, period) || !ctx.counts(e)) continue;
    if (e.kind === 'payment') at(e.method).received += e.amount;
    if (e.kind === 'returned' || e.kind === 'cancelled') {
      const method = e.refundMethod ?? ctx.orderById.get(e.orderId)?.method ?? 'cash';
      at(method).refunded += e.refund ?? 0;
    }
  }
  return [...figures.values()];
}

/** Revenue and orders per seller or per device, best first. */
export function salesByPerson(
  sales: readonly ReportOrder[],
  key: (o: ReportOrder) => string,
): PersonFigures[] {
  const people = new Map<string, PersonFigures>();
  for (const o of sales) {
    const id = key(o);
    const p = people.get(id) ?? { id, revenue: 0, orders: 0 };
    p.revenue += o.total;
    p.orders++;
    people.set(id, p);
  }
  return [...people.values()].sort(
    (a, b) => b.revenue - a.revenue || b.orders - a.orders || (a.id < b.id ? -1 : 1),
  );
}
