import { exportUnsynced } from '../db/export.ts';
import { ShopLocalDb } from '../db/local.ts';
import { notOnServer, summarize, type Changes, type OutboxSummary } from '../db/outbox.ts';
import { openLocal } from '../db/pouch.ts';

/**
 * What a device signed out from elsewhere still holds of a shop: the work it had not
 * synced. The shop is closed by then (no session, no sync), so these open its local
 * databases just long enough to count or export, and change nothing in them.
 */
export async function keptChanges(shopId: string): Promise<OutboxSummary> {
  const local = new ShopLocalDb(shopId);
  try {
    return summarize(await notOnServer(local));
  } finally {
    local.close();
  }
}

/** The unsynced work as the JSON file the logout dialog saves (`exportUnsynced`). */
export async function exportKept(
  shopId: string,
): Promise<{ name: string; json: string; changes: Changes }> {
  const local = new ShopLocalDb(shopId);
  const pouch = await openLocal(shopId);
  try {
    return await exportUnsynced({ shopId, local, replica: () => Promise.resolve(pouch) });
  } finally {
    local.close();
    await pouch.close();
  }
}
