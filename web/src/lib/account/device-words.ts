import type { DeviceSession } from '@stallkeeper/shared';
import { relativeTime } from '../format.ts';

/** When a device signed in, in the device's own language and calendar. */
export function firstSeen(iso: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/**
 * "Signed in 3 Dec 2026, 09:12 · last seen 5 minutes ago". The server notes a use at
 * most every few minutes, so this device, being used now, says "active now".
 */
export function seenLine(
  s: Pick<DeviceSession, 'createdAt' | 'lastSeenAt'> & { current?: boolean },
  now = Date.now(),
  locale?: string,
): string {
  const last = s.current ? 'active now' : `last seen ${relativeTime(s.lastSeenAt, now)}`;
  return `Signed in ${firstSeen(s.createdAt, locale)} · ${last}`;
}
