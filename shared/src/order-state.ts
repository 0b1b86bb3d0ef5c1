import type { Minor } from './money.ts';
import type { Order } from './schemas/order.ts';
import type { OrderEvent } from './schemas/order-event.ts';

export const ORDER_STATUSES = [
  'completed',
  'open',
  'scheduled',
  'dispatched',
  'delivered',
  'failed',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type PaymentStatus = 'paid' | 'partial' | 'unpaid' | 'refunded';

export interface OrderState {
  status: OrderStatus;
  paid: Minor;
  refunded: Minor;
  balance: Minor;
  paymentStatus: PaymentStatus;
  /** product id → quantity returned */
  returned: Map<string, number>;
  /** the events in the order they are folded: by time, then id */
  timeline: OrderEvent[];
}

/** Events fold in a fixed order so every device computes the same state. */
export function sortEvents(events: readonly OrderEvent[]): OrderEvent[] {
  return [...events].sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : a._id < b._id ? -1 : a._id > b._id ? 1 : 0,
  );
}

/**
 * An order's state is the fold of its immutable events. A counter sale starts
 * completed (handed over); delivery and pickup orders start open. A cancellation
 * is final whatever comes after it.
 */
export function foldOrder(order: Order, events: readonly OrderEvent[]): OrderState {
  // each event once (a replica can hand the same document over twice), in fold order
  const seen = new Set<string>();
  const timeline = sortEvents(events.filter((e) => e.orderId === order._id)).filter((e) => {
    if (seen.has(e._id)) return false;
    seen.add(e._id);
    return true;
  });
  let status: OrderStatus = order.channel === 'counter' ? 'completed' : 'open';
  let paid = order.payment.paid;
  let refunded = 0;
  const returned = new Map<string, number>();
  for (const e of timeline) {
    if (status === 'cancelled') continue;
    switch (e.kind) {
      case 'payment':
        paid += e.amount;
        break;
      case 'delivery_scheduled':
        if (status !== 'delivered') status = 'scheduled';
        break;
      case 'dispatched':
        if (status !== 'delivered') status = 'dispatched';
        break;
      case 'delivered':
        status = 'delivered';
        break;
      case 'delivery_failed':
        if (status !== 'delivered') status = 'failed';
        break;
      case 'cancelled':
        status = 'cancelled';
        break;
      case 'returned':
        refunded += e.refund;
        for (const i of e.items) {
          returned.set(i.productId, (returned.get(i.productId) ?? 0) + i.qty);
        }
        break;
      case 'note':
        break;
    }
  }
  const net = paid - refunded;
  const balance = Math.max(0, order.total - net);
  let paymentStatus: PaymentStatus = net >= order.total ? 'paid' : net > 0 ? 'partial' : 'unpaid';
  if (refunded > 0 && net <= 0) paymentStatus = 'refunded';
  return { status, paid, refunded, balance, paymentStatus, returned, timeline };
}

/** Which lifecycle actions make sense now (the UI offers only these). */
export function allowedActions(order: Order, state: OrderState): OrderEvent['kind'][] {
  if (state.status === 'cancelled') return ['note'];
  const actions: OrderEvent['kind'][] = ['note'];
  if (state.balance > 0) actions.push('payment');
  if (order.channel !== 'counter' && state.status !== 'delivered') {
    actions.push('delivery_scheduled', 'dispatched', 'delivered', 'delivery_failed');
  }
  actions.push('returned');
  if (state.status !== 'delivered' || order.channel === 'counter') actions.push('cancelled');
  return actions;
}
