import {
  cartTotals,
  minorDigits,
  parsePercent,
  percentInput,
  type SettingsFields,
  DEFAULT_SETTINGS,
} from '@stallkeeper/shared';
import { saveSettings } from '../db/settings.ts';
import { ValidationError, type ShopContext } from '../db/shop.ts';
import { LogoError, prepareLogo } from './logo.ts';

/** Each field's error in words; `form` for what belongs to no field, `logo` for the picture. */
export type SettingsErrors = Partial<Record<keyof SettingsFields | 'form' | 'logo', string>>;

/** The settings typed as free text. */
const TEXT_FIELDS = [
  'shopName',
  'address',
  'contact',
  'taxId',
  'paymentInstructions',
  'invoiceFooter',
  'receiptFooter',
] as const satisfies readonly (keyof SettingsFields)[];

/** The longest text each field takes (the settings schema's limits), said before saving. */
export const TEXT_LIMITS: Readonly<Record<(typeof TEXT_FIELDS)[number], number>> = {
  shopName: 120,
  address: 500,
  contact: 300,
  taxId: 60,
  paymentInstructions: 1000,
  invoiceFooter: 500,
  receiptFooter: 500,
};

/** The form as typed: numbers are text until they are read. */
interface Inputs {
  shopName: string;
  address: string;
  contact: string;
  taxId: string;
  currency: string;
  taxRate: string;
  taxInclusive: boolean;
  invoiceTermsDays: string;
  paymentInstructions: string;
  invoiceFooter: string;
  receiptFooter: string;
  lowStockDefault: string;
  allowSellerCancel: boolean;
}

function inputsOf(s: SettingsFields): Inputs {
  return {
    shopName: s.shopName,
    address: s.address,
    contact: s.contact,
    taxId: s.taxId,
    currency: s.currency,
    taxRate: percentInput(s.taxRate),
    taxInclusive: s.taxInclusive,
    invoiceTermsDays: String(s.invoiceTermsDays),
    paymentInstructions: s.paymentInstructions,
    invoiceFooter: s.invoiceFooter,
    receiptFooter: s.receiptFooter,
    lowStockDefault: String(s.lowStockDefault),
    allowSellerCancel: s.allowSellerCancel,
  };
}

