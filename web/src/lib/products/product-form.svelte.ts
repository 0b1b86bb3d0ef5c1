import {
  parseMoney,
  parseQuantity,
  toDecimalString,
  type ProductFields,
  type Unit,
  BASE_PER_UNIT,
} from '@stallkeeper/shared';
import { createProduct, updateProduct } from '../db/products.ts';
import { ValidationError, type ShopContext } from '../db/shop.ts';
import { resizePhoto } from './photo.ts';

type FieldErrors = Partial<Record<keyof ProductFields | 'form' | 'photo' | 'openingStock', string>>;

/** "0", "0.0", ",00": a typed zero, which parseQuantity (positive amounts) refuses. */
const ZERO = /^0*(?:[.,]0*)?$/;

/** A base-unit quantity as the form shows it: in sales units, no grouping ("1.5" kg). */
function toDecimalQuantity(base: number, unit: Unit): string {
  return String(base / BASE_PER_UNIT[unit]);
}

/** The product form: text inputs in, a validated product out, errors per field. */
export class ProductForm {
  code = $state('');
  name = $state('');
  unit = $state<Unit>('piece');
  price = $state('');
  cost = $state('');
  description = $state('');
  lowStock = $state('');
  imageUrl = $state('');
  active = $state(true);
  category = $state('');
  /** offered on the shop page */
  online = $state(false);
  /** the most online orders may hold at once, in sales units (kg for kg…); empty: all free stock */
  onlineAllowance = $state('');
  /** what is on the shelf when a new product is added, in sales units (kg for kg…) */
  openingStock = $state('');
  /** undefined: keep; null: remove; Blob: replace */
  photo = $state<Blob | null | undefined>(undefined);
  errors = $state<FieldErrors>({});
  busy = $state(false);

  constructor(private readonly currency: () => string) {}

  /** Fill the form from a product, showing amounts in sales units. */
  load(p: ProductFields): void {
    const cur = this.currency();
    this.code = p.code;
    this.name = p.name;
    this.unit = p.unit;
    this.price = toDecimalString(p.price, cur);
    this.cost = p.cost === null ? '' : toDecimalString(p.cost, cur);
    this.description = p.description;
    this.lowStock =
      p.lowStockThreshold === null ? '' : String(p.lowStockThreshold / BASE_PER_UNIT[p.unit]);
    this.imageUrl = p.imageUrl ?? '';
    this.active = p.active;
    this.category = p.category;
    this.online = p.online;
    this.onlineAllowance =
      p.onlineAllowance === null ? '' : toDecimalQuantity(p.onlineAllowance, p.unit);
    this.photo = undefined;
    this.errors = {};
  }

  async pickPhoto(file: File | undefined): Promise<void> {
    if (!file) return;
    try {
      this.photo = await resizePhoto(file);
      this.errors = { ...this.errors, photo: undefined };
    } catch {
      this.errors = { ...this.errors, photo: 'That file is not an image this device can read.' };
    }
  }

  #fields(): ProductFields | null {
    const errors: FieldErrors = {};
    const cur = this.currency();
    const price = parseMoney(this.price, cur);
    if (price === null || price < 0) errors.price = 'Enter a price like 2.50';
    const cost = this.cost.trim() ? parseMoney(this.cost, cur) : null;
    if (this.cost.trim() && (cost === null || cost < 0)) {
      errors.cost = 'Enter a cost like 1.20, or leave empty';
    }
    const lowText = this.lowStock.trim();
    const low = lowText
      ? Math.round(Number(lowText.replace(',', '.')) * BASE_PER_UNIT[this.unit])
      : null;
    if (low !== null && (!Number.isFinite(low) || low < 0)) {
      errors.lowStockThreshold = 'A number, or empty for the shop default';
    }
    const allowanceText = this.onlineAllowance.trim();
    // 0 is a real allowance (listed, yet nothing may be ordered online for now)
    const allowance = !allowanceText
      ? null
      : ZERO.test(allowanceText)
        ? 0
        : parseQuantity(allowanceText, this.unit);
    // (a hidden allowance, the product being off the shop page, is kept only when valid)
    if (this.online && allowanceText && (allowance === null || allowance < 0)) {
      errors.onlineAllowance = `How much online orders may hold at once, like ${this.unit === 'piece' ? '10' : '5.5'} (or empty for all)`;
    }
    if (this.#opening() === null) {
      errors.openingStock = 'How many are on the shelf, like 12 (or empty for none)';
    }
    this.errors = errors;
    if (Object.keys(errors).length) return null;
    return {
      code: this.code,
      name: this.name,
      unit: this.unit,
      price: price ?? 0,
      cost,
      description: this.description,
      imageUrl: this.imageUrl.trim() || null,
      lowStockThreshold: low,
      active: this.active,
      category: this.category.trim(),
      online: this.online,
      onlineAllowance: allowance,
    };
  }

  /** The opening stock in base units (0 when empty), or null when it is not a quantity. */
  #opening(): number | null {
    const text = this.openingStock.trim();
    if (!text || ZERO.test(text)) return 0;
    const qty = parseQuantity(text, this.unit);
    return qty === null || qty < 0 ? null : qty;
  }

  async submit(ctx: ShopContext, id?: string): Promise<boolean> {
    const fields = this.#fields();
    const opening = this.#opening();
    if (!fields || opening === null) return false;
    this.busy = true;
    try {
      if (id) {
        await updateProduct(ctx, id, fields, this.photo);
      } else {
        await createProduct(ctx, fields, this.photo ?? undefined, opening);
      }
      this.reset();
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

  reset(): void {
    this.code = '';
    this.name = '';
    this.unit = 'piece';
    this.price = '';
    this.cost = '';
    this.description = '';
    this.lowStock = '';
    this.imageUrl = '';
    this.active = true;
    this.category = '';
    this.online = false;
    this.onlineAllowance = '';
    this.openingStock = '';
    this.photo = undefined;
    this.errors = {};
  }
}
