import { DEFAULT_SETTINGS, type Order, type SettingsFields } from '@stallkeeper/shared';
import { productForSale, type ProductListItem } from '../db/catalogue.ts';
import type { ShopContext } from '../db/shop.ts';
import { Cart } from './cart.svelte.ts';
import { CheckoutForm } from './checkout.svelte.ts';

/** The sell screen's state: search, cart, weight prompt, checkout and receipt. */
export class SellState {
  search = $state('');
  settings = $state<SettingsFields>(DEFAULT_SETTINGS);
  weighing = $state<ProductListItem | null>(null);
  checkoutOpen = $state(false);
  receipt = $state<Order | null>(null);
  receiptOpen = $state(false);
  notice = $state<string | null>(null);
  /** false until this device's first full sync: stock figures are incomplete */
  stockKnown = $state(true);
  readonly cart = new Cart();
  readonly checkout = new CheckoutForm(this.cart, () => this.settings);

  /** The first tiles show with nothing over them: a search, a dialog or the receipt. */
  get plain(): boolean {
    return !this.search && !this.weighing && !this.checkoutOpen && !this.receiptOpen;
  }

  /** Tap on a product: pieces go straight in, weighed products ask how much. */
  pick(p: ProductListItem): void {
    if (p.unit === 'piece') {
      this.cart.add(
        { productId: p.id, code: p.code, name: p.name, unit: p.unit, unitPrice: p.price },
        1,
      );
      this.#warnIfShort(p, 1);
    } else {
      this.weighing = p;
    }
  }

  /**
   * The products tapped on the screen's stored copy (app.html), in order, among those
   * now shown; added once the stored cart is in, which would otherwise overwrite them.
   */
  async addTapped(ids: readonly string[], shown: readonly ProductListItem[]): Promise<void> {
    if (ids.length === 0) return;
    await this.cart.loaded();
    for (const id of ids) {
      const p = shown.find((x) => x.id === id);
      if (p) this.pick(p);
    }
  }

  addWeighed(qty: number): void {
    const p = this.weighing;
    if (!p) return;
    this.cart.add(
      { productId: p.id, code: p.code, name: p.name, unit: p.unit, unitPrice: p.price },
      qty,
    );
    this.#warnIfShort(p, qty);
    this.weighing = null;
  }

  /** A scanned or typed code: exact match adds it; otherwise it stays a search. */
  async enterCode(ctx: ShopContext, code: string): Promise<boolean> {
    const hit = await productForSale(ctx, code);
    if (!hit) {
      this.search = code;
      return false;
    }
    this.pick(hit);
    this.search = '';
    return true;
  }

  done(order: Order): void {
    this.receipt = order;
    this.receiptOpen = true;
    this.notice = null;
  }

  /** "New sale" on the receipt: the till is ready for the next customer. */
  startNew(): void {
    this.receiptOpen = false;
    this.receipt = null;
  }

  /** Selling past local stock is allowed (the server resolves conflicts) but said. */
  #warnIfShort(p: ProductListItem, adding: number): void {
    if (!this.stockKnown) return;
    const inCart = this.cart.lines.find((l) => l.productId === p.id)?.qty ?? adding;
    this.notice =
      inCart > p.onHand
        ? `Only ${Math.max(p.onHand, 0)} of ${p.name} in stock here — selling anyway.`
        : null;
  }
}
