import { liveQuery, type Observable } from 'dexie';
import type { AuditRow } from './local.ts';
import type { ShopContext } from './shop.ts';

export interface ActivityFilter {
  by?: string;
  action?: string;
  from?: string;
  to?: string;
  limit?: number;
}

/** Audit entries, newest first; they outlive the documents they describe. */
export function liveActivity(ctx: ShopContext, f: ActivityFilter): Observable<AuditRow[]> {
  return liveQuery(async () => {
    const rows = await ctx.local.audit.orderBy('at').reverse().toArray();
    return rows
      .filter(
        (a) =>
          (!f.by || a.by === f.by) &&
          (!f.action || a.action.startsWith(f.action)) &&
          (!f.from || a.at >= f.from) &&
          (!f.to || a.at.slice(0, 10) <= f.to),
      )
      .slice(0, f.limit ?? 300);
  });
}

/** People who appear in the log, for the filter. */
export function livePeople(ctx: ShopContext): Observable<{ id: string; name: string }[]> {
  return liveQuery(async () => {
    const seen = new Map<string, string>();
    await ctx.local.audit.each((a) => {
      if (!seen.has(a.by)) seen.set(a.by, a.userName || a.by);
    });
    return [...seen]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name));
  });
}
