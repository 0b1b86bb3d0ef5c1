import { auditEntryDoc, formatMoney, orderEventDoc, ulid, type Order } from '@stallkeeper/shared';
import type { PaymentAttempt } from '@stallkeeper/shared/rest';
import { HttpError, notFound } from '../errors.ts';
import { settingsOf } from '../rest/order-reads.ts';
import { STOREFRONT_BY, writeServerDocs } from './checkout.ts';
import type { StorefrontDesk } from './desk.ts';
import type { Attempt } from './payments.ts';

/**
 * A card payment's steps: started, then paid or declined. Each step is an activity
 * entry about the order, which the shop's resolver seals into its tamper-evident
 * audit chain (SHA-256, resolver/audit-chain.ts); a paid attempt is also the order's
 * payment event, so every device sees the order paid.
 */
const noPayment = () => notFound('There is no such payment.');
export const settledAlready = () =>
  new HttpError(409, 'already_settled', 'This payment has already been completed or declined.');

async function record(
  desk: StorefrontDesk,
  a: Attempt,
  order: Order,
  step: string,
  extra: object[] = [],
) {
  const db = desk.storage(a.shopId);
  const now = new Date().toISOString();
  await writeServerDocs(db, [
    ...extra,
    auditEntryDoc(
      `audit:${ulid()}`,
      {
        action: 'order.payment_attempt',
        target: order._id,
        summary: `Card payment (${a.gateway}) of ${formatMoney(a.amount, a.currency)} for online order ${order.number}: ${step}`,
        before: null,
        after: { attempt: a.id, gateway: a.gateway, amount: a.amount, state: a.state },
      },
      { ...STOREFRONT_BY, now },
    ),
  ]);
}

/** Start a card payment of what the order still owes; answers where to pay. */
export async function beginPayment(
  desk: StorefrontDesk,
  shopId: string,
  order: Order,
  amount: number,
): Promise<string> {
  const attempt = await desk.payments.begin({
    shopId,
    orderId: order._id,
    amount,
    currency: order.currency,
  });
  await desk.tracking.addPayment(shopId, order._id, attempt.id);
  await record(desk, attempt, order, 'started');
  return desk.payments.gateway.payUrl(attempt.id);
}

async function orderOf(desk: StorefrontDesk, a: Attempt): Promise<Order> {
  const order = (await desk
    .storage(a.shopId)
    .get(a.orderId)
    .catch(() => null)) as Order | null;
  if (!order) throw noPayment();
  return order;
}

export async function attemptView(desk: StorefrontDesk, id: string): Promise<PaymentAttempt> {
  const a = await desk.payments.get(id);
  if (!a) throw noPayment();
  const order = await orderOf(desk, a);
  const key = await desk.tracking.ofOrder(a.shopId, a.orderId);
  const settings = await settingsOf(desk.storage(a.shopId));
  return {
    id: a.id,
    state: a.state,
    amount: a.amount,
    currency: a.currency,
    shopName: settings.shopName,
    orderNumber: order.number,
    trackingToken: key?.token ?? '',
  };
}

/** The test page's outcome: settles a pending attempt once. */
export async function settlePayment(
  desk: StorefrontDesk,
  id: string,
  outcome: 'paid' | 'declined',
): Promise<PaymentAttempt> {
  const pending = await desk.payments.get(id);
  if (!pending) throw noPayment();
  if (pending.state !== 'pending') throw settledAlready();
  const order = await orderOf(desk, pending);
  const settled = await desk.payments.settle(id, outcome);
  if (!settled) throw settledAlready();
  const payment =
    outcome === 'paid'
      ? [
          orderEventDoc(
            order,
            ulid(),
            {
              kind: 'payment',
              amount: settled.amount,
              method: 'card',
              reference: `test-${id.slice(0, 12)}`,
            },
            { ...STOREFRONT_BY, now: settled.settledAt ?? new Date().toISOString() },
          ),
        ]
      : [];
  await record(desk, settled, order, outcome, payment);
  const resolver = await desk.resolver(settled.shopId);
  await resolver?.idle();
  return attemptView(desk, id);
}
