import type { OrderEvent, OrderStatus, PaymentStatus } from '@stallkeeper/shared';

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

export const EVENT_LABEL: Record<OrderEvent['kind'], string> = {
  payment: 'Payment',
  delivery_scheduled: 'Delivery scheduled',
  dispatched: 'Dispatched',
  delivered: 'Delivered',
  delivery_failed: 'Delivery failed',
  cancelled: 'Cancelled',
  returned: 'Items returned',
  note: 'Note',
};
