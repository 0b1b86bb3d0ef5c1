import type { CheckoutResult, PublicShop } from '@stallkeeper/shared/rest';
import { OfflineError, problem, shopApi, ShopApiError } from './api.ts';
import type { Cart } from './cart.svelte.ts';
import { totals, type CartLine } from './cart-rules.ts';
import { ShopCaptcha } from './captcha.svelte.ts';
import {
  checkoutBody,
  defaultChannel,
  fieldErrorOfReason,
  fieldErrorsOf,
  newIdempotencyKey,
  slotsFor,
  validate,
  type CheckoutForm,
  type FieldErrors,
} from './checkout-rules.ts';
import { isRecord } from './storage.ts';

/** A line the shop could not fill in full: what was asked, and what is left. */
export interface ShortLine {
  name: string;
  asked: CartLine;
  available: number;
}

/**
 * The checkout: the form, its checks, and sending the order once. One attempt keeps
 * one Idempotency-Key while what it sends is unchanged, so pressing "Place order"
 * again after a lost answer can never place a second order.
 */
export class Checkout {
  form = $state<CheckoutForm>({
    name: '',
    phone: '',
    email: '',
    channel: 'pickup',
    address: '',
    slot: '',
    payment: 'on_collection',
    note: '',
  });
  errors = $state<FieldErrors>({});
  /** a failure that is not one field's */
  failure = $state('');
  short = $state<ShortLine[]>([]);
  sending = $state(false);
  captcha = $state<ShopCaptcha | null>(null);
  #key = '';
  #sent = '';

  constructor(
    readonly shop: PublicShop,
    readonly cart: Cart,
  ) {
    this.form.channel = defaultChannel(shop) ?? 'pickup';
    shopApi.options().then(
      (o) => {
        if (o.captcha) this.captcha ??= new ShopCaptcha();
      },
      () => undefined, // offline now: sending will say so
    );
  }

  get slots() {
    return slotsFor(this.shop, this.form.channel);
  }

  get totals() {
    const fee = this.form.channel === 'delivery' ? (this.shop.delivery?.fee ?? 0) : 0;
    return totals(this.cart.lines, this.shop, fee);
  }

  /** Send the order; the result when placed, else null with the reasons on the form. */
  async submit(): Promise<CheckoutResult | null> {
    if (this.sending) return null;
    this.failure = '';
    this.errors = validate(this.form, this.shop, this.cart.lines.length);
    if (Object.keys(this.errors).length) return null;
    // the form already says how much is missing (and the button's press lands there)
    if (this.totals.shortOfMinimum > 0) return null;
    const body = checkoutBody(this.form, this.cart.lines);
    const fingerprint = JSON.stringify(body);
    if (fingerprint !== this.#sent) {
      this.#key = newIdempotencyKey();
      this.#sent = fingerprint;
    }
    this.sending = true;
    try {
      let altcha: string | undefined;
      if (this.captcha) {
        altcha = (await this.captcha.take()) ?? undefined;
        if (!altcha) {
          this.failure = 'The "not a robot" check did not finish. Try it again.';
          return null;
        }
      }
      const result = await shopApi.checkout(
        this.shop.slug,
        altcha ? { ...body, altcha } : body,
        this.#key,
      );
      this.short = [];
      return result;
    } catch (err) {
      this.#explain(err);
      return null;
    } finally {
      this.sending = false;
    }
  }

  #explain(err: unknown): void {
    if (err instanceof OfflineError) {
      this.failure = `${err.message} Your order may not have been sent. Press "Place order" again: it will not be placed twice.`;
      return;
    }
    if (!(err instanceof ShopApiError)) {
      this.failure = problem(err);
      return;
    }
    if (err.code === 'out_of_stock' && Array.isArray(err.body.items)) {
      const items = err.body.items.filter(
        (i): i is { productId: string; available: number } =>
          isRecord(i) && typeof i.productId === 'string' && Number.isSafeInteger(i.available),
      );
      const asked = this.cart.limitTo(items);
      this.short = asked.map((l) => ({
        name: l.name,
        asked: l,
        available: items.find((i) => i.productId === l.productId)?.available ?? 0,
      }));
      return;
    }
    if (err.code === 'captcha_required' || err.code === 'captcha_invalid') {
      this.captcha ??= new ShopCaptcha();
      void this.captcha.start();
      this.failure = 'Please do the "not a robot" check, then place the order again.';
      return;
    }
    if (err.status === 400) {
      this.errors = err.body.issues
        ? fieldErrorsOf(err.body.issues)
        : fieldErrorOfReason(err.message);
      if (!Object.keys(this.errors).length) this.failure = problem(err);
      return;
    }
    this.failure = problem(err);
  }
}
