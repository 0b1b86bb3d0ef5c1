import { foldOrder, formatMoney, type OrderEvent } from '@stallkeeper/shared';
import { orderDoc, orderEventDoc, orderLine } from '@stallkeeper/shared/fixtures';
import { describe, expect, it } from 'vitest';
import { amendmentWords, mayInvoice, usualMethod, visibleActions } from './order-view.ts';
import { timelineDetail } from './timeline-words.ts';

const apples = orderLine({ name: 'Apples', qty: 2 });
const bread = orderLine({ name: 'Bread', code: 'BRD', qty: 1 });
const jam = orderLine({ name: 'Jam', code: 'JAM', qty: 1 });
const owner = { role: 'owner' as const, userId: 'user_owner' };
const seller = { role: 'seller' as const, userId: 'user_sam' };
const eur = (n: number) => formatMoney(n, 'EUR', 'en-US');
const when = (iso: string) => iso.slice(0, 10);

describe('which actions the order screen offers', () => {
  const pickup = orderDoc({ channel: 'pickup', lines: [apples], by: 'user_tess' });

  it('offers what the order allows; cancel only to whoever may cancel it', () => {
    const s = foldOrder(pickup, []);
    const forOwner = visibleActions(pickup, s, owner, { allowSellerCancel: false });
    expect([...forOwner].sort()).toEqual(
      [
        'amended',
        'cancelled',
        'delivered',
        'delivery_scheduled',
        'note',
        'payment',
        'ready',
      ].sort(),
    );
    expect(visibleActions(pickup, s, seller, { allowSellerCancel: false }).has('cancelled')).toBe(
      false,
    );
    expect(visibleActions(pickup, s, seller, { allowSellerCancel: true }).has('cancelled')).toBe(
      true,
    );
    const own = { ...pickup, by: seller.userId };
    expect(visibleActions(own, s, seller, { allowSellerCancel: false }).has('cancelled')).toBe(
      true,
    );
    expect(visibleActions(pickup, s, null, { allowSellerCancel: true }).has('cancelled')).toBe(
      false,
    );
  });

  it('returns, never cancels, a sale that was handed over', () => {
    const sale = orderDoc({ lines: [apples] });
    const kinds = visibleActions(sale, foldOrder(sale, []), owner, { allowSellerCancel: true });
    expect(kinds.has('returned')).toBe(true);
    expect(kinds.has('cancelled')).toBe(false);
    expect(kinds.has('amended')).toBe(false);
  });

  it('makes one invoice per order, never for a cancelled one', () => {
    expect(mayInvoice({ status: 'open' }, 0, seller)).toBe(true);
    expect(mayInvoice({ status: 'open' }, 1, owner)).toBe(false);
    expect(mayInvoice({ status: 'cancelled' }, 0, owner)).toBe(false);
    expect(mayInvoice({ status: 'open' }, 0, null)).toBe(false);
  });
});

describe('an amendment in words', () => {
  it('says what changed, line by line', () => {
    const after = [{ ...apples, qty: 3 }, jam];
    expect(amendmentWords({ before: [apples, bread], after }, 'en-US')).toBe(
      'Apples 2 → 3, Bread removed, Jam added',
    );
    const kg = orderLine({ name: 'Cheese', unit: 'kg', qty: 250 });
    expect(amendmentWords({ before: [], after: [kg] }, 'en-US')).toBe('Cheese added (0.25 kg)');
    expect(amendmentWords({ before: [apples], after: [apples] })).toBe('');
  });

  it('shows on the timeline with the customer and the new total', () => {
    const order = orderDoc({ channel: 'pickup', lines: [apples, bread] });
    const lines = [{ ...apples, qty: 3, lineTotal: 750 }, jam];
    const amended = orderEventDoc('amended', {
      orderId: order._id,
      lines,
      subtotal: 1000,
      tax: 0,
      total: 1000,
      customerId: 'customer:01J0000000000000000000000A',
      customerName: 'Ana',
      address: '',
    });
    const state = foldOrder(order, [amended]);
    expect(timelineDetail(amended, order, state, eur, when, 'en-US')).toBe(
      'Apples 2 → 3, Bread removed, Jam added, customer: Ana, new total €10.00',
    );
  });
});

describe('the timeline in words', () => {
  const order = orderDoc({ lines: [apples, bread] });
  const at = (e: OrderEvent) => timelineDetail(e, order, foldOrder(order, [e]), eur, when, 'en-US');

  it('names payments and refunds with their method and reference', () => {
    const paid = orderEventDoc('payment', {
      orderId: order._id,
      amount: 500,
      method: 'mobile',
      reference: 'MP1234',
    });
    expect(at(paid)).toBe('€5.00 (Mobile money, ref. MP1234)');
    const returned = orderEventDoc('returned', {
      orderId: order._id,
      items: [
        { productId: apples.productId, qty: 1, restock: true },
        { productId: bread.productId, qty: 1, restock: false },
      ],
      refund: 250,
      refundMethod: 'cash',
      reason: 'bruised',
    });
    expect(at(returned)).toBe(
      '1 × Apples back on the shelf, 1 × Bread written off; refunded €2.50 (Cash); bruised',
    );
    const cancelled = orderEventDoc('cancelled', {
      orderId: order._id,
      reason: 'wrong order',
      refund: 750,
      refundMethod: 'card',
    });
    expect(at(cancelled)).toBe('wrong order; refunded €7.50 (Card)');
  });
});

describe('how a refund goes back by default', () => {
  it('the way money last came in; cash for an order on account', () => {
    const order = orderDoc({ channel: 'delivery', lines: [apples] });
    expect(usualMethod(order, foldOrder(order, []))).toBe('card');
    const paid = orderEventDoc('payment', { orderId: order._id, amount: 100, method: 'mobile' });
    expect(usualMethod(order, foldOrder(order, [paid]))).toBe('mobile');
    const account = orderDoc({
      lines: [apples],
      payment: { method: 'account', paid: 0, tendered: null, change: null },
    });
    expect(usualMethod(account, foldOrder(account, []))).toBe('cash');
  });
});
