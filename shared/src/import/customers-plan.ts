import { customerFields, type CustomerFields } from '../schemas/customer.ts';
import { CUSTOMER_MERGE_FIELDS } from '../schemas/vocabulary.ts';
import { quoteCell, schemaErrors, type RowError } from './errors.ts';
import type { CustomerTarget } from './fields.ts';
import type { ColumnMapping } from './mapping.ts';
import {
  cellOf,
  countActions,
  isBlankRow,
  sameFields,
  type CsvTable,
  type DuplicateChoice,
  type ImportCounts,
  type PlannedBase,
  type Refused,
} from './plan.ts';
import { phoneDigits } from './values.ts';

export interface ExistingCustomer {
  id: string;
  fields: CustomerFields;
}

export type PlannedCustomer =
  | (PlannedBase & { action: 'new'; fields: CustomerFields })
  | (PlannedBase & {
      action: 'update' | 'same';
      id: string;
      changes: Partial<CustomerFields>;
      fields: CustomerFields;
    })
  | (PlannedBase & { action: 'skip'; id: string })
  | Refused;

export interface CustomerPlan {
  rows: PlannedCustomer[];
  counts: ImportCounts;
}

export interface CustomerPlanOptions {
  /** the shop's customers by their phone's digits (those with a phone) */
  existing: ReadonlyMap<string, ExistingCustomer>;
  duplicates: DuplicateChoice;
}

const EMPTY: CustomerFields = {
  name: '',
  phone: '',
  email: '',
  address: '',
  location: '',
  notes: '',
};

const FIELD_TARGET: Record<string, CustomerTarget> = {
  name: 'name',
  phone: 'phone',
  email: 'email',
  address: 'address1',
  location: 'location',
  notes: 'notes',
};

/**
 * The fields a row gives: the name from a name column, else first and last name,
 * else the company; the phone, else the mobile; the address from its parts, a line
 * each (street, second line, "city, region, postcode", country).
 */
export function readCustomerRow(
  cells: readonly string[],
  mapping: ColumnMapping<'customers'>,
): Partial<CustomerFields> {
  const cell = (t: CustomerTarget) => cellOf(cells, mapping[t]);
  const out: Partial<CustomerFields> = {};
  const name =
    cell('name') ||
    [cell('firstName'), cell('lastName')].filter(Boolean).join(' ') ||
    cell('company');
  if (name) out.name = name;
  const phone = cell('phone') || cell('mobile');
  if (phone) out.phone = phone;
  const email = cell('email');
  if (email) out.email = email;
  const place = [cell('city'), cell('region'), cell('postcode')].filter(Boolean).join(', ');
  const address = [cell('address1'), cell('address2'), place, cell('country')]
    .filter(Boolean)
    .join('\n');
  if (address) out.address = address;
  const location = cell('location');
  if (location) out.location = location;
  const notes = cell('notes');
  if (notes) out.notes = notes;
  return out;
}

/**
 * Decide every row of a customer file: new, an update of (or a skip over) the shop's
 * customer with the same phone number (compared by its digits), or refused. A
 * customer without a phone is always new. A phone twice in the file is refused the
 * second time.
 */
export function planCustomers(
  table: CsvTable,
  mapping: ColumnMapping<'customers'>,
  opts: CustomerPlanOptions,
): CustomerPlan {
  const seen = new Map<string, number>();
  const rows = table.rows.flatMap((cells, i): PlannedCustomer[] => {
    if (isBlankRow(cells)) return [];
    const line = i + 2;
    const changes = readCustomerRow(cells, mapping);
    const label = changes.name ?? changes.phone ?? `Row ${line}`;
    const errors: RowError[] = [];
    const digits = phoneDigits(changes.phone ?? '');
    const existing = digits ? opts.existing.get(digits) : undefined;
    if (digits) {
      const first = seen.get(digits);
      if (first !== undefined) {
        errors.push({
          line,
          field: 'phone',
          message: `phone ${quoteCell(changes.phone ?? '')} is also on row ${first}`,
        });
      } else {
        seen.set(digits, line);
      }
    }
    if (existing && opts.duplicates === 'skip') {
      return [{ line, label, action: 'skip', id: existing.id }];
    }
    const parsed = customerFields.safeParse({ ...(existing?.fields ?? EMPTY), ...changes });
    if (!parsed.success) {
      for (const e of schemaErrors(line, parsed.error, (k) => FIELD_TARGET[k] ?? null)) {
        errors.push(
          e.field === 'email'
            ? { ...e, message: `email ${quoteCell(changes.email ?? '')} is not an email address` }
            : e,
        );
      }
    }
    if (errors.length || !parsed.success) return [{ line, label, action: 'error', errors }];
    if (!existing) return [{ line, label, action: 'new', fields: parsed.data }];
    const same = sameFields(parsed.data, existing.fields, CUSTOMER_MERGE_FIELDS);
    return [
      {
        line,
        label,
        action: same ? 'same' : 'update',
        id: existing.id,
        changes,
        fields: parsed.data,
      },
    ];
  });
  return { rows, counts: countActions(rows) };
}
