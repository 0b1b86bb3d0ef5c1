import { DEFAULT_SETTINGS, type SettingsFields } from '@stallkeeper/shared';
import { liveQuery, type Observable } from 'dexie';
import type { ShopContext } from './shop.ts';

/** The shop's settings from the read model, with defaults until the first sync. */
export function liveSettings(ctx: ShopContext): Observable<SettingsFields> {
  return liveQuery(async () => {
    const row = await ctx.local.meta.get('settings');
    return { ...DEFAULT_SETTINGS, ...((row?.value as Partial<SettingsFields> | undefined) ?? {}) };
  });
}
