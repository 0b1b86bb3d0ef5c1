import type { InvoiceStanding } from '../invoices.ts';
import type { Invoice } from '../schemas/invoice.ts';
import { decimal, type ExportTable } from './table.ts';

/** An invoice and where it stands on the day of the export (`invoiceStanding`). */
export interface ExportInvoice {
  invoice: Pick<
    Invoice,
    'number' | 'orderNumber' | 'customerName' | 'issuedOn' | 'dueOn' | 'total' | 'currency'
  >;
  standing: Pick<InvoiceStanding, 'status' | 'paid' | 'balance' | 'daysOverdue'>;
}

export const INVOICE_COLUMNS = [
  'number',
  'order',
  'customer',
  'issued_on',
  'due_on',
  'total',
  'paid',
  'balance',
  'status',
  'days_overdue',
  'currency',
] as const;

/**
 * One row per invoice, in the order given. `status` is unpaid, partial, paid or
 * void (a cancelled order's); `days_overdue` is 0 when it is not late.
 */
export function invoicesTable(invoices: readonly ExportInvoice[]): ExportTable {
  const rows = invoices.map(({ invoice: i, standing: s }) => [
    i.number,
    i.orderNumber,
    i.customerName,
    i.issuedOn,
    i.dueOn,
    decimal(i.total, i.currency),
    decimal(s.paid, i.currency),
    decimal(s.balance, i.currency),
    s.status,
    s.daysOverdue,
    i.currency,
  ]);
  return { name: 'invoices', columns: [...INVOICE_COLUMNS], rows };
}
