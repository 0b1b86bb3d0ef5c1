import { DEFAULT_SETTINGS } from '@stallkeeper/shared';
import { describe, expect, it } from 'vitest';
import { liveSettings } from '../db/settings.ts';
import { addProduct, cashSale, firstValue, openTestShop, settle } from '../db/testing.ts';
import type { ShopContext } from '../db/shop.ts';
import { LogoError } from './logo.ts';
import { SettingsForm } from './settings-form.svelte.ts';

const settingsNow = (ctx: ShopContext) => firstValue(liveSettings(ctx));

function loaded(): SettingsForm {
  const form = new SettingsForm((f) => Promise.resolve(f));
  form.load(DEFAULT_SETTINGS);
  return form;
}

describe('the settings form', () => {
  it('shows the tax rate as a percent and saves it in basis points', () => {
    const form = new SettingsForm();
    form.load({ ...DEFAULT_SETTINGS, taxRate: 750 });
    expect(form.taxRate).toBe('7.5');
    form.taxRate = '16';
    expect(form.fields()?.taxRate).toBe(1600);
    form.taxRate = '12,25 %';
    expect(form.fields()?.taxRate).toBe(1225);
  });

  it('works out a sample sale with the rate as typed, added to or inside the price', () => {
    const form = loaded();
    form.currency = 'KES';
    form.taxRate = '16';
    form.taxInclusive = false;
    expect(form.taxExample).toEqual({ subtotal: 10_000, tax: 1_600, total: 11_600 });
    form.taxInclusive = true;
    expect(form.taxExample).toEqual({ subtotal: 10_000, tax: 1_379, total: 10_000 });
    form.taxRate = 'lots';
    expect(form.taxExample).toBeNull();
  });

  it('says in words what is wrong, next to each field', () => {
    const form = loaded();
    form.shopName = '  ';
    form.taxRate = '120';
    form.invoiceTermsDays = 'two weeks';
    form.lowStockDefault = '-1';
    form.receiptFooter = 'x'.repeat(501);
    expect(form.fields()).toBeNull();
    expect(form.errors).toEqual({
      shopName: 'Give the shop a name.',
      taxRate: 'Enter a rate from 0 to 100, like 16 or 7.5.',
      invoiceTermsDays: 'Enter a number of days from 0 to 365.',
      lowStockDefault: 'Enter a whole number, like 5.',
      receiptFooter: 'At most 500 characters.',
    });
  });

  it('has nothing unsaved before the shop’s settings load', () => {
    expect(new SettingsForm().dirty).toBe(false);
  });

  it('knows when something is unsaved, and discarding brings the saved values back', () => {
    const form = loaded();
    expect(form.dirty).toBe(false);
    form.currency = 'KES';
    expect(form.dirty).toBe(true);
    form.discard();
    expect(form.currency).toBe('EUR');
    expect(form.dirty).toBe(false);
    form.removeLogo();
    expect(form.dirty).toBe(true);
  });

  it('refuses a logo that is not a PNG or JPEG, in words', async () => {
    const form = new SettingsForm(() => Promise.reject(new LogoError('The logo must be a PNG.')));
    form.load(DEFAULT_SETTINGS);
    await form.pickLogo(new Blob(['x'], { type: 'image/gif' }));
    expect(form.logo).toBeUndefined();
    expect(form.errors.logo).toBe('The logo must be a PNG.');
  });

  it('saves on the device, then is no longer dirty', async () => {
    const ctx = await openTestShop();
    const form = loaded();
    form.shopName = 'Mama Njeri Groceries';
    form.currency = 'KES';
    form.taxRate = '16';
    form.taxInclusive = false;
    form.receiptFooter = 'Asante!';
    expect(await form.submit(ctx)).toBe(true);
    expect(form.saved).toBe(true);
    expect(form.dirty).toBe(false);
    await settle(ctx);
    expect(await settingsNow(ctx)).toMatchObject({
      shopName: 'Mama Njeri Groceries',
      currency: 'KES',
      taxRate: 1600,
      taxInclusive: false,
      receiptFooter: 'Asante!',
    });
  });

  it('puts the currency lock next to the currency once the shop has sales', async () => {
    const ctx = await openTestShop();
    await cashSale(ctx, await addProduct(ctx));
    await settle(ctx);
    const form = loaded();
    form.currency = 'GBP';
    expect(await form.submit(ctx)).toBe(false);
    expect(form.errors.currency).toMatch(/cannot change once the shop has sales/);
  });
});
