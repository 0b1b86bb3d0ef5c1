import type { InvoiceFilter } from '@stallkeeper/shared';

// The words invoices print live in shared, where the PDFs (the app's and the server's) use them.
export { AGING_LABEL, calendarDay, standingWords } from '@stallkeeper/shared';

/** The filters of the Invoices screen, in the seller's words. */
export const FILTER_LABEL: Record<InvoiceFilter, string> = {
  all: 'All',
  unpaid: 'Unpaid',
  partial: 'Part paid',
  paid: 'Paid',
  overdue: 'Overdue',
};
