import type { PaymentMethod } from '@stallkeeper/shared';
import type { EventInput } from '../db/orders.ts';
import { amountText, readAmount } from './money-field.ts';

/** Methods for money received after the sale ("on account" is not a way to pay). */
export const PAY_METHODS = ['cash', 'card', 'mobile'] as const satisfies readonly PaymentMethod[];

/** The "Record a payment" dialog: amount (the balance by default), method, reference. */
export class PaymentForm {
  amount = $state('');
  method = $state<PaymentMethod>('cash');
  reference = $state('');
  error = $state<string | null>(null);
  #currency = 'EUR';
  #balance = 0;

  /** Start afresh for an order: the amount is what is still owed. */
  reset(balance: number, currency: string): void {
    this.#currency = currency;
    this.#balance = balance;
    this.amount = amountText(balance, currency);
    this.method = 'cash';
    this.reference = '';
    this.error = null;
  }

  /** The payment event, or null with `error` saying what to fix. */
  build(): EventInput | null {
    const amount = readAmount(this.amount, this.#currency);
    if (amount === null || amount === 0) {
      this.error = 'Enter the amount received, for example 12.50.';
      return null;
    }
    if (amount > this.#balance) {
      this.error = 'That is more than the order still owes.';
      return null;
    }
    this.error = null;
    const reference = this.reference.trim();
    return { kind: 'payment', amount, method: this.method, ...(reference ? { reference } : {}) };
  }
}
