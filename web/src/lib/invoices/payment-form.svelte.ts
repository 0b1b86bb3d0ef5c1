import {
  formatMoney,
  parseMoney,
  toDecimalString,
  type Order,
  type PaymentMethod,
} from '@stallkeeper/shared';
import { addOrderEvent } from '../db/orders.ts';
import type { ShopContext } from '../db/shop.ts';

/** Methods a payment after the sale can take ("on account" is not a way of paying). */
export const PAYMENT_AFTER_SALE = [
  'cash',
  'card',
  'mobile',
] as const satisfies readonly PaymentMethod[];

/** Check a typed amount against the balance; a message for the seller, or the amount. */
export function checkAmount(
  typed: string,
  balance: number,
  currency: string,
  locale?: string,
): { amount: number } | { error: string } {
  const amount = parseMoney(typed, currency);
  if (amount === null) return { error: 'Type an amount, like 12.50.' };
  if (amount <= 0) return { error: 'The amount must be more than zero.' };
  if (amount > balance) {
    return { error: `That is more than the balance (${formatMoney(balance, currency, locale)}).` };
  }
  return { amount };
}

/** The "Record payment" form: amount (the balance unless changed), method, reference. */
export class PaymentForm {
  amount = $state('');
  method = $state<PaymentMethod>('cash');
  reference = $state('');
  error = $state<string | null>(null);
  busy = $state(false);

  /** Start over for a balance: the whole of it is the usual payment. */
  reset(balance: number, currency: string): void {
    this.amount = toDecimalString(balance, currency);
    this.method = 'cash';
    this.reference = '';
    this.error = null;
  }

  /** Record the payment as an order event; the amount once saved (on this device), else null. */
  async save(ctx: ShopContext, order: Order, balance: number): Promise<number | null> {
    const checked = checkAmount(this.amount, balance, order.currency, navigator.language);
    if ('error' in checked) {
      this.error = checked.error;
      return null;
    }
    const reference = this.reference.trim();
    if (reference.length > 100) {
      this.error = 'The reference is too long (100 characters at most).';
      return null;
    }
    this.busy = true;
    this.error = null;
    try {
      await addOrderEvent(ctx, order, {
        kind: 'payment',
        amount: checked.amount,
        method: this.method,
        ...(reference ? { reference } : {}),
      });
      return checked.amount;
    } catch (err) {
      this.error = err instanceof Error ? err.message : 'The payment was not saved.';
      return null;
    } finally {
      this.busy = false;
    }
  }
}
