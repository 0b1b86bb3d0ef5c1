import type { PaymentMethod } from '@stallkeeper/shared';
import { addOrderEvent, type OrderDetail } from '../db/orders.ts';
import type { ShopContext } from '../db/shop.ts';

/** Lifecycle actions on one order; every action appends an event. */
export class OrderActions {
  busy = $state(false);
  error = $state<string | null>(null);
  payMethod = $state<PaymentMethod>('cash');
  note = $state('');

  constructor(private readonly ctx: () => ShopContext | null) {}

  async #run(fn: (ctx: ShopContext) => Promise<unknown>): Promise<void> {
    const ctx = this.ctx();
    if (!ctx) return;
    this.busy = true;
    this.error = null;
    try {
      await fn(ctx);
    } catch (err) {
      this.error = err instanceof Error ? err.message : 'That did not work.';
    } finally {
      this.busy = false;
    }
  }

  markPaid(d: OrderDetail): Promise<void> {
    return this.#run((ctx) =>
      addOrderEvent(ctx, d.order, {
        kind: 'payment',
        amount: d.state.balance,
        method: this.payMethod,
      }),
    );
  }

  cancel(d: OrderDetail, reason: string): Promise<void> {
    return this.#run((ctx) => addOrderEvent(ctx, d.order, { kind: 'cancelled', reason }));
  }

  delivered(d: OrderDetail): Promise<void> {
    return this.#run((ctx) => addOrderEvent(ctx, d.order, { kind: 'delivered' }));
  }

  addNote(d: OrderDetail): Promise<void> {
    const text = this.note.trim();
    if (!text) return Promise.resolve();
    return this.#run(async (ctx) => {
      await addOrderEvent(ctx, d.order, { kind: 'note' }, text);
      this.note = '';
    });
  }
}
