import { parseMoney, type ProductFields, type Unit } from '@stallkeeper/shared';
import { createProduct } from '../db/products.ts';
import { ValidationError, type ShopContext } from '../db/shop.ts';

type FieldErrors = Partial<Record<keyof ProductFields | 'form', string>>;

/** The add-product form: text inputs in, a validated product out, errors per field. */
export class ProductForm {
  code = $state('');
  name = $state('');
  unit = $state<Unit>('piece');
  price = $state('');
  cost = $state('');
  description = $state('');
  lowStock = $state('');
  imageUrl = $state('');
  errors = $state<FieldErrors>({});
  busy = $state(false);

  constructor(private readonly currency: () => string) {}

  #fields(): ProductFields | null {
    const errors: FieldErrors = {};
    const price = parseMoney(this.price, this.currency());
    if (price === null || price < 0) errors.price = 'Enter a price like 2.50';
    const cost = this.cost.trim() ? parseMoney(this.cost, this.currency()) : null;
    if (this.cost.trim() && (cost === null || cost < 0))
      errors.cost = 'Enter a cost like 1.20, or leave empty';
    const low = this.lowStock.trim() ? Number(this.lowStock) : null;
    if (low !== null && (!Number.isInteger(low) || low < 0))
      errors.lowStockThreshold = 'Whole number, or empty for the shop default';
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
      active: true,
    };
  }

  async submit(ctx: ShopContext): Promise<boolean> {
    const fields = this.#fields();
    if (!fields) return false;
    this.busy = true;
    try {
      await createProduct(ctx, fields);
      this.reset();
      return true;
    } catch (err) {
      if (err instanceof ValidationError) {
        const [field, ...rest] = err.message.split(': ');
        const key = (field ?? 'form') as keyof FieldErrors;
        this.errors = rest.length ? { [key]: rest.join(': ') } : { form: err.message };
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
    this.errors = {};
  }
}
