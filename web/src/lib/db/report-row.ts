import type { ReportLine } from '@stallkeeper/shared';
import type { OrderRow, ReportOrderRow } from './local-rows.ts';

const line = (l: ReportLine): ReportLine => ({
  productId: l.productId,
  code: l.code,
  name: l.name,
  unit: l.unit,
  unitPrice: l.unitPrice,
  qty: l.qty,
  lineTotal: l.lineTotal,
});

/**
 * What the reports need of an order row: its folded state and the lines, without
 * the rest of the order document (notes, addresses, delivery, discounts…), which
 * makes the row about three times smaller to read.
 */
export function reportRow(row: OrderRow): ReportOrderRow {
  return {
    id: row.id,
    number: row.number,
    createdAt: row.createdAt,
    channel: row.channel,
    status: row.status,
    by: row.by,
    deviceId: row.deviceId,
    customerId: row.customerId,
    customerName: row.customerName,
    method: row.method,
    total: row.total,
    tax: row.tax,
    paid: row.paid,
    refunded: row.refunded,
    balance: row.balance,
    doc: { lines: row.doc.lines.map(line), payment: { paid: row.doc.payment.paid } },
    amendedLines: row.amendedLines ? row.amendedLines.map(line) : null,
  };
}
