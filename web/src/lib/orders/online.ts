import {
  allowedActions,
  openRequest,
  type CustomerRequest,
  type Order,
  type OrderEvent,
  type OrderState,
} from '@stallkeeper/shared';

/**
 * What the app marks on an order from the shop page, kept on its read-model row as
 * an indexed list (most orders have none, so the index stays small):
 * - `new`: nobody has accepted it yet;
 * - `cancel-request` / `return-request`: the customer asked, and no one has answered;
 * - `held`: still open (not cancelled, not handed over), so its lines count against
 *   the products' online allowances — the same orders the resolver counts.
 */
export const ORDER_FLAGS = ['new', 'cancel-request', 'return-request', 'held'] as const;
export type OrderFlag = (typeof ORDER_FLAGS)[number];

/** The flags that want a person's attention (the Orders badge counts these orders). */
export const ATTENTION_FLAGS = [
  'new',
  'cancel-request',
  'return-request',
] as const satisfies readonly OrderFlag[];

export const isOnline = (order: Pick<Order, 'source'>): boolean => order.source === 'online';

/** An order's flags from its fold (none for a sale made in the shop). */
export function orderFlags(order: Order, state: OrderState): OrderFlag[] {
  const flags: OrderFlag[] = [];
  const open = state.status !== 'cancelled' && state.handedOverAt === null;
  if (isOnline(order) && open && order.channel !== 'counter') {
    if (state.acceptedAt === null) flags.push('new');
    flags.push('held');
  }
  const request = openRequest(state);
  if (request) flags.push(`${request.request}-request`);
  return flags;
}

/** The customer's open request, as the order row knows it from its flags. */
export function requestOf(flags: readonly OrderFlag[] | undefined): CustomerRequest | null {
  if (flags?.includes('cancel-request')) return 'cancel';
  if (flags?.includes('return-request')) return 'return';
  return null;
}

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
