import { expect, type Locator, type Page } from '@playwright/test';

export interface NewCustomer {
  name: string;
  phone?: string;
  email?: string;
}

/** /customers: the list, its add form, and a customer's page. */
export class CustomersScreen {
  constructor(private readonly page: Page) {}

  get rows(): Locator {
    return this.page.getByTestId('customer-row');
  }

  /** Add a customer and wait for their row. */
  async add(c: NewCustomer): Promise<void> {
    await this.page.getByRole('button', { name: 'Add customer' }).click();
    const form = this.page.getByRole('form', { name: 'Add customer' });
    await form.getByLabel('Name').fill(c.name);
    if (c.phone !== undefined) await form.getByLabel('Phone').fill(c.phone);
    if (c.email !== undefined) await form.getByLabel('Email').fill(c.email);
    await form.getByRole('button', { name: 'Save customer' }).click();
    await expect(this.rows.filter({ hasText: c.name })).toBeVisible();
  }

  /** Open a customer's page from the list. */
  async open(name: string): Promise<void> {
    await this.page.getByRole('link', { name }).click();
    await expect(this.page.getByRole('heading', { name })).toBeVisible();
  }
}
