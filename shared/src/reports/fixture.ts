/**
 * A small shop's week, written out by hand for the report tests (test code only).
 * Every figure the tests expect is computed by hand in report.*.test.ts from what
 * is written here; nothing here is computed by the code under test.
 *
 * Calendar: UTC. The period is Monday 2026-03-02 to Sunday 2026-03-08; the one
 * before is 2026-02-23 to 2026-03-01. "Today" is Friday 2026-03-06.
 * Sellers: ann (devices A and B), bob (device B). Shop low-stock default: 5.
 */
import type {
  ReportAlert,
  ReportEvent,
  ReportInput,
  ReportInvoice,
  ReportLine,
  ReportMove,
  ReportOrder,
  ReportProduct,
} from './input.ts';
import { fixedOffsetTime } from './period.ts';

export const ANN = 'user-ann';
export const BOB = 'user-bob';
export const DEV_A = 'dev-a';
export const DEV_B = 'dev-b';
export const CARA = 'customer:cara';
export const DAN = 'customer:dan';

const product = (p: Partial<ReportProduct> & Pick<ReportProduct, 'id' | 'name'>) => ({
  code: p.id.slice(-2),
  unit: 'piece' as const,
  price: 0,
  cost: null,
  category: '',
  active: 1 as const,
  lowStockThreshold: null,
  ...p,
});

/** Apples by weight: 3.00 a kg, cost 1.20 a kg. */
export const APPLES = product({
  id: 'product:P1',
  name: 'Apples',
  unit: 'kg',
  price: 300,
  cost: 120,
  category: 'Fruit',
});
/** Bread: 2.50, cost 1.00, low at 3. */
export const BREAD = product({
  id: 'product:P2',
  name: 'Bread',
  price: 250,
  cost: 100,
  category: 'Bakery',
  lowStockThreshold: 3,
});
/** Jam: 4.00, no cost known. */
export const JAM = product({ id: 'product:P3', name: 'Jam', price: 400, category: 'Fruit' });
/** Soap: 1.50, cost 0.50, no category; never sold this week. */
export const SOAP = product({ id: 'product:P4', name: 'Soap', price: 150, cost: 50 });
/** Archived: not in the stock list. */
export const OLD_STOCK = product({ id: 'product:P5', name: 'Candles', price: 500, active: 0 });

const line = (p: ReportProduct, qty: number, lineTotal: number): ReportLine => ({
  productId: p.id,
  code: p.code,
  name: p.name,
  unit: p.unit,
  unitPrice: p.price,
  qty,
  lineTotal,
});

type OrderFields = Omit<ReportOrder, 'doc' | 'amendedLines' | 'paid' | 'refunded'> & {
  lines: ReportLine[];
  checkoutPaid: number;
  amended?: ReportLine[];
  paid?: number;
  refunded?: number;
};
const order = ({ lines, checkoutPaid, amended, ...o }: OrderFields): ReportOrder => ({
  paid: checkoutPaid,
  refunded: 0,
  ...o,
  doc: { lines, payment: { paid: checkoutPaid } },
  amendedLines: amended ?? null,
});

const walkIn = { customerId: '', customerName: '' };
const cara = { customerId: CARA, customerName: 'Cara' };
const dan = { customerId: DAN, customerName: 'Dan' };

