import {
  autoMap,
  fitsHeaders,
  headerSetKey,
  planCustomers,
  planProducts,
  rejectedRows,
  targetsOf,
  type ColumnMapping,
  type CsvTable,
  type CustomerPlan,
  type DuplicateChoice,
  type ExistingCustomer,
  type ExistingProduct,
  type ImportKind,
  type ProductPlan,
  type Refused,
  type TargetOf,
} from '@stallkeeper/shared';
import { downloadCsv } from '../export/csv.ts';
import {
  importCustomers,
  importProducts,
  type ImportOutcome,
  type ImportProgress,
} from '../db/import.ts';
import {
  existingCustomers,
  existingProducts,
  rememberMapping,
  rememberedMapping,
} from '../db/import-lookup.ts';
import type { ShopContext } from '../db/shop.ts';
import { readCsv } from './csv-read.ts';
import { previewRows, problemLines, type PreviewRow } from './preview.ts';

const EMPTY: ReadonlyMap<string, never> = new Map<string, never>();

/** Pauses the live sync; returns what resumes it. */
export interface SyncPause {
  pause(): () => void;
}

export type ImportStep = 'pick' | 'map' | 'importing' | 'done';

const emptyMapping = <K extends ImportKind>(kind: K): ColumnMapping<K> =>
  Object.fromEntries(targetsOf(kind).map((t) => [t, null])) as ColumnMapping<K>;

/**
 * An import, step by step: pick a CSV file, check how its columns map (filled in from
 * the program that made it, or the owner's last mapping for files like it), see what
 * each row will do, then write the good rows in one batch with progress.
 */
export class ImportFlow<K extends ImportKind> {
  step = $state<ImportStep>('pick');
  fileName = $state('');
  table = $state.raw<CsvTable | null>(null);
  /** where the file seems to come from ("Square"), or how its mapping was found */
  source = $state<string | null>(null);
  mapping: ColumnMapping<K>;
  duplicates = $state<DuplicateChoice>('skip');
  plan = $state.raw<ProductPlan | CustomerPlan | null>(null);
  progress = $state<ImportProgress>({ done: 0, total: 0 });
  outcome = $state.raw<ImportOutcome | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);
  #existing: ReadonlyMap<string, ExistingProduct | ExistingCustomer> | null = null;

  constructor(
    readonly kind: K,
    private readonly currency: () => string,
  ) {
    this.mapping = $state.raw(emptyMapping(kind));
  }

  /** The first rows as the preview shows them. */
  get preview(): PreviewRow[] {
    return this.plan ? previewRows(this.plan, this.kind, this.currency()) : [];
  }

  /** Every row's problems, in words. */
  get problems(): string[] {
    return this.plan ? problemLines(this.plan) : [];
  }

  /** How many rows the import will write. */
  get toWrite(): number {
    return this.plan ? this.plan.counts.new + this.plan.counts.update : 0;
  }

  async pick(ctx: ShopContext, file: File | undefined): Promise<void> {
    if (!file) return;
    this.busy = true;
    this.error = null;
    try {
      const table = await readCsv(await file.text());
      if (!table.headers.some(Boolean) || !table.rows.length) {
        this.error = 'That file has no rows to import. Pick a CSV file with a header row.';
        return;
      }
      this.#existing =
        this.kind === 'products' ? await existingProducts(ctx) : await existingCustomers(ctx);
      const { preset, mapping } = autoMap(this.kind, table.headers);
      const mine = await rememberedMapping(ctx, headerSetKey(this.kind, table.headers));
      if (mine && fitsHeaders(this.kind, mine, table.headers.length)) {
        this.mapping = mine;
        this.source = 'your last import of a file like this';
      } else {
        this.mapping = mapping;
        this.source = preset ? `${preset.label} export` : null;
      }
      this.fileName = file.name;
      this.table = table;
      this.#replan();
      this.step = 'map';
    } catch {
      this.error = 'That file could not be read as CSV text.';
    } finally {
      this.busy = false;
    }
  }

  setColumn(target: TargetOf<K>, column: number | null): void {
    const next = { ...this.mapping };
    // one column feeds one field: taking it elsewhere frees it here
    if (column !== null) {
      for (const t of targetsOf(this.kind)) if (next[t] === column) next[t] = null;
    }
    next[target] = column;
    this.mapping = next;
    this.#replan();
  }

  setDuplicates(choice: DuplicateChoice): void {
    this.duplicates = choice;
    this.#replan();
  }

  #replan(): void {
    const table = this.table;
    if (!table) return;
    this.plan =
      this.kind === 'products'
        ? planProducts(table, this.mapping as ColumnMapping<'products'>, {
            currency: this.currency(),
            existing: (this.#existing ?? EMPTY) as ReadonlyMap<string, ExistingProduct>,
            duplicates: this.duplicates,
          })
        : planCustomers(table, this.mapping as ColumnMapping<'customers'>, {
            existing: (this.#existing ?? EMPTY) as ReadonlyMap<string, ExistingCustomer>,
            duplicates: this.duplicates,
          });
  }

  /** The refused rows as a CSV file to fix and import again. */
  async downloadRejected(): Promise<void> {
    if (!this.table || !this.plan) return;
    const refused = this.plan.rows.filter((r): r is Refused => r.action === 'error');
    const base = this.fileName.replace(/\.[^.]*$/, '') || this.kind;
    await downloadCsv(rejectedRows(this.table, refused, `${base}-problems`), { bom: true });
  }

  /**
   * Write the plan. `sync` pauses the device's live sync meanwhile: pushing and
   * confirming thousands of documents while they are written slows the writing
   * several times over; they go to the server once the import is in and the lists
   * have caught up.
   */
  async run(ctx: ShopContext, sync?: SyncPause): Promise<void> {
    const plan = this.plan;
    const table = this.table;
    if (!plan || !table || this.step !== 'map') return;
    this.step = 'importing';
    this.error = null;
    const onProgress = (p: ImportProgress) => (this.progress = p);
    const resume = sync?.pause();
    try {
      await rememberMapping(ctx, headerSetKey(this.kind, table.headers), this.mapping);
      this.outcome =
        this.kind === 'products'
          ? await importProducts(ctx, plan as ProductPlan, this.fileName, onProgress)
          : await importCustomers(ctx, plan as CustomerPlan, this.fileName, onProgress);
      this.step = 'done';
    } catch (err) {
      this.error = `The import stopped: ${err instanceof Error ? err.message : String(err)}. Rows written so far are kept.`;
      this.step = 'done';
    } finally {
      // the lists catch up first, then the documents go to the server: both at once
      // slow each other down several times over
      void ctx.projector.idle().then(() => resume?.());
    }
  }

  reset(): void {
    this.step = 'pick';
    this.table = null;
    this.plan = null;
    this.outcome = null;
    this.error = null;
    this.source = null;
    this.fileName = '';
    this.progress = { done: 0, total: 0 };
    this.mapping = emptyMapping(this.kind);
  }
}
