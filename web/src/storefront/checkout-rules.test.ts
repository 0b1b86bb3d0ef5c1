import type { PublicShop } from '@stallkeeper/shared/rest';
import { describe, expect, it } from 'vitest';
import {
  checkoutBody,
  defaultChannel,
  fieldErrorOfReason,
  fieldErrorsOf,
  MESSAGES,
  newIdempotencyKey,
  validate,
  type CheckoutForm,
} from './checkout-rules.ts';

const slot = { id: '2026-12-05T08:00', from: '2026-12-05T07:00:00Z', to: '2026-12-05T12:00:00Z' };
const shop: PublicShop = {
  name: 'Green Corner',
  slug: 'green-corner',
  currency: 'EUR',
  taxInclusive: true,
  taxRate: 0,
  pickup: { place: 'Stall 12', slots: [slot] },
  delivery: { area: 'Kilkenny', fee: 300, slots: [] },
  minimumOrder: 0,
  message: '',
  contact: '',
  categories: [],
};
const form = (over: Partial<CheckoutForm> = {}): CheckoutForm => ({
  name: 'Aoife',
  phone: '+353 87 123 4567',
  email: '',
  channel: 'pickup',
  address: '',
  slot: slot.id,
  payment: 'on_collection',
  note: '',
  ...over,
});

describe('the checkout form’s checks', () => {
  it('takes a complete pickup order', () => {
    expect(validate(form(), shop, 2)).toEqual({});
  });

  it('says in plain words what is missing', () => {
    const errors = validate(form({ name: ' ', phone: '12', email: 'aoife@', slot: '' }), shop, 0);
    expect(errors).toEqual({
      cart: MESSAGES.cart,
      name: MESSAGES.name,
      phone: MESSAGES.phone,
      email: MESSAGES.email,
      slot: MESSAGES.slot,
    });
    expect(validate(form({ phone: '087 12a 4567' }), shop, 1)).toHaveProperty('phone');
  });

  it('asks for an address only for delivery, and a time only where the shop has times', () => {
    expect(validate(form({ channel: 'delivery', slot: '' }), shop, 1)).toEqual({
      address: MESSAGES.address,
    });
    expect(
      validate(form({ channel: 'delivery', slot: '', address: '1 Main St' }), shop, 1),
    ).toEqual({});
  });

  it('offers pickup first, else delivery', () => {
    expect(defaultChannel(shop)).toBe('pickup');
    expect(defaultChannel({ ...shop, pickup: null })).toBe('delivery');
    expect(defaultChannel({ ...shop, pickup: null, delivery: null })).toBeNull();
  });

  it('sends only what the server’s schema takes, trimmed, in base units', () => {
    const body = checkoutBody(form({ name: ' Aoife ', email: ' a@b.ie ', note: '  ' }), [
      { productId: 'p1', qty: 750 },
    ]);
    expect(body).toEqual({
      customer: { name: 'Aoife', phone: '+353 87 123 4567', email: 'a@b.ie' },
      channel: 'pickup',
      slot: slot.id,
      lines: [{ productId: 'p1', qty: 750 }],
      payment: 'on_collection',
    });
    expect(
      checkoutBody(form({ channel: 'delivery', address: ' 1 Main St ', slot: '' }), []),
    ).toEqual(expect.objectContaining({ channel: 'delivery', address: '1 Main St' }));
  });

  it('puts the server’s refusals under the fields, in the page’s words', () => {
    expect(
      fieldErrorsOf([
        { path: 'customer.phone', message: 'Too small: expected string to have >=1 characters' },
        { path: 'customer.email', message: 'not a valid email' },
      ]),
    ).toEqual({ phone: MESSAGES.phone, email: MESSAGES.email });
    expect(fieldErrorOfReason('slot: that time is no longer offered. Choose another.')).toEqual({
      slot: 'That time is no longer offered. Choose another.',
    });
    expect(fieldErrorOfReason('This shop does not deliver.')).toEqual({});
  });

  it('makes a new idempotency key each time', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });
});
