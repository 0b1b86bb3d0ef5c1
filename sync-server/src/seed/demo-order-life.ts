import {
  devicePrefix,
  dueDate,
  formatHumanNumber,
  type Invoice,
  type Order,
  type OrderEvent,
  type OrderEventBody,
  type Settings,
} from '@stallkeeper/shared';
import { DEVICES, iso, type DemoWriter } from './demo-context.ts';
import type { Sale, ShopCustomer } from './demo-sales.ts';
import { between, dayOf, HOUR, nextOpenDay, type MarketDay } from './market-week.ts';

/** How the activity log names an event (the app's words, lower case). */
const LABEL: Record<OrderEvent['kind'], string> = {
  payment: 'payment',
  delivery_scheduled: 'delivery scheduled',
  dispatched: 'dispatched',
  delivered: 'delivered',
  delivery_failed: 'delivery failed',
  cancelled: 'cancelled',
  returned: 'items returned',
  amended: 'order changed',
  note: 'note',
  accepted: 'accepted',
  ready: 'ready',
  customer_request: 'customer request',
  request_declined: 'request declined',
};

const CANCEL_REASONS = [
  'Customer rang: away for the weekend.',
  'Ordered twice by mistake.',
  'Customer found it cheaper in town.',
  'No answer at the door twice; called off.',
];

/** Writes an order event and its activity-log entry. */
export function orderEvent(
  w: DemoWriter,
  o: Order,
  t: number,
  body: OrderEventBody,
  who: { by: string; deviceId: string },
  note = '',
): OrderEvent {
  const e = {
    _id: `orderevent:${o._id.slice('order:'.length)}:${w.id(t)}`,
    type: 'orderevent',
    orderId: o._id,
    note,
    at: iso(t),
    by: who.by,
    deviceId: who.deviceId,
    ...body,
  } satisfies OrderEvent;
  w.push(t, e);
  w.audit(
    t,
    who.by,
    who.deviceId,
    `order.${body.kind}`,
    o._id,
    `${o.number}: ${LABEL[body.kind]}`,
    { ...body },
  );
  return e;
}

const reference = (w: DemoWriter, method: string) =>
  method === 'card'
    ? `Slip ${w.rng.int(1000, 9999)}`
    : method === 'mobile'
      ? Array.from({ length: 10 }, () => w.rng.pick([...'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'])).join(
          '',
        )
      : undefined;

/**
 * What happened to the orders after the sale, as the app would have written it:
 * phone and restaurant orders delivered or collected the next market day (one failed
 * delivery tried again, a few called off, paid on the doorstep when not paid before);
 * the latest waiting to be planned or planned for today and the coming days; and an
 * invoice for each sale on account, most paid by now, some late.
 */
