import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Customer, Product } from '@stallkeeper/shared';
import {
  customerDoc,
  lineFor,
  orderDoc,
  productDoc,
  stockMovementDoc,
} from '@stallkeeper/shared/fixtures';
import { createApp, createShopDatabase, levelDbStorage } from '@stallkeeper/sync-server/testing';
import { dirBytes } from './shops-seed.ts';

/**
 * A busy stall's working pattern, per market day; the year is 3 market days a week.
 * Photos are a 1024 px JPEG as the app resizes them (random bytes: JPEG does not compress).
 */
export const STALL = {
  products: 300,
  customers: 150,
  photos: 30,
  photoBytes: 150_000,
  ordersPerDay: 300,
  linesPerOrder: 3,
  priceEditsPerDay: 30,
  restocksPerDay: 40,
  customerEditsPerDay: 10,
  photoReplacementsPerWeek: 2,
  marketDaysPerWeek: 3,
  weeksPerYear: 52,
};
/** Market days written and measured (BENCH_DISK_DAYS); the year is extrapolated from them. */
const DAYS = Number(process.env.BENCH_DISK_DAYS ?? 24);
const PUSH_BATCH = 100;
const OWNER = { by: 'disk-owner', deviceId: 'disk-phone' };

type Stored<T> = T & { _rev?: string };

const photo = () => ({
  photo: { content_type: 'image/jpeg', data: randomBytes(STALL.photoBytes).toString('base64') },
});

/** Bytes of the shop's files once LevelDB has been closed and opened again (its log replayed). */
async function settledBytes(dataDir: string, shopId: string): Promise<number> {
  const storage = levelDbStorage(dataDir);
  try {
    await storage.shop(shopId).info();
  } finally {
    await storage.close();
  }
  return dirBytes(join(dataDir, `shop_${shopId}.revs`));
}

/**
 * Bytes per order on disk (issue 19): one shop written in process through the server's
 * own store with its resolver deciding every order, DAYS market days of a busy stall;
 * measured, compacted (the store's compaction, run twice past a 1 ms grace as the pool
 * does after COMPACT_GRACE_HOURS), measured again; then the year extrapolated.
 */
