import type { DeviceSession } from '@stallkeeper/shared';
import type { SessionInfo } from '../auth/sessions.ts';

/**
 * A session as the account and team screens list it: what a person recognises their
 * device by, never its token or device id. `place` is null: an approximate place
 * needs a GeoIP database, and this server has none configured (nothing here looks
 * an address up on the internet).
 */
export function sessionView(s: SessionInfo): DeviceSession {
  return {
    id: s.id,
    deviceName: s.deviceName,
    browser: s.browser,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    place: null,
  };
}
