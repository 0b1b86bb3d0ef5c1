import { earliest, validAmendments } from './amendments.ts';
import type { Minor } from './money.ts';
import type { Order, OrderLine } from './schemas/order.ts';
import type { CustomerRequest, PaymentMethod } from './schemas/vocabulary.ts';
import type { OrderEvent } from './schemas/order-event.ts';

export const ORDER_STATUSES = [
  'completed',
  'open',
  'ready',
  'scheduled',
  'dispatched',
  'delivered',
  'failed',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type PaymentStatus = 'paid' | 'partial' | 'unpaid' | 'refunded';

type Amended = Extract<OrderEvent, { kind: 'amended' }>;

/** One amendment as the timeline shows it: the lines before and after. */
export interface AmendmentStep {
  eventId: string;
  at: string;
  by: string;
  before: OrderLine[];
  after: OrderLine[];
}

/** Where and when a delivery is planned (the latest schedule holds). */
export interface DeliveryPlan {
  scheduledFor: string;
  windowEnd: string | null;
  address: string;
  phone: string;
}

/** Money that came in or went back, with how. */
export interface MoneyMove {
  eventId: string;
  at: string;
  amount: Minor;
  method: PaymentMethod | null;
  reference: string;
}

/** A customer's request about an online order; open until the seller answers it. */
export interface RequestState {
  eventId: string;
  at: string;
  request: CustomerRequest;
  reason: string;
  /** 'open' until a cancellation or return (yes) or a decline (no) answers it */
  answer: 'open' | 'approved' | 'declined';
}

export interface OrderState {
  status: OrderStatus;
  /** when the seller accepted an online order (null: not yet) */
  acceptedAt: string | null;
  /** when it was marked ready (prepared): a customer can then no longer cancel it */
  readyAt: string | null;
  requests: RequestState[];
  /** the lines that hold now (the order's own, or its latest valid amendment's) */
  lines: OrderLine[];
  subtotal: Minor;
  tax: Minor;
  total: Minor;
  customerId: string | null;
  customerName: string;
  amendments: AmendmentStep[];
  /** when it left for delivery or was handed over (null: not yet) */
  handedOverAt: string | null;
  delivery: DeliveryPlan | null;
  /** payments after checkout, and refunds */
  payments: MoneyMove[];
  refunds: MoneyMove[];
  paid: Minor;
  refunded: Minor;
  balance: Minor;
  paymentStatus: PaymentStatus;
  /** product id → quantity returned (restocked or written off) */
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

/** When an order was handed over: the earliest dispatch or delivery among its events. */
export function handedOverAt(events: readonly OrderEvent[]): string | null {
  let at: string | null = null;
  for (const e of events) {
    if (e.kind === 'dispatched' || e.kind === 'delivered') at = earliest(at, e.at);
  }
  return at;
}

/**
 * An order's state is the fold of its immutable events. A counter sale starts
 * completed (handed over); delivery and pickup orders start open. A cancellation
 * is final whatever comes after it. Amendments follow `shared/src/amendments.ts`.
 */
export function foldOrder(order: Order, events: readonly OrderEvent[]): OrderState {
  // each event once (a replica can hand the same document over twice), in fold order
  const seen = new Set<string>();
  const timeline = sortEvents(events.filter((e) => e.orderId === order._id)).filter((e) => {
    if (seen.has(e._id)) return false;
    seen.add(e._id);
    return true;
  });
  const handedOver = handedOverAt(timeline);
  // a cancellation is final: what is amended after it no longer changes the order
  const cancelledAt = timeline.find((e) => e.kind === 'cancelled')?.at ?? null;
  const amended = validAmendments(
    order.channel,
    timeline.filter((e): e is Amended => e.kind === 'amended').map((e) => ({ ...e, id: e._id })),
    cancelledAt === null ? handedOver : earliest(handedOver, cancelledAt),
  );
  let lines: OrderLine[] = order.lines;
  let totals = { subtotal: order.subtotal, tax: order.tax, total: order.total };
  let customer = { customerId: order.customerId, customerName: order.customerName };
  const amendments: AmendmentStep[] = [];
  for (const a of amended) {
    amendments.push({ eventId: a._id, at: a.at, by: a.by, before: lines, after: a.lines });
    lines = a.lines;
    totals = { subtotal: a.subtotal, tax: a.tax, total: a.total };
    customer = { customerId: a.customerId, customerName: a.customerName };
  }

  let status: OrderStatus = order.channel === 'counter' ? 'completed' : 'open';
  let delivery: DeliveryPlan | null = null;
  let paid = order.payment.paid;
  let refunded = 0;
  const payments: MoneyMove[] = [];
  const refunds: MoneyMove[] = [];
  const returned = new Map<string, number>();
  let acceptedAt: string | null = null;
  let readyAt: string | null = null;
  const requests: RequestState[] = [];
  const answer = (request: CustomerRequest) => {
    for (const r of requests) {
      if (r.request === request && r.answer === 'open') r.answer = 'approved';
    }
  };
  const refund = (e: OrderEvent, amount: number, method: PaymentMethod | null) => {
    if (amount <= 0) return;
    refunded += amount;
    refunds.push({ eventId: e._id, at: e.at, amount, method, reference: '' });
  };
  for (const e of timeline) {
    if (status === 'cancelled') continue;
    switch (e.kind) {
      case 'payment':
        paid += e.amount;
        payments.push({
          eventId: e._id,
          at: e.at,
          amount: e.amount,
          method: e.method,
          reference: e.reference ?? '',
        });
        break;
      case 'delivery_scheduled':
        delivery = {
          scheduledFor: e.scheduledFor,
          windowEnd: e.windowEnd ?? null,
          address: e.address,
          phone: e.phone ?? '',
        };
        if (status !== 'delivered' && status !== 'ready') status = 'scheduled';
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
        refund(e, e.refund ?? 0, e.refundMethod ?? null);
        answer('cancel');
        break;
      case 'returned':
        answer('return');
        refund(e, e.refund, e.refundMethod ?? null);
        for (const i of e.items) {
          returned.set(i.productId, (returned.get(i.productId) ?? 0) + i.qty);
        }
        break;
      case 'accepted':
        acceptedAt ??= e.at;
        break;
      case 'ready':
        readyAt ??= e.at;
        acceptedAt ??= e.at;
        if (status === 'open' || status === 'scheduled') status = 'ready';
        break;
      case 'customer_request':
        requests.push({
          eventId: e._id,
          at: e.at,
          request: e.request,
          reason: e.reason,
          answer: 'open',
        });
        break;
      case 'request_declined': {
        const r = requests.find((q) => q.eventId === e.requestId && q.answer === 'open');
        if (r) r.answer = 'declined';
        break;
      }
      case 'amended':
      case 'note':
        break;
    }
  }
  const net = paid - refunded;
  const balance = status === 'cancelled' ? 0 : Math.max(0, totals.total - net);
  let paymentStatus: PaymentStatus = net >= totals.total ? 'paid' : net > 0 ? 'partial' : 'unpaid';
  if (refunded > 0 && net <= 0) paymentStatus = 'refunded';
  return {
    status,
    acceptedAt,
    readyAt,
    requests,
    lines,
    ...totals,
    ...customer,
    amendments,
    handedOverAt: handedOver,
    delivery,
    payments,
    refunds,
    paid,
    refunded,
    balance,
    paymentStatus,
    returned,
    timeline,
  };
}

/** What is left to return of each line (sold minus returned). */
export function returnable(state: OrderState): { productId: string; qty: number }[] {
  return state.lines
    .map((l) => ({ productId: l.productId, qty: l.qty - (state.returned.get(l.productId) ?? 0) }))
    .filter((l) => l.qty > 0);
}

/** A delivery that failed and is planned again: it left once and must leave again. */
export function retrying(order: Order, state: OrderState): boolean {
  return (
    order.channel === 'delivery' && state.handedOverAt !== null && state.status === 'scheduled'
  );
}

/**
 * Which lifecycle actions make sense now (the UI offers only these). A delivery or
 * pickup order is amended, scheduled and cancelled until it is handed over; after
 * that, and for a counter sale (handed over at the till), it is returned instead.
 */
export function allowedActions(order: Order, state: OrderState): OrderEvent['kind'][] {
  if (state.status === 'cancelled') {
    return state.requests.some((r) => r.answer === 'open')
      ? ['note', 'request_declined']
      : ['note'];
  }
  const actions: OrderEvent['kind'][] = ['note'];
  if (state.balance > 0) actions.push('payment');
  const handedOver = order.channel === 'counter' || state.handedOverAt !== null;
  if (!handedOver) actions.push('amended', 'delivery_scheduled', 'cancelled');
  // a delivery leaves, then arrives (or not); a pickup is simply collected
  if (!handedOver && order.channel === 'delivery') actions.push('dispatched');
  if (!handedOver && order.channel === 'pickup') actions.push('delivered');
  if (order.source === 'online' && !handedOver && state.acceptedAt === null) {
    actions.push('accepted');
  }
  if (!handedOver && order.channel === 'pickup' && state.readyAt === null) actions.push('ready');
  if (state.requests.some((r) => r.answer === 'open')) actions.push('request_declined');
  if (order.channel !== 'counter' && state.status === 'dispatched') {
    actions.push('delivered', 'delivery_failed');
  }
  // the goods came back: try again, or call it off — also once the retry is planned
  // (it left before, so it counts as handed over, yet it has to leave again)
  if (order.channel !== 'counter' && (state.status === 'failed' || retrying(order, state))) {
    actions.push('delivery_scheduled', 'dispatched', 'cancelled');
  }
  if (handedOver && state.status !== 'dispatched' && returnable(state).length) {
    actions.push('returned');
  }
  return [...new Set(actions)];
}

/**
 * Whether a customer may still cancel an online order themselves: until the seller
 * has prepared it (marked it ready) and before it has left or been handed over.
 */
export function customerMayCancel(order: Order, state: OrderState): boolean {
  return (
    order.channel !== 'counter' &&
    state.status !== 'cancelled' &&
    state.readyAt === null &&
    state.handedOverAt === null
  );
}

/** The customer's request still waiting for the seller's answer, if any. */
export function openRequest(state: OrderState): RequestState | null {
  return state.requests.find((r) => r.answer === 'open') ?? null;
}
