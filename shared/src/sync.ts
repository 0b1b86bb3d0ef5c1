/** Replication batch sizes the app uses (and the benchmarks measure). */
export const SYNC_BATCH = { push: 100, pull: 500 } as const;

/** What a new device pulls first, so it can sell before order history arrives. */
export const SELLING_ESSENTIALS = ['settings', 'product', 'customer'] as const;

/**
 * The performance mark a device sets once every essential is in its read models:
 * from then on the sell screen finds any product and customer (the browser
 * benchmark's "can sell"). Their replica writes may still be under way.
 */
export const ESSENTIALS_IN = 'sk:essentials-in';

/** Documents per request when a new device copies the shop (see web's bootstrap). */
export const BOOTSTRAP_PAGE = 2000;
