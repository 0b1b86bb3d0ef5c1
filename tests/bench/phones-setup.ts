import type { Product } from '@stallkeeper/shared';
import { stockMovementDoc } from '@stallkeeper/shared/fixtures';
import { productDoc } from '../support/docs.ts';
import {
  joinAsSeller,
  localDb,
  registerOwner,
  remoteDb,
  signIn,
  type Account,
} from '../support/pouch-client.ts';

/** One simulated phone: a seller's session bound to its own device id. */
export interface DevicePlan {
  deviceId: string;
  userId: string;
  cookie: string;
}

/** A shop ready to sell in: its one stocked product and its sellers' phones. */
export interface ShopPlan {
  shopId: string;
  product: Product;
  devices: DevicePlan[];
}

/** Plenty for every sale of a run: an allocation is then always a plain "taken from stock". */
const OPENING_STOCK = 1_000_000;
/** Shops set up at once: each step is a password hash (~70 ms of server CPU), the server has 2 cores. */
const PARALLEL = 4;

/**
 * A shop's people, as a market stall has them: an owner who stocks it (not one of the
 * phones) and one seller signed in on each of its phones. A session is bound to one
 * device, so every phone past the first is a sign-in of the same seller; the server
 * keeps up to 100 sessions a user. Each shop registers from its own client address
 * (X-Forwarded-For; the server runs with TRUST_PROXY=true), as stalls on their own
 * connections do: the server lets one address register 10 accounts an hour.
 */
async function setUpShop(baseUrl: string, index: number, phones: number): Promise<ShopPlan> {
  const address = (host: number) => `10.77.${index}.${host}`;
  const owner = await registerOwner(baseUrl, `phones-owner-${index}`, `owner-${index}`, {
    forwardedFor: address(1),
  });
  const product = productDoc(`PH${index}`, `Phones bench product ${index}`);
  const stock = localDb(`phones-stock-${index}`);
  await stock.bulkDocs([
    product,
    stockMovementDoc({
      productId: product._id,
      qty: OPENING_STOCK,
      by: owner.userId,
      deviceId: owner.deviceId,
    }),
  ]);
  await stock.replicate.to(remoteDb(baseUrl, owner.shopId, owner.cookie));
  await stock.destroy();
  const seller = await joinAsSeller(baseUrl, owner, `phones-seller-${index}`, `s${index}-d0`, {
    forwardedFor: address(2),
  });
  const sessions: Account[] = [seller];
  for (let d = 1; d < phones; d++) sessions.push(await signIn(baseUrl, seller, `s${index}-d${d}`));
  return {
    shopId: owner.shopId,
    product,
    devices: sessions.map((s) => ({ deviceId: s.deviceId, userId: s.userId, cookie: s.cookie })),
  };
}

/** `devices` phones spread as evenly as they go over `shops` shops (the first ones get the extra). */
export async function setUpShops(
  baseUrl: string,
  shops: number,
  devices: number,
): Promise<ShopPlan[]> {
  const plans: ShopPlan[] = new Array<ShopPlan>(shops);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < shops; i = next++) {
      const phones = Math.floor(devices / shops) + (i < devices % shops ? 1 : 0);
      plans[i] = await setUpShop(baseUrl, i, phones);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return plans;
}
