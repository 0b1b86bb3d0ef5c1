import { savedOnHand } from '../resolver/saved-state.ts';
import type { Services } from '../http/types.ts';

/**
 * Stock on hand per product for the REST API: the shop's resolver's ledger after
 * everything written so far (the same figure every device works out with
 * shared/stock.ts). When another server replica runs the shop's resolver, its
 * last saved state (at most ~10 s old).
 */
export async function onHandOf(
  services: Services,
  shopId: string,
): Promise<ReadonlyMap<string, number>> {
  const resolver =
    services.resolvers?.get(shopId) ?? (await services.resolvers?.ensure(shopId)) ?? null;
  if (resolver) return resolver.onHand();
  return savedOnHand(services.storage.shop(shopId));
}
