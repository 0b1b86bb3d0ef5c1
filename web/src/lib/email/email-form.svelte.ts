import type { MailKind } from '@stallkeeper/shared';
import { requestEmail, type EmailView } from '../db/mail.ts';
import { ValidationError, type ShopContext } from '../db/shop.ts';

/** What is being emailed: the order, and the invoice for an invoice. */
export interface EmailTarget {
  ctx: ShopContext | null;
  kind: MailKind;
  orderId: string;
  invoiceId: string | null;
}

/**
 * The "Email receipt/invoice" dialog and its list's "Try again". Sending is a local
 * write (see db/mail.ts), so it works offline; the list says what became of it.
 */
export class EmailForm {
  open = $state(false);
  to = $state('');
  note = $state('');
  busy = $state(false);
  /** by field (`to`), or `form` for anything else */
  errors = $state<Record<string, string>>({});

  readonly #target: () => EmailTarget;

  constructor(target: () => EmailTarget) {
    this.#target = target;
  }

  /** Open the dialog, the address prefilled with the customer's (when there is one). */
  start(customerEmail: string): void {
    this.to = customerEmail;
    this.note = '';
    this.errors = {};
    this.open = true;
  }

  async send(): Promise<boolean> {
    const ok = await this.#request(this.to, this.note);
    if (ok) this.open = false;
    return ok;
  }

  /** A failed email again: a new request to the same address, with the same note. */
  retry(v: Pick<EmailView, 'to' | 'note'>): Promise<boolean> {
    return this.#request(v.to, v.note);
  }

  async #request(to: string, note: string): Promise<boolean> {
    const { ctx, kind, orderId, invoiceId } = this.#target();
    if (!ctx || this.busy) return false;
    this.busy = true;
    this.errors = {};
    try {
      await requestEmail(ctx, { kind, orderId, invoiceId, to, note });
      return true;
    } catch (err) {
      this.errors =
        err instanceof ValidationError
          ? err.fieldErrors()
          : { form: 'The email could not be saved on this device. Try again.' };
      return false;
    } finally {
      this.busy = false;
    }
  }
}
