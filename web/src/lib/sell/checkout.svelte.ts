import {
  cartTotals,
  changeDue,
  parseMoney,
  type Channel,
  type Order,
  type PaymentMethod,
  type SettingsFields,
} from '@stallkeeper/shared';
import { checkout } from '../db/orders.ts';
import type { ShopContext } from '../db/shop.ts';
import type { Cart } from './cart.svelte.ts';

/** The checkout sheet: payment method, cash tendered and change, channel. */
export class CheckoutForm {
  method = $state<PaymentMethod>('cash');
  channel = $state<Channel>('counter');
  tendered = $state('');
  payNow = $state(true);
  note = $state('');
  error = $state<string | null>(null);
  busy = $state(false);

  constructor(
    private readonly cart: Cart,
    private readonly settings: () => SettingsFields,
  ) {}

  get total(): number {
    return cartTotals(this.cart.lines, this.settings()).total;
  }

  /** Minor units typed as cash, or null while empty or not a number. */
  get tenderedMinor(): number | null {
    return this.tendered.trim() ? parseMoney(this.tendered, this.settings().currency) : null;
  }

  get paysNow(): boolean {
    return this.method !== 'account' && (this.channel === 'counter' || this.payNow);
  }

  /** Change due, or null when not applicable / not enough cash. */
  get change(): number | null {
    const t = this.tenderedMinor;
    if (this.method !== 'cash' || !this.paysNow || t === null) return null;
    return changeDue(this.total, t);
  }

  /** Quick cash buttons: exact, and the next round amounts above the total. */
  get quickCash(): number[] {
    const total = this.total;
    const steps = [500, 1000, 2000, 5000, 10000];
    const out: number[] = [total];
    for (const s of steps) {
      const up = Math.ceil(total / s) * s;
      if (up > total && !out.includes(up)) out.push(up);
      if (out.length >= 4) break;
    }
    return out;
  }

  get problem(): string | null {
    if (!this.cart.lines.length) return 'The cart is empty.';
    if (this.method === 'account' && !this.cart.customer) {
      return 'Pick a customer to sell on account.';
    }
    if (this.channel === 'delivery' && !this.cart.customer) return 'Pick a customer to deliver to.';
    if (this.method === 'cash' && this.paysNow && this.tendered.trim()) {
      const t = this.tenderedMinor;
      if (t === null) return 'Enter the cash given, like 20 or 20.00.';
      if (t < this.total) return 'Not enough cash for the total.';
    }
    return null;
  }

  async submit(ctx: ShopContext): Promise<Order | null> {
    const problem = this.problem;
    if (problem) {
      this.error = problem;
      return null;
    }
    this.busy = true;
    this.error = null;
    try {
      const order = await checkout(ctx, {
        lines: this.cart.lines,
        settings: this.settings(),
        channel: this.channel,
        method: this.method,
        tendered: this.method === 'cash' ? this.tenderedMinor : null,
        payNow: this.payNow,
        customer: this.cart.customer,
        note: this.note,
      });
      this.cart.clear();
      this.reset();
      return order;
    } catch (err) {
      this.error = err instanceof Error ? err.message : 'The sale could not be saved.';
      return null;
    } finally {
      this.busy = false;
    }
  }

  reset(): void {
    this.method = 'cash';
    this.channel = 'counter';
    this.tendered = '';
    this.payNow = true;
    this.note = '';
    this.error = null;
  }
}
