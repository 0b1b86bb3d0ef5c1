import {
  AGING_BUCKETS,
  invoiceMatches,
  type AgingBucket,
  type InvoiceFilter,
  type InvoiceStanding,
} from '@stallkeeper/shared';

interface Listed {
  row: { customerId: string; customerName: string };
  standing: InvoiceStanding;
}

export interface AgingLine {
  bucket: AgingBucket;
  count: number;
  owed: number;
}

/**
 * What is still owed, by how late it is (every bucket, even empty ones): from
 * invoices' standings or a statement's lines (both carry balance and bucket).
 */
export function agingSummary(debts: readonly { balance: number; bucket: AgingBucket }[]): {
  lines: AgingLine[];
  owed: number;
} {
  const lines = AGING_BUCKETS.map((bucket) => ({ bucket, count: 0, owed: 0 }));
  for (const { balance, bucket } of debts) {
    if (balance <= 0) continue;
    const line = lines[AGING_BUCKETS.indexOf(bucket)];
    if (!line) continue;
    line.count += 1;
    line.owed += balance;
  }
  return { lines, owed: lines.reduce((t, l) => t + l.owed, 0) };
}

/** The customers that have invoices, by name, for the customer picker. */
export function invoiceCustomers(rows: readonly Listed[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const { row } of rows) if (row.customerId) seen.set(row.customerId, row.customerName);
  return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** The rows of one customer (or everyone's, for ''). */
export function ofCustomer<T extends Listed>(rows: readonly T[], customerId: string): T[] {
  return customerId ? rows.filter((r) => r.row.customerId === customerId) : [...rows];
}

/** The rows a status filter lets through (the rule is shared's). */
export function withStatus<T extends Listed>(rows: readonly T[], filter: InvoiceFilter): T[] {
  return rows.filter((r) => invoiceMatches(r.standing, filter));
}
