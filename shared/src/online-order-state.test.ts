import { describe, expect, it } from 'vitest';
import { orderDoc, orderEventDoc, orderLine } from './fixtures/index.ts';
import { allowedActions, customerMayCancel, foldOrder, openRequest } from './order-state.ts';
import type { OrderEvent } from './schemas/order-event.ts';

/** An online pickup order's life as the fold sees it: accepted, ready, the customer's requests. */
const at = (m: number) =>
  new Date(Date.parse('2026-12-05T08:00:00.000Z') + m * 60_000).toISOString();
const order = orderDoc({
  channel: 'pickup',
  source: 'online',
  lines: [orderLine({ qty: 2 })],
  payment: { method: 'account', paid: 0, tendered: null, change: null },
});
const ev = (kind: OrderEvent['kind'], m: number, over: object = {}) =>
  orderEventDoc(kind, { orderId: order._id, at: at(m), ...over }) as OrderEvent;

describe('an online order’s life', () => {
  it('is offered to accept and make ready, and the customer may cancel until it is ready', () => {
    const fresh = foldOrder(order, []);
    expect(allowedActions(order, fresh)).toEqual(expect.arrayContaining(['accepted', 'ready']));
    expect(customerMayCancel(order, fresh)).toBe(true);

    const accepted = foldOrder(order, [ev('accepted', 1)]);
    expect(accepted.acceptedAt).toBe(at(1));
    expect(accepted.status).toBe('open');
    expect(allowedActions(order, accepted)).not.toContain('accepted');
    expect(customerMayCancel(order, accepted)).toBe(true);

    const ready = foldOrder(order, [ev('accepted', 1), ev('ready', 2)]);
    expect(ready).toMatchObject({ status: 'ready', readyAt: at(2) });
    expect(allowedActions(order, ready)).not.toContain('ready');
    expect(allowedActions(order, ready)).toContain('delivered'); // collected
    expect(customerMayCancel(order, ready)).toBe(false);
    expect(foldOrder(order, [ev('ready', 2), ev('delivered', 3)]).status).toBe('delivered');
  });

  it('keeps a request open until the seller answers: yes is the cancellation, no is a decline', () => {
    const asked = ev('customer_request', 3, { request: 'cancel', reason: 'Ill' });
    const open = foldOrder(order, [ev('ready', 2), asked]);
    expect(openRequest(open)).toMatchObject({ request: 'cancel', reason: 'Ill', answer: 'open' });
    expect(allowedActions(order, open)).toContain('request_declined');

    const declined = foldOrder(order, [
      ev('ready', 2),
      asked,
      ev('request_declined', 4, { requestId: asked._id, reason: 'Already packed' }),
    ]);
    expect(openRequest(declined)).toBeNull();
    expect(declined.requests[0]?.answer).toBe('declined');
    expect(allowedActions(order, declined)).not.toContain('request_declined');

    const approved = foldOrder(order, [
      ev('ready', 2),
      asked,
      ev('cancelled', 4, { reason: 'Asked' }),
    ]);
    expect(approved.status).toBe('cancelled');
    expect(approved.requests[0]?.answer).toBe('approved');
  });

  it('is never offered to a counter sale or a shop’s own order', () => {
    const counter = orderDoc();
    expect(allowedActions(counter, foldOrder(counter, []))).not.toContain('accepted');
    expect(customerMayCancel(counter, foldOrder(counter, []))).toBe(false);
    const own = orderDoc({ channel: 'pickup' });
    expect(allowedActions(own, foldOrder(own, []))).not.toContain('accepted');
  });
});
