/**
 * A signed-in device as the account and team screens list it
 * (`GET /api/account/sessions`, `GET /api/shops/:shopId/members/:userId/sessions`).
 * A plain shape, no schema: the screens only show it, and the first screen stays
 * free of zod.
 */
export interface DeviceSession {
  /** the session's stored hash: what it is revoked by; never the token */
  id: string;
  /** the name the device gave, or what its browser says it is ("iPhone") */
  deviceName: string;
  /** "Chrome on Android"; null until the session's first request said */
  browser: string | null;
  /** first seen: when it signed in */
  createdAt: string;
  lastSeenAt: string;
  /** approximate place from the IP address; null unless the server has a GeoIP database */
  place: string | null;
}

/** The signed-in person's own list also says which session is this one. */
export interface OwnDeviceSession extends DeviceSession {
  current: boolean;
}

/** The error code of a 401 for a session someone ended (not one that expired). */
export const SESSION_REVOKED = 'session_revoked';
