import {
  AGING_BUCKETS,
  dueDate,
  invoiceStanding,
  type AgingBucket,
  type InvoiceStanding,
} from '../invoices.ts';
import type { ReportContext } from './context.ts';
import type { ReportInvoice, ReportOrder } from './input.ts';
import type { MoneyOwedReport } from './types.ts';

/** What a seller's report shows of money owed: nothing (it is the owner's to chase). */
export function owedHidden(): MoneyOwedReport {
  return {
    aging: AGING_BUCKETS.map((bucket) => ({ bucket, count: 0, amount: 0 })),
    customers: [],
    total: 0,
    source: 'hidden',
  };
}

/** Statuses of an order the customer already has: what they took is owed now. */
const HANDED_OVER = new Set(['completed', 'dispatched', 'delivered']);

interface Debt {
  customerId: string;
  name: string;
  invoice: boolean;
  standing: InvoiceStanding;
}

/**
 * Money owed to the shop today, shop-wide (never for one seller), aged by days past
 * due (shared/invoices.ts). Once the shop issues invoices, it is their outstanding
 * balances (an order's latest invoice speaks for it; a cancelled order voids it).
 * Until then it is what customers owe on sales: every order with a customer and a
 * balance left that is on account or that the customer already has, due the
 * shop's terms after its local day, as the customer statement counts it.
 */
export function owedReport(ctx: ReportContext): MoneyOwedReport {
  const { input } = ctx;
  const debts: Debt[] = [];
  if (input.invoices.length > 0) {
    for (const inv of latestPerOrder(input.invoices)) {
      const order = ctx.orderById.get(inv.orderId) ?? { paid: 0, refunded: 0, status: 'open' };
      debts.push({
        customerId: inv.customerId,
        name: inv.customerName,
        invoice: true,
        standing: invoiceStanding(inv, order, input.today),
      });
    }
  } else {
    for (const o of ctx.orderById.values()) {
      if (!owing(o)) continue;
      const dueOn = dueDate(input.local.dayOf(o.createdAt), input.invoiceTermsDays);
      debts.push({
        customerId: o.customerId,
        name: o.customerName,
        invoice: false,
        standing: invoiceStanding({ total: o.total, dueOn }, o, input.today),
      });
    }
  }

  const aging = new Map<AgingBucket, { bucket: AgingBucket; count: number; amount: number }>(
    AGING_BUCKETS.map((bucket) => [bucket, { bucket, count: 0, amount: 0 }]),
  );
  type Owing = Required<MoneyOwedReport['customers'][number]>;
  const customers = new Map<string, Owing>();
  let total = 0;
  for (const d of debts) {
    const { balance, bucket } = d.standing;
    if (balance <= 0) continue;
    total += balance;
    const a = aging.get(bucket);
    if (a) {
      a.count++;
      a.amount += balance;
    }
    // a walk-in's invoice is owed by the name on it
    const key = d.customerId || `name:${d.name}`;
    const c: Owing = customers.get(key) ?? {
      customerId: d.customerId,
      name: d.name,
      balance: 0,
      invoices: 0,
      orders: 0,
      oldestBucket: bucket,
    };
    c.balance += balance;
    if (d.invoice) c.invoices++;
    c.orders++;
    if (AGING_BUCKETS.indexOf(bucket) > AGING_BUCKETS.indexOf(c.oldestBucket)) {
      c.oldestBucket = bucket;
    }
    customers.set(key, c);
  }
  return {
    aging: [...aging.values()],
    customers: [...customers.values()].sort(
      (a, b) => b.balance - a.balance || (a.name < b.name ? -1 : 1),
    ),
    total,
    source: input.invoices.length > 0 ? 'invoices' : 'sales',
  };
}

function owing(o: ReportOrder): boolean {
  if (o.balance <= 0 || o.status === 'cancelled' || o.customerId === '') return false;
  return o.method === 'account' || HANDED_OVER.has(o.status);
}

/** The latest invoice of each order (by issue date, then number). */
function latestPerOrder(invoices: readonly ReportInvoice[]): ReportInvoice[] {
  const latest = new Map<string, ReportInvoice>();
  for (const i of invoices) {
    const prev = latest.get(i.orderId);
    if (
      !prev ||
      prev.issuedOn < i.issuedOn ||
      (prev.issuedOn === i.issuedOn && prev.number < i.number)
    ) {
      latest.set(i.orderId, i);
    }
  }
  return [...latest.values()];
}
