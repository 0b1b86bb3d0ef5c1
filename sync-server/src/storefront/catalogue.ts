import {
  onlineStockShown,
  upcomingSlots,
  type Product,
  type SettingsFields,
} from '@stallkeeper/shared';
import type { PublicProduct, PublicShop } from '@stallkeeper/shared/rest';
import type { ShopResolver } from '../resolver/resolver.ts';
import type { ShopDb } from '../storage/shop-db.ts';
import type { StorefrontConfig } from './storefront-store.ts';

/**
 * What a published shop shows the public: its page and the products customers can
 * order now. The product list reads the catalogue in bounded pages and is kept for
 * a few seconds per shop, so a busy page (or someone refreshing it in a loop) costs
 * one catalogue read per shop every few seconds; checkout checks stock anew.
 */
const PAGE = 2_000;
/** The most catalogue entries read for a page (a market stall has far fewer). */
export const MAX_CATALOGUE = 20_000;
const LIST_MS = 5_000;
const MAX_LISTS = 500;

export function publicShopOf(
  slug: string,
  config: StorefrontConfig,
  settings: SettingsFields,
  categories: string[],
  now: Date,
): PublicShop {
  return {
    name: settings.shopName,
    slug,
    currency: settings.currency,
    taxInclusive: settings.taxInclusive,
    taxRate: settings.taxRate,
    pickup: config.pickup
      ? {
          place: config.pickup.place,
          slots: upcomingSlots(config.pickup.times, config.timeZone, now),
        }
      : null,
    delivery: config.delivery
      ? {
          area: config.delivery.area,
          fee: config.delivery.fee,
          slots: upcomingSlots(config.delivery.times, config.timeZone, now),
        }
      : null,
    minimumOrder: config.minimumOrder,
    message: config.message,
    contact: settings.contact,
    categories,
  };
}

/** The active products a shop sells online (bounded). */
export async function onlineProducts(db: ShopDb): Promise<Product[]> {
  const out: Product[] = [];
  let startkey = 'product:';
  for (let read = 0; read < MAX_CATALOGUE; read += PAGE) {
    const res = await db.allDocs({
      startkey,
      endkey: 'product:\ufff0',
      limit: PAGE + 1,
      include_docs: true,
    });
    const rows = res.rows.slice(0, PAGE);
    for (const row of rows) {
      const p = ('doc' in row ? row.doc : null) as Product | null | undefined;
      if (p?.type === 'product' && p.active && p.online) out.push(p);
    }
    const next = res.rows[PAGE];
    if (!next) break;
    startkey = next.id;
  }
  return out;
}

export class PublicCatalogue {
  readonly #lists = new Map<string, { at: number; items: PublicProduct[]; categories: string[] }>();

  constructor(private readonly photoUrl: (slug: string, productId: string) => string) {}

  /** Products with stock for online orders, by category then name; and the categories. */
  async list(
    shopId: string,
    slug: string,
    db: ShopDb,
    resolver: ShopResolver | null,
    lowDefault: number,
  ): Promise<{ items: PublicProduct[]; categories: string[] }> {
    const hit = this.#lists.get(shopId);
    if (hit && Date.now() - hit.at < LIST_MS) return hit;
    const products = await onlineProducts(db);
    const available = resolver
      ? await resolver.onlineAvailable(products)
      : new Map<string, number>();
    const items: PublicProduct[] = [];
    for (const p of products) {
      const shown = onlineStockShown(available.get(p._id) ?? 0, p.lowStockThreshold ?? lowDefault);
      if (!shown) continue;
      const own = Boolean(p._attachments?.photo);
      items.push({
        id: p._id.slice('product:'.length),
        name: p.name,
        description: p.description,
        category: p.category ?? '',
        unit: p.unit,
        price: p.price,
        imageUrl: own ? this.photoUrl(slug, p._id.slice('product:'.length)) : p.imageUrl,
        ...shown,
      });
    }
    items.sort((a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name));
    const categories = [...new Set(items.map((i) => i.category).filter((c) => c !== ''))];
    const value = { at: Date.now(), items, categories };
    if (this.#lists.size >= MAX_LISTS) this.#lists.delete(this.#lists.keys().next().value ?? '');
    this.#lists.set(shopId, value);
    return value;
  }

  /** After an order or a cancellation the page shows stock anew. */
  forget(shopId: string): void {
    this.#lists.delete(shopId);
  }
}
