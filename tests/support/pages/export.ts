import { expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';

/** A CSV the app handed over as a download, read back. */
export interface DownloadedCsv {
  name: string;
  /** whether it starts with a byte-order mark (the "For Excel" choice) */
  bom: boolean;
  /** the header row */
  columns: string[];
  /** one record per row, by column name */
  rows: Record<string, string>[];
}

/** A list's "Export CSV" button and its menu (any list: orders, products, …). */
export class ExportMenu {
  constructor(private readonly page: Page) {}

  get button() {
    return this.page.getByRole('button', { name: 'Export CSV' });
  }

  /** Open the menu, pick a file (when the list offers several) and download it. */
  async download(opts: { file?: string; forExcel?: boolean } = {}): Promise<DownloadedCsv> {
    await this.open();
    const dialog = this.dialog;
    if (opts.file) await dialog.getByRole('radio', { name: opts.file }).check();
    if (opts.forExcel !== undefined) await this.forExcel.setChecked(opts.forExcel);
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    await expect(dialog).toBeHidden();
    const text = (await readFile(await download.path())).toString('utf8');
    const bom = text.startsWith('\uFEFF');
    const parsed = Papa.parse<Record<string, string>>(bom ? text.slice(1) : text, {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.errors).toEqual([]);
    return {
      name: download.suggestedFilename(),
      bom,
      columns: parsed.meta.fields ?? [],
      rows: parsed.data,
    };
  }

  get dialog() {
    return this.page.getByRole('dialog', { name: /^Export / });
  }

  get forExcel() {
    return this.dialog.getByRole('checkbox', { name: 'For Excel (adds a byte-order mark)' });
  }

  /** Open the menu and leave it open. */
  async open(): Promise<void> {
    await this.button.click();
    await expect(this.dialog).toBeVisible();
  }

  /** Close the menu without a file. */
  async cancel(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(this.dialog).toBeHidden();
  }
}
