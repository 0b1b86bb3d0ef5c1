import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { sessionRevoked, unauthorized } from '../errors.ts';
import { forwardedClient } from './client-address.ts';
import type { AppEnv } from './types.ts';

export const SESSION_COOKIE = 'sk_session';

export function isHttps(c: Context<AppEnv>): boolean {
  // every response asks (security.ts): a prefix test, not a URL parse; the scheme is lower-case
  if (c.req.url.startsWith('https:')) return true;
  return c.get('services').trustProxy && c.req.header('x-forwarded-proto') === 'https';
}

export function setSessionCookie(c: Context<AppEnv>, token: string, expires: Date): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    path: '/',
    expires,
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) });
}

/** Resolves the session cookie to a user, or answers 401. */
export const requireSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) throw unauthorized();
  const session = await c.get('services').sessions.validate(token, c.req.header('user-agent'));
  if (session === 'revoked') {
    // The app tells this apart from an expiry: a device signed out by its owner (a lost
    // phone) goes to the login screen, keeping only what it has not synced. The worthless
    // cookie stays, so every request says so, not only the first (a sync request or a
    // reload may take that one before the app has heard).
    throw sessionRevoked();
  }
  if (!session) {
    clearSessionCookie(c);
    throw unauthorized('Your session has expired. Please log in again.');
  }
  c.set('userId', session.userId);
  c.set('sessionId', session.sessionId);
  c.set('deviceId', session.deviceId);
  if (session.refreshed) setSessionCookie(c, token, session.expiresAt);
  await next();
};

/**
 * The client's address: behind trusted proxies (TRUST_PROXY), the X-Forwarded-For entry
 * TRUST_PROXY_HOPS places from the right; else the socket's peer.
 */
export function clientAddress(c: Context<AppEnv>): string {
  const { trustProxy, trustProxyHops } = c.get('services');
  if (trustProxy) {
    const forwarded = forwardedClient(c.req.header('x-forwarded-for'), trustProxyHops);
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}
