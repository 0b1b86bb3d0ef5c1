import type { Unit } from '@stallkeeper/shared';
import { liveQuery, type Observable } from 'dexie';
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
    const productIds = [...new Set(rows.map((a) => a.target).filter(isProductId))];
    const products = await ctx.local.products.bulkGet(productIds);
    const units = new Map(products.flatMap((p) => (p ? [[p.id, p.unit] as const] : [])));
    return rows.map((a) => ({ ...a, unit: units.get(a.target) ?? null }));
  });
}

const isProductId = (id: string) => id.startsWith('product:');

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
