import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Product } from '@stallkeeper/shared';
import {
  buildDemoShop,
  createApp,
  createShopDatabase,
  hashPassword,
  levelDbStorage,
} from '@stallkeeper/sync-server/testing';

/** Bump when what is seeded changes: a cached data dir of another version is rebuilt. */
const VERSION = 'v2';
/** One market stall: its list, a season of sales (no activity log, as the other benches). */
export const SHOP_SIZE = { products: 1000, customers: 100, orders: 5000, days: 120 };
/** Sessions expire 30 days after their last use: an older cache is seeded again. */
const MAX_AGE_MS = 20 * 24 * 3_600_000;

export interface SeededShop {
  shopId: string;
  userId: string;
  deviceId: string;
  /** the session token (cookie `sk_session`) of the owner's phone */
  token: string;
}

export type ProductRef = Pick<Product, '_id' | 'code' | 'name' | 'unit' | 'price'>;

export interface SeededShops {
  version: string;
  createdAt: number;
  dataDir: string;
  shops: SeededShop[];
  /** documents in each shop (the template's, the resolver's decisions included) */
  docsPerShop: number;
  updateSeq: number;
  /** bytes of one shop's directory */
  shopBytes: number;
  /** a few of the shop's products, for the devices' new orders */
  products: ProductRef[];
  timings: { templateMs: number; resolverMs: number; systemMs: number; copyMs: number };
  resume: Resume;
}

interface Template {
  dir: string;
  docs: number;
  updateSeq: number;
  products: ProductRef[];
  buildMs: number;
  resolverMs: number;
  resume: Resume;
}

/** A saved shop opened again in process: its index, then its resolver from its saved state. */
interface Resume {
  indexMs: number;
  resolverMs: number;
  /** where the saved resolver stood, and the shop's last sequence */
  savedSeq: number;
  updateSeq: number;
}

/** Bytes of the files under `dir`. */
export const dirBytes = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce(
    (t, f) =>
      t + (f.isDirectory() ? dirBytes(join(dir, f.name)) : statSync(join(dir, f.name)).size),
    0,
  );

/**
 * One shop written straight into storage, then its resolver run to the end in
 * process (its decisions and saved state are part of the template).
 */
async function buildTemplate(root: string): Promise<Omit<Template, 'resume'> & { shopId: string }> {
  const t0 = performance.now();
  const storage = levelDbStorage(root, { syncWrites: false });
  try {
    const { services } = createApp({ storage });
    const owner = await services.users.create({
      name: 'Template Owner',
      email: 'template@example.test',
      passwordHash: 'unused',
    });
    const shop = await services.shops.create('Template Market', owner.id);
    await createShopDatabase(storage, shop.id, shop.name);
    const docs = buildDemoShop(
      { ownerId: owner.id, sellerId: owner.id },
      Date.now(),
      SHOP_SIZE,
      undefined,
      { activity: false },
    ).filter((d) => d._id !== 'settings');
    const db = storage.shop(shop.id);
    for (let i = 0; i < docs.length; i += 2000) await db.bulkDocs(docs.slice(i, i + 2000));
    const buildMs = performance.now() - t0;
    const r0 = performance.now();
    await services.resolvers?.start();
    const resolver = await services.resolvers?.ensure(shop.id);
    if (!resolver) throw new Error('template: no resolver');
    await resolver.idle();
    const resolverMs = performance.now() - r0;
    await services.resolvers?.stop();
    const info = await db.info();
    await assertNoShopId(db, shop.id);
    const products = docs
      .filter((d): d is Product => d.type === 'product')
      .slice(0, 20)
      .map(({ _id, code, name, unit, price }) => ({ _id, code, name, unit, price }));
    return {
      shopId: shop.id,
      dir: join(root, `shop_${shop.id}.revs`),
      docs: info.doc_count,
      updateSeq: Number(info.update_seq),
      products,
      buildMs,
      resolverMs,
    };
  } finally {
    await storage.close();
  }
}

async function measureResume(root: string, shopId: string): Promise<Resume> {
  const storage = levelDbStorage(root, { syncWrites: false });
  try {
    const { services } = createApp({ storage });
    const db = storage.shop(shopId);
    const t0 = performance.now();
    const info = await db.info();
    const t1 = performance.now();
    const head = (await db.readStateParts('resolver/head'))[0]?.[1];
    await services.resolvers?.start();
    const resolver = await services.resolvers?.ensure(shopId);
    await resolver?.idle();
    const t2 = performance.now();
    await services.resolvers?.stop();
    return {
      indexMs: Math.round(t1 - t0),
      resolverMs: Math.round(t2 - t1),
      savedSeq: Number((JSON.parse(head ?? '{}') as { seq?: number }).seq ?? -1),
      updateSeq: Number(info.update_seq),
    };
  } finally {
    await storage.close();
  }
}

