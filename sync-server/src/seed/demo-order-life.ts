import type { Faker } from '@faker-js/faker';
import {
  dueDate,
  devicePrefix,
  formatHumanNumber,
  type Customer,
  type Invoice,
  type Order,
  type OrderEvent,
  type Settings,
  type ShopDoc,
} from '@stallkeeper/shared';

/** What the demo's order life needs from the demo builder. */
export interface LifeContext {
  faker: Faker;
  now: number;
  /** a ULID for a moment */
  ids: (t: number) => string;
  settings: Settings;
  customers: readonly Customer[];
  /** the activity-log entry the app writes alongside what a person did */
  audit: (
    t: number,
    by: string,
    deviceId: string,
    action: string,
    target: string,
    summary: string,
    after: Record<string, unknown>,
  ) => void;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (t: number) => new Date(t).toISOString();

/**
 * What happened to the demo's orders after the sale, as the app would have written
 * it: deliveries delivered in the past and planned for today and the coming days
 * (one not yet scheduled), and invoices for sales on account, some part paid.
 */
export function orderLife(orders: readonly Order[], c: LifeContext): ShopDoc[] {
  const docs: ShopDoc[] = [];
  const event = (o: Order, t: number, body: Record<string, unknown>, summary: string) => {
    const e = {
      _id: `orderevent:${o._id.slice('order:'.length)}:${c.ids(t)}`,
      type: 'orderevent',
      orderId: o._id,
      note: '',
      at: iso(t),
      by: o.by,
      deviceId: o.deviceId,
      ...body,
    } as OrderEvent;
    docs.push(e);
    c.audit(t, o.by, o.deviceId, `order.${e.kind}`, o._id, `${o.number}: ${summary}`, body);
  };
  const addressOf = (o: Order) =>
    c.customers.find((x) => x._id === o.customerId)?.address || 'Market Street 1';
  const phoneOf = (o: Order) => c.customers.find((x) => x._id === o.customerId)?.phone ?? '';
  const morning = (t: number) => {
    const d = new Date(t);
    d.setUTCHours(9, 0, 0, 0);
    return d.getTime();
  };

  const deliveries = orders.filter((o) => o.channel === 'delivery');
  const recent = deliveries.slice(-4);
  for (const o of deliveries) {
    const created = Date.parse(o.createdAt);
    const plan = (at: number) =>
      event(
        o,
        Math.min(c.now - 1000, created + HOUR),
        {
          kind: 'delivery_scheduled',
          scheduledFor: iso(at),
          windowEnd: iso(at + 2 * HOUR),
          address: addressOf(o),
          phone: phoneOf(o),
        },
        'delivery scheduled',
      );
    const i = recent.indexOf(o);
    if (i === 0) continue; // one waits to be scheduled
    if (i > 0) {
      // today and the coming days
      plan(morning(c.now) + (i - 1) * DAY + (i === 1 ? 5 * HOUR : 0));
      continue;
    }
    const when = morning(created + DAY);
    if (when >= c.now - HOUR) continue;
    plan(when);
    event(o, when + 10 * 60_000, { kind: 'dispatched' }, 'dispatched');
    event(
      o,
      when + HOUR,
      { kind: 'delivered', receivedBy: o.customerName || 'At the door' },
      'delivered',
    );
  }

  // invoices for sales on account, from the owner's laptop series; some part paid
  let seq = 0;
  for (const o of orders.filter((x) => x.payment.method === 'account' && x.customerId)) {
    const t = Date.parse(o.createdAt) + 2 * HOUR;
    if (t >= c.now) continue;
    const issuedOn = iso(t).slice(0, 10);
    const inv: Invoice = {
      _id: `invoice:${c.ids(t)}`,
      type: 'invoice',
      number: formatHumanNumber(`I${devicePrefix('demo-laptop').slice(0, 2)}`, ++seq),
      orderId: o._id,
      orderNumber: o.number,
      issuedOn,
      dueOn: dueDate(issuedOn, c.settings.invoiceTermsDays),
      customerId: o.customerId,
      customerName: o.customerName,
      customerAddress: addressOf(o),
      currency: o.currency,
      lines: o.lines,
      subtotal: o.subtotal,
      tax: o.tax,
      total: o.total,
      taxRate: c.settings.taxRate,
      taxInclusive: c.settings.taxInclusive,
      seller: { name: c.settings.shopName, address: '', contact: '', taxId: '' },
      paymentInstructions: '',
      footer: '',
      note: '',
      at: iso(t),
      by: o.by,
      deviceId: o.deviceId,
    };
    docs.push(inv);
    c.audit(t, o.by, o.deviceId, 'invoice.create', inv._id, `Invoice ${inv.number}`, {
      number: inv.number,
      total: inv.total,
      dueOn: inv.dueOn,
    });
    const paidAt = t + 3 * DAY;
    if (paidAt < c.now && c.faker.datatype.boolean(0.5)) {
      const amount = c.faker.datatype.boolean(0.5) ? o.total : Math.ceil(o.total / 2);
      event(
        o,
        paidAt,
        {
          kind: 'payment',
          amount,
          method: 'mobile',
          reference: c.faker.string.alphanumeric(10).toUpperCase(),
        },
        'payment',
      );
    }
  }
  return docs;
}
