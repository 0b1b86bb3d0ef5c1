import {
  allowedActions,
  type Channel,
  type OrderEvent,
  type OrderStatus,
} from '@stallkeeper/shared';
import type { DeliveryRow } from '../db/deliveries.ts';
import type { OrderDetail } from '../db/orders.ts';

/** The delivery steps this component offers, in the order a delivery goes through them. */
export const DELIVERY_KINDS = [
  'delivery_scheduled',
  'dispatched',
  'delivered',
  'delivery_failed',
] as const satisfies readonly OrderEvent['kind'][];
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

/** Which delivery steps the order's state allows now (shared decides; this only filters). */
export function deliveryActions(d: OrderDetail): DeliveryKind[] {
  const allowed = new Set(allowedActions(d.order, d.state));
  return DELIVERY_KINDS.filter((k) => allowed.has(k));
}

/** A delivery step's button, in the seller's words (a pickup is collected, not delivered). */
export function actionLabel(kind: DeliveryKind, channel: Channel, planned: boolean): string {
  const pickup = channel === 'pickup';
  switch (kind) {
    case 'delivery_scheduled':
      return planned ? 'Reschedule' : pickup ? 'Schedule pickup' : 'Schedule delivery';
    case 'dispatched':
      return 'Out for delivery';
    case 'delivered':
      return pickup ? 'Collected' : 'Delivered';
    case 'delivery_failed':
      return 'Delivery failed';
  }
}

/** The step a delivery is waiting for, shown as the main button (after a failure: a new plan). */
export function nextStep(kinds: readonly DeliveryKind[], status: OrderStatus): DeliveryKind | null {
  const order =
    status === 'failed'
      ? (['delivery_scheduled'] as const)
      : (['delivered', 'dispatched', 'delivery_scheduled'] as const);
  return order.find((k) => kinds.includes(k)) ?? null;
}

/** An open delivery as the order detail the actions take (it is the same fold). */
export function asDetail(d: DeliveryRow): OrderDetail {
  return {
    row: { ...d.row, allocStatus: null },
    order: d.row.doc,
    events: d.state.timeline,
    state: d.state,
  };
}

/** What a saved step says, honest about the network: "K1-0001 delivered." */
export function savedMessage(number: string, done: string, online: boolean): string {
  const where = online
    ? ''
    : ' Saved on this device; other devices see it once you are back online.';
  return `${number} ${done}.${where}`;
}
