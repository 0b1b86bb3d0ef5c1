import { hashPassword } from '../auth/password.ts';
import type { Services } from '../http/types.ts';
import { getOrNull } from '../system-db.ts';
import type { ShopDoc } from '@stallkeeper/shared';
import { buildDemoShop, type DemoPeople, type DemoSize } from './demo-data.ts';

export const DEMO_OWNER = {
  email: 'owner@demo.stallkeeper.app',
  password: 'market-stall-owner-2026',
  name: 'Olivia Owner',
};
export const DEMO_SELLER = {
  email: 'seller@demo.stallkeeper.app',
  password: 'market-stall-seller-2026',
  name: 'Sam Seller',
};

/** Both demo logins: their emails and passwords are printed in the README. */
export const DEMO_ACCOUNTS = [DEMO_OWNER, DEMO_SELLER] as const;

interface DemoMarker {
  _id: 'demo:shop';
  _rev?: string;
  shopId: string;
  ownerId: string;
  sellerId: string;
}

export interface DemoOptions {
  /** rebuild the data of an existing demo shop */
  reset?: boolean;
  /** how big (the README's demo shop by default) */
  size?: DemoSize;
  seed?: number;
  /** the activity log and what happened after the sales (default true) */
  activity?: boolean;
}

/**
 * Creates the demo accounts and shop if missing; with `reset`, rebuilds its data.
 * Returns the documents it wrote (none when the demo was already there).
 */
/** The demo shop's page: /s/green-corner. */
export const DEMO_SLUG = 'green-corner';

export async function ensureDemo(
  s: Services,
  opts: DemoOptions = {},
): Promise<{
  created: boolean;
  shopId: string;
  docs: ShopDoc[];
  people: Required<DemoPeople> | null;
}> {
  const system = s.storage.system();
  const marker = await getOrNull<DemoMarker>(system, 'demo:shop');
  if (marker && !opts.reset) {
    return { created: false, shopId: marker.shopId, docs: [], people: null };
  }

  const owner =
    (await s.users.byEmail(DEMO_OWNER.email)) ??
    (await s.users.create({
      name: DEMO_OWNER.name,
      email: DEMO_OWNER.email,
      passwordHash: await hashPassword(DEMO_OWNER.password),
    }));
  const seller =
    (await s.users.byEmail(DEMO_SELLER.email)) ??
    (await s.users.create({
      name: DEMO_SELLER.name,
      email: DEMO_SELLER.email,
      passwordHash: await hashPassword(DEMO_SELLER.password),
    }));

  let shopId = marker?.shopId;
  if (shopId) {
    await s.storage.destroyShop(shopId);
  } else {
    shopId = (await s.shops.create('Green Corner Market', owner.id)).id;
    await s.shops.addMember(shopId, seller.id, 'seller');
  }
  const people = {
    ownerId: owner.id,
    sellerId: seller.id,
    ownerName: owner.name,
    sellerName: seller.name,
  };
  const docs = buildDemoShop(people, Date.now(), opts.size, opts.seed, {
    activity: opts.activity ?? true,
  });
  const db = s.storage.shop(shopId);
  for (let i = 0; i < docs.length; i += 1000) await db.bulkDocs(docs.slice(i, i + 1000));
  // Its shop page is published, so a newcomer can order ahead from /s/green-corner.
  await s.storefront.store
    .put(shopId, {
      published: true,
      slug: DEMO_SLUG,
      pickup: {
        place: 'Stall 4, The Market Yard, Kilkenny',
        times: [
          { day: 3, from: '15:00', to: '18:00' },
          { day: 6, from: '08:00', to: '14:00' },
        ],
      },
      delivery: {
        area: 'Kilkenny city, within 8 km',
        fee: 400,
        times: [{ day: 5, from: '10:00', to: '16:00' }],
      },
      minimumOrder: 1000,
      timeZone: 'Europe/Dublin',
      message: 'Order by Friday 18:00 for Saturday. Pay when you collect, or by card.',
    })
    .catch(() => undefined); // the address is someone else's: the demo goes without
  await system.put({
    ...(marker ?? {}),
    _id: 'demo:shop',
    shopId,
    ownerId: owner.id,
    sellerId: seller.id,
  } satisfies DemoMarker);
  return { created: true, shopId, docs, people };
}

/**
 * Deletes the demo shop and the demo accounts (their sessions and memberships too).
 * A demo account that is the only owner of another shop is refused before anything is
 * deleted: that shop is someone's real data and needs a real owner first.
 */
export async function removeDemo(
  s: Services,
): Promise<{ shopId: string | null; emails: string[] }> {
  const system = s.storage.system();
  const marker = await getOrNull<DemoMarker>(system, 'demo:shop');
  const shopId = marker?.shopId ?? null;
  const users = [];
  for (const account of DEMO_ACCOUNTS) {
    const user = await s.users.byEmail(account.email);
    if (!user) continue;
    const memberships = await s.shops.forUser(user.id);
    const soleOwner = [];
    for (const m of memberships) {
      if (m.role !== 'owner' || m.id === shopId) continue;
      const owners = (await s.shops.members(m.id)).filter((o) => o.role === 'owner');
      if (owners.length <= 1) soleOwner.push(m);
    }
    if (soleOwner.length) {
      throw new Error(
        `${user.email} is the only owner of ${soleOwner.map((m) => `"${m.name}" (${m.id})`).join(', ')}; ` +
          'give that shop another owner or delete it first.',
      );
    }
    users.push({ user, memberships });
  }

  if (shopId) {
    await s.storefront.store.remove(shopId);
    await s.shops.remove(shopId);
    await s.storage.destroyShop(shopId);
  }
  for (const { user, memberships } of users) {
    for (const m of memberships) if (m.id !== shopId) await s.shops.removeMember(m.id, user.id);
    await s.sessions.forgetAll(user.id);
    await s.users.remove(user.id);
  }
  if (marker) await system.remove(marker._id, marker._rev);
  return { shopId, emails: users.map((u) => u.user.email) };
}

export function demoBanner(port: number, state: 'running' | 'ready' = 'running'): string {
  return [
    '',
    state === 'running'
      ? `  Stallkeeper is running on http://localhost:${port}`
      : `  Start the server (npx pnpm@10 start) and open http://localhost:${port}`,
    '',
    '  Demo shop "Green Corner Market":',
    `    owner   ${DEMO_OWNER.email}   password ${DEMO_OWNER.password}`,
    `    seller  ${DEMO_SELLER.email}  password ${DEMO_SELLER.password}`,
    '',
  ].join('\n');
}
