import { foldOrder, ulid } from '@stallkeeper/shared';
import { orderDoc, orderEventDoc, orderLine } from '@stallkeeper/shared/fixtures';
import { describe, expect, it } from 'vitest';
import { AmendForm, currentAddress } from './amend.svelte.ts';
import { CancelForm } from './cancel-form.svelte.ts';
import { PaymentForm } from './payment-form.svelte.ts';
import { refundReceiptText } from './refund-receipt.ts';
import { ReturnForm } from './return-form.svelte.ts';

const apples = orderLine({ name: 'Apples', unitPrice: 250, qty: 4 });
const cheese = orderLine({ name: 'Cheese', code: 'CHS', unit: 'kg', unitPrice: 2000, qty: 500 });
const noTax = { taxRate: 0, taxInclusive: true };

describe('recording a payment', () => {
  it('defaults to the balance and takes a part payment with a reference', () => {
    const f = new PaymentForm();
    f.reset(1250, 'EUR');
    expect(f.amount).toBe('12.50');
    f.amount = '5';
    f.method = 'mobile';
    f.reference = ' MP-77 ';
    expect(f.build()).toEqual({
      kind: 'payment',
      amount: 500,
      method: 'mobile',
      reference: 'MP-77',
    });
  });

  it('refuses nothing, nonsense, and more than is owed', () => {
    const f = new PaymentForm();
    f.reset(1000, 'EUR');
    for (const typed of ['0', 'abc', '10.001', '-1', '10.01']) {
      f.amount = typed;
      expect(f.build()).toBeNull();
      expect(f.error).toBeTruthy();
    }
    f.amount = '10';
    expect(f.build()).toEqual({ kind: 'payment', amount: 1000, method: 'cash' });
    expect(f.error).toBeNull();
  });
});

describe('cancelling', () => {
  it('needs a reason, and records no refund when nothing was paid', () => {
    const f = new CancelForm();
    f.reset(0, 'EUR', 'cash');
    expect(f.build()).toBeNull();
    f.reason = ' customer changed their mind ';
    expect(f.build()).toEqual({ kind: 'cancelled', reason: 'customer changed their mind' });
  });

  it('refunds what was paid by default, by the way it was paid', () => {
    const f = new CancelForm();
    f.reset(1000, 'EUR', 'card');
    f.reason = 'out of stock';
    expect(f.build()).toEqual({
      kind: 'cancelled',
      reason: 'out of stock',
      refund: 1000,
      refundMethod: 'card',
    });
    f.refund = '10.50';
    expect(f.build()).toBeNull();
    f.refund = '0';
    expect(f.build()).toEqual({ kind: 'cancelled', reason: 'out of stock' });
  });

  it("approving a customer's cancel request starts from their reason and refunds a card payment", () => {
    const f = new CancelForm();
    f.reset(700, 'EUR', 'card', 'Customer asked to cancel: plans changed');
    expect(f.build()).toEqual({
      kind: 'cancelled',
      reason: 'Customer asked to cancel: plans changed',
      refund: 700,
      refundMethod: 'card',
    });
  });
});

