import type { CustomerFields } from '@stallkeeper/shared';
import { createCustomer, EMPTY_CUSTOMER, updateCustomer } from '../db/customers.ts';
import { ValidationError, type ShopContext } from '../db/shop.ts';

/** Create/edit customer form: fields in, errors per field out. */
export class CustomerForm {
  fields = $state<CustomerFields>({ ...EMPTY_CUSTOMER });
  errors = $state<Partial<Record<keyof CustomerFields | 'form', string>>>({});
  busy = $state(false);

  load(f: CustomerFields): void {
    this.fields = { ...f };
    this.errors = {};
  }

  async save(ctx: ShopContext, id?: string): Promise<string | null> {
    this.busy = true;
    this.errors = {};
    try {
      const saved = id
        ? await updateCustomer(ctx, id, this.fields)
        : await createCustomer(ctx, this.fields);
      if (!id) this.fields = { ...EMPTY_CUSTOMER };
      return saved._id;
    } catch (err) {
      if (err instanceof ValidationError) {
        this.errors = err.fieldErrors();
        return null;
      }
      throw err;
    } finally {
      this.busy = false;
    }
  }
}
