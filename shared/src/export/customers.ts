import type { ExportTable } from './table.ts';

/** The customer list's CSV columns, in order; the import reads the same names back. */
export const CUSTOMER_COLUMNS = ['name', 'phone', 'email', 'address', 'location', 'notes'] as const;

export interface CatalogCustomer {
  name: string;
  phone: string;
  email: string;
  address: string;
  location: string;
  notes: string;
}

/** The shop's customers as a table, by name. */
export function customersTable(customers: readonly CatalogCustomer[]): ExportTable {
  const rows = [...customers]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => [c.name, c.phone, c.email, c.address, c.location, c.notes]);
  return { name: 'customers', columns: [...CUSTOMER_COLUMNS], rows };
}
