import {
  customerMayCancel,
  returnable,
  STOREFRONT_AUTHOR,
  type CustomerRequest,
} from '@stallkeeper/shared';
import type { TrackedOrder, TrackingStep } from '@stallkeeper/shared/rest';
import type { OrderFacts } from '../rest/order-reads.ts';
import type { Attempt } from './payments.ts';

/** What the customer's tracking page is told: the order, never the shop's staff, costs or notes. */
export interface TrackingContext {
  shop: { name: string; slug: string; currency: string; contact: string };
  place: string;
  attempts: readonly Attempt[];
  payUrl: (attemptId: string) => string;
}

/** What a customer may ask the seller now (cancelling themselves is canCancel). */
function requestable(f: OrderFacts): CustomerRequest[] {
  const { order, state } = f;
  if (state.status === 'cancelled' || state.requests.some((r) => r.answer === 'open')) return [];
  if (state.handedOverAt === null) return customerMayCancel(order, state) ? [] : ['cancel'];
  return state.status === 'delivered' && returnable(state).length ? ['return'] : [];
}

export function trackedView(f: OrderFacts, ctx: TrackingContext): TrackedOrder {
  const { order, state } = f;
  const steps: { step: TrackingStep; at: string; text: string }[] = [
    { step: 'placed', at: order.createdAt, text: '' },
  ];
  for (const e of state.timeline) {
    const add = (step: TrackingStep, text = '') => steps.push({ step, at: e.at, text });
    switch (e.kind) {
      case 'accepted':
        add('accepted');
        break;
      case 'ready':
        add('ready');
        break;
      case 'delivery_scheduled':
        if (e.by !== STOREFRONT_AUTHOR) {
          add('scheduled', e.windowEnd ? `${e.scheduledFor}/${e.windowEnd}` : e.scheduledFor);
        }
        break;
      case 'dispatched':
        add('dispatched');
        break;
      case 'delivered':
        add(order.channel === 'pickup' ? 'collected' : 'delivered');
        break;
      case 'delivery_failed':
        add('failed', e.reason);
        break;
      case 'cancelled':
        add('cancelled', e.reason);
        break;
      case 'returned':
        add('returned', e.reason ?? '');
        break;
      case 'payment':
        add('paid');
        break;
      case 'customer_request':
        add('request', e.request);
        break;
      case 'request_declined':
        add('request_declined', e.reason);
        break;
      default:
        break; // notes and amendments are the shop's own
    }
  }
  for (const a of ctx.attempts) {
    if (a.state === 'declined' && a.settledAt) {
      steps.push({ step: 'payment_declined', at: a.settledAt, text: '' });
    }
  }
  steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  const method = order.onlinePayment ?? 'on_collection';
  const latest = ctx.attempts.at(-1) ?? null;
  const payState =
    state.paymentStatus === 'refunded'
      ? 'refunded'
      : state.paymentStatus === 'paid'
        ? 'paid'
        : method === 'test_card' && latest
          ? latest.state === 'paid'
            ? 'paid'
            : latest.state
          : 'due';
  const payUrl =
    method === 'test_card' && payState === 'pending' && latest ? ctx.payUrl(latest.id) : undefined;
  const lastRequest = state.requests.at(-1) ?? null;
  const channel = order.channel === 'delivery' ? 'delivery' : 'pickup';
  return {
    id: order._id.slice('order:'.length),
    number: order.number,
    shop: ctx.shop,
    channel,
    status: state.status,
    createdAt: order.createdAt,
    lines: state.lines.map((l) => ({
      productId: l.productId.slice('product:'.length),
      name: l.name,
      unit: l.unit,
      qty: l.qty,
      unitPrice: l.unitPrice,
      lineTotal: l.lineTotal,
    })),
    subtotal: state.subtotal,
    tax: state.tax,
    deliveryFee: order.deliveryFee ?? 0,
    total: state.total,
    slot: state.delivery
      ? {
          from: state.delivery.scheduledFor,
          to: state.delivery.windowEnd ?? state.delivery.scheduledFor,
        }
      : null,
    place: channel === 'pickup' ? ctx.place : '',
    address: channel === 'delivery' ? (state.delivery?.address ?? '') : '',
    timeline: steps,
    payment: { method, state: payState, ...(payUrl ? { paymentUrl: payUrl } : {}) },
    canCancel: customerMayCancel(order, state),
    canRequest: requestable(f),
    request: lastRequest ? { request: lastRequest.request, answer: lastRequest.answer } : null,
  };
}
