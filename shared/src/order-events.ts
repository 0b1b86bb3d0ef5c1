import { isoNow } from './hlc.ts';
import type { AuditEntry } from './schemas/audit.ts';
import type { Order } from './schemas/order.ts';
import type { OrderEvent, OrderEventBody } from './schemas/order-event.ts';

/**
 * How a fact about an order becomes a document and an activity entry, for every
 * writer (the app's order screens and the REST API): orders themselves never change.
 */

/** What each kind of event is called on screens and in the activity log. */
export const EVENT_WORDS: Record<OrderEvent['kind'], string> = {
  payment: 'Payment',
  delivery_scheduled: 'Delivery scheduled',
  dispatched: 'Dispatched',
  delivered: 'Delivered',
  delivery_failed: 'Delivery failed',
  cancelled: 'Cancelled',
  returned: 'Items returned',
  amended: 'Order changed',
  note: 'Note',
  accepted: 'Accepted',
  ready: 'Ready for pickup',
  customer_request: 'Customer request',
  request_declined: 'Request declined',
};

/** The event document `input` makes about `order`, in the writer's name. */
export function orderEventDoc(
  order: Pick<Order, '_id'>,
  eventUlid: string,
  input: OrderEventBody,
  by: { userId: string; deviceId: string; now?: string },
  note = '',
): OrderEvent {
  return {
    _id: `orderevent:${order._id.slice('order:'.length)}:${eventUlid}`,
    type: 'orderevent',
    orderId: order._id,
    note,
    at: by.now ?? isoNow(),
    by: by.userId,
    deviceId: by.deviceId,
    ...input,
  };
}

/** What an order event says in the activity log (an amendment: what changed, not every line). */
export function orderEventAudit(
  order: Pick<Order, '_id' | 'number'>,
  input: OrderEventBody,
): Pick<AuditEntry, 'action' | 'target' | 'summary' | 'before' | 'after'> {
  const after: Record<string, unknown> =
    input.kind === 'amended'
      ? {
          kind: input.kind,
          total: input.total,
          lines: input.lines.map((l) => ({ name: l.name, qty: l.qty, unit: l.unit })),
          customerName: input.customerName,
        }
      : { ...input };
  return {
    action: `order.${input.kind}`,
    target: order._id,
    summary: `${order.number}: ${EVENT_WORDS[input.kind].toLowerCase()}`,
    before: null,
    after,
  };
}
