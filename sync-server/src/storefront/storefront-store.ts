import type { StorefrontInput } from '@stallkeeper/shared/rest';
import { HttpError } from '../errors.ts';
import { getOrNull, isPouchError } from '../system-db.ts';

/**
 * Each shop's page settings, and which shop a page address (slug) belongs to, in the
 * server-only system database: `storefront:<shopId>` and `slug:<slug>`. A slug is
 * taken by creating its document, so two shops can never hold the same one.
 */
export interface StorefrontConfig {
  published: boolean;
  slug: string;
  pickup: (StorefrontInput['pickup'] & object) | null;
  delivery: (StorefrontInput['delivery'] & object) | null;
  minimumOrder: number;
  timeZone: string;
  message: string;
}

interface ConfigDoc extends StorefrontConfig {
  _id: string;
  _rev?: string;
  shopId: string;
}

interface SlugDoc {
  _id: string;
  _rev?: string;
  shopId: string;
}

export const slugTaken = () =>
  new HttpError(409, 'slug_taken', 'Another shop already uses that address. Choose another.');

/** Read-through cache of published pages by slug (this process writes them; a write clears it). */
const CACHE_MS = 30_000;
const MAX_CACHED = 5_000;

export class StorefrontStore {
  readonly #bySlug = new Map<
    string,
    { at: number; value: { shopId: string; config: StorefrontConfig } | null }
  >();

  constructor(
    private readonly system: PouchDB.Database,
    private readonly cacheMs = CACHE_MS,
  ) {}

  async get(shopId: string): Promise<StorefrontConfig | null> {
    const doc = await getOrNull<ConfigDoc>(this.system, `storefront:${shopId}`);
    return doc ? configOf(doc) : null;
  }

  /** Save a shop's settings; the slug moves with them (the old one is freed). */
  async put(shopId: string, input: StorefrontInput): Promise<StorefrontConfig> {
    const current = await getOrNull<ConfigDoc>(this.system, `storefront:${shopId}`);
    const config: StorefrontConfig = {
      published: input.published,
      slug: input.slug,
      pickup: input.pickup ?? null,
      delivery: input.delivery ?? null,
      minimumOrder: input.minimumOrder ?? 0,
      timeZone: input.timeZone ?? current?.timeZone ?? 'UTC',
      message: input.message ?? '',
    };
    if (current?.slug !== config.slug) await this.#takeSlug(shopId, config.slug);
    await this.system.put<ConfigDoc>({
      ...config,
      _id: `storefront:${shopId}`,
      ...(current?._rev ? { _rev: current._rev } : {}),
      shopId,
    });
    if (current && current.slug !== config.slug) await this.#freeSlug(shopId, current.slug);
    this.#bySlug.delete(config.slug);
    if (current) this.#bySlug.delete(current.slug);
    return config;
  }

  /** The shop whose page is at `slug`, when it is published (else null). */
  async published(slug: string): Promise<{ shopId: string; config: StorefrontConfig } | null> {
    const key = slug.toLowerCase();
    const hit = this.#bySlug.get(key);
    if (hit && Date.now() - hit.at < this.cacheMs) return hit.value;
    const owner = await getOrNull<SlugDoc>(this.system, `slug:${key}`);
    const config = owner ? await this.get(owner.shopId) : null;
    const value =
      owner && config?.published && config.slug === key ? { shopId: owner.shopId, config } : null;
    if (this.#bySlug.size >= MAX_CACHED) {
      this.#bySlug.delete(this.#bySlug.keys().next().value ?? '');
    }
    this.#bySlug.set(key, { at: Date.now(), value });
    return value;
  }

  /** A deleted shop's page goes with it. */
  async remove(shopId: string): Promise<void> {
    const current = await getOrNull<ConfigDoc>(this.system, `storefront:${shopId}`);
    if (!current) return;
    await this.#freeSlug(shopId, current.slug);
    await this.system.remove(current._id, current._rev).catch(() => undefined);
    this.#bySlug.delete(current.slug);
  }

  async #takeSlug(shopId: string, slug: string): Promise<void> {
    const held = await getOrNull<SlugDoc>(this.system, `slug:${slug}`);
    if (held && held.shopId !== shopId) throw slugTaken();
    if (held) return;
    try {
      await this.system.put<SlugDoc>({ _id: `slug:${slug}`, shopId });
    } catch (err) {
      if (isPouchError(err, 409)) throw slugTaken(); // another shop took it just now
      throw err;
    }
  }

  async #freeSlug(shopId: string, slug: string): Promise<void> {
    const held = await getOrNull<SlugDoc>(this.system, `slug:${slug}`);
    if (held?.shopId === shopId) {
      await this.system.remove(held._id, held._rev).catch(() => undefined);
    }
  }
}

function configOf(doc: ConfigDoc): StorefrontConfig {
  return {
    published: doc.published,
    slug: doc.slug,
    pickup: doc.pickup ?? null,
    delivery: doc.delivery ?? null,
    minimumOrder: doc.minimumOrder ?? 0,
    timeZone: doc.timeZone ?? 'UTC',
    message: doc.message ?? '',
  };
}