/** A whole number from `min` to `max` as typed, or null. */
function wholeNumber(text: string, min: number, max: number): number | null {
  const t = text.trim();
  if (!/^\d{1,10}$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
}

/**
 * The shop settings form (the owner's): text in, validated settings out, errors per
 * field in words, whether anything is unsaved, and the logo to keep, replace or remove.
 */
export class SettingsForm {
  shopName = $state('');
  address = $state('');
  contact = $state('');
  taxId = $state('');
  currency = $state('EUR');
  /** the rate as a percent, as typed ("16", "7.5") */
  taxRate = $state('0');
  taxInclusive = $state(true);
  invoiceTermsDays = $state('14');
  paymentInstructions = $state('');
  invoiceFooter = $state('');
  receiptFooter = $state('');
  lowStockDefault = $state('5');
  allowSellerCancel = $state(false);
  /** undefined: keep the shop's logo; null: remove it; a Blob: the new one */
  logo = $state<Blob | null | undefined>(undefined);
  errors = $state<SettingsErrors>({});
  busy = $state(false);
  /** set after a save, cleared by the next edit */
  saved = $state(false);
  #loaded = $state<Inputs>(inputsOf(DEFAULT_SETTINGS));

  constructor(private readonly prepare: (file: Blob) => Promise<Blob> = prepareLogo) {
    // Until the shop's settings load, the form holds the defaults and nothing is unsaved.
    this.load(DEFAULT_SETTINGS);
  }

  #inputs(): Inputs {
    return {
      shopName: this.shopName,
      address: this.address,
      contact: this.contact,
      taxId: this.taxId,
      currency: this.currency,
      taxRate: this.taxRate,
      taxInclusive: this.taxInclusive,
      invoiceTermsDays: this.invoiceTermsDays,
      paymentInstructions: this.paymentInstructions,
      invoiceFooter: this.invoiceFooter,
      receiptFooter: this.receiptFooter,
      lowStockDefault: this.lowStockDefault,
      allowSellerCancel: this.allowSellerCancel,
    };
  }

  /** Something differs from the settings as last loaded or saved. */
  readonly dirty = $derived(
    this.logo !== undefined || JSON.stringify(this.#inputs()) !== JSON.stringify(this.#loaded),
  );

  /** A sale of 100 in the chosen currency with the rate as typed (null: no tax, or not a rate). */
  readonly taxExample = $derived.by(() => {
    const rate = parsePercent(this.taxRate);
    if (!rate || !/^[A-Z]{3}$/.test(this.currency)) return null;
    const price = 100 * 10 ** minorDigits(this.currency);
    const line = {
      productId: '',
      code: '',
      name: '',
      unit: 'piece',
      unitPrice: price,
      qty: 1,
    } as const;
    return cartTotals([line], { taxRate: rate, taxInclusive: this.taxInclusive });
  });

  /** Fill the form from the shop's settings (discarding any edits). */
  load(s: SettingsFields): void {
    const inputs = inputsOf(s);
    Object.assign(this, inputs);
    this.#loaded = inputs;
    this.logo = undefined;
    this.errors = {};
  }

  /** The settings the form says, or null with `errors` set. */
  fields(): SettingsFields | null {
    const errors: SettingsErrors = {};
    for (const field of TEXT_FIELDS) {
      const max = TEXT_LIMITS[field];
      if (this[field].length > max) errors[field] = `At most ${max} characters.`;
    }
    if (!this.shopName.trim()) errors.shopName = 'Give the shop a name.';
    const taxRate = parsePercent(this.taxRate);
    if (taxRate === null) errors.taxRate = 'Enter a rate from 0 to 100, like 16 or 7.5.';
    const terms = wholeNumber(this.invoiceTermsDays, 0, 365);
    if (terms === null) errors.invoiceTermsDays = 'Enter a number of days from 0 to 365.';
    const low = wholeNumber(this.lowStockDefault, 0, 1e9);
    if (low === null) errors.lowStockDefault = 'Enter a whole number, like 5.';
    if (!/^[A-Z]{3}$/.test(this.currency)) errors.currency = 'Choose a currency from the list.';
    this.errors = errors;
    if (taxRate === null || terms === null || low === null || Object.keys(errors).length) {
      return null;
    }
    return {
      shopName: this.shopName.trim(),
      address: this.address.trim(),
      contact: this.contact.trim(),
      taxId: this.taxId.trim(),
      currency: this.currency,
      taxRate,
      taxInclusive: this.taxInclusive,
      invoiceTermsDays: terms,
      paymentInstructions: this.paymentInstructions.trim(),
      invoiceFooter: this.invoiceFooter.trim(),
      receiptFooter: this.receiptFooter.trim(),
      lowStockDefault: low,
      allowSellerCancel: this.allowSellerCancel,
    };
  }

  async pickLogo(file: Blob | undefined): Promise<void> {
    if (!file) return;
    try {
      this.logo = await this.prepare(file);
      this.errors = { ...this.errors, logo: undefined };
    } catch (err) {
      const message = err instanceof LogoError ? err.message : 'That picture could not be used.';
      this.errors = { ...this.errors, logo: message };
    }
  }

  removeLogo(): void {
    this.logo = null;
  }

  /** Save on this device (it syncs from there); false with `errors` when refused. */
  async submit(ctx: ShopContext): Promise<boolean> {
    const fields = this.fields();
    if (!fields) return false;
    this.busy = true;
    try {
      await saveSettings(ctx, fields, this.logo);
      this.load(fields);
      this.saved = true;
      return true;
    } catch (err) {
      if (err instanceof ValidationError) {
        this.errors = err.fieldErrors();
        return false;
      }
      throw err;
    } finally {
      this.busy = false;
    }
  }

  /** Back to the settings as last loaded or saved. */
  discard(): void {
    Object.assign(this, this.#loaded);
    this.saved = false;
    this.logo = undefined;
    this.errors = {};
  }
}
