import type { PublicCheckoutInput, PublicShop } from '@stallkeeper/shared/rest';

/**
 * What the checkout form asks and checks, pure: the same limits the server's schema
 * has (shared/src/rest/storefront.ts), said the way a customer reads them.
 */

export type Field = 'name' | 'phone' | 'email' | 'address' | 'slot' | 'cart';
export type FieldErrors = Partial<Record<Field, string>>;

export interface CheckoutForm {
  name: string;
  phone: string;
  email: string;
  channel: 'pickup' | 'delivery';
  address: string;
  slot: string;
  payment: 'on_collection' | 'test_card';
  note: string;
}

const PHONE_RE = /^[+\d\s().-]*$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const MESSAGES: Record<Field, string> = {
  name: 'Enter your name, so the shop knows whose order it is.',
  phone: 'Enter a phone number the shop can call: digits, spaces and + ( ) . - only.',
  email: 'This does not look like an email address. Check it, or leave it empty.',
  address: 'Enter the address to deliver to.',
  slot: 'Choose a time.',
  cart: 'Your cart is empty.',
};

/** The server refused a line of the cart (a product taken off the page meanwhile). */
export const LINES_PROBLEM =
  'Something in your cart cannot be ordered any more. Go back to the shop and check your cart.';

/** The times a customer may choose for a way of getting the order. */
export function slotsFor(shop: PublicShop, channel: 'pickup' | 'delivery') {
  return (channel === 'pickup' ? shop.pickup?.slots : shop.delivery?.slots) ?? [];
}

/** Pickup first when the shop offers it; null when it offers neither. */
export function defaultChannel(shop: PublicShop): 'pickup' | 'delivery' | null {
  return shop.pickup ? 'pickup' : shop.delivery ? 'delivery' : null;
}

export function validate(form: CheckoutForm, shop: PublicShop, lineCount: number): FieldErrors {
  const errors: FieldErrors = {};
  if (!lineCount) errors.cart = MESSAGES.cart;
  if (!form.name.trim() || form.name.trim().length > 200) errors.name = MESSAGES.name;
  const phone = form.phone.trim();
  if (!PHONE_RE.test(phone) || phone.replace(/\D/g, '').length < 6 || phone.length > 40) {
    errors.phone = MESSAGES.phone;
  }
  const email = form.email.trim();
  if (email && (!EMAIL_RE.test(email) || email.length > 254)) errors.email = MESSAGES.email;
  if (form.channel === 'delivery' && !form.address.trim()) errors.address = MESSAGES.address;
  const slots = slotsFor(shop, form.channel);
  if (slots.length && !slots.some((s) => s.id === form.slot)) errors.slot = MESSAGES.slot;
  return errors;
}

/** The request body (without the captcha), trimmed; empty optional fields left out. */
export function checkoutBody(
  form: CheckoutForm,
  lines: readonly { productId: string; qty: number }[],
): Omit<PublicCheckoutInput, 'altcha'> {
  const email = form.email.trim();
  const note = form.note.trim();
  return {
    customer: { name: form.name.trim(), phone: form.phone.trim(), ...(email ? { email } : {}) },
    channel: form.channel,
    ...(form.channel === 'delivery' ? { address: form.address.trim() } : {}),
    ...(form.slot ? { slot: form.slot } : {}),
    lines: lines.map((l) => ({ productId: l.productId, qty: l.qty })),
    payment: form.payment,
    ...(note ? { note } : {}),
  };
}

/** The server's `issues` (`{path: 'customer.phone', message}`) as the form's fields. */
export function fieldErrorsOf(issues: unknown): FieldErrors {
  const errors: FieldErrors = {};
  if (!Array.isArray(issues)) return errors;
  const list: unknown[] = issues;
  for (const issue of list) {
    const path =
      typeof issue === 'object' && issue !== null && 'path' in issue ? String(issue.path) : '';
    const field: Field | null = path.startsWith('customer.name')
      ? 'name'
      : path.startsWith('customer.phone')
        ? 'phone'
        : path.startsWith('customer.email')
          ? 'email'
          : path.startsWith('address')
            ? 'address'
            : path.startsWith('slot')
              ? 'slot'
              : path.startsWith('lines')
                ? 'cart'
                : null;
    // our own words: the schema's messages are written for programmers
    if (field) errors[field] ??= field === 'cart' ? LINES_PROBLEM : MESSAGES[field];
  }
  return errors;
}

/**
 * A 400 without `issues` names its field first ("slot: that time is no longer offered.
 * Choose another."): that message belongs under the field, without the name.
 */
export function fieldErrorOfReason(reason: string): FieldErrors {
  const m = /^(address|slot|lines): (.+)$/s.exec(reason.trim());
  const field =
    m?.[1] === 'lines' ? 'cart' : m?.[1] === 'address' || m?.[1] === 'slot' ? m[1] : null;
  if (!field || !m?.[2]) return {};
  return { [field]: m[2].charAt(0).toUpperCase() + m[2].slice(1) };
}

/** A fresh key for one checkout attempt (crypto.randomUUID needs https or localhost). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