export async function diskBenchmark() {
  const dataDir = mkdtempSync(join(tmpdir(), 'stallkeeper-disk-'));
  const t0 = performance.now();
  try {
    let storage = levelDbStorage(dataDir, { syncWrites: false });
    let { services } = createApp({ storage });
    const shop = await services.shops.create('Disk Market', 'disk-owner');
    await createShopDatabase(storage, shop.id, shop.name);
    let db = storage.shop(shop.id);
    await services.resolvers?.start();
    const products: Stored<Product>[] = Array.from({ length: STALL.products }, (_, i) =>
      productDoc({ code: `P${i}`, name: `Product ${i} of the stall`, price: 100 + i }),
    );
    products.slice(0, STALL.photos).forEach((p) => (p._attachments = photo()));
    const customers: Stored<Customer>[] = Array.from({ length: STALL.customers }, (_, i) =>
      customerDoc({ name: `Customer ${i}`, phone: `087 ${100_0000 + i}` }),
    );
    const put = async (docs: Stored<Product | Customer>[]) => {
      const res = await db.bulkDocs(docs);
      res.forEach((r, i) => {
        const doc = docs[i];
        if (!doc || 'error' in r) throw new Error(`disk bench: ${JSON.stringify(r)}`);
        doc._rev = r.rev;
      });
    };
    await put(products);
    await put(customers);
    const opening = products.map((p) =>
      stockMovementDoc({ productId: p._id, qty: 1_000_000, ...OWNER }),
    );
    await db.bulkDocs(opening);
    const resolver = await services.resolvers?.ensure(shop.id);
    await resolver?.idle();
    await services.resolvers?.stop();
    await storage.close();
    const baseBytes = await settledBytes(dataDir, shop.id);

    storage = levelDbStorage(dataDir, { syncWrites: false });
    ({ services } = createApp({ storage }));
    db = storage.shop(shop.id);
    await services.resolvers?.start();
    let orders = 0;
    let photosReplaced = 0;
    let pick = 0;
    const next = <T>(xs: T[]): T => xs[pick++ % xs.length] as T;
    for (let day = 0; day < DAYS; day++) {
      // before the market: restocks, the day's prices, a few customers' details
      await db.bulkDocs(
        Array.from({ length: STALL.restocksPerDay }, () =>
          stockMovementDoc({ productId: next(products)._id, qty: 500, ...OWNER }),
        ),
      );
      const edited = Array.from({ length: STALL.priceEditsPerDay }, () => next(products));
      for (const p of edited) {
        p.price += 10;
        p.updatedAt = new Date().toISOString();
      }
      const photoDay = Math.floor(STALL.marketDaysPerWeek / 2);
      if (day % STALL.marketDaysPerWeek === photoDay) {
        for (let i = 0; i < STALL.photoReplacementsPerWeek; i++) {
          const p = products[photosReplaced++ % STALL.photos] as Stored<Product>;
          p._attachments = photo();
          if (!edited.includes(p)) edited.push(p);
        }
      }
      await put([...new Set(edited)]);
      const changed = Array.from({ length: STALL.customerEditsPerDay }, () => next(customers));
      for (const c of changed) c.notes = `Seen on market day ${day}`;
      await put([...new Set(changed)]);
      // the day's sales, pushed in the app's batches
      const sales = Array.from({ length: STALL.ordersPerDay }, (_, i) =>
        orderDoc({
          number: `D${1 + (day % 9)}-${String(i + 1).padStart(4, '0')}`,
          lines: Array.from({ length: STALL.linesPerOrder }, (_, l) =>
            lineFor(next(products), 1 + l),
          ),
          ...OWNER,
        }),
      );
      for (let i = 0; i < sales.length; i += PUSH_BATCH) {
        await db.bulkDocs(sales.slice(i, i + PUSH_BATCH));
      }
      orders += sales.length;
      await (await services.resolvers?.ensure(shop.id))?.idle();
    }
    const info = await db.info();
    await services.resolvers?.stop();
    await storage.close();
    const beforeBytes = await settledBytes(dataDir, shop.id);

    // compaction as the pool runs it: the first run marks, a run past the grace compacts
    storage = levelDbStorage(dataDir);
    db = storage.shop(shop.id);
    const now = Date.now();
    await db.compact?.(now, 1);
    const report = await db.compact?.(now + 1000, 1);
    await storage.close();
    const afterBytes = await settledBytes(dataDir, shop.id);

    const daysPerYear = STALL.marketDaysPerWeek * STALL.weeksPerYear;
    const perDay = (bytes: number) => (bytes - baseBytes) / DAYS;
    const year = (bytes: number) => baseBytes + perDay(bytes) * daysPerYear;
    return {
      stall: STALL,
      days: DAYS,
      orders,
      docs: info.doc_count,
      photosReplaced,
      baseMb: mbOf(baseBytes),
      before: { mb: mbOf(beforeBytes), bytesPerOrder: Math.round(beforeBytes / orders) },
      after: { mb: mbOf(afterBytes), bytesPerOrder: Math.round(afterBytes / orders) },
      compaction: { revisions: report?.revisions ?? 0, attachments: report?.attachments ?? 0 },
      year: {
        marketDays: daysPerYear,
        orders: STALL.ordersPerDay * daysPerYear,
        beforeMb: mbOf(year(beforeBytes)),
        afterMb: mbOf(year(afterBytes)),
        growthPerOrderBefore: Math.round(perDay(beforeBytes) / STALL.ordersPerDay),
        growthPerOrderAfter: Math.round(perDay(afterBytes) / STALL.ordersPerDay),
      },
      seconds: Math.round((performance.now() - t0) / 1000),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const mbOf = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(1));

export type DiskResult = Awaited<ReturnType<typeof diskBenchmark>>;