describe('a return', () => {
  const order = orderDoc({ lines: [apples, cheese] });

  it('offers what is left, and suggests the value of what comes back', () => {
    const earlier = orderEventDoc('returned', {
      orderId: order._id,
      items: [{ productId: apples.productId, qty: 1 }],
      refund: 250,
    });
    const f = new ReturnForm();
    f.reset(foldOrder(order, [earlier]), 'EUR', 'card');
    expect(f.rows.map((r) => [r.name, r.qty])).toEqual([
      ['Apples', '3'],
      ['Cheese', '0.5'],
    ]);
    f.rows[0]!.qty = '2';
    f.rows[1]!.qty = '0.25';
    f.rows[1]!.restock = false;
    expect(f.refundText).toBe('10.00');
    const built = f.build();
    expect(built?.input).toEqual({
      kind: 'returned',
      items: [
        { productId: apples.productId, qty: 2, restock: true },
        { productId: cheese.productId, qty: 250, restock: false },
      ],
      refund: 1000,
      refundMethod: 'card',
    });
    expect(built && refundReceiptText(order, built.saved, 'Rosa', 'en-US')).toMatch(
      /Refund for order K3-0001[\s\S]*2 × Apples\n {2}0\.25 kg × Cheese \(damaged, written off\)\n\nRefunded: €10\.00 \(Card\)/,
    );
  });

  it('keeps a refund the seller typed, and refuses more than is left or was paid', () => {
    const f = new ReturnForm();
    f.reset(foldOrder(order, []), 'EUR', 'cash');
    f.refundText = '1.00';
    f.rows[0]!.qty = '1';
    expect(f.refundText).toBe('1.00');
    f.rows[0]!.qty = '5';
    expect(f.build()).toBeNull();
    f.rows[0]!.qty = '0';
    f.rows[1]!.qty = '';
    expect(f.build()).toBeNull();
    f.rows[0]!.qty = '1';
    f.refundText = '100';
    expect(f.build()).toBeNull();
  });

  it('never suggests more than was paid (an unpaid order refunds nothing)', () => {
    const unpaid = orderDoc({
      lines: [apples],
      payment: { method: 'account', paid: 0, tendered: null, change: null },
    });
    const f = new ReturnForm();
    f.reset(foldOrder(unpaid, []), 'EUR', 'account');
    expect(f.refundText).toBe('0.00');
    expect(f.method).toBe('cash');
    expect(f.build()?.input).toEqual({
      kind: 'returned',
      items: [{ productId: apples.productId, qty: 4, restock: true }],
      refund: 0,
    });
  });
});

describe('amending an order', () => {
  const order = orderDoc({ channel: 'delivery', lines: [apples, cheese] });
  const jam = {
    id: `product:${ulid()}`,
    code: 'JAM',
    name: 'Jam',
    unit: 'piece',
    price: 300,
  } as const;

  it('changes quantities, removes and adds lines (a product once), priced as at checkout', () => {
    const f = new AmendForm();
    f.reset(foldOrder(order, []));
    f.rows[0]!.qty = '6';
    f.remove(cheese.productId);
    f.add(jam);
    f.add(jam);
    f.customer = { id: `customer:${ulid()}`, name: 'Ana' };
    f.address = ' Market St 2 ';
    f.note = 'called';
    const built = f.build(noTax);
    expect(built?.note).toBe('called');
    expect(built?.input).toMatchObject({
      kind: 'amended',
      lines: [
        { productId: apples.productId, qty: 6, unitPrice: 250, lineTotal: 1500 },
        { productId: jam.id, qty: 2, unitPrice: 300, lineTotal: 600 },
      ],
      total: 2100,
      customerName: 'Ana',
      address: 'Market St 2',
    });
  });

  it('keeps the delivery fee of an online order in the amended total', () => {
    const f = new AmendForm();
    f.reset(foldOrder(order, []), 450);
    f.remove(cheese.productId);
    expect(f.build(noTax)?.input).toMatchObject({ subtotal: 1000, total: 1450 });
  });

  it('refuses an order with no lines left, or a quantity it cannot read', () => {
    const f = new AmendForm();
    f.reset(foldOrder(order, []));
    f.rows[0]!.qty = 'lots';
    expect(f.build(noTax)).toBeNull();
    f.rows[0]!.qty = '0';
    f.remove(cheese.productId);
    expect(f.build(noTax)).toBeNull();
    expect(f.error).toMatch(/cancel/);
  });

  it('starts from the lines and address that hold now', () => {
    const amended = orderEventDoc('amended', {
      orderId: order._id,
      at: '2030-01-01T00:00:00.000Z',
      lines: [apples],
      subtotal: 1000,
      tax: 0,
      total: 1000,
      customerId: null,
      customerName: '',
      address: 'Harbour Rd 5',
    });
    const state = foldOrder(order, [amended]);
    expect(currentAddress(state)).toBe('Harbour Rd 5');
    const f = new AmendForm();
    f.reset(state);
    expect(f.rows.map((r) => r.line.name)).toEqual(['Apples']);
    expect(f.address).toBe('Harbour Rd 5');
  });
});