/** Counter sale, 10 % tax on top: 1.5 kg apples 4.50 + 2 bread 5.00 = 9.50, tax 0.95. */
export const O1 = order({
  id: 'order:O1',
  number: 'A-1',
  createdAt: '2026-03-02T09:15:00.000Z',
  channel: 'counter',
  status: 'completed',
  by: ANN,
  deviceId: DEV_A,
  ...walkIn,
  method: 'cash',
  lines: [line(APPLES, 1500, 450), line(BREAD, 2, 500)],
  checkoutPaid: 1045,
  total: 1045,
  tax: 95,
  refunded: 440,
  balance: 440,
});
export const O2 = order({
  id: 'order:O2',
  number: 'B-1',
  createdAt: '2026-03-02T14:40:00.000Z',
  channel: 'counter',
  status: 'completed',
  by: BOB,
  deviceId: DEV_B,
  ...cara,
  method: 'card',
  lines: [line(JAM, 1, 400)],
  checkoutPaid: 400,
  total: 400,
  tax: 0,
  balance: 0,
});
/** Amended from 4 bread (10.00) to 2 bread + 1 jam (9.00); paid by mobile money on delivery. */
export const O3 = order({
  id: 'order:O3',
  number: 'A-2',
  createdAt: '2026-03-03T11:05:00.000Z',
  channel: 'delivery',
  status: 'delivered',
  by: ANN,
  deviceId: DEV_A,
  ...cara,
  method: 'mobile',
  lines: [line(BREAD, 4, 1000)],
  amended: [line(BREAD, 2, 500), line(JAM, 1, 400)],
  checkoutPaid: 0,
  paid: 900,
  total: 900,
  tax: 0,
  balance: 0,
});
/** On account: 2 kg apples, delivered late. */
export const O4 = order({
  id: 'order:O4',
  number: 'B-2',
  createdAt: '2026-03-04T08:30:00.000Z',
  channel: 'delivery',
  status: 'delivered',
  by: BOB,
  deviceId: DEV_B,
  ...dan,
  method: 'account',
  lines: [line(APPLES, 2000, 600)],
  checkoutPaid: 0,
  total: 600,
  tax: 0,
  balance: 600,
});
/** Ann on device B; the delivery failed. */
export const O5 = order({
  id: 'order:O5',
  number: 'B-3',
  createdAt: '2026-03-04T17:20:00.000Z',
  channel: 'delivery',
  status: 'failed',
  by: ANN,
  deviceId: DEV_B,
  ...dan,
  method: 'card',
  lines: [line(BREAD, 1, 250)],
  checkoutPaid: 250,
  total: 250,
  tax: 0,
  balance: 0,
});
/** Paid 8.00 cash, then cancelled and refunded. */
export const O6 = order({
  id: 'order:O6',
  number: 'A-3',
  createdAt: '2026-03-05T10:00:00.000Z',
  channel: 'pickup',
  status: 'cancelled',
  by: ANN,
  deviceId: DEV_A,
  ...cara,
  method: 'cash',
  lines: [line(JAM, 2, 800)],
  checkoutPaid: 800,
  refunded: 800,
  total: 800,
  tax: 0,
  balance: 0,
});
/** Scheduled for Saturday: still open. Cash on delivery. */
export const O7 = order({
  id: 'order:O7',
  number: 'B-4',
  createdAt: '2026-03-06T07:45:00.000Z',
  channel: 'delivery',
  status: 'scheduled',
  by: BOB,
  deviceId: DEV_B,
  ...dan,
  method: 'cash',
  lines: [line(BREAD, 1, 250)],
  checkoutPaid: 0,
  total: 250,
  tax: 0,
  balance: 250,
});
/** Previous week: on account, part paid by card this week. */
export const O0 = order({
  id: 'order:O0',
  number: 'A-0',
  createdAt: '2026-02-25T10:00:00.000Z',
  channel: 'counter',
  status: 'completed',
  by: ANN,
  deviceId: DEV_A,
  ...cara,
  method: 'account',
  lines: [line(BREAD, 3, 750)],
  checkoutPaid: 0,
  paid: 300,
  total: 750,
  tax: 0,
  balance: 450,
});
/** Previous week: a walk-in's apples, 200 g of them brought back. */
export const OP2 = order({
  id: 'order:OP2',
  number: 'B-0',
  createdAt: '2026-02-27T13:00:00.000Z',
  channel: 'counter',
  status: 'completed',
  by: BOB,
  deviceId: DEV_B,
  ...walkIn,
  method: 'cash',
  lines: [line(APPLES, 1000, 300)],
  checkoutPaid: 300,
  refunded: 60,
  total: 300,
  tax: 0,
  balance: 60,
});
/** January, on account, never paid. */
export const OLD = order({
  id: 'order:OLD',
  number: 'B-00',
  createdAt: '2026-01-10T10:00:00.000Z',
  channel: 'counter',
  status: 'completed',
  by: BOB,
  deviceId: DEV_B,
  ...dan,
  method: 'account',
  lines: [line(BREAD, 2, 500)],
  checkoutPaid: 0,
  total: 500,
  tax: 0,
  balance: 500,
});

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
