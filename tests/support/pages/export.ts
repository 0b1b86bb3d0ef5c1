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
    await this.button.click();
    const dialog = this.page.getByRole('dialog', { name: /^Export / });
    await expect(dialog).toBeVisible();
    if (opts.file) await dialog.getByRole('radio', { name: opts.file }).check();
    const excel = dialog.getByRole('checkbox', { name: 'For Excel (adds a byte-order mark)' });
    if (opts.forExcel !== undefined) await excel.setChecked(opts.forExcel);
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

  /** Whether the menu opens with "For Excel" ticked (it is remembered on the device). */
  async forExcelTicked(): Promise<boolean> {
    await this.button.click();
    const dialog = this.page.getByRole('dialog', { name: /^Export / });
    const ticked = await dialog
      .getByRole('checkbox', { name: 'For Excel (adds a byte-order mark)' })
      .isChecked();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    return ticked;
  }
}
