import type { PublicProduct, PublicShop } from '@stallkeeper/shared/rest';
import { problem, shopApi, ShopApiError } from './api.ts';

export type LoadStatus = 'loading' | 'ready' | 'missing' | 'error';

/** Folded for matching: lower case, accents off ("Crème" finds "creme"). */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The products a search and a category chip leave, in the shop's order. */
export function filterProducts(
  products: readonly PublicProduct[],
  query: string,
  category: string | null,
): PublicProduct[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  return products.filter((p) => {
    if (category !== null && p.category !== category) return false;
    if (!words.length) return true;
    const text = fold(`${p.name} ${p.description} ${p.category}`);
    return words.every((w) => text.includes(w));
  });
}

/** One shop's page and what it sells now, fetched together. */
export class ShopState {
  status = $state<LoadStatus>('loading');
  error = $state('');
  shop = $state<PublicShop | null>(null);
  products = $state<PublicProduct[]>([]);
  query = $state('');
  category = $state<string | null>(null);
  shown = $derived(filterProducts(this.products, this.query, this.category));
  /** The categories that have something to show (the shop's order). */
  categories = $derived(
    (this.shop?.categories ?? []).filter((c) => this.products.some((p) => p.category === c)),
  );

  #loaded: Promise<void> | null = null;

  constructor(readonly slug: string) {}

  /** The first load, once, however many views ask. */
  ensure(): Promise<void> {
    this.#loaded ??= this.load();
    return this.#loaded;
  }

  async load(): Promise<void> {
    if (!this.shop) this.status = 'loading';
    try {
      const [shop, products] = await Promise.all([
        shopApi.shop(this.slug),
        shopApi.products(this.slug),
      ]);
      this.shop = shop;
      this.products = products;
      this.status = 'ready';
      document.title = shop.name;
    } catch (err) {
      if (err instanceof ShopApiError && err.status === 404) {
        this.status = 'missing';
        return;
      }
      this.error = problem(err);
      // a list already on screen stays; only a first load shows the error page
      if (!this.shop) this.status = 'error';
    }
  }
}
