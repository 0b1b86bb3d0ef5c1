import { addressesOf, type TestSmtp } from '@stallkeeper/sync-server/testing';
import { expectAccessible } from '../support/a11y.ts';
import { expectInsideViewport } from '../support/layout.ts';
import { expect, linkIn, mailTo, test } from '../support/mail.ts';
import type { App } from '../support/pages/app.ts';
import { account, type Account } from '../support/pages/auth.ts';
import { attachedPdf, EmailSection, type ReceivedMail } from '../support/pages/email.ts';
import { InvoicePage } from '../support/pages/invoices.ts';
import { LAPTOP, SMALL_PHONE } from '../support/viewports.ts';

/** The first message to `address` whose subject matches, waiting for it. */
const messageTo = (smtp: TestSmtp, address: string, subject: RegExp): Promise<ReceivedMail> =>
  smtp.waitFor((m) => addressesOf(m).includes(address) && subject.test(m.subject ?? ''), 45_000);

/** Register, confirm the address from the registration email, and come back to the app. */
async function verifiedOwner(app: App, smtp: TestSmtp, who: Account): Promise<void> {
  await app.auth.register(who);
  const confirm = await mailTo(smtp, who.email, /confirm/i);
  await app.page.goto(linkIn(confirm, '/verify'));
  await expect(app.page.getByRole('heading', { name: 'Email confirmed' })).toBeVisible();
  await app.page.getByRole('link', { name: 'Open the app' }).click();
  await expect(app.page).toHaveURL(/\/dashboard$/);
}

/** A product, a customer with an email address, and a sale on account to her. */
async function saleOnAccount(app: App, customer: { name: string; email: string }) {
  await app.navTo('Products');
  await app.products.add({ code: 'FIG-1', name: 'Figs', price: '12.50', opening: '10' });
  await app.page.goto('/customers');
  await app.customers.add({ name: customer.name, email: customer.email });
  await app.navTo('Sell');
  await app.sell.add('Figs');
  const checkout = await app.sell.charge('€12.50');
  await checkout.dialog.getByRole('radio', { name: 'On account' }).check();
  await checkout.pickCustomer(customer.name.slice(0, 3), customer.name);
  const receipt = await checkout.confirm();
  await expect(receipt.dialog).toBeVisible();
  await receipt.newSale();
}

