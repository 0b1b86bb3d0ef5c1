import {
  buildDemoShop,
  createApp,
  createShopDatabase,
  hashPassword,
  levelDbStorage,
} from '@stallkeeper/sync-server/testing';

export interface LargeShop {
  shopId: string;
  email: string;
  password: string;
  docs: number;
  orders: number;
}

/** Writes a big shop straight into a LevelDB data dir (the server is not running). */
export async function seedLargeShop(
  dataDir: string,
  size: { products: number; customers: number; orders: number },
): Promise<LargeShop> {
  const storage = levelDbStorage(dataDir);
  try {
    const { services } = createApp({ storage });
    const email = 'bench-owner@example.test';
    const password = 'benchmarks measure what we hoped';
    const owner = await services.users.create({
      name: 'Bench Owner',
      email,
      passwordHash: await hashPassword(password),
    });
    const shop = await services.shops.create('Bench Market', owner.id);
    await createShopDatabase(storage, shop.id, shop.name);
    // The bare history, as the budgets in BENCHMARKS.md were measured (no activity log).
    const docs = buildDemoShop(
      { ownerId: owner.id, sellerId: owner.id },
      Date.now(),
      { ...size, days: 365 },
      undefined,
      { activity: false },
    ).filter((d) => d._id !== 'settings');
    const db = storage.shop(shop.id);
    for (let i = 0; i < docs.length; i += 2000) await db.bulkDocs(docs.slice(i, i + 2000));
    return { shopId: shop.id, email, password, docs: docs.length + 1, orders: size.orders };
  } finally {
    await storage.close();
  }
}
