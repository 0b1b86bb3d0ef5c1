import type { PaymentMethod } from '@stallkeeper/shared';
import type { EventInput } from '../db/orders.ts';
import { amountText, readAmount } from './money-field.ts';

/**
 * The "Cancel order" dialog: a reason, always; when money was taken, the refund
 * (what was paid by default) and how it went back.
 */
export class CancelForm {
  reason = $state('');
  refund = $state('');
  refundMethod = $state<PaymentMethod>('cash');
  error = $state<string | null>(null);
  /** what was paid and not yet given back (0: nothing to refund) */
  paid = $state(0);
  #currency = 'EUR';

  /** `reason`: a start for it (the customer's own, when approving their request) */
  reset(paid: number, currency: string, method: PaymentMethod, reason = ''): void {
    this.#currency = currency;
    this.paid = Math.max(0, paid);
    this.reason = reason;
    this.refund = amountText(this.paid, currency);
    this.refundMethod = method === 'account' ? 'cash' : method;
    this.error = null;
  }

  build(): EventInput | null {
    const reason = this.reason.trim();
    if (!reason) {
      this.error = 'Say why the order is cancelled.';
      return null;
    }
    if (this.paid === 0) {
      this.error = null;
      return { kind: 'cancelled', reason };
    }
    const refund = readAmount(this.refund, this.#currency);
    if (refund === null) {
      this.error = 'Enter the amount paid back, for example 12.50 (0 if none).';
      return null;
    }
    if (refund > this.paid) {
      this.error = 'That is more than was paid.';
      return null;
    }
    this.error = null;
    return refund > 0
      ? { kind: 'cancelled', reason, refund, refundMethod: this.refundMethod }
      : { kind: 'cancelled', reason };
  }
}
