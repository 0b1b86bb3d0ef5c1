import type { DeliveryPlan, Order, OrderState } from '@stallkeeper/shared';

/**
 * What the order screen says about an order from the shop page: the chosen time,
 * how the customer pays. Pure; dates in the device's locale and clock.
 */

/** "Sat, 5 Dec, 08:00–09:00": the chosen time, its end only as a time (same day). */
export function slotText(
  plan: Pick<DeliveryPlan, 'scheduledFor' | 'windowEnd'>,
  locale?: string,
  timeZone?: string,
): string {
  const start = new Date(plan.scheduledFor);
  const day = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(start);
  if (!plan.windowEnd) return day;
  const end = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(plan.windowEnd));
  return `${day}–${end}`;
}

/** How the customer chose to pay, and where that stands now. */
export function onlinePaymentText(
  order: Pick<Order, 'onlinePayment'>,
  state: Pick<OrderState, 'paymentStatus'>,
): string {
  if (state.paymentStatus === 'paid') {
    return order.onlinePayment === 'test_card' ? 'Paid by card online' : 'Paid';
  }
  if (state.paymentStatus === 'refunded') return 'Refunded';
  if (order.onlinePayment === 'test_card') return 'Card payment online not completed yet';
  return order.onlinePayment === 'on_collection' ? 'Pays on collection or delivery' : '';
}

/**
 * The first line of an online order's timeline: how the customer chose to pay
 * (the server books it "on account" until paid, which is not how a customer says it).
 */
export function onlineOrderedText(order: Pick<Order, 'onlinePayment'>): string {
  return order.onlinePayment === 'test_card'
    ? 'on the shop page, to pay by card online'
    : 'on the shop page, to pay on collection or delivery';
}

/** "Pickup: Sat 5 Dec, 08:00–09:00, at Stall 12" ('' without a plan). */
export function planText(
  order: Pick<Order, 'channel'>,
  state: Pick<OrderState, 'delivery'>,
  locale?: string,
  timeZone?: string,
): string {
  const plan = state.delivery;
  if (!plan) return '';
  const pickup = order.channel === 'pickup';
  const where = plan.address ? `, ${pickup ? 'at' : 'to'} ${plan.address}` : '';
  return `${pickup ? 'Pickup' : 'Delivery'}: ${slotText(plan, locale, timeZone)}${where}`;
}
