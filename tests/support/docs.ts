import type { Customer, Order, Product } from '@stallkeeper/shared';
import {
  customerDoc as buildCustomer,
  productDoc as buildProduct,
  saleOf,
} from '@stallkeeper/shared/fixtures';

export const customerDoc = (name: string): Customer => buildCustomer({ name });

export const productDoc = (code: string, name: string, price = 250): Product =>
  buildProduct({ code, name, price });

/** A counter sale of `qty` pieces of one product, paid by card. */
export const orderDoc = (
  product: Product,
  qty: number,
  by: string,
  deviceId: string,
  seq: number,
): Order => saleOf(product, qty, { number: `K3-${String(seq).padStart(4, '0')}`, by, deviceId });
