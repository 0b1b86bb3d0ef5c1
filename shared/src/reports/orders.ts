import { ORDER_STATUSES } from '../order-state.ts';
import { CHANNELS } from '../schemas/vocabulary.ts';
import { addDays } from './period.ts';
import { inPeriod, type ReportContext } from './context.ts';
import type { ReportEvent, ReportOrder } from './input.ts';
import type { DeliveryPerformance, OrderIssue, OrdersReport } from './types.ts';

/**
 * Orders of the period (created in it, the report's seller's): how many stand in
 * each status now (cancelled ones included), and per channel how many sales and
 * their revenue (cancelled ones excluded, as in the sales figures).
 */
export function ordersReport(ctx: ReportContext): OrdersReport {
  const mine = ctx.current.filter((o) => ctx.mine(o));
  const byStatus = ORDER_STATUSES.map((status) => ({ status, count: 0 }));
  const byChannel = CHANNELS.map((channel) => ({ channel, count: 0, revenue: 0 }));
  for (const o of mine) {
    const s = byStatus.find((x) => x.status === o.status);
    if (s) s.count++;
    if (o.status === 'cancelled') continue;
    const c = byChannel.find((x) => x.channel === o.channel);
    if (c) {
      c.count++;
      c.revenue += o.total;
    }
  }
  return {
    byStatus,
    byChannel,
    deliveries: deliveryPerformance(ctx, mine),
    cancellations: issues(ctx, 'cancelled'),
    returns: issues(ctx, 'returned'),
  };
}

/**
 * How the period's delivery orders (not cancelled) that were scheduled went, as
 * known now: delivered on time when it arrived by the end of its window (or, with
 * no window end, by the end of the local day it was planned for), else late;
 * failed when its last attempt failed; open while it waits or is on its way. The
 * latest schedule holds (a failed delivery may be planned again).
 */
function deliveryPerformance(
  ctx: ReportContext,
  orders: readonly ReportOrder[],
): DeliveryPerformance {
  const d: DeliveryPerformance = {
    scheduled: 0,
    delivered: 0,
    onTime: 0,
    late: 0,
    failed: 0,
    open: 0,
  };
  const { local } = ctx.input;
  for (const o of orders) {
    if (o.channel !== 'delivery' || o.status === 'cancelled') continue;
    let plan: Extract<ReportEvent, { kind: 'delivery_scheduled' }> | null = null;
    let deliveredAt: string | null = null;
    for (const e of ctx.eventsByOrder.get(o.id) ?? []) {
      if (e.kind === 'delivery_scheduled' && (!plan || e.at >= plan.at)) plan = e;
      if (e.kind === 'delivered' && (deliveredAt === null || e.at < deliveredAt)) {
        deliveredAt = e.at;
      }
    }
    if (!plan) continue;
    d.scheduled++;
    if (o.status === 'delivered') {
      d.delivered++;
      const due = plan.windowEnd ?? local.startOfDay(addDays(local.dayOf(plan.scheduledFor), 1));
      // (a delivered order's delivery is among its events; were it missing, it is not held against it)
      if (deliveredAt === null || Date.parse(deliveredAt) <= Date.parse(due)) d.onTime++;
      else d.late++;
    } else if (o.status === 'failed') {
      d.failed++;
    } else {
      d.open++;
    }
  }
  return d;
}

/** Cancellations or returns recorded in the period, with their reasons and refunds, oldest first. */
function issues(ctx: ReportContext, kind: 'cancelled'): OrderIssue[];
function issues(ctx: ReportContext, kind: 'returned'): (OrderIssue & { items: number })[];
function issues(ctx: ReportContext, kind: 'cancelled' | 'returned'): OrderIssue[] {
  const out: (OrderIssue & { items?: number })[] = [];
  for (const e of ctx.input.events) {
    if (e.kind !== kind || !inPeriod(e.at, ctx.input.period) || !ctx.counts(e)) continue;
    const base = {
      orderId: e.orderId,
      number: ctx.orderById.get(e.orderId)?.number ?? '',
      at: e.at,
      reason: e.reason ?? '',
      refund: e.refund ?? 0,
    };
    out.push(e.kind === 'returned' ? { ...base, items: e.items.length } : base);
  }
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
