import {
  addToCart,
  cartTotals,
  isoNow,
  setLineQty,
  type CartLine,
  type CartProduct,
  type CartTotals,
  type SettingsFields,
} from '@stallkeeper/shared';
import type { ShopContext } from '../db/shop.ts';

/**
 * The seller's cart: rules from shared/cart.ts, state in runes, persisted to this
 * device's Dexie so a reload (or a crash) at the stall loses nothing.
 */
export class Cart {
  lines = $state<CartLine[]>([]);
  customer = $state<{ id: string; name: string } | null>(null);
  #ctx: ShopContext | null = null;
  #saving: Promise<void> = Promise.resolve();
  #markLoaded: () => void = () => undefined;
  readonly #loaded = new Promise<void>((resolve) => (this.#markLoaded = resolve));

  readonly count = $derived(this.lines.length);

  async load(ctx: ShopContext): Promise<void> {
    this.#ctx = ctx;
    const row = await ctx.local.cart.get('current');
    this.lines = row?.lines ?? [];
    this.customer = row?.customerId ? { id: row.customerId, name: row.customerName } : null;
    this.#markLoaded();
  }

  /** Resolves once the stored cart is in: what is added before that, the load overwrites. */
  loaded(): Promise<void> {
    return this.#loaded;
  }

  totals(tax: Pick<SettingsFields, 'taxRate' | 'taxInclusive'>): CartTotals {
    return cartTotals(this.lines, tax);
  }

  add(product: CartProduct, qty: number): void {
    this.lines = addToCart(this.lines, product, qty);
    void this.#save();
  }

  setQty(productId: string, qty: number): void {
    this.lines = setLineQty(this.lines, productId, qty);
    void this.#save();
  }

  remove(productId: string): void {
    this.setQty(productId, 0);
  }

  setCustomer(customer: { id: string; name: string } | null): void {
    this.customer = customer;
    void this.#save();
  }

  clear(): void {
    this.lines = [];
    this.customer = null;
    void this.#save();
  }

  /** Resolves when every change so far is on the device. */
  flush(): Promise<void> {
    return this.#saving;
  }

  #save(): Promise<void> {
    this.#saving = this.#saving
      .then(() => this.#write())
      .catch((err: unknown) => {
        // Logging out closes the database under a pending save; nothing to keep then.
        if ((err as { name?: string }).name !== 'DatabaseClosedError') throw err;
      });
    return this.#saving;
  }

  async #write(): Promise<void> {
    await this.#ctx?.local.cart.put({
      key: 'current',
      lines: $state.snapshot(this.lines),
      customerId: this.customer?.id ?? null,
      customerName: this.customer?.name ?? '',
      updatedAt: isoNow(),
    });
  }
}
