import { notOnServer, summarize, type Changes } from './outbox.ts';
import type { ShopContext } from './shop.ts';

/**
 * The documents this device has not yet got onto the server (refused ones
 * included), as a JSON file body, and what they stand for (`changes`).
 */
export async function exportUnsynced(
  ctx: Pick<ShopContext, 'shopId' | 'local' | 'replica'>,
): Promise<{ name: string; json: string; count: number; changes: Changes }> {
  const pending = await notOnServer(ctx.local);
  const replica = await ctx.replica();
  const res = await replica.allDocs({ keys: pending.map((p) => p.id), include_docs: true });
  const docs = res.rows.flatMap((r) => ('doc' in r && r.doc ? [r.doc] : []));
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return {
    name: `stallkeeper-unsynced-${ctx.shopId}-${stamp}.json`,
    json: JSON.stringify(
      { shopId: ctx.shopId, exportedAt: new Date().toISOString(), docs },
      null,
      2,
    ),
    count: docs.length,
    changes: summarize(docs.map((d) => ({ id: d._id }))).changes,
  };
}
