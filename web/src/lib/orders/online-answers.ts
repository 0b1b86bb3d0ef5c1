import {
  allowedActions,
  openRequest,
  type CustomerRequest,
  type Order,
  type OrderEvent,
  type OrderState,
} from '@stallkeeper/shared';

/**
 * Answering a customer's request about an online order (the order screen's, kept
 * apart from the flags the read models use, which every screen loads).
 */

/** How a seller may answer the customer's open request, given what the order allows now. */
export interface RequestAnswer {
  eventId: string;
  request: CustomerRequest;
  reason: string;
  at: string;
  /**
   * What "Approve" does: the cancellation, or the return dialog; null when the order
   * no longer allows it (a cancel asked for after the order left: return it, or decline).
   */
  approve: 'cancelled' | 'returned' | null;
  decline: boolean;
}

export function requestAnswer(
  order: Order,
  state: OrderState,
  can: ReadonlySet<OrderEvent['kind']>,
): RequestAnswer | null {
  const r = openRequest(state);
  if (!r) return null;
  const approveKind = r.request === 'cancel' ? 'cancelled' : 'returned';
  return {
    eventId: r.eventId,
    request: r.request,
    reason: r.reason,
    at: r.at,
    approve: can.has(approveKind) ? approveKind : null,
    decline: allowedActions(order, state).includes('request_declined'),
  };
}

/** The cancellation's reason when a seller approves a customer's cancel request. */
export function approvedCancelReason(reason: string): string {
  const why = reason.trim();
  return why ? `Customer asked to cancel: ${why}` : 'Customer asked to cancel';
}

/** The decline of a request, or what is missing (a reason is always given to the customer). */
export function declineInput(
  requestId: string,
  reason: string,
): { kind: 'request_declined'; requestId: string; reason: string } | { error: string } {
  const why = reason.trim();
  if (!why) return { error: 'Say why, so the customer knows: they see this reason.' };
  if (why.length > 500) return { error: 'Keep it under 500 characters.' };
  return { kind: 'request_declined', requestId, reason: why };
}
