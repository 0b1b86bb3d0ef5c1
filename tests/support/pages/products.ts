import { expect, type Locator, type Page } from '@playwright/test';

export interface NewProduct {
  code: string;
  name: string;
  price: string;
  /** How it is sold, as the form's "Sold" choice says it ("per kg"); per piece unless given. */
  sold?: string;
  /** What is already on the shelf, in sales units (the form's "Opening stock"). */
  opening?: string;
  /** A picture to attach; the form resizes it before it is saved. */
  photo?: { name: string; mimeType: string; buffer: Buffer };
}

/** /products: the catalogue, its add form and the stock dialog. */
export class ProductsScreen {
  constructor(private readonly page: Page) {}

  get rows(): Locator {
    return this.page.getByTestId('product-row');
  }

  row(name: string): Locator {
    return this.rows.filter({ hasText: name });
  }

  stockBadge(name: string): Locator {
    return this.row(name).getByTestId('stock-badge');
  }

  /** Add a product (sold per piece unless `sold` says otherwise) and wait for its row. */
  async add(p: NewProduct): Promise<void> {
    await this.page.getByRole('button', { name: 'Add product' }).click();
    const form = this.page.getByRole('form', { name: 'Add product' });
    await form.getByLabel('Code').fill(p.code);
    await form.getByLabel('Name').fill(p.name);
    if (p.sold) await form.getByLabel('Sold').selectOption({ label: p.sold });
    await form.getByLabel(/^Price/).fill(p.price);
    if (p.opening !== undefined) await form.getByLabel(/^Opening stock/).fill(p.opening);
    if (p.photo) {
      await form.getByLabel(/^Photo/).setInputFiles(p.photo);
      await expect(form.getByText('New photo ready')).toBeVisible();
    }
    await form.getByRole('button', { name: 'Save product' }).click();
    await expect(this.row(p.name)).toBeVisible();
  }

  /** "Stock" on the product's row → "Goods arrived (restock)" → amount. */
  async restock(name: string, amount: number): Promise<void> {
    await this.page.getByRole('button', { name: `Stock of ${name}` }).click();
    const dialog = this.page.getByRole('dialog', { name: `Stock of ${name}` });
    await dialog.getByRole('radio', { name: 'Goods arrived (restock)' }).check();
    await dialog.getByLabel(/^Amount received/).fill(String(amount));
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
  }

  async edit(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Edit ${name}` }).click();
  }
}
