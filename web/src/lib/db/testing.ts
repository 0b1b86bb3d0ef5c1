import type { Product, ProductFields } from '@stallkeeper/shared';
import { checkout } from './orders.ts';
import { createProduct } from './products.ts';
import { loadPouch } from './pouch.ts';
import { ShopContext, type Actor } from './shop.ts';

/**
 * What the web's unit tests share (on fake-indexeddb, see test-setup.ts): a fresh shop
 * on this "device", a product, a cash sale. Test code only.
 */
let n = 0;

/** Wait until `check` holds, up to two seconds (live queries answer asynchronously). */
export async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!check()) throw new Error('not within 2 s');
}

export const TEST_ACTOR: Actor = { userId: 'user-1234', userName: 'Test', deviceId: 'dev-test-1' };

/** A fresh shop's context, with its own replica. */
export async function openTestShop(actor: Actor = TEST_ACTOR): Promise<ShopContext> {
  const shopId = `t${++n}${Date.now().toString(36)}`;
  const Pouch = await loadPouch();
  return ShopContext.open(shopId, actor, new Pouch(`t_${shopId}`, { adapter: 'idb' }));
}

/** Another replica in the same fake IndexedDB (a stand-in for the server's copy). */
export async function otherReplica(name: string): Promise<PouchDB.Database> {
  const Pouch = await loadPouch();
  return new Pouch(`${name}_${++n}${Date.now().toString(36)}`, { adapter: 'idb' });
}

/** A product's editable fields, sold by the piece, as the product form fills them. */
export function productFields(over: Partial<ProductFields> = {}): ProductFields {
  return {
    code: 'PLM',
    name: 'Plums',
    unit: 'piece',
    price: 100,
    cost: null,
    description: '',
    imageUrl: null,
    lowStockThreshold: null,
    active: true,
    category: '',
    online: false,
    onlineAllowance: null,
    ...over,
  };
}

/** A product sold by the piece, as the product form would add it. */
export function addProduct(ctx: ShopContext, over: Partial<ProductFields> = {}): Promise<Product> {
  return createProduct(ctx, productFields(over));
}

/** A counter sale of `qty` of one product, paid in cash. */
export function cashSale(ctx: ShopContext, p: Product, qty = 1) {
  return checkout(ctx, {
    lines: [
      { productId: p._id, code: p.code, name: p.name, unit: p.unit, unitPrice: p.price, qty },
    ],
    settings: { taxRate: 0, taxInclusive: true, currency: 'EUR' },
    channel: 'counter',
    method: 'cash',
    tendered: null,
    payNow: true,
    customer: null,
    note: '',
  });
}

export { firstValue } from './first-value.ts';

/** Let the live projector catch up with what was just written. */
export async function settle(ctx: ShopContext): Promise<void> {
  await new Promise((r) => setTimeout(r, 60));
  await ctx.projector.idle();
}
