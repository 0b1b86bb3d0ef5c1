import {
  EVENT_WORDS,
  type Channel,
  type OrderEvent,
  type OrderStatus,
  type PaymentMethod,
  type PaymentStatus,
} from '@stallkeeper/shared';

/** The one list of payment-method words: checkout, order detail, receipts. */
export const METHOD_LABEL: Record<PaymentMethod, string> = {
  cash: 'Cash',
  card: 'Card',
  mobile: 'Mobile money',
  account: 'On account',
};

/** How the goods reach the customer, as the order detail says it. */
export const CHANNEL_LABEL: Record<Channel, string> = {
  counter: 'Handed over',
  delivery: 'Delivery',
  pickup: 'Pickup',
};

export const STATUS_LABEL: Record<OrderStatus, string> = {
  completed: 'Completed',
  open: 'To fulfil',
  scheduled: 'Delivery scheduled',
  dispatched: 'Out for delivery',
  delivered: 'Delivered',
  failed: 'Delivery failed',
  cancelled: 'Cancelled',
};

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
