import { expect, type Locator, type Page } from '@playwright/test';
import { ExportMenu } from './export.ts';
import { pdfText, type DownloadedPdf } from './invoices.ts';
import { readFile } from 'node:fs/promises';

/** The headline figures' tiles, by what they show. */
export type Tile = 'revenue' | 'orders' | 'averageBasket' | 'tax' | 'refunds' | 'net';

/** /reports: the period, the headline figures, the sections and the report's files. */
export class ReportsScreen {
  constructor(private readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  /** "This week · 16 – 22 Nov 2026" */
  get periodWords(): Locator {
    return this.page.getByTestId('report-period');
  }

  /** One choice of the period: "Today", "This week", "This month", "Last 30 days", "Custom". */
  period(label: string): Locator {
    return this.page.getByRole('group', { name: 'Period' }).getByRole('radio', { name: label });
  }

  async choose(label: string): Promise<void> {
    await this.period(label).check();
    await expect(this.period(label)).toBeChecked();
  }

  /** A custom period: its first and last day (YYYY-MM-DD), both included. */
  async customDays(from: string, to: string): Promise<void> {
    await this.choose('Custom');
    await this.page.getByLabel('From', { exact: true }).fill(from);
    await this.page.getByLabel('To', { exact: true }).fill(to);
  }

  tile(key: Tile): Locator {
    return this.page.getByTestId(`tile-${key}-value`);
  }

  change(key: Tile): Locator {
    return this.page.getByTestId(`tile-${key}-change`);
  }

  /** A section by its heading: "Sales", "Orders", "Stock", "Money owed" (or "Your sales"). */
  section(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  /** A table by its CSV twin's name: 'sales-by-product', 'sales-by-seller'… */
  table(key: string): Locator {
    return this.page.getByTestId(`report-${key}`);
  }

  /** The CSV menu of the report (one file per section). */
  get csv(): ExportMenu {
    return new ExportMenu(this.page);
  }

  get exports(): Locator {
    return this.page.getByRole('region', { name: 'Export the report' });
  }

  /** Press "Download PDF" and read back the file the app made. */
  async downloadPdf(): Promise<DownloadedPdf> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.exports.getByRole('button', { name: 'Download PDF' }).click(),
    ]);
    const { text, pages } = await pdfText(new Uint8Array(await readFile(await download.path())));
    return { name: download.suggestedFilename(), text, pages };
  }
}
