import type { DeliveryPlan, OrderStatus } from './order-state.ts';

type Window = Pick<DeliveryPlan, 'scheduledFor' | 'windowEnd'>;

/** A time window is a start and, when given, an end strictly after it. */
export function validWindow(scheduledFor: string, windowEnd: string | null): boolean {
  const start = Date.parse(scheduledFor);
  if (Number.isNaN(start)) return false;
  if (windowEnd === null) return true;
  const end = Date.parse(windowEnd);
  return !Number.isNaN(end) && end > start;
}

/** When a plan's window closes, in ms: its end, or its start when it has no end. */
export function windowClosesAt(plan: Window): number {
  return Date.parse(plan.windowEnd ?? plan.scheduledFor);
}

/** The statuses of a delivery still waiting to arrive on its plan. */
const ON_ITS_WAY: ReadonlySet<OrderStatus> = new Set(['scheduled', 'dispatched']);

/**
 * Overdue: planned, still waiting or on its way, and its window has closed. A
 * delivered, failed or cancelled order is never overdue (failed is its own list).
 */
export function isDeliveryOverdue(status: OrderStatus, plan: Window | null, now: number): boolean {
  return plan !== null && ON_ITS_WAY.has(status) && windowClosesAt(plan) < now;
}
