import { codeKey } from '../catalog-codes.ts';
import { productFields, type ProductFields } from '../schemas/product.ts';
import { PRODUCT_MERGE_FIELDS } from '../schemas/vocabulary.ts';
import { codeFromName } from './codes.ts';
import { quoteCell, schemaErrors, type RowError } from './errors.ts';
import type { ProductTarget } from './fields.ts';
import type { ColumnMapping } from './mapping.ts';
import {
  countActions,
  isBlankRow,
  sameFields,
  type CsvTable,
  type DuplicateChoice,
  type ImportCounts,
  type PlannedBase,
  type Refused,
} from './plan.ts';
import { readProductRow, readQuantities } from './product-rows.ts';

/** A product the shop has, as the plan compares it. */
export interface ExistingProduct {
  id: string;
  fields: ProductFields;
}

export type PlannedProduct =
  | (PlannedBase & {
      action: 'new';
      fields: ProductFields;
      /** opening stock in base units (0: none) */
      opening: number;
      /** the file gave no code: one was made from the name */
      codeMade: boolean;
    })
  | (PlannedBase & {
      action: 'update' | 'same';
      id: string;
      /** the fields the row gives; empty cells keep what the product has */
      changes: Partial<ProductFields>;
      fields: ProductFields;
      /** stock the file gives, which an update does not add (it is only an opening stock) */
      stockIgnored: number;
    })
  | (PlannedBase & { action: 'skip'; id: string })
  | Refused;

export interface ProductPlan {
  rows: PlannedProduct[];
  counts: ImportCounts;
  /** how many new products got a code made from their name */
  codesMade: number;
}

export interface ProductPlanOptions {
  currency: string;
  /** the shop's products by code key (archived ones too) */
  existing: ReadonlyMap<string, ExistingProduct>;
  duplicates: DuplicateChoice;
}

const NEW_DEFAULTS: Omit<ProductFields, 'price'> = {
  code: '',
  name: '',
  unit: 'piece',
  cost: null,
  description: '',
  imageUrl: null,
  lowStockThreshold: null,
  active: true,
  category: '',
  online: false,
  onlineAllowance: null,
};

const FIELD_TARGET: Record<string, ProductTarget> = {
  code: 'code',
  name: 'name',
  unit: 'unit',
  price: 'price',
  cost: 'cost',
  description: 'description',
  lowStockThreshold: 'lowStock',
  active: 'active',
  category: 'category',
};

/**
 * Decide every row of a product file: new, an update of (or a skip over) the shop's
 * product with the same code, or refused with its problems. Rows are decided alone,
 * so a bad row never holds back the good ones. A code twice in the file is refused
 * the second time; a row with no code gets one made from its name.
 */
export function planProducts(
  table: CsvTable,
  mapping: ColumnMapping<'products'>,
  opts: ProductPlanOptions,
): ProductPlan {
  const reads = table.rows.flatMap((cells, i) =>
    isBlankRow(cells) ? [] : [readProductRow(cells, i + 2, mapping, opts.currency)],
  );
  // codes the file or the shop already use: a made code must be none of them
  const taken = new Set(opts.existing.keys());
  for (const r of reads) if (r.code) taken.add(codeKey(r.code));
  const seen = new Map<string, number>();
  let codesMade = 0;

  const rows = reads.map((read): PlannedProduct => {
    const errors: RowError[] = [...read.errors];
    const label = read.changes.name ?? read.code ?? `Row ${read.line}`;
    const codeMade = !read.code;
    let code = read.code;
    if (codeMade && read.changes.name) code = codeFromName(read.changes.name, taken);
    const key = codeKey(code);
    const existing = codeMade ? undefined : opts.existing.get(key);
    if (code) {
      const first = seen.get(key);
      if (first !== undefined) {
        errors.push({
          line: read.line,
          field: 'code',
          message: `code ${quoteCell(code)} is also on row ${first}`,
        });
      } else {
        seen.set(key, read.line);
      }
    }
    // a match the owner leaves alone needs no word about its cells
    if (existing && opts.duplicates === 'skip') {
      return { line: read.line, label, action: 'skip', id: existing.id };
    }
    const unit = read.changes.unit ?? existing?.fields.unit ?? 'piece';
    const q = readQuantities(read, unit);
    errors.push(...q.errors);
    // an update keeps the product's own spelling of its code
    const changes: Partial<ProductFields> = existing
      ? { ...read.changes }
      : { ...read.changes, code };
    if (q.lowStock !== undefined) changes.lowStockThreshold = q.lowStock;
    const candidate: Partial<ProductFields> = existing
      ? { ...existing.fields, ...changes }
      : { ...NEW_DEFAULTS, ...changes };
    if (!existing && read.changes.price === undefined && !errors.some((e) => e.field === 'price')) {
      errors.push({ line: read.line, field: 'price', message: 'price is missing' });
    }
    const parsed = productFields.safeParse(candidate);
    if (!parsed.success) {
      const schema = schemaErrors(read.line, parsed.error, (k) => FIELD_TARGET[k] ?? null);
      // a field already refused for its text needs no second word from the schema
      errors.push(...schema.filter((s) => !errors.some((e) => e.field === s.field)));
    }
    if (errors.length || !parsed.success) {
      return { line: read.line, label, action: 'error', errors };
    }
    if (!existing) {
      if (codeMade) codesMade++;
      return {
        line: read.line,
        label,
        action: 'new',
        fields: parsed.data,
        opening: q.opening,
        codeMade,
      };
    }
    const same = sameFields(parsed.data, existing.fields, PRODUCT_MERGE_FIELDS);
    return {
      line: read.line,
      label,
      action: same ? 'same' : 'update',
      id: existing.id,
      changes,
      fields: parsed.data,
      stockIgnored: q.opening,
    };
  });
  return { rows, counts: countActions(rows), codesMade };
}
