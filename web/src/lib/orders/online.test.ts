import { foldOrder, type Order, type OrderEvent } from '@stallkeeper/shared';
import { orderDoc, orderEventDoc, orderLine } from '@stallkeeper/shared/fixtures';
import { describe, expect, it } from 'vitest';
import { approvedCancelReason, declineInput, requestAnswer } from './online-answers.ts';
import { orderFlags, requestOf } from './online.ts';
import { visibleActions } from './order-view.ts';

const owner = { role: 'owner' as const, userId: 'user_owner' };
const settings = { allowSellerCancel: false };
const web = (over: Partial<Order> = {}) =>
  orderDoc({
    number: 'WEB-0001',
    channel: 'pickup',
    source: 'online',
    by: 'storefront',
    deviceId: 'storefront',
    lines: [orderLine({ qty: 2 })],
    ...over,
  });
let clock = 0;
/** Events a minute apart, in the order given. */
function ev<K extends OrderEvent['kind']>(
  order: Order,
  kind: K,
  over: Partial<Extract<OrderEvent, { kind: K }>> = {},
) {
  clock++;
  const at = new Date(Date.UTC(2026, 11, 5, 8, clock)).toISOString();
  return orderEventDoc(kind, { orderId: order._id, at, ...over });
}
const flags = (o: Order, events: OrderEvent[]) => orderFlags(o, foldOrder(o, events));

describe('flags of an order from the shop page', () => {
  it('is new until someone accepts it, and holds allowance until it leaves or is cancelled', () => {
    const o = web();
    expect(flags(o, [])).toEqual(['new', 'held']);
    const accepted = ev(o, 'accepted');
    expect(flags(o, [accepted])).toEqual(['held']);
    // marking it ready accepts it too
    expect(flags(o, [ev(o, 'ready')])).toEqual(['held']);
    expect(flags(o, [accepted, ev(o, 'delivered')])).toEqual([]);
    expect(flags(o, [ev(o, 'cancelled', { reason: 'no show' })])).toEqual([]);
  });

  it('never flags a sale made in the shop', () => {
    const sale = orderDoc({ channel: 'pickup' });
    expect(flags(sale, [])).toEqual([]);
    expect(flags(orderDoc(), [])).toEqual([]);
  });

  it("flags a customer's request until a cancellation, a return or a decline answers it", () => {
    const o = web();
    const accepted = ev(o, 'accepted');
    const ask = ev(o, 'customer_request', { request: 'cancel', reason: 'Plans changed' });
    expect(flags(o, [accepted, ask])).toEqual(['held', 'cancel-request']);
    expect(requestOf(flags(o, [accepted, ask]))).toBe('cancel');
    const declined = ev(o, 'request_declined', { requestId: ask._id, reason: 'Already packed' });
    expect(flags(o, [accepted, ask, declined])).toEqual(['held']);
    expect(flags(o, [accepted, ask, ev(o, 'cancelled', { reason: 'asked' })])).toEqual([]);

    const collected = ev(o, 'delivered');
    const back = ev(o, 'customer_request', { request: 'return', reason: 'Bruised' });
    expect(flags(o, [accepted, collected, back])).toEqual(['return-request']);
    expect(requestOf(['return-request'])).toBe('return');
    const returned = ev(o, 'returned', {
      items: [{ productId: o.lines[0]?.productId ?? '', qty: 1 }],
      refund: 0,
    });
    expect(flags(o, [accepted, collected, back, returned])).toEqual([]);
    expect(requestOf(undefined)).toBeNull();
  });
});

describe("answering a customer's request", () => {
  it('approves a cancel request by cancelling while the order has not left', () => {
    const o = web();
    const ask = ev(o, 'customer_request', { request: 'cancel', reason: 'Plans changed' });
    const s = foldOrder(o, [ask]);
    const a = requestAnswer(o, s, visibleActions(o, s, owner, settings));
    expect(a).toMatchObject({
      eventId: ask._id,
      request: 'cancel',
      reason: 'Plans changed',
      approve: 'cancelled',
      decline: true,
    });
  });

  it('cannot cancel an order that was collected: the seller returns it or declines', () => {
    const o = web();
    const events = [
      ev(o, 'delivered'),
      ev(o, 'customer_request', { request: 'cancel', reason: 'x' }),
    ];
    const s = foldOrder(o, events);
    expect(requestAnswer(o, s, visibleActions(o, s, owner, settings))).toMatchObject({
      approve: null,
      decline: true,
    });
  });

  it('approves a return request with the return dialog', () => {
    const o = web();
    const events = [
      ev(o, 'delivered'),
      ev(o, 'customer_request', { request: 'return', reason: 'x' }),
    ];
    const s = foldOrder(o, events);
    expect(requestAnswer(o, s, visibleActions(o, s, owner, settings))?.approve).toBe('returned');
  });

  it('has nothing to answer without an open request', () => {
    const o = web();
    const s = foldOrder(o, []);
    expect(requestAnswer(o, s, visibleActions(o, s, owner, settings))).toBeNull();
  });

  it('writes a decline only with a reason, naming the request it answers', () => {
    expect(declineInput('orderevent:A:B', '  Already packed ')).toEqual({
      kind: 'request_declined',
      requestId: 'orderevent:A:B',
      reason: 'Already packed',
    });
    expect(declineInput('orderevent:A:B', '   ')).toHaveProperty('error');
    expect(declineInput('orderevent:A:B', 'x'.repeat(501))).toHaveProperty('error');
  });

  it("keeps the customer's reason on the cancellation", () => {
    expect(approvedCancelReason(' Plans changed ')).toBe('Customer asked to cancel: Plans changed');
    expect(approvedCancelReason('')).toBe('Customer asked to cancel');
  });
});
