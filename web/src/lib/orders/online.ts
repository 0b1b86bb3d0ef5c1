import {
  openRequest,
  type CustomerRequest,
  type Order,
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
