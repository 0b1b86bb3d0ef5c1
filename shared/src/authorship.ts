import { z } from 'zod';
import { decodeHlc, HLC_RE } from './hlc.ts';
import { MERGE_FIELDS } from './merge.ts';
import { deviceId, type DocKind } from './schemas/index.ts';

/**
 * Who wrote a document is the server's to say, not the document's: the sync server
 * checks each incoming document against the session that sent it with these rules.
 */

/** The id the sync server writes as (its clock node, `by` and `deviceId`). */
export const SERVER_ACTOR = 'server';

/** Device ids no session may take: they would pass for the server's own writes. */
export const isReservedDeviceId = (id: string): boolean => /^server(?:[-_].*)?$/i.test(id);

/** `PUT /api/auth/device`: the device this session writes as, said once. */
export const deviceBindingInput = z.object({
  deviceId: deviceId.refine((id) => !isReservedDeviceId(id), 'this device id is reserved'),
});

/**
 * How far ahead of the server's clock a stamp may be. A stamp from the future would
 * win every merge of its field until then.
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** The session a document arrived with. */
export interface Writer {
  userId: string;
  /** every name the user has gone by, the current first (offline entries keep the old one) */
  names: readonly string[];
  /** the device this session writes as; null until the app has said */
  deviceId: string | null;
}

/** Kinds that say who wrote them (`by`, `deviceId`; an audit entry also `userName`). */
const AUTHORED: ReadonlySet<DocKind> = new Set([
  'order',
  'orderevent',
  'stock',
  'invoice',
  'audit',
  'mail',
]);

/** Kinds whose fields carry clock stamps: the field merge's kinds. */
export const STAMPED: ReadonlySet<DocKind> = new Set(Object.keys(MERGE_FIELDS) as DocKind[]);

/** Why `doc` cannot be this writer's, or null when its authorship fields are theirs. */
export function authorshipError(
  kind: DocKind,
  doc: Record<string, unknown>,
  writer: Writer,
): string | null {
  if (!AUTHORED.has(kind)) return null;
  if (doc.by !== writer.userId) return `${kind} is written in another member's name`;
  if (writer.deviceId === null) {
    return 'this session has not said which device it is: sign in again to sync';
  }
  if (doc.deviceId !== writer.deviceId) {
    return `${kind} names a device other than the one this session writes from`;
  }
  if (kind === 'audit' && !writer.names.includes(String(doc.userName))) {
    return 'audit entry carries a name this member never had';
  }
  return null;
}

/** The stamp of a field that is ahead of `now` by more than the allowed skew, if any. */
export function futureStamp(stamps: unknown, now: number): string | null {
  if (!stamps || typeof stamps !== 'object') return null;
  const limit = now + MAX_CLOCK_SKEW_MS;
  for (const [field, stamp] of Object.entries(stamps)) {
    if (typeof stamp === 'string' && HLC_RE.test(stamp) && decodeHlc(stamp).wall > limit) {
      return field;
    }
  }
  return null;
}

/**
 * A field whose stamp this writer could not have made: new since `parent` (the
 * revision it edits) but stamped by another device. Without a known parent (a new
 * document), every stamp is new.
 */
export function foreignStamp(
  stamps: unknown,
  parentStamps: Record<string, unknown> | null,
  deviceId: string | null,
): string | null {
  if (!stamps || typeof stamps !== 'object') return null;
  for (const [field, stamp] of Object.entries(stamps)) {
    if (typeof stamp !== 'string' || parentStamps?.[field] === stamp) continue;
    if (!HLC_RE.test(stamp) || decodeHlc(stamp).node !== deviceId) return field;
  }
  return null;
}
