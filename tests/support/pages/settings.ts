import { expect, type Locator, type Page } from '@playwright/test';

/** /settings: the owner's form, or the read-only settings a seller sees. */
export class SettingsScreen {
  constructor(private readonly page: Page) {}

  get form(): Locator {
    return this.page.getByRole('form', { name: 'Shop settings' });
  }

  get currency(): Locator {
    return this.page.getByRole('combobox', { name: 'Currency' });
  }

  get findCurrency(): Locator {
    return this.page.getByLabel('Find a currency');
  }

  get moneyPreview(): Locator {
    return this.page.getByTestId('money-preview');
  }

  /** Why the currency cannot change (present only once the shop has sales). */
  get currencyLock(): Locator {
    return this.page.getByTestId('currency-locked');
  }

  get taxRate(): Locator {
    return this.page.getByLabel('Tax rate (%)');
  }

  get status(): Locator {
    return this.page.getByTestId('settings-status');
  }

  get saveButton(): Locator {
    return this.page.getByRole('button', { name: 'Save settings' });
  }

  get logoPreview(): Locator {
    return this.page.getByRole('img', { name: "The shop's logo" });
  }

  /** Pick a picture file as the shop's logo. */
  async pickLogo(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.page.getByLabel(/^Logo/).setInputFiles(file);
  }

  /** A seller's read-only list of the settings. */
  get summary(): Locator {
    return this.page.getByTestId('settings-summary');
  }

  field(label: string): Locator {
    return this.form.getByLabel(label, { exact: true });
  }

  /** Search the currency list for `query` and pick `code`. */
  async chooseCurrency(query: string, code: string): Promise<void> {
    await this.findCurrency.fill(query);
    await this.currency.selectOption(code);
  }

  /** Tax as a percent, and whether prices include it. */
  async setTax(percent: string, pricesInclude: boolean): Promise<void> {
    await this.taxRate.fill(percent);
    await this.page
      .getByRole('radio', { name: pricesInclude ? 'include tax' : /^exclude tax/ })
      .check();
  }

  async save(): Promise<void> {
    await this.saveButton.click();
    await expect(this.status).toContainText('Saved');
  }
}
