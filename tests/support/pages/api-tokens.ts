import type { Locator, Page } from '@playwright/test';

/** Settings → API tokens: make, list and revoke tokens for other programs. */
export class ApiTokensSection {
  constructor(private readonly page: Page) {}

  get section(): Locator {
    return this.page.getByTestId('api-tokens');
  }

  get value(): Locator {
    return this.section.getByTestId('token-value');
  }

  get rows(): Locator {
    return this.section.getByTestId('token-row');
  }

  row(name: string): Locator {
    return this.rows.filter({ hasText: name });
  }

  async create(name: string, access: 'Read only' | 'Read and change'): Promise<string> {
    await this.section.getByLabel('Name').fill(name);
    await this.section.getByLabel('Access').selectOption({ label: access });
    await this.section.getByRole('button', { name: 'Create token' }).click();
    await this.value.waitFor();
    return (await this.value.textContent()) ?? '';
  }

  async revoke(name: string): Promise<void> {
    await this.section.getByRole('button', { name: `Revoke ${name}` }).click();
    await this.page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
  }
}
