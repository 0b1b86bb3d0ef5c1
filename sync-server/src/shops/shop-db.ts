import {
  DEFAULT_SETTINGS,
  HybridClock,
  SETTINGS_MERGE_FIELDS,
  isoNow,
  type Settings,
} from '@stallkeeper/shared';
import { sealKeyOf } from '../replication/server-seal.ts';
import type { Storage } from '../storage/storage.ts';
import { isPouchError } from '../system-db.ts';

/**
 * Creates a shop's database with its settings document, named after the shop, and
 * the key the server seals its own documents with: made now, every backup carries it.
 */
export async function createShopDatabase(
  storage: Storage,
  shopId: string,
  shopName: string,
): Promise<void> {
  const db = storage.shop(shopId);
  const stamp = new HybridClock('server').next();
  const settings: Settings = {
    _id: 'settings',
    type: 'settings',
    ...DEFAULT_SETTINGS,
    shopName,
    updatedAt: isoNow(),
    stamps: Object.fromEntries(SETTINGS_MERGE_FIELDS.map((f) => [f, stamp])),
  };
  try {
    await db.put(settings);
  } catch (err) {
    if (!isPouchError(err, 409)) throw err; // already there
  }
  await sealKeyOf(db);
}
