import {
  DEFAULT_SETTINGS,
  SETTINGS_MERGE_FIELDS,
  isoNow,
  type Settings,
  type SettingsFields,
} from '@stallkeeper/shared';
import { liveQuery, type Observable } from 'dexie';
import { schemas } from '../schemas.ts';
import { blobToBase64 } from './blobs.ts';
import { conflict } from './edit-write.ts';
import { ValidationError, type ShopContext } from './shop.ts';

/** The shop's settings from the read model, with defaults until the first sync. */
export function liveSettings(ctx: ShopContext): Observable<SettingsFields> {
  return liveQuery(async () => {
    const row = await ctx.local.meta.get('settings');
    return { ...DEFAULT_SETTINGS, ...((row?.value as Partial<SettingsFields> | undefined) ?? {}) };
  });
}

/** Whether this device knows of any sale (the currency is fixed from the first one). */
export async function salesExist(ctx: ShopContext): Promise<boolean> {
  return (await ctx.local.orders.limit(1).count()) > 0;
}

export const CURRENCY_LOCKED =
  'The currency cannot change once the shop has sales: their amounts were taken in the current one.';

/**
 * Save the owner's settings: only changed fields get a new clock stamp (for the
 * merge). `logo` is a new logo, null to remove it, undefined to keep it.
 */
export async function saveSettings(
  ctx: ShopContext,
  input: SettingsFields,
  logo?: Blob | null,
): Promise<Settings> {
  const { settingsFields } = await schemas();
  const parsed = settingsFields.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ValidationError(`${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const fields = parsed.data;
  const current = await ctx.get<Settings>('settings');
  const base: SettingsFields = { ...DEFAULT_SETTINGS, ...(current ?? {}) };
  if (fields.currency !== base.currency && (await salesExist(ctx))) {
    throw new ValidationError(`currency: ${CURRENCY_LOCKED}`);
  }
  const stamp = ctx.clock.next();
  const stamps = { ...(current?.stamps ?? {}) };
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const f of SETTINGS_MERGE_FIELDS) {
    if (JSON.stringify(base[f]) !== JSON.stringify(fields[f])) {
      stamps[f] = stamp;
      before[f] = base[f];
      after[f] = fields[f];
    }
  }
  const next: Settings = {
    ...(current ?? { _id: 'settings', type: 'settings' }),
    ...fields,
    stamps,
    updatedAt: isoNow(),
  };
  // The logo merges like a field: the later edit wins.
  if (logo !== undefined) stamps._attachments = stamp;
  if (logo === null) {
    delete next._attachments;
  } else if (logo) {
    next._attachments = {
      logo: { content_type: logo.type || 'image/png', data: await blobToBase64(logo) },
    };
  }
  const audit =
    Object.keys(after).length || logo !== undefined
      ? [ctx.auditDoc('settings.update', 'settings', 'Changed the shop settings', before, after)]
      : [];
  if (next._rev === undefined) {
    // the shop's first settings: refused, as `put` refuses it, if they arrived meanwhile
    if (await ctx.get('settings')) throw conflict('settings');
    return ctx.putNew(next, ...audit);
  }
  const [saved] = await ctx.putEdits([{ ...next, _rev: next._rev }], ...audit);
  return saved ?? next;
}

/** The shop's logo as bytes (for invoices) and its type, or null. */
export async function readLogo(
  ctx: ShopContext,
): Promise<{ bytes: Uint8Array; type: string } | null> {
  try {
    const blob = (await (await ctx.replica()).getAttachment('settings', 'logo')) as Blob;
    return { bytes: new Uint8Array(await blob.arrayBuffer()), type: blob.type };
  } catch {
    return null;
  }
}
