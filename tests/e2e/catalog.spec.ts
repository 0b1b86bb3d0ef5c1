import { expect, test } from '../support/fixtures.ts';
import { account } from '../support/pages/auth.ts';
import { LAPTOP } from '../support/viewports.ts';

test('a new product takes its opening stock, a code names one product, and an owner deletes a customer after confirming', async ({
  device,
}) => {
  const laptop = await device(LAPTOP);
  const { page } = laptop;
  await laptop.auth.register(account('Olga Stall', 'Olga Greens'));

  // Opening stock: a stock movement, so the badge shows it at once.
  await laptop.navTo('Products');
  await laptop.products.add({ code: 'APL-1', name: 'Apples', price: '1.20', opening: '12' });
  await expect(laptop.products.stockBadge('Apples')).toHaveText('12 left');

  // Archiving asks first in the app; "Keep it" keeps the product on the list.
  await laptop.products.add({ code: 'PEA-1', name: 'Pears', price: '2.00' });
  await page.getByRole('button', { name: 'Archive Pears' }).click();
  const archive = page.getByRole('dialog', { name: 'Archive Pears?' });
  await expect(archive).toContainText('history stay');
  await archive.getByRole('button', { name: 'Keep it' }).click();
  await expect(laptop.products.row('Pears')).toBeVisible();
  await page.getByRole('button', { name: 'Archive Pears' }).click();
  await archive.getByRole('button', { name: 'Archive product' }).click();
  await expect(laptop.products.row('Pears')).toHaveCount(0);
  await expect(laptop.products.rows).toHaveCount(1);

  // The same code again, in another case: refused on the form, nothing saved.
  await page.getByRole('button', { name: 'Add product' }).click();
  const form = page.getByRole('form', { name: 'Add product' });
  await form.getByLabel('Code').fill('apl-1');
  await form.getByLabel('Name').fill('Green apples');
  await form.getByLabel(/^Price/).fill('1.50');
  await form.getByRole('button', { name: 'Save product' }).click();
  await expect(form.getByText(/already used by another product/)).toBeVisible();
  await expect(laptop.products.rows).toHaveCount(1);

  // Deleting a customer asks first (in the app, not the browser), and "Keep it" keeps them.
  await laptop.navTo('Customers');
  await laptop.customers.add({ name: 'Ana Pereira', phone: '+351 912 345 678' });
  await laptop.customers.open('Ana Pereira');
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete Ana Pereira?' });
  await expect(dialog).toContainText('orders keep the name');
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Ana Pereira' })).toBeVisible();

  await page.getByRole('button', { name: 'Delete' }).click();
  await dialog.getByRole('button', { name: 'Delete customer' }).click();
  await expect(page).toHaveURL(/\/customers$/);
  await expect(laptop.customers.rows).toHaveCount(0);
  // and the server has it as deleted once synced
  await expect(laptop.pendingCount).toHaveCount(0, { timeout: 30_000 });
});
