/**
 * The fixture shop's week after the sales (test code only): events, stock movements,
 * alerts, invoices and the report input; the people, catalog and orders are in
 * fixture-shop.ts. Figures the tests expect are computed by hand from both.
 */
import type { ReportAlert, ReportEvent, ReportInput, ReportInvoice, ReportMove } from './input.ts';
import { fixedOffsetTime } from './period.ts';
import {
  ANN,
  BOB,
  APPLES,
  BREAD,
  JAM,
  SOAP,
  OLD_STOCK,
  O1,
  O2,
  O3,
  O4,
  O5,
  O6,
  O7,
  O0,
  OP2,
  OLD,
  cara,
  dan,
} from './fixture-shop.ts';

export * from './fixture-shop.ts';

const ev = <E extends ReportEvent>(e: E): E => e;
export const EVENTS: ReportEvent[] = [
  // previous week: 200 g apples back on the shelf, 0.60 cash back
  ev({
    _id: 'e:R0',
    orderId: OP2.id,
    at: '2026-02-28T10:00:00.000Z',
    by: BOB,
    kind: 'returned',
    items: [{ productId: APPLES.id, qty: 200, restock: true }],
    refund: 60,
    refundMethod: 'cash',
  }),
  // O1: one bread back on the shelf, 500 g apples thrown away; (2.50 + 1.50) + 10 % = 4.40
  ev({
    _id: 'e:R1',
    orderId: O1.id,
    at: '2026-03-03T10:00:00.000Z',
    by: ANN,
    kind: 'returned',
    items: [
      { productId: BREAD.id, qty: 1, restock: true },
      { productId: APPLES.id, qty: 500, restock: false },
    ],
    refund: 440,
    refundMethod: 'cash',
    reason: 'Stale',
  }),
  ev({
    _id: 'e:S3',
    orderId: O3.id,
    at: '2026-03-03T12:00:00.000Z',
    by: ANN,
    kind: 'delivery_scheduled',
    scheduledFor: '2026-03-05T14:00:00.000Z',
    windowEnd: '2026-03-05T16:00:00.000Z',
  }),
  ev({ _id: 'e:D3', orderId: O3.id, at: '2026-03-05T15:30:00.000Z', by: ANN, kind: 'delivered' }),
  ev({
    _id: 'e:P3',
    orderId: O3.id,
    at: '2026-03-05T15:31:00.000Z',
    by: ANN,
    kind: 'payment',
    amount: 900,
    method: 'mobile',
  }),
  // O4: planned for Wednesday without a window end, delivered Thursday morning
  ev({
    _id: 'e:S4',
    orderId: O4.id,
    at: '2026-03-04T09:00:00.000Z',
    by: BOB,
    kind: 'delivery_scheduled',
    scheduledFor: '2026-03-04T15:00:00.000Z',
  }),
  ev({ _id: 'e:D4', orderId: O4.id, at: '2026-03-05T09:00:00.000Z', by: BOB, kind: 'delivered' }),
  ev({
    _id: 'e:S5',
    orderId: O5.id,
    at: '2026-03-04T18:00:00.000Z',
    by: ANN,
    kind: 'delivery_scheduled',
    scheduledFor: '2026-03-06T10:00:00.000Z',
    windowEnd: '2026-03-06T12:00:00.000Z',
  }),
  ev({
    _id: 'e:F5',
    orderId: O5.id,
    at: '2026-03-06T11:00:00.000Z',
    by: ANN,
    kind: 'delivery_failed',
    reason: 'Nobody home',
  }),
  ev({
    _id: 'e:C6',
    orderId: O6.id,
    at: '2026-03-05T12:00:00.000Z',
    by: ANN,
    kind: 'cancelled',
    reason: 'Changed mind',
    refund: 800,
    refundMethod: 'cash',
  }),
  ev({
    _id: 'e:S7',
    orderId: O7.id,
    at: '2026-03-06T08:00:00.000Z',
    by: BOB,
    kind: 'delivery_scheduled',
    scheduledFor: '2026-03-07T10:00:00.000Z',
  }),
  // last week's account sale, part paid by card this week
  ev({
    _id: 'e:P0',
    orderId: O0.id,
    at: '2026-03-04T10:00:00.000Z',
    by: ANN,
    kind: 'payment',
    amount: 300,
    method: 'card',
  }),
  // an order this device does not hold: counted for the seller who took the payment
  ev({
    _id: 'e:PX',
    orderId: 'order:GONE',
    at: '2026-03-06T09:00:00.000Z',
    by: BOB,
    kind: 'payment',
    amount: 100,
    method: 'cash',
  }),
];

