import { liveCustomer } from '../db/customers.ts';
import { addOrderEvent, type OrderDetail } from '../db/orders.ts';
import type { ShopContext } from '../db/shop.ts';
import {
  cashCollected,
  cashDefault,
  scheduleDefaults,
  scheduleEvent,
  type ContactDefaults,
  type ScheduleFields,
} from './delivery-form.ts';
import { STATUS_LABEL } from '../orders/labels.ts';
import { deliveryActions, type DeliveryKind } from './steps.ts';

/** The customer's address and phone, read once when the schedule dialog opens. */
function customerContact(
  ctx: ShopContext,
  id: string | null,
): Promise<ContactDefaults['customer']> {
  if (!id) return Promise.resolve(null);
  return new Promise((done) => {
    const sub = liveCustomer(ctx, id).subscribe({
      next: (c) => {
        done(c ? { address: c.customer.address, phone: c.customer.phone } : null);
        queueMicrotask(() => sub.unsubscribe());
      },
      error: () => done(null),
    });
  });
}

/** The address of the order's latest amendment that holds ('' when none). */
function amendedAddress(d: OrderDetail): string {
  const last = d.state.amendments.at(-1);
  const e = last && d.events.find((x) => x._id === last.eventId);
  return e?.kind === 'amended' ? e.address : '';
}

/**
 * The delivery dialogs of one order: schedule or reschedule, out for delivery,
 * delivered (with the cash collected as a payment) and failed. Every step is an
 * order event written to this device's replica, so it works with no network.
 */
export class DeliveryDialogs {
  open = $state<DeliveryKind | null>(null);
  busy = $state(false);
  error = $state<string | null>(null);
  /** what the last step did ("delivered"), for a polite status line */
  done = $state<string | null>(null);

  schedule = $state<ScheduleFields>({
    date: '',
    from: '',
    to: '',
    address: '',
    phone: '',
    note: '',
  });
  receivedBy = $state('');
  cash = $state('');
  reason = $state('');

  constructor(private readonly ctx: () => ShopContext | null) {}

  async start(kind: DeliveryKind, d: OrderDetail): Promise<void> {
    this.error = null;
    this.done = null;
    if (kind === 'delivery_scheduled') {
      const ctx = this.ctx();
      const customer = ctx ? await customerContact(ctx, d.state.customerId) : null;
      this.schedule = scheduleDefaults(
        d.state,
        { amendedAddress: amendedAddress(d), customer },
        Date.now(),
      );
    }
    if (kind === 'delivered') {
      this.receivedBy = d.state.customerName;
      this.cash = cashDefault(d.state, d.order.currency);
    }
    if (kind === 'delivery_failed') this.reason = '';
    this.open = kind;
  }

  async #save(
    kind: DeliveryKind,
    d: OrderDetail,
    what: string,
    write: (ctx: ShopContext) => Promise<unknown>,
  ): Promise<void> {
    const ctx = this.ctx();
    if (!ctx || this.busy) return;
    // another device's step may have arrived while the dialog was open
    if (!deliveryActions(d).includes(kind)) {
      this.error = `This order is now “${STATUS_LABEL[d.state.status].toLowerCase()}”: that step no longer applies.`;
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      await write(ctx);
      this.open = null;
      this.done = what;
    } catch (err) {
      this.error = err instanceof Error ? err.message : 'That did not save. Try again.';
    } finally {
      this.busy = false;
    }
  }

  saveSchedule(d: OrderDetail): Promise<void> {
    const checked = scheduleEvent(this.schedule, d.order.channel);
    if (!checked.ok) {
      this.error = checked.error;
      return Promise.resolve();
    }
    const what = d.state.delivery ? 'rescheduled' : 'scheduled';
    return this.#save('delivery_scheduled', d, what, (ctx) =>
      addOrderEvent(ctx, d.order, checked.value, this.schedule.note.trim()),
    );
  }

  dispatch(d: OrderDetail): Promise<void> {
    return this.#save('dispatched', d, 'out for delivery', (ctx) =>
      addOrderEvent(ctx, d.order, { kind: 'dispatched' }),
    );
  }

  deliver(d: OrderDetail): Promise<void> {
    const cash = cashCollected(this.cash, d.state.balance, d.order.currency);
    if (!cash.ok) {
      this.error = cash.error;
      return Promise.resolve();
    }
    const receivedBy = this.receivedBy.trim();
    const what = d.order.channel === 'pickup' ? 'collected' : 'delivered';
    return this.#save('delivered', d, what, async (ctx) => {
      await addOrderEvent(ctx, d.order, {
        kind: 'delivered',
        ...(receivedBy ? { receivedBy } : {}),
      });
      // the cash the driver brings back is a payment like any other
      if (cash.value > 0) {
        await addOrderEvent(ctx, d.order, { kind: 'payment', amount: cash.value, method: 'cash' });
      }
    });
  }

  fail(d: OrderDetail): Promise<void> {
    const reason = this.reason.trim();
    if (!reason) {
      this.error = 'Say what went wrong, so the next attempt can avoid it.';
      return Promise.resolve();
    }
    return this.#save('delivery_failed', d, 'marked as failed', (ctx) =>
      addOrderEvent(ctx, d.order, { kind: 'delivery_failed', reason }),
    );
  }
}
