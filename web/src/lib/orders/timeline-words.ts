import {
  formatQuantity,
  type Order,
  type OrderEvent,
  type OrderLine,
  type OrderState,
  type Channel,
  type CustomerRequest,
  type PaymentMethod,
} from '@stallkeeper/shared';
import { EVENT_LABEL, METHOD_LABEL } from './labels.ts';
import { amendedEvent, amendmentWords } from './order-view.ts';
import type { MoneyFormat } from './payment.ts';

/**
 * (the words live in shared, where the activity log's entries are written; the
 * timeline says 'ready' in full because the app offers it for pickups only)
 */
const TIMELINE_LABEL: Record<OrderEvent['kind'], string> = {
  ...EVENT_LABEL,
  ready: 'Ready for pickup',
};

/** What a customer asked for from their tracking page, as a timeline title. */
const REQUEST_LABEL: Record<CustomerRequest, string> = {
  cancel: 'Customer asked to cancel',
  return: 'Customer asked to return',
};

/** A timeline title: the event's name (a pickup is scheduled, not delivered), or what the customer asked. */
export function eventTitle(e: OrderEvent, channel: Channel): string {
  if (e.kind === 'customer_request') return REQUEST_LABEL[e.request];
  if (e.kind === 'delivery_scheduled' && channel === 'pickup') return 'Pickup scheduled';
  return TIMELINE_LABEL[e.kind];
}

/** Every line the order ever had, by product (for naming returned items). */
function linesById(order: Order, state: OrderState): Map<string, OrderLine> {
  const all = [order.lines, ...state.amendments.map((a) => a.after), state.lines].flat();
  return new Map(all.map((l) => [l.productId, l]));
}

/** "(Card)", "(Mobile money, ref. MP1234)": how money moved. */
function how(method: PaymentMethod | null | undefined, reference = ''): string {
  const parts = [method ? METHOD_LABEL[method] : '', reference ? `ref. ${reference}` : ''].filter(
    Boolean,
  );
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/**
 * What one event on an order's timeline says, beyond its title and time, in a
 * seller's words: "€5.00 (Mobile money, ref. MP1234)", "Apples 2 → 3, Bread removed",
 * "2 × Apples back on the shelf; refunded €5.00 (Cash)".
 */
export function timelineDetail(
  e: OrderEvent,
  order: Order,
  state: OrderState,
  money: MoneyFormat,
  when: (iso: string) => string,
  locale?: string,
): string {
  switch (e.kind) {
    case 'payment':
      return `${money(e.amount)}${how(e.method, e.reference)}`;
    case 'delivery_scheduled':
      return [when(e.scheduledFor), e.address].filter(Boolean).join(' — ');
    case 'delivered':
      return e.receivedBy ? `Received by ${e.receivedBy}` : '';
    case 'delivery_failed':
      return e.reason;
    case 'cancelled':
      return [e.reason, e.refund ? `refunded ${money(e.refund)}${how(e.refundMethod)}` : '']
        .filter(Boolean)
        .join('; ');
    case 'returned': {
      const lines = linesById(order, state);
      const items = e.items.map((i) => {
        const l = lines.get(i.productId);
        const qty = l ? formatQuantity(i.qty, l.unit, locale) : String(i.qty);
        const where = i.restock === false ? 'written off' : 'back on the shelf';
        return `${qty} × ${l?.name ?? 'an item'} ${where}`;
      });
      const refund =
        e.refund > 0 ? `refunded ${money(e.refund)}${how(e.refundMethod)}` : 'no refund';
      return [items.join(', '), refund, e.reason ?? ''].filter(Boolean).join('; ');
    }
    case 'amended': {
      const i = state.amendments.findIndex((a) => a.eventId === e._id);
      const step = state.amendments[i];
      if (!step) return 'Not applied: the order had already left or was cancelled';
      const prev = i > 0 ? state.amendments[i - 1] : undefined;
      const before = (prev && amendedEvent(state, prev.eventId)) ?? order;
      const parts = [amendmentWords(step, locale)];
      if (e.customerName !== before.customerName) {
        parts.push(`customer: ${e.customerName || 'walk-in'}`);
      }
      if (e.total !== before.total) parts.push(`new total ${money(e.total)}`);
      return parts.filter(Boolean).join(', ');
    }
    case 'customer_request':
    case 'request_declined':
      return e.reason;
    case 'dispatched':
    case 'note':
    case 'accepted':
    case 'ready':
      return '';
  }
}
