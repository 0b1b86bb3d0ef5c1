import { expectAccessible } from '../support/a11y.ts';
import { expect, test } from '../support/fixtures.ts';
import { account } from '../support/pages/auth.ts';
import { InvoicePage, InvoicesScreen, StatementSection } from '../support/pages/invoices.ts';
import { expectInsideViewport } from '../support/layout.ts';
import { LAPTOP, SMALL_PHONE } from '../support/viewports.ts';

const DAY_MS = 86_400_000;

test('an owner invoices an on-account sale offline, records a part payment, and the PDF and the overdue status follow', async ({
  device,
}) => {
  test.setTimeout(120_000);
  const laptop = await device(LAPTOP);
  const { page } = laptop;
  await laptop.auth.register(account('Olga Stall', 'Olga Greens'));

  // Online: a product, a customer, and a sale on account to that customer.
  await laptop.navTo('Products');
  await laptop.products.add({ code: 'FIG-1', name: 'Figs', price: '12.50', opening: '10' });
  await laptop.navTo('Customers');
  await laptop.customers.add({ name: 'Ana Pereira', phone: '+351 912 345 678' });
  await laptop.navTo('Sell');
  await laptop.sell.add('Figs');
  await laptop.sell.add('Figs');
  const checkout = await laptop.sell.charge('€25.00');
  await checkout.dialog.getByRole('radio', { name: 'On account' }).check();
  await checkout.pickCustomer('Ana', 'Ana Pereira');
  const receipt = await checkout.confirm();
  await expect(receipt.dialog).toBeVisible();
  await receipt.newSale();
  await laptop.waitForServiceWorker();

  // Offline from here: the invoice, the payment and the PDF are all made on the device.
  await laptop.setOffline(true);
  await laptop.navTo('Orders');
  await laptop.orders.openFirst();
  await page.getByRole('button', { name: 'Create invoice' }).click();
  await expect(page).toHaveURL(/\/invoices\/invoice:/);
  const invoice = new InvoicePage(page);
  await expect(invoice.heading).toHaveText(/^Invoice [A-Z0-9]+-0001$/);
  const number = (await invoice.heading.innerText()).replace(/^Invoice /, '');
  await expect(invoice.total).toHaveText('€25.00');
  await expect(invoice.balance).toHaveText('€25.00');
  await expect(invoice.status).toHaveText('Unpaid · due in 14 days');
  await expect(page.getByRole('button', { name: 'Email invoice' })).toBeEnabled();

  await invoice.recordPayment({ amount: '10', method: 'Mobile money', reference: 'MP-4471' });
  await expect(invoice.paid).toHaveText('€10.00');
  await expect(invoice.balance).toHaveText('€15.00');
  await expect(invoice.status).toHaveText('Part paid · due in 14 days');
  await expect(invoice.payments.filter({ hasText: 'Mobile money · MP-4471' })).toContainText(
    '€10.00',
  );
  await expectAccessible(page, '/invoices/[id]');

  // The PDF the app made, read back: number, total, balance, due date, the payment.
  const dueText = (await invoice.due.innerText()).trim();
  const dueIso = await invoice.due.locator('time').getAttribute('datetime');
  expect(dueIso).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const pdf = await invoice.downloadPdf();
  expect(pdf.name).toBe(`Invoice ${number}.pdf`);
  expect(pdf.text).toContain(`Invoice ${number}`);
  expect(pdf.text).toContain(`Due date ${dueText}`);
  expect(pdf.text).toContain('Total €25.00');
  expect(pdf.text).toContain('Balance due €15.00');
  expect(pdf.text).toContain('MP-4471');
  expect(pdf.text).toContain('Ana Pereira');

  // The list: one part-paid invoice, not yet due.
  await laptop.navTo('Invoices');
  const invoices = new InvoicesScreen(page);
  await expect(invoices.row(number)).toContainText('Part paid · due in 14 days');
  await expect(invoices.aging('current')).toContainText('€15.00');
  await expectAccessible(page, '/invoices');

  // Twelve days past the due date (the device's clock moves on), the app says it is overdue.
  await page.clock.setFixedTime(new Date(Date.parse(`${dueIso}T12:00:00+01:00`) + 12 * DAY_MS));
  await page.reload();
  await expect(invoices.row(number)).toContainText('Overdue by 12 days · part paid');
  await expect(invoices.aging('1-30')).toContainText('€15.00');
  await expect(invoices.aging('1-30')).toContainText('1 invoice');
  await invoices.filter('Overdue').click();
  await expect(invoices.rows).toHaveCount(1);
  await invoices.filter('Paid').click();
  await expect(invoices.rows).toHaveCount(0);
  await expect(page.getByText('No invoices match these filters.')).toBeVisible();
  await invoices.filter('All').click();
  await invoices.row(number).getByRole('link', { name: number }).click();
  await expect(invoice.status).toHaveText('Overdue by 12 days · part paid');
  const late = await invoice.downloadPdf();
  expect(late.text).toContain('Overdue by 12 days · part paid');

  // The customer's statement owes the same, with its own PDF.
  await laptop.navTo('Customers');
  await laptop.customers.open('Ana Pereira');
  const statement = new StatementSection(page);
  await expect(statement.owed).toHaveText('€15.00');
  await expect(statement.lines).toHaveCount(1);
  await expect(statement.lines.first()).toContainText(`Invoice ${number}`);
  const stPdf = await statement.downloadPdf();
  expect(stPdf.text).toContain('Statement of account');
  expect(stPdf.text).toContain(`${number} (order`);
  expect(stPdf.text).toContain('Total owed €15.00');

  // The same screens on a small phone: nothing wider than the screen, actions in reach.
  await page.setViewportSize(SMALL_PHONE);
  await page.goto('/invoices');
  await expect(invoices.row(number)).toBeVisible();
  await expectInsideViewport(page, invoices.row(number).getByRole('link', { name: number }));
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    SMALL_PHONE.width,
  );
  await expectAccessible(page, '/invoices on a phone');
  await invoices.row(number).getByRole('link', { name: number }).click();
  await expect(invoice.heading).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    SMALL_PHONE.width,
  );
  await expectInsideViewport(page, page.getByRole('button', { name: 'Record payment' }));
  await expectInsideViewport(
    page,
    invoice.pdfActions.getByRole('button', { name: 'Download PDF' }),
  );
});
