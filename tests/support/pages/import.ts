import { expect, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';

type Kind = 'products' | 'customers';

/** /products/import and /customers/import: pick a CSV, check the preview, import. */
export class ImportScreen {
  constructor(private readonly page: Page) {}

  /** Open the screen by its address (it works offline, like every screen). */
  async open(kind: Kind): Promise<void> {
    await this.page.goto(`/${kind}/import`);
    await expect(this.page.getByRole('heading', { name: `Import ${kind}` })).toBeVisible();
  }

  /** Pick a file; waits for the preview. */
  async upload(name: string, content: string | Buffer): Promise<void> {
    await this.page.getByLabel('CSV file').setInputFiles({
      name,
      mimeType: 'text/csv',
      buffer: typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
    });
    await expect(this.page.getByRole('heading', { name: 'What will happen' })).toBeVisible();
  }

  /** One of the preview's counts: "2 new", "1 to update", "1 with problems". */
  count(action: 'new' | 'update' | 'skip' | 'error'): Locator {
    return this.page.getByTestId(`count-${action}`);
  }

  /** What to do with rows the shop already has. */
  async onMatches(choice: 'update' | 'skip'): Promise<void> {
    await this.page
      .getByRole('radio', {
        name:
          choice === 'update' ? /^Update them with the file's values/ : 'Leave them as they are',
      })
      .check();
  }

  /** "Row 4: price 'abc' is not an amount…" lines. */
  get problems(): Locator {
    return this.page
      .getByRole('region', { name: 'Rows with problems (not imported)' })
      .getByRole('listitem');
  }

  get previewRows(): Locator {
    return this.page.getByTestId('preview-row');
  }

  /** The Import button (it says how many rows it writes). */
  get importButton(): Locator {
    return this.page.getByRole('button', { name: /^Import \d/ });
  }

  /** Press Import and wait for the result. */
  async importAll(): Promise<Locator> {
    await this.importButton.click();
    const result = this.page.getByRole('status').filter({ hasText: 'Import finished' });
    await expect(result).toBeVisible({ timeout: 60_000 });
    return result;
  }

  /** "Download these rows to fix them": the refused rows' file, read back by column. */
  async downloadProblems(): Promise<{ name: string; rows: Record<string, string>[] }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: 'Download these rows to fix them' }).click(),
    ]);
    const text = (await readFile(await download.path())).toString('utf8').replace(/^\uFEFF/, '');
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    return { name: download.suggestedFilename(), rows: parsed.data };
  }

  /** The result's link back to the list. */
  async backToList(kind: Kind): Promise<void> {
    await this.page.getByRole('link', { name: `See the ${kind}` }).click();
    await expect(this.page).toHaveURL(new RegExp(`/${kind}$`));
  }
}
