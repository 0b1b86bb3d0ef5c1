import {
  formatQuantity,
  rowErrorText,
  type CustomerPlan,
  type PlannedCustomer,
  type PlannedProduct,
  type ProductPlan,
  type RowAction,
} from '@stallkeeper/shared';
import { money } from '../format.ts';

/** One row of the preview table, in words. */
export interface PreviewRow {
  line: number;
  action: RowAction;
  /** the kind's own columns (name, code, price… or name, phone, email) */
  cells: string[];
  /** what happens to it, or what is wrong */
  note: string;
}

export const PRODUCT_PREVIEW_COLUMNS = ['Name', 'Code', 'Category', 'Price', 'Stock'];
export const CUSTOMER_PREVIEW_COLUMNS = ['Name', 'Phone', 'Email'];

export const ACTION_LABEL: Record<RowAction, string> = {
  new: 'New',
  update: 'Update',
  same: 'No change',
  skip: 'Skip',
  error: 'Problem',
};

function productRow(r: PlannedProduct, currency: string): PreviewRow {
  const base = { line: r.line, action: r.action };
  switch (r.action) {
    case 'error':
      return {
        ...base,
        cells: [r.label, '', '', '', ''],
        note: r.errors.map((e) => e.message).join('; '),
      };
    case 'skip':
      return {
        ...base,
        cells: [r.label, '', '', '', ''],
        note: 'Already in the shop: left as it is',
      };
    case 'new': {
      const f = r.fields;
      return {
        ...base,
        cells: [
          f.name,
          f.code,
          f.category,
          unitPrice(f.price, f.unit, currency),
          r.opening ? formatQuantity(r.opening, f.unit) : '',
        ],
        note: r.codeMade ? 'Code made from its name' : '',
      };
    }
    default: {
      const f = r.fields;
      const stock = r.stockIgnored
        ? `Stock stays as it is (the file's ${formatQuantity(r.stockIgnored, f.unit)} is only for new products)`
        : '';
      return {
        ...base,
        cells: [f.name, f.code, f.category, unitPrice(f.price, f.unit, currency), ''],
        note: [
          r.action === 'same'
            ? 'Already the same in the shop'
            : 'Updates the product with this code',
          stock,
        ]
          .filter(Boolean)
          .join('. '),
      };
    }
  }
}

const unitPrice = (price: number, unit: string, currency: string) =>
  `${money(price, currency)}${unit === 'piece' ? '' : ` / ${unit}`}`;

function customerRow(r: PlannedCustomer): PreviewRow {
  const base = { line: r.line, action: r.action };
  switch (r.action) {
    case 'error':
      return { ...base, cells: [r.label, '', ''], note: r.errors.map((e) => e.message).join('; ') };
    case 'skip':
      return {
        ...base,
        cells: [r.label, '', ''],
        note: 'Already a customer (same phone): left as they are',
      };
    case 'new':
      return { ...base, cells: [r.fields.name, r.fields.phone, r.fields.email], note: '' };
    default:
      return {
        ...base,
        cells: [r.fields.name, r.fields.phone, r.fields.email],
        note:
          r.action === 'same'
            ? 'Already the same in the shop'
            : 'Updates the customer with this phone',
      };
  }
}

/** The first `limit` rows of a plan as the preview shows them. */
export function previewRows(
  plan: ProductPlan | CustomerPlan,
  kind: 'products' | 'customers',
  currency: string,
  limit = 50,
): PreviewRow[] {
  const rows = plan.rows.slice(0, limit);
  return kind === 'products'
    ? (rows as PlannedProduct[]).map((r) => productRow(r, currency))
    : (rows as PlannedCustomer[]).map(customerRow);
}

/** Every problem of the file, one line each: "Row 14: price 'abc' is not an amount". */
export function problemLines(plan: ProductPlan | CustomerPlan): string[] {
  return plan.rows.flatMap((r) => (r.action === 'error' ? r.errors.map(rowErrorText) : []));
}