/** Copies are only the same shop if nothing in the store names the shop it belongs to. */
async function assertNoShopId(db: object, shopId: string): Promise<void> {
  const store = db as { entries?: () => AsyncIterable<[string, string]> };
  if (!store.entries) throw new Error('template: the store cannot list its entries');
  for await (const [key, value] of store.entries()) {
    if (key.includes(shopId) || value.includes(shopId)) {
      throw new Error(`template: ${key} names the shop; copies would not be other shops`);
    }
  }
}

/**
 * `shops` shops in one data dir: the template's LevelDB directory copied under each
 * shop's name, and each shop, its owner and the owner's phone session created in the
 * system database through the server's own classes (one password hash for all).
 */
async function seed(dataDir: string, shops: number, log: (s: string) => void) {
  rmSync(dataDir, { recursive: true, force: true });
  const templateRoot = `${dataDir}.template`;
  rmSync(templateRoot, { recursive: true, force: true });
  const built = await buildTemplate(templateRoot);
  const template: Template = {
    ...built,
    resume: await measureResume(templateRoot, built.shopId),
  };
  log(
    `template: ${template.docs} docs in ${Math.round(template.buildMs)} ms, resolver ${Math.round(template.resolverMs)} ms`,
  );
  const shopBytes = dirBytes(template.dir);
  const storage = levelDbStorage(dataDir, { syncWrites: false });
  const seeded: SeededShop[] = [];
  let systemMs = 0;
  let copyMs = 0;
  try {
    const { services } = createApp({ storage, resolve: false });
    const passwordHash = await hashPassword('benchmarks measure what we hoped');
    for (let i = 0; i < shops; i++) {
      const s0 = performance.now();
      const owner = await services.users.create({
        name: `Stall Owner ${i}`,
        email: `stall-${i}@example.test`,
        passwordHash,
      });
      const shop = await services.shops.create(`Stall ${i}`, owner.id);
      const deviceId = `bench-phone-${i}`;
      const { token } = await services.sessions.create(owner.id, 'Bench phone', deviceId);
      const c0 = performance.now();
      systemMs += c0 - s0;
      cpSync(template.dir, join(dataDir, `shop_${shop.id}.revs`), { recursive: true });
      copyMs += performance.now() - c0;
      seeded.push({ shopId: shop.id, userId: owner.id, deviceId, token });
      if ((i + 1) % 100 === 0) log(`${i + 1} of ${shops} shops`);
    }
  } finally {
    await storage.close();
    rmSync(templateRoot, { recursive: true, force: true });
  }
  return {
    version: VERSION,
    createdAt: Date.now(),
    dataDir,
    shops: seeded,
    docsPerShop: template.docs,
    updateSeq: template.updateSeq,
    shopBytes,
    products: template.products,
    timings: {
      templateMs: Math.round(template.buildMs),
      resolverMs: Math.round(template.resolverMs),
      systemMs: Math.round(systemMs),
      copyMs: Math.round(copyMs),
    },
    resume: template.resume,
  } satisfies SeededShops;
}

/**
 * The seeded data dir for `shops` shops, from the cache (BENCH_CACHE_DIR, default under
 * the OS temp dir) when one of this version is there; seeding takes minutes.
 */
export async function seededShops(
  shops: number,
  log: (s: string) => void = (s) => process.stderr.write(`${s}\n`),
): Promise<SeededShops & { cached: boolean }> {
  const root = process.env.BENCH_CACHE_DIR ?? join(tmpdir(), 'stallkeeper-bench');
  const dataDir = join(root, `shops-${VERSION}-${shops}`);
  const manifest = `${dataDir}.json`;
  if (existsSync(manifest) && existsSync(dataDir)) {
    const m = JSON.parse(readFileSync(manifest, 'utf8')) as SeededShops;
    if (m.version === VERSION && Date.now() - m.createdAt < MAX_AGE_MS) {
      return { ...m, cached: true };
    }
  }
  mkdirSync(root, { recursive: true });
  rmSync(manifest, { force: true });
  const m = await seed(dataDir, shops, log);
  writeFileSync(manifest, JSON.stringify(m));
  return { ...m, cached: false };
}
