import { expectAccessible } from '../support/a11y.ts';
import { expect, test } from '../support/fixtures.ts';
import { account } from '../support/pages/auth.ts';
import { SettingsScreen } from '../support/pages/settings.ts';
import { expectInsideViewport } from '../support/layout.ts';
import { COMMON_PHONE, LAPTOP, SMALL_PHONE } from '../support/viewports.ts';

/** A 1×1 PNG: the smallest picture a logo can be. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Intl writes a no-break space between a currency code and its amount. */
const sp = (text: string) => text.replace(/\u00a0/g, ' ');

test('on a fresh shop the owner sets Kenyan shillings and 16 % tax on top; the receipt shows both, then the currency is locked', async ({
  device,
}) => {
  test.setTimeout(120_000);
  const owner = await device(LAPTOP);
  const { page } = owner;
  await owner.auth.register(account('Njeri', 'Mama Njeri Groceries'));
  await owner.navTo('Settings');
  const settings = new SettingsScreen(page);
  await expect(settings.currency).toBeEnabled();
  await expect(settings.currencyLock).toHaveCount(0);
  await expectAccessible(page, 'settings');

  await settings.chooseCurrency('shilling', 'KES');
  await expect(settings.moneyPreview).toHaveText(/KES\s1,234\.00/);
  await settings.setTax('16', false);
  await settings.field('Tax ID').fill('P051234567X');
  await settings.field('Receipt footer').fill('Asante sana!');
  await settings.pickLogo({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
  await expect(settings.logoPreview).toBeVisible();
  await expect(settings.status).toHaveText('You have unsaved changes.');
  await settings.save();
  await expect(settings.saveButton).toBeDisabled();
  // The saved logo is the one shown now.
  await expect(settings.logoPreview).toBeVisible();

  await owner.navTo('Products');
  await owner.products.add({ code: 'SUG-1', name: 'Sugar 1 kg', price: '100', opening: '10' });
  await owner.navTo('Sell');
  await expect(owner.sell.tile('Sugar 1 kg')).toBeVisible();
  await owner.sell.add('Sugar 1 kg');
  const checkout = await owner.sell.charge();
  await expect(checkout.total).toHaveText(/KES\s116\.00/);
  const receipt = await checkout.confirm();
  // The text fills in as the dialog opens: wait for its last line, then read it whole.
  await expect(receipt.text).toContainText('Asante sana!');
  const text = sp((await receipt.text.textContent()) ?? '');
  expect(text).toContain('Mama Njeri Groceries');
  expect(text).toContain('Tax ID: P051234567X');
  expect(text).toContain('Subtotal: KES 100.00');
  expect(text).toContain('Tax 16%: KES 16.00');
  expect(text).toContain('Total: KES 116.00');
  await receipt.newSale();

  // With a sale taken, the currency is fixed, and the screen says why before any save.
  await owner.navTo('Settings');
  await expect(settings.currency).toBeDisabled();
  await expect(settings.currency).toHaveValue('KES');
  await expect(settings.currencyLock).toHaveText(/cannot change once the shop has sales/);
  await expectAccessible(page, 'settings with the currency locked');

  // Offline, a change is saved on the device and the screen says it syncs later.
  await owner.setOffline(true);
  await settings.field('Receipt footer').fill('Karibu tena!');
  await settings.saveButton.click();
  await expect(settings.status).toHaveText(
    'Saved on this device. It will sync when you are back online.',
  );
  await owner.setOffline(false);

  // The owner archives the product: the log says so in those words.
  await owner.navTo('Products');
  await page.getByRole('button', { name: 'Archive Sugar 1 kg' }).click();
  await page
    .getByRole('dialog', { name: 'Archive Sugar 1 kg?' })
    .getByRole('button', { name: 'Archive product' })
    .click();

  // The log says the sale with its money, the archiving, and the chain check's answer.
  await owner.navTo('Activity');
  await expect(
    owner.activity.entries.filter({ hasText: 'Archived product Sugar 1 kg' }),
  ).toHaveCount(1);
  await expect(owner.activity.entries.filter({ hasText: 'Edited product' })).toHaveCount(0);
  await expect(owner.activity.entries.filter({ hasText: /Sale \S+ — KES\s116\.00/ })).toHaveCount(
    1,
  );
  await expect(owner.activity.entries.filter({ hasText: 'Added product Sugar 1 kg' })).toHaveCount(
    1,
  );
  await expect(page.getByTestId('chain-status')).toContainText('Chain verified', {
    timeout: 30_000,
  });
  await expectAccessible(page, 'activity');
});

test('a seller reads the settings and cannot change them', async ({ device }) => {
  test.setTimeout(120_000);
  const owner = await device(LAPTOP);
  await owner.auth.register(account('Rosa Market', 'Rosa Fruit Stall'));
  await owner.navTo('Settings');
  const ownerSettings = new SettingsScreen(owner.page);
  await ownerSettings.setTax('10', true);
  await ownerSettings.save();
  await owner.navTo('Team');
  const code = await owner.team.createInvite('seller');

  const seller = await device(COMMON_PHONE);
  await seller.auth.register(account('Sam', "Sam's own stall"));
  await seller.join.joinAsSeller(code, 'Rosa Fruit Stall');
  await seller.page.goto('/settings');
  const settings = new SettingsScreen(seller.page);
  await expect(settings.summary).toContainText('Rosa Fruit Stall');
  await expect(settings.summary).toContainText('10%, included in prices', { timeout: 30_000 });
  await expect(settings.form).toHaveCount(0);
  // nothing to change but the seller's own API tokens (and the notice about her own email)
  const shopSettings = seller.page.locator(
    'main > :not([data-testid=api-tokens]):not([data-testid=account-notice])',
  );
  await expect(shopSettings.getByRole('textbox')).toHaveCount(0);
  await expect(shopSettings.getByRole('button')).toHaveCount(0);
  await expect(seller.page.getByTestId('api-tokens')).toBeVisible();
  await expectAccessible(seller.page, 'settings (seller)');
});

test('on a small phone the owner edits settings with the save bar in thumb reach', async ({
  device,
}) => {
  test.setTimeout(90_000);
  const owner = await device(SMALL_PHONE);
  const { page } = owner;
  await owner.auth.register(account('Amina', 'Amina Spices'));
  await page.goto('/settings');
  const settings = new SettingsScreen(page);
  await expect(settings.field('Shop name')).toHaveValue('Amina Spices');
  await settings.taxRate.fill('abc');
  // Shown while the form is scrolled to its top, above the bottom bar, nothing cut off.
  await expectInsideViewport(page, settings.saveButton);
  const save = await settings.saveButton.boundingBox();
  const bar = await owner.nav.boundingBox();
  expect(save && bar && save.y + save.height <= bar.y).toBe(true);
  await expectInsideViewport(page, settings.currency);
  await settings.saveButton.click();
  await expect(page.getByText('Enter a rate from 0 to 100, like 16 or 7.5.')).toBeVisible();
  await expect(settings.taxRate).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'settings on a phone, with an error');

  // Leaving with unsaved changes asks first, in the app; staying keeps the edit.
  await owner.navLink('Sell').click();
  const ask = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Stay here' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(settings.taxRate).toHaveValue('abc');
});
