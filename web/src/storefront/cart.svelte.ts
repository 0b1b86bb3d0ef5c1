import type { PublicProduct } from '@stallkeeper/shared/rest';
import type { Unit } from '@stallkeeper/shared';
import { clamp, decrease, increase, type CartLine } from './cart-rules.ts';
import { isRecord, readJson, remove, writeJson } from './storage.ts';

const UNITS: readonly string[] = ['piece', 'kg', 'l', 'm'];
const isUnit = (u: unknown): u is Unit => typeof u === 'string' && UNITS.includes(u);

/** A remembered line, if it still reads as one (the stored copy may be old or edited). */
function lineOf(v: unknown): CartLine | null {
  if (!isRecord(v)) return null;
  const { productId, name, unit, price, qty, available } = v;
  if (typeof productId !== 'string' || typeof name !== 'string' || !isUnit(unit)) return null;
  if (!Number.isSafeInteger(price) || !Number.isSafeInteger(qty) || (qty as number) <= 0) {
    return null;
  }
  const line: CartLine = { productId, name, unit, price: price as number, qty: qty as number };
  if (Number.isSafeInteger(available)) line.available = available as number;
  return line;
}

export const cartKey = (slug: string) => `stallkeeper-shop-cart:${slug}`;

/** What changed when the cart was checked against the shop's list. */
export interface CartChanges {
  /** names of products the shop no longer offers, taken out */
  removed: string[];
  /** names of lines cut down to what is left */
  reduced: string[];
}

/**
 * One shop's cart on this device, kept in localStorage under the shop's address, so a
 * customer who closes the tab finds it again (and another shop's cart stays apart).
 */
export class Cart {
  lines = $state<CartLine[]>([]);

  constructor(readonly slug: string) {
    const stored = readJson(cartKey(slug));
    const items = isRecord(stored) && Array.isArray(stored.lines) ? stored.lines : [];
    this.lines = items.map(lineOf).filter((l): l is CartLine => l !== null);
  }

  qtyOf(productId: string): number {
    return this.lines.find((l) => l.productId === productId)?.qty ?? 0;
  }

  /** + on a product card or cart line. */
  add(p: PublicProduct): void {
    const current = this.lines.find((l) => l.productId === p.id);
    const qty = increase(current?.qty ?? 0, p.unit, p.available);
    this.#set(p.id, qty, {
      productId: p.id,
      name: p.name,
      unit: p.unit,
      price: p.price,
      qty,
      ...(p.available === undefined ? {} : { available: p.available }),
    });
  }

  /** +, for a line whose product is not on screen (the cart sheet). */
  addTo(productId: string): void {
    const l = this.lines.find((x) => x.productId === productId);
    if (l) this.#set(productId, increase(l.qty, l.unit, l.available));
  }

  /** − on a card or a line; the last step takes the line out. */
  takeOne(productId: string): void {
    const l = this.lines.find((x) => x.productId === productId);
    if (l) this.#set(productId, decrease(l.qty, l.unit));
  }

  removeLine(productId: string): void {
    this.#set(productId, 0);
  }

  clear(): void {
    this.lines = [];
    remove(cartKey(this.slug));
  }

  /**
   * Bring the cart in line with the shop's current list: prices and names as they are
   * now, a product no longer offered out, a line above what is left cut down.
   */
  reconcile(products: readonly PublicProduct[]): CartChanges {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup for this call only
    const byId = new Map(products.map((p) => [p.id, p]));
    const changes: CartChanges = { removed: [], reduced: [] };
    const next: CartLine[] = [];
    for (const l of this.lines) {
      const p = byId.get(l.productId);
      if (!p || p.unit !== l.unit) {
        changes.removed.push(l.name);
        continue;
      }
      const qty = clamp(l.qty, p.available);
      if (qty <= 0) {
        changes.removed.push(p.name);
        continue;
      }
      if (qty < l.qty) changes.reduced.push(p.name);
      const line: CartLine = { productId: p.id, name: p.name, unit: p.unit, price: p.price, qty };
      if (p.available !== undefined) line.available = p.available;
      next.push(line);
    }
    this.#save(next);
    return changes;
  }

  /**
   * The shop's answer at checkout: these products have only `available` left. Lines are
   * cut down to it (or taken out); returns the lines as they were, for the message.
   */
  limitTo(short: readonly { productId: string; available: number }[]): CartLine[] {
    const before = this.lines.filter((l) => short.some((s) => s.productId === l.productId));
    const next: CartLine[] = [];
    for (const l of this.lines) {
      const s = short.find((x) => x.productId === l.productId);
      if (!s) {
        next.push(l);
        continue;
      }
      const qty = clamp(l.qty, s.available);
      if (qty > 0) next.push({ ...l, qty, available: s.available });
    }
    this.#save(next);
    return before.map((l) => ({ ...l }));
  }

  #set(productId: string, qty: number, fresh?: CartLine): void {
    const exists = this.lines.some((l) => l.productId === productId);
    let next: CartLine[];
    if (qty <= 0) next = this.lines.filter((l) => l.productId !== productId);
    else if (exists) next = this.lines.map((l) => (l.productId === productId ? { ...l, qty } : l));
    else if (fresh) next = [...this.lines, { ...fresh, qty }];
    else return;
    this.#save(next);
  }

  #save(lines: CartLine[]): void {
    this.lines = lines;
    if (lines.length) writeJson(cartKey(this.slug), { lines });
    else remove(cartKey(this.slug));
  }
}
