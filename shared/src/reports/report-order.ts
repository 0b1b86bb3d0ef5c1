import type { OrderState } from '../order-state.ts';
import type { Order } from '../schemas/order.ts';
import type { Invoice } from '../schemas/invoice.ts';
import type { ReportInvoice, ReportOrder } from './input.ts';

/**
 * An order as the reports read it: the document with its folded state. The app's
 * order rows carry these fields (web/src/lib/db/projection.ts) and the server's
 * digest makes them the same way, so both count a sale alike.
 */
export function reportOrderOf(
  o: Order,
  state: OrderState,
): ReportOrder & { doc: Order; amendedLines: OrderState['lines'] | null } {
  return {
    id: o._id,
    number: o.number,
    createdAt: o.createdAt,
    channel: o.channel,
    // an amendment may change the customer and the lines
    customerId: state.customerId ?? '',
    customerName: state.customerName,
    deviceId: o.deviceId,
    by: o.by,
    total: state.total,
    tax: state.tax,
    method: o.payment.method,
    status: state.status,
    balance: state.balance,
    paid: state.paid,
    refunded: state.refunded,
    doc: o,
    amendedLines: state.lines === o.lines ? null : state.lines,
  };
}

/** An invoice as the reports read it (the app's invoice rows carry the same fields). */
export function reportInvoiceOf(i: Invoice): ReportInvoice {
  return {
    id: i._id,
    number: i.number,
    orderId: i.orderId,
    customerId: i.customerId ?? '',
    customerName: i.customerName,
    issuedOn: i.issuedOn,
    dueOn: i.dueOn,
    total: i.total,
  };
}
