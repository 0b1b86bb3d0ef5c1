import type { Unit } from '@stallkeeper/shared';
import { liveQuery, type Observable } from 'dexie';
import { itemsOf, type EntryRefs } from '../activity/summary.ts';
import { sellerChoices, type Choice } from '../people.ts';
import type { AuditRow } from './local.ts';
import type { ShopContext } from './shop.ts';

/** Where lib/team.ts keeps the member list it last saw (names for offline screens). */
export const MEMBERS_CACHE_KEY = 'team.members';

/**
 * The names of the shop's people this device knows, by user id: from the
 * activity log (the name each entry was written under), the team as last seen
 * online (newer), and whoever is signed in here.
 */
export async function knownNames(ctx: ShopContext): Promise<Map<string, string>> {
  const [facets, members] = await Promise.all([
    ctx.local.facets.where('key').startsWith('name|').toArray(),
    ctx.local.meta.get(MEMBERS_CACHE_KEY),
  ]);
  const names = new Map<string, string>();
  for (const f of facets) if (f.name) names.set(f.key.slice('name|'.length), f.name);
  const list: unknown = members?.value;
  if (Array.isArray(list)) {
    for (const m of list as { userId?: unknown; name?: unknown }[]) {
      if (typeof m.userId === 'string' && typeof m.name === 'string' && m.name) {
        names.set(m.userId, m.name);
      }
    }
  }
  if (ctx.actor.userName) names.set(ctx.actor.userId, ctx.actor.userName);
  return names;
}

export interface ActivityFilter {
  by?: string;
  action?: string;
  from?: string;
  to?: string;
  limit?: number;
}

/** An audit entry with what its screen needs to say it in words. */
export interface ActivityEntry extends AuditRow {
  /** the unit of the product the entry is about, for its quantities */
  unit: Unit | null;
  /** the product and order it names, as people know them */
  refs: EntryRefs;
}

/** Product ids an entry names: its target, and the items of a return. */
function productIdsOf(a: AuditRow): string[] {
  const ids = itemsOf(a.after).map((i) => i.productId);
  return isProductId(a.target) ? [a.target, ...ids] : ids;
}

/** Audit entries, newest first; they outlive the documents they describe. */
export function liveActivity(ctx: ShopContext, f: ActivityFilter): Observable<ActivityEntry[]> {
  return liveQuery(async () => {
    const rows = (await ctx.local.audit.orderBy('at').reverse().toArray())
      .filter(
        (a) =>
          (!f.by || a.by === f.by) &&
          (!f.action || a.action.startsWith(f.action)) &&
          (!f.from || a.at >= f.from) &&
          (!f.to || a.at.slice(0, 10) <= f.to),
      )
      .slice(0, f.limit ?? 300);
    return enrich(ctx, rows);
  });
}

/** Entries with the names of the products and orders they are about. */
async function enrich(ctx: ShopContext, rows: AuditRow[]): Promise<ActivityEntry[]> {
  const productIds = [...new Set(rows.flatMap(productIdsOf))];
  const orderIds = [...new Set(rows.map((a) => a.target).filter(isOrderId))];
  const [products, orders] = await Promise.all([
    ctx.local.products.bulkGet(productIds),
    ctx.local.orders.bulkGet(orderIds),
  ]);
  const byProduct = new Map(
    products.flatMap((p) => (p ? [[p.id, { name: p.name, unit: p.unit }] as const] : [])),
  );
  const byOrder = new Map(
    orders.flatMap((o) => (o ? [[o.id, { number: o.number, currency: o.currency }] as const] : [])),
  );
  return rows.map((a) => {
    const product = byProduct.get(a.target) ?? null;
    const named = productIdsOf(a).flatMap((id) => {
      const p = byProduct.get(id);
      return p ? [[id, p] as const] : [];
    });
    return {
      ...a,
      unit: product?.unit ?? null,
      refs: { product, order: byOrder.get(a.target) ?? null, products: Object.fromEntries(named) },
    };
  });
}

const isProductId = (id: string) => id.startsWith('product:');
const isOrderId = (id: string) => id.startsWith('order:');

/** People who appear in the log, for the filter: by name, never by id. */
export function livePeople(ctx: ShopContext): Observable<Choice[]> {
  return liveQuery(async () => {
    const [ids, names] = await Promise.all([
      ctx.local.audit.orderBy('by').uniqueKeys(),
      knownNames(ctx),
    ]);
    return sellerChoices(ids.map(String), names);
  });
}

/** The server's answer to "is the audit chain intact?" (GET /api/shops/:id/audit/verify). */
export type ChainResult =
  | { ok: true; entries: number; head: string; lastAuditId?: string }
  | { ok: false; brokenAt: number; auditId: string; reason: string };

/** A chain check as this device last saw it, kept for when it is offline. */
export interface ChainCheck {
  result: ChainResult;
  checkedAt: string;
}

const CHAIN_CACHE_KEY = 'audit.chain';

export async function saveChainCheck(ctx: ShopContext, check: ChainCheck): Promise<void> {
  await ctx.local.meta.put({ key: CHAIN_CACHE_KEY, value: check });
}

export async function lastChainCheck(ctx: ShopContext): Promise<ChainCheck | null> {
  const row = await ctx.local.meta.get(CHAIN_CACHE_KEY);
  return (row?.value as ChainCheck | undefined) ?? null;
}

/** One audit entry this device holds, or null. */
export async function auditEntry(ctx: ShopContext, id: string): Promise<ActivityEntry | null> {
  const row = await ctx.local.audit.get(id);
  if (!row) return null;
  const [entry] = await enrich(ctx, [row]);
  return entry ?? null;
}

/**
 * The newest entry a passed check covered: the one the server names, else the newest
 * entry from before the check that had reached the server (none still in the outbox).
 */
export async function lastVerifiedEntry(
  ctx: ShopContext,
  check: ChainCheck,
): Promise<ActivityEntry | null> {
  if (!check.result.ok) return null;
  if (check.result.lastAuditId) return auditEntry(ctx, check.result.lastAuditId);
  if (check.result.entries === 0) return null;
  const rows = await ctx.local.audit.where('at').belowOrEqual(check.checkedAt).reverse().toArray();
  for (const row of rows) {
    if (!(await ctx.local.outbox.get(row.id))) return (await enrich(ctx, [row]))[0] ?? null;
  }
  return null;
}