test('an owner emails an invoice from a phone at the market while offline and sees it sent once back online', async ({
  device,
  smtp,
}) => {
  test.setTimeout(180_000);
  const app = await device(SMALL_PHONE);
  const { page } = app;
  await verifiedOwner(app, smtp, account('Ines Invoice', 'Ines Herbs'));
  const ana = { name: 'Ana Pereira', email: `ana-${Date.now()}@example.test` };
  await saleOnAccount(app, ana);
  await app.waitForServiceWorker();
  await app.expectAllSynced();

  // At the market, no network: the invoice is made and emailed on the phone.
  await app.setOffline(true);
  await app.navTo('Orders');
  await app.orders.openFirst();
  await page.getByRole('button', { name: 'Create invoice' }).click();
  await expect(page).toHaveURL(/\/invoices\/invoice:/);
  const invoice = new InvoicePage(page);
  await expect(invoice.heading).toHaveText(/^Invoice [A-Z0-9]+-0001$/);
  const number = (await invoice.heading.innerText()).replace(/^Invoice /, '');

  const email = new EmailSection(page, page.getByRole('main'), 'Email invoice');
  await expectInsideViewport(page, email.button);
  await email.button.click();
  await expect(email.dialog).toBeVisible();
  // Her address is offered; the owner's own is confirmed, so no warning.
  await expect(email.to).toHaveValue(ana.email);
  await expect(email.dialog.getByTestId('email-unverified')).toHaveCount(0);
  await expectAccessible(page, 'the email dialog');
  // Keyboard: a note, then Send from the keyboard.
  await email.dialog.getByLabel('Note (optional)').fill('Thank you for the figs, Ana!');
  await email.dialog.getByRole('button', { name: 'Send' }).focus();
  await page.keyboard.press('Enter');
  await expect(email.dialog).toBeHidden();

  // Honest while offline: it waits on the phone.
  await expect(email.item(ana.email)).toHaveText(`To ${ana.email} · Waiting for a connection`);
  await expect(app.pendingCount).toContainText('email to send');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    SMALL_PHONE.width,
  );
  await expectAccessible(page, 'an invoice with an email waiting');
  expect(smtp.messages.filter((m) => addressesOf(m).includes(ana.email))).toHaveLength(0);

  // Back online: the request syncs, the server sends it, and the phone hears so.
  await app.setOffline(false);
  await expect(email.item(ana.email)).toContainText(/ · Sent \d{1,2}:\d{2}/, { timeout: 60_000 });
  await expect(email.items).toHaveCount(1);
  await expect(page.getByText('null')).toHaveCount(0);

  // Her inbox: the invoice as a PDF with its number inside, and the owner's note.
  const mail = await messageTo(smtp, ana.email, new RegExp(`Invoice ${number}`));
  expect(mail.text).toContain('Thank you for the figs, Ana!');
  const pdf = await attachedPdf(mail);
  expect(pdf.name).toBe(`Invoice ${number}.pdf`);
  expect(pdf.text).toContain(`Invoice ${number}`);
  expect(pdf.text).toContain('Ana Pereira');
  expect(pdf.text).toContain('€12.50');

  // The receipt of the same sale, from the order's page, online this time.
  await page.getByRole('link', { name: /^Order / }).click();
  await expect(page.getByRole('heading', { name: /^Order / })).toBeVisible();
  const orderNumber = (await page.getByRole('heading', { name: /^Order / }).innerText()).replace(
    /^Order /,
    '',
  );
  await page.getByRole('button', { name: 'Receipt', exact: true }).click();
  const receiptDialog = page.getByRole('dialog', { name: 'Receipt' });
  const receipt = new EmailSection(page, receiptDialog, 'Email receipt');
  await receipt.button.click();
  await expect(receipt.to).toHaveValue(ana.email);
  await receipt.dialog.getByRole('button', { name: 'Send' }).click();
  await expect(receipt.dialog).toBeHidden();
  await expect(receipt.item(ana.email)).toContainText(/ · Sent \d{1,2}:\d{2}/, {
    timeout: 60_000,
  });
  const receiptMail = await messageTo(smtp, ana.email, new RegExp(`receipt ${orderNumber}`, 'i'));
  const receiptPdf = await attachedPdf(receiptMail);
  expect(receiptPdf.name).toBe(`Receipt ${orderNumber}.pdf`);
  expect(receiptPdf.text).toContain(`Receipt ${orderNumber}`);
  await expectAccessible(page, 'the receipt with its emails');

  // The same on the owner's laptop: the list in view, nothing wider than the window.
  await page.setViewportSize(LAPTOP);
  await expectInsideViewport(page, receipt.item(ana.email));
  await page.keyboard.press('Escape');
  await expect(receiptDialog).toBeHidden();
  await page.goBack();
  await expect(invoice.heading).toHaveText(`Invoice ${number}`);
  await expect(email.item(ana.email)).toContainText(' · Sent ');
  await expectInsideViewport(page, email.button);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    LAPTOP.width,
  );
});

test('an owner who has not confirmed her address is told before sending, and sees why it was not sent', async ({
  device,
  smtp,
}) => {
  test.setTimeout(120_000);
  const app = await device(SMALL_PHONE);
  const { page } = app;
  await app.auth.register(account('Una Unconfirmed', 'Una Veg'));
  const bea = { name: 'Bea Costa', email: `bea-${Date.now()}@example.test` };
  await saleOnAccount(app, bea);
  await app.navTo('Orders');
  await app.orders.openFirst();
  await page.getByRole('button', { name: 'Create invoice' }).click();
  await expect(page).toHaveURL(/\/invoices\/invoice:/);

  const email = new EmailSection(page, page.getByRole('main'), 'Email invoice');
  await email.button.click();
  await expect(email.dialog.getByTestId('email-unverified')).toContainText(
    "won't go out until you confirm it",
  );
  await email.dialog.getByRole('button', { name: 'Send' }).click();
  await expect(email.dialog).toBeHidden();
  const item = email.item(bea.email);
  await expect(item).toContainText('Not sent: the sender’s own email address is not confirmed', {
    timeout: 60_000,
  });
  await expect(item).not.toContainText('Not sent: Not sent');

  // Try again makes a new request (which fails the same way until she confirms).
  await item.getByRole('button', { name: /^Try again/ }).click();
  await expect(email.items).toHaveCount(2);
  await expect(email.items.filter({ hasText: 'Not sent:' })).toHaveCount(2, { timeout: 60_000 });
  expect(smtp.messages.filter((m) => addressesOf(m).includes(bea.email))).toHaveLength(0);
});
