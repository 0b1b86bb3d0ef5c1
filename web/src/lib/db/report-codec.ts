import type { ReportLine } from '@stallkeeper/shared';
import type { ReportOrderRow } from './local-rows.ts';

/**
 * A report row as a JSON array without field names or id prefixes: half the text
 * of the row as an object. A line of a product the catalogue holds leaves its code
 * and name out (the reports name products by the catalogue's, shared/src/reports):
 * another quarter less. That read is most of a month's first look on a device that
 * has settled.
 */

/** [id, unit, unitPrice, qty, lineTotal], or with code and name when not catalogued */
type LineTuple =
  | [string, ReportLine['unit'], number, number, number]
  | [string, ReportLine['unit'], number, number, number, string, string];
export type OrderTuple = [
  string, // id without `order:`
  string, // number
  string, // createdAt
  ReportOrderRow['channel'],
  ReportOrderRow['status'],
  string, // by
  string, // deviceId
  string, // customerId
  string, // customerName
  ReportOrderRow['method'],
  number, // total
  number, // tax
  number, // paid
  number, // refunded
  number, // balance
  number, // paid at checkout
  LineTuple[],
  LineTuple[] | null, // amended lines
];

const ORDER = 'order:';
const PRODUCT = 'product:';
const bare = (id: string, prefix: string) =>
  id.startsWith(prefix) ? id.slice(prefix.length) : `=${id}`;
const full = (id: string, prefix: string) => (id.startsWith('=') ? id.slice(1) : prefix + id);

/** Whether the catalogue holds a product (its code and name then need not be kept). */
export type Catalogued = (productId: string) => boolean;

const lineTuple = (l: ReportLine, catalogued: Catalogued): LineTuple => {
  const head = [bare(l.productId, PRODUCT), l.unit, l.unitPrice, l.qty, l.lineTotal] as const;
  return catalogued(l.productId) ? [...head] : [...head, l.code ?? '', l.name ?? ''];
};
const lineOf = (t: LineTuple): ReportLine => {
  const line: ReportLine = {
    productId: full(t[0], PRODUCT),
    unit: t[1],
    unitPrice: t[2],
    qty: t[3],
    lineTotal: t[4],
  };
  if (t.length === 7) {
    line.code = t[5];
    line.name = t[6];
  }
  return line;
};

export function encodeOrder(o: ReportOrderRow, catalogued: Catalogued): OrderTuple {
  return [
    bare(o.id, ORDER),
    o.number,
    o.createdAt,
    o.channel,
    o.status,
    o.by,
    o.deviceId,
    o.customerId,
    o.customerName,
    o.method,
    o.total,
    o.tax,
    o.paid,
    o.refunded,
    o.balance,
    o.doc.payment.paid,
    o.doc.lines.map((l) => lineTuple(l, catalogued)),
    o.amendedLines ? o.amendedLines.map((l) => lineTuple(l, catalogued)) : null,
  ];
}

export function decodeOrder(t: OrderTuple): ReportOrderRow {
  return {
    id: full(t[0], ORDER),
    number: t[1],
    createdAt: t[2],
    channel: t[3],
    status: t[4],
    by: t[5],
    deviceId: t[6],
    customerId: t[7],
    customerName: t[8],
    method: t[9],
    total: t[10],
    tax: t[11],
    paid: t[12],
    refunded: t[13],
    balance: t[14],
    doc: { lines: t[16].map(lineOf), payment: { paid: t[15] } },
    amendedLines: t[17] ? t[17].map(lineOf) : null,
  };
}
