import type { Invoice, SettingsFields } from '@stallkeeper/shared';
import { liveCustomer } from '../db/customers.ts';
import { createInvoice } from '../db/invoices.ts';
import { addOrderEvent, type EventInput, type OrderDetail } from '../db/orders.ts';
import type { ShopContext } from '../db/shop.ts';

/** The customer's address for an invoice ('' for a walk-in or a removed customer). */
function customerAddress(ctx: ShopContext, id: string | null): Promise<string> {
  if (!id) return Promise.resolve('');
  return new Promise((resolve) => {
    const sub = liveCustomer(ctx, id).subscribe({
      next: (c) => {
        sub.unsubscribe();
        resolve(c?.customer.address ?? '');
      },
      error: () => resolve(''),
    });
  });
}

/** Lifecycle actions on one order; every action appends an event to the local replica. */
export class OrderActions {
  busy = $state(false);
  error = $state<string | null>(null);
  note = $state('');

  constructor(private readonly ctx: () => ShopContext | null) {}

  async #run<T>(fn: (ctx: ShopContext) => Promise<T>): Promise<T | null> {
    const ctx = this.ctx();
    if (!ctx || this.busy) return null;
    this.busy = true;
    this.error = null;
    try {
      return await fn(ctx);
    } catch (err) {
      this.error = err instanceof Error ? err.message : 'That did not work.';
      return null;
    } finally {
      this.busy = false;
    }
  }

  /** Record one event (payment, cancellation, return, amendment); true once it is saved. */
  async save(d: OrderDetail, input: EventInput, note = ''): Promise<boolean> {
    return (await this.#run((ctx) => addOrderEvent(ctx, d.order, input, note))) !== null;
  }

  addNote(d: OrderDetail): Promise<boolean> {
    const text = this.note.trim();
    if (!text) return Promise.resolve(false);
    return this.#run(async (ctx) => {
      await addOrderEvent(ctx, d.order, { kind: 'note' }, text);
      this.note = '';
      return true;
    }).then((ok) => ok === true);
  }

  /** Issue the order's invoice from this device's series (with the customer's address). */
  invoice(d: OrderDetail, settings: SettingsFields): Promise<Invoice | null> {
    return this.#run(async (ctx) =>
      createInvoice(ctx, d, settings, await customerAddress(ctx, d.state.customerId)),
    );
  }
}
