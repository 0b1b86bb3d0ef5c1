import type { TrackedOrder, TrackingStep } from '@stallkeeper/shared/rest';

/** What the tracking page says about an order, in the customer's words. */

type Channel = TrackedOrder['channel'];

const STEP: Record<TrackingStep, string> = {
  placed: 'Order placed',
  accepted: 'Accepted by the shop',
  scheduled: 'Delivery time set',
  ready: 'Ready for pickup',
  dispatched: 'Out for delivery',
  delivered: 'Delivered',
  collected: 'Collected',
  failed: 'Delivery did not work out',
  cancelled: 'Cancelled',
  returned: 'Returned',
  paid: 'Paid',
  payment_declined: 'Card payment declined',
  refunded: 'Money refunded',
  request: 'You asked the shop',
  request_declined: 'The shop said no to your request',
};

export function stepLabel(step: TrackingStep, channel: Channel): string {
  if (step === 'delivered' && channel === 'pickup') return STEP.collected;
  return STEP[step];
}

/**
 * The detail under a step: the reason someone gave, or the delivery time the shop set
 * (sent as `from/to` instants); nothing for steps that need none.
 */
export function stepDetail(
  entry: TrackedOrder['timeline'][number],
  slot: (s: { from: string; to: string }) => string,
): string {
  switch (entry.step) {
    case 'scheduled': {
      const [from = '', to = from] = entry.text.split('/');
      return Number.isNaN(Date.parse(from)) ? '' : slot({ from, to });
    }
    case 'request':
      return entry.text === 'return' ? 'to take the order back' : 'to cancel the order';
    case 'failed':
    case 'cancelled':
    case 'returned':
    case 'request_declined':
      return entry.text;
    default:
      return '';
  }
}

/** The way an order goes when all is well, for the steps still to come. */
const PATH: Record<Channel, TrackingStep[]> = {
  pickup: ['placed', 'accepted', 'ready', 'collected'],
  delivery: ['placed', 'accepted', 'dispatched', 'delivered'],
};

/** The steps still ahead (none once the order is over). */
export function stepsAhead(order: Pick<TrackedOrder, 'channel' | 'status' | 'timeline'>) {
  if (['cancelled', 'delivered', 'completed'].includes(order.status)) return [];
  const done = new Set<TrackingStep>(order.timeline.map((t) => t.step));
  // a pickup handed over reads "delivered" in the shop's own words
  if (done.has('delivered')) done.add('collected');
  if (done.has('ready') || done.has('dispatched')) done.add('accepted');
  const path = PATH[order.channel];
  const reached = Math.max(-1, ...path.map((s, i) => (done.has(s) ? i : -1)));
  return path.slice(reached + 1);
}

/** The one line at the top of the page: where the order is now. */
export function headline(order: Pick<TrackedOrder, 'channel' | 'status' | 'timeline'>): string {
  const pickup = order.channel === 'pickup';
  switch (order.status) {
    case 'ready':
      return 'Ready for pickup';
    case 'scheduled':
      // the time chosen at checkout schedules the order too; only the shop's own counts here
      if (!pickup && order.timeline.some((t) => t.step === 'scheduled')) {
        return 'Accepted — delivery time set';
      }
      return order.timeline.some((t) => t.step === 'accepted')
        ? 'Accepted — the shop is getting it ready'
        : 'Placed — waiting for the shop to accept it';
    case 'dispatched':
      return 'Out for delivery';
    case 'delivered':
    case 'completed':
      return pickup ? 'Collected' : 'Delivered';
    case 'failed':
      return 'Delivery did not work out — the shop will be in touch';
    case 'cancelled':
      return 'Cancelled';
    default:
      return order.timeline.some((t) => t.step === 'accepted')
        ? 'Accepted — the shop is getting it ready'
        : 'Placed — waiting for the shop to accept it';
  }
}

/** The payment, as one line. */
export function paymentLine(payment: TrackedOrder['payment'], channel: Channel): string {
  const later = channel === 'pickup' ? 'Pay on collection' : 'Pay on delivery';
  switch (payment.state) {
    case 'paid':
      return payment.method === 'test_card' ? 'Paid by card (test mode)' : 'Paid';
    case 'declined':
      return 'The card payment was declined';
    case 'pending':
      return 'Card payment not finished yet';
    case 'refunded':
      return 'Refunded';
    default:
      return payment.method === 'test_card' ? 'Card payment not finished yet' : later;
  }
}

/** "Ask to cancel", "Ask to return". */
export const REQUEST_LABEL = { cancel: 'Ask to cancel', return: 'Ask to return' } as const;

/** Where an open or answered request stands. */
export function requestLine(request: NonNullable<TrackedOrder['request']>): string {
  const what = request.request === 'cancel' ? 'cancel' : 'return';
  if (request.answer === 'open') return `You asked to ${what} this order. The shop will answer.`;
  if (request.answer === 'approved') return `The shop agreed to ${what} this order.`;
  return `The shop said no to your request to ${what} this order.`;
}
