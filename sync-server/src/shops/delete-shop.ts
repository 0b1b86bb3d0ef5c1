import type { Services } from '../http/types.ts';

/** A shop goes for good: its resolver, its members and its database. */
export async function deleteShop(services: Services, shopId: string, by: string): Promise<void> {
  const { shops, storage, log, resolvers, storefront } = services;
  await resolvers?.forget(shopId);
  await storefront.store.remove(shopId); // its page and address go with it
  await shops.remove(shopId);
  await storage.destroyShop(shopId);
  log.info('shop deleted', { shopId, by });
}
