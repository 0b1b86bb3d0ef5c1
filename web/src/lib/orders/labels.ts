import {
  EVENT_WORDS,
  METHOD_WORDS,
  type Channel,
  type OrderEvent,
  type OrderStatus,
  type PaymentMethod,
  type PaymentStatus,
} from '@stallkeeper/shared';

/** (the words live in shared, where receipts are written for the app and the server) */
export const METHOD_LABEL: Record<PaymentMethod, string> = METHOD_WORDS;

/** How the goods reach the customer, as the order detail says it. */
export const CHANNEL_LABEL: Record<Channel, string> = {
  counter: 'Handed over',
  delivery: 'Delivery',
  pickup: 'Pickup',
};

export const STATUS_LABEL: Record<OrderStatus, string> = {
  completed: 'Completed',
  open: 'To fulfil',
  ready: 'Ready for pickup',
  scheduled: 'Delivery scheduled',
  dispatched: 'Out for delivery',
  delivered: 'Delivered',
  failed: 'Delivery failed',
  cancelled: 'Cancelled',
};

/**
 * An order's status in words for its channel: a pickup that has its time is
 * "Pickup scheduled", not a delivery.
 */
export function statusLabel(status: OrderStatus, channel: Channel): string {
  return status === 'scheduled' && channel === 'pickup' ? 'Pickup scheduled' : STATUS_LABEL[status];
}

/** Where an order came from, when not from a device of the shop. */
export const SOURCE_LABEL = { online: 'Shop page' } as const;

export const PAYMENT_LABEL: Record<PaymentStatus, string> = {
  paid: 'Paid',
  partial: 'Part paid',
  unpaid: 'Unpaid',
  refunded: 'Refunded',
};

export const ALLOC_LABEL = {
  confirmed: 'Stock confirmed',
  backordered: 'Backordered',
  oversold: 'Oversold',
  released: 'Released',
} as const;

/** (the words live in shared, where the activity log's entries are written) */
export const EVENT_LABEL: Record<OrderEvent['kind'], string> = EVENT_WORDS;