export function orderLife(
  w: DemoWriter,
  sales: readonly Sale[],
  c: { settings: Settings; customers: readonly ShopCustomer[] },
): void {
  const { rng, now, people } = w;
  const owner = { by: people.ownerId, deviceId: DEVICES.laptop };
  const van = { by: people.ownerId, deviceId: DEVICES.ownerPhone };
  const customers = new Map(c.customers.map((x) => [x.doc._id, x]));
  const addressOf = (o: Order) =>
    (o.customerId && customers.get(o.customerId)?.doc.address) || 'At the stall';
  const phoneOf = (o: Order) => (o.customerId && customers.get(o.customerId)?.doc.phone) || '';
  const plan = (s: Sale, day: MarketDay, t: number) => {
    const pickup = s.order.channel === 'pickup';
    const from = day.midnight + (pickup ? 9 : rng.chance(0.5) ? 9 : 11) * HOUR;
    orderEvent(
      w,
      s.order,
      t,
      {
        kind: 'delivery_scheduled',
        scheduledFor: iso(from),
        windowEnd: iso(from + (pickup ? 4 : 2) * HOUR),
        address: pickup ? 'At the stall' : addressOf(s.order),
        phone: phoneOf(s.order),
      },
      owner,
    );
    return from;
  };

  const fulfil = sales.filter((s) => s.order.channel !== 'counter');
  const recent = fulfil.slice(-4);
  for (const s of fulfil) {
    const o = s.order;
    const i = recent.indexOf(s);
    const planAt = Math.min(now - 1000, s.at + rng.int(5, 30) * 60_000);
    if (i === 0) continue; // the latest but three still waits to be planned
    if (i > 0) {
      // planned for today and the coming market days
      let day = dayOf(now);
      for (let k = 1; k < i; k++) day = nextOpenDay(day);
      plan(s, day, planAt);
      continue;
    }
    if (planAt >= now - 1000) continue;
    const cancel = !s.kitchen && rng.chance(0.12);
    const day = nextOpenDay(s.day);
    let from = plan(s, day, planAt);
    if (cancel) {
      const t = Math.min(from - HOUR, planAt + rng.int(1, 12) * HOUR);
      if (t >= now) continue;
      const paid = o.payment.paid;
      orderEvent(
        w,
        o,
        t,
        {
          kind: 'cancelled',
          reason: rng.pick(CANCEL_REASONS),
          ...(paid > 0 ? { refund: paid, refundMethod: o.payment.method } : {}),
        },
        owner,
      );
      continue;
    }
    if (from >= now) continue; // planned, not yet due
    let handed = from + rng.int(10, 100) * 60_000;
    if (o.channel === 'delivery') {
      orderEvent(w, o, from - 15 * 60_000, { kind: 'dispatched' }, van);
      if (rng.chance(0.05)) {
        // nobody home: back to the stall, out again the next market day (the app
        // offers a failed delivery a new trip straight away)
        const failed = from + 40 * 60_000;
        if (failed >= now) continue;
        orderEvent(
          w,
          o,
          failed,
          { kind: 'delivery_failed', reason: 'Nobody home; left a card.' },
          van,
        );
        from = nextOpenDay(day).midnight + 9 * HOUR;
        if (from - 15 * 60_000 >= now) continue;
        orderEvent(w, o, from - 15 * 60_000, { kind: 'dispatched' }, van);
        handed = from + rng.int(10, 100) * 60_000;
      }
    }
    if (handed >= now) continue; // out for delivery right now
    const receivedBy = s.kitchen ? 'the kitchen' : o.customerName;
    orderEvent(
      w,
      o,
      handed,
      { kind: 'delivered', receivedBy },
      o.channel === 'pickup' ? { by: people.sellerId, deviceId: DEVICES.stall } : van,
    );
    if (o.payment.method !== 'account' && o.payment.paid < o.total) {
      const ref = reference(w, o.payment.method);
      orderEvent(
        w,
        o,
        handed + 60_000,
        {
          kind: 'payment',
          amount: o.total - o.payment.paid,
          method: o.payment.method,
          ...(ref ? { reference: ref } : {}),
        },
        o.channel === 'pickup' ? { by: people.sellerId, deviceId: DEVICES.stall } : van,
      );
    }
  }

  // invoices for sales on account, from the owner's laptop in the evening; most paid since
  let seq = 0;
  const { settings } = c;
  for (const s of sales.filter((x) => x.order.payment.method === 'account' && x.order.customerId)) {
    const o = s.order;
    const t = Math.max(s.at + 30 * 60_000, between(s.day, 19, 20, rng));
    if (t >= now) continue;
    const issuedOn = dayOf(t).date;
    const inv: Invoice = {
      _id: `invoice:${w.id(t)}`,
      type: 'invoice',
      number: formatHumanNumber(`I${devicePrefix(DEVICES.laptop).slice(0, 2)}`, ++seq),
      orderId: o._id,
      orderNumber: o.number,
      issuedOn,
      dueOn: dueDate(issuedOn, settings.invoiceTermsDays),
      customerId: o.customerId,
      customerName: o.customerName,
      customerAddress: addressOf(o),
      currency: o.currency,
      lines: o.lines,
      subtotal: o.subtotal,
      tax: o.tax,
      total: o.total,
      taxRate: settings.taxRate,
      taxInclusive: settings.taxInclusive,
      seller: {
        name: settings.shopName,
        address: settings.address ?? '',
        contact: settings.contact ?? '',
        taxId: settings.taxId ?? '',
      },
      paymentInstructions: settings.paymentInstructions ?? '',
      footer: settings.invoiceFooter ?? '',
      note: '',
      at: iso(t),
      by: owner.by,
      deviceId: owner.deviceId,
    };
    w.push(t, inv);
    w.audit(t, owner.by, owner.deviceId, 'invoice.create', inv._id, `Invoice ${inv.number}`, {
      number: inv.number,
      total: inv.total,
      dueOn: inv.dueOn,
    });
    const paidAt = t + rng.int(3, 24) * 24 * HOUR;
    const paying = rng.weighted([
      ['full', 75],
      ['part', 10],
      ['not yet', 15],
    ] as const);
    if (paidAt >= now || paying === 'not yet') continue;
    const method = rng.weighted([
      ['card', 4],
      ['mobile', 3],
      ['cash', 3],
    ] as const);
    const ref = reference(w, method);
    orderEvent(
      w,
      o,
      paidAt,
      {
        kind: 'payment',
        amount: paying === 'full' ? o.total : Math.ceil(o.total / 2),
        method,
        ...(ref ? { reference: ref } : {}),
      },
      owner,
      `Invoice ${inv.number}`,
    );
  }
}
