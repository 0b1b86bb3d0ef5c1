/**
 * A small shop's week, written out by hand for the report tests (test code only).
 * Every figure the tests expect is computed by hand in report.*.test.ts from what
 * is written here; nothing here is computed by the code under test.
 *
 * Calendar: UTC. The period is Monday 2026-03-02 to Sunday 2026-03-08; the one
 * before is 2026-02-23 to 2026-03-01. "Today" is Friday 2026-03-06.
 * Sellers: ann (devices A and B), bob (device B). Shop low-stock default: 5.
 * This file: the people, the catalog and the orders; fixture.ts: what happened after.
 */
import type { ReportLine, ReportOrder, ReportProduct } from './input.ts';

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
export const cara = { customerId: CARA, customerName: 'Cara' };
export const dan = { customerId: DAN, customerName: 'Dan' };

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