export const MOVES: ReportMove[] = [
  { productId: APPLES.id, qty: 9000, reason: 'restock', at: '2026-02-20T08:00:00.000Z' },
  { productId: BREAD.id, qty: 10, reason: 'restock', at: '2026-03-02T07:00:00.000Z' },
  { productId: SOAP.id, qty: 5, reason: 'initial', at: '2026-03-02T07:05:00.000Z' },
  { productId: APPLES.id, qty: -200, reason: 'count', at: '2026-03-04T19:00:00.000Z' },
  { productId: BREAD.id, qty: -1, reason: 'damage', at: '2026-03-05T19:00:00.000Z' },
  { productId: SOAP.id, qty: -2, reason: 'adjustment', at: '2026-03-06T08:00:00.000Z' },
];

export const ALERTS: ReportAlert[] = [
  {
    id: 'alert:A1',
    kind: 'oversell',
    createdAt: '2026-03-04T20:00:00.000Z',
    message: 'Soap oversold by 3',
    open: 1,
  },
  {
    id: 'alert:A2',
    kind: 'low_stock',
    createdAt: '2026-03-05T20:00:00.000Z',
    message: 'Bread is low',
    open: 1,
  },
  {
    id: 'alert:A3',
    kind: 'oversell',
    createdAt: '2026-02-20T20:00:00.000Z',
    message: 'Jam oversold by 1',
    open: 0,
  },
];

const invoice = (i: Omit<ReportInvoice, 'id'>): ReportInvoice => ({
  id: `invoice:${i.number}`,
  ...i,
});
export const INVOICES: ReportInvoice[] = [
  // due Wednesday, 4.50 of 7.50 left: 2 days overdue on Friday
  invoice({
    number: 'I-1',
    orderId: O0.id,
    ...cara,
    issuedOn: '2026-02-25',
    dueOn: '2026-03-04',
    total: 750,
  }),
  // not yet due
  invoice({
    number: 'I-2',
    orderId: O4.id,
    ...dan,
    issuedOn: '2026-03-05',
    dueOn: '2026-03-12',
    total: 600,
  }),
  // January's: 14 + 28 + 6 = 48 days overdue
  invoice({
    number: 'I-3',
    orderId: OLD.id,
    ...dan,
    issuedOn: '2026-01-10',
    dueOn: '2026-01-17',
    total: 500,
  }),
  // the cancelled order's: void
  invoice({
    number: 'I-4',
    orderId: O6.id,
    ...cara,
    issuedOn: '2026-03-05',
    dueOn: '2026-03-12',
    total: 800,
  }),
];

export const PERIOD = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z' };
export const PREVIOUS = { from: '2026-02-23T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' };

/** The whole shop's input for the week. */
export function weekInput(over: Partial<ReportInput> = {}): ReportInput {
  return {
    period: PERIOD,
    previousPeriod: PREVIOUS,
    local: fixedOffsetTime(0),
    today: '2026-03-06',
    currency: 'EUR',
    lowStockDefault: 5,
    invoiceTermsDays: 7,
    onlyBy: null,
    orders: [O0, OP2, O1, O2, O3, O4, O5, O6, O7, OLD],
    events: EVENTS,
    products: [APPLES, BREAD, JAM, SOAP, OLD_STOCK],
    stock: [
      { productId: APPLES.id, onHand: 5000 },
      { productId: BREAD.id, onHand: 2 },
      { productId: JAM.id, onHand: 0 },
      { productId: SOAP.id, onHand: -3 },
      { productId: OLD_STOCK.id, onHand: 7 },
    ],
    moves: MOVES,
    alerts: ALERTS,
    invoices: INVOICES,
    ...over,
  };
}
