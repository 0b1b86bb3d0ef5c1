import {
  allowedActions,
  canWrite,
  formatQuantity,
  mayCancelOrder,
  type AmendmentStep,
  type Order,
  type OrderEvent,
  type OrderLine,
  type OrderState,
  type PaymentMethod,
  type Role,
  type SettingsFields,
} from '@stallkeeper/shared';

/** Who is looking at the order, as far as the actions care. */
export interface Viewer {
  role: Role;
  userId: string;
}

/**
 * The actions the order screen offers: those the order's state allows, less a
 * cancellation the viewer may not make (another seller's order, unless the owner allows).
 */
export function visibleActions(
  order: Order,
  state: OrderState,
  viewer: Viewer | null,
  settings: Pick<SettingsFields, 'allowSellerCancel'>,
): Set<OrderEvent['kind']> {
  const kinds = new Set(allowedActions(order, state));
  if (!viewer || !mayCancelOrder(viewer.role, viewer.userId, order, settings)) {
    kinds.delete('cancelled');
  }
  return kinds;
}

/** Whether an invoice may be made for the order now (one per order, never for a cancelled one). */
export function mayInvoice(
  state: Pick<OrderState, 'status'>,
  invoices: number,
  viewer: Viewer | null,
): boolean {
  if (!viewer || !canWrite(viewer.role, 'invoice', 'create').allowed) return false;
  return state.status !== 'cancelled' && invoices === 0;
}

const qtyOf = (l: OrderLine, locale?: string) => formatQuantity(l.qty, l.unit, locale);

/**
 * One amendment in a seller's words: "Apples 2 → 3, Bread removed, Jam added".
 * A line whose quantity stayed and price changed reads as a price change.
 */
export function amendmentWords(
  step: Pick<AmendmentStep, 'before' | 'after'>,
  locale?: string,
): string {
  const after = new Map(step.after.map((l) => [l.productId, l]));
  const before = new Map(step.before.map((l) => [l.productId, l]));
  const parts: string[] = [];
  for (const b of step.before) {
    const a = after.get(b.productId);
    if (!a) parts.push(`${b.name} removed`);
    else if (a.qty !== b.qty) parts.push(`${b.name} ${qtyOf(b, locale)} → ${qtyOf(a, locale)}`);
  }
  for (const a of step.after) {
    if (!before.has(a.productId)) {
      parts.push(
        a.qty === 1 && a.unit === 'piece'
          ? `${a.name} added`
          : `${a.name} added (${qtyOf(a, locale)})`,
      );
    }
  }
  return parts.join(', ');
}

/** The amended event behind an amendment step (for its customer, total and address). */
export function amendedEvent(
  state: Pick<OrderState, 'timeline'>,
  eventId: string,
): Extract<OrderEvent, { kind: 'amended' }> | null {
  const e = state.timeline.find((t) => t._id === eventId);
  return e?.kind === 'amended' ? e : null;
}

/**
 * How money most likely goes back: the way it last came in (a later payment, else
 * the sale's own method); "on account" was never money in hand, so cash.
 */
export function usualMethod(
  order: Pick<Order, 'payment'>,
  state: Pick<OrderState, 'payments'>,
): Exclude<PaymentMethod, 'account'> {
  const m = state.payments.at(-1)?.method ?? order.payment.method;
  return m === 'account' ? 'cash' : m;
}
