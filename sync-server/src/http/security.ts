import type { MiddlewareHandler } from 'hono';
import { forbidden } from '../errors.ts';
import type { AppEnv } from './types.ts';

const CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'", // SvelteKit's inline bootstrap script
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', CSP);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'same-origin');
  c.header('Permissions-Policy', 'camera=(self), geolocation=(), microphone=()');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
};

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cookie-authenticated state changes must come from our own origin. Browsers send
 * Origin on cross-site requests; non-browser clients (PouchDB on Node) send none.
 */
export const sameOrigin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!SAFE.has(c.req.method)) {
    const origin = c.req.header('origin');
    if (origin && origin !== 'null') {
      const url = new URL(c.req.url);
      const forwardedHost = c.var.services.trustProxy
        ? c.req.header('x-forwarded-host')
        : undefined;
      const forwardedProto = c.var.services.trustProxy
        ? c.req.header('x-forwarded-proto')
        : undefined;
      const expected = `${forwardedProto ?? url.protocol.replace(':', '')}://${forwardedHost ?? c.req.header('host') ?? url.host}`;
      if (origin !== expected) throw forbidden('Cross-site request refused.');
    } else if (origin === 'null') {
      throw forbidden('Cross-site request refused.');
    }
  }
  await next();
};
