import { ServerResponse } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { forbidden } from '../errors.ts';
import { isHttps } from './auth.ts';
import { contentSecurityPolicy } from './csp.ts';
import type { AppEnv } from './types.ts';

/** No inline scripts at all; a page from the built app (static.ts) allows its own. */
const HEADERS: [string, string][] = [
  ['Content-Security-Policy', contentSecurityPolicy()],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'same-origin'],
  ['Permissions-Policy', 'camera=(self), geolocation=(), microphone=()'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
];

/** Only over HTTPS: on plain HTTP a browser ignores it, and a proxy's word counts only if trusted. */
const HSTS: [string, string] = ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'];

/** Node's response, when the app is served by @hono/node-server (it passes `{ incoming, outgoing }`). */
function nodeResponse(c: Context<AppEnv>): ServerResponse | null {
  const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
  return outgoing instanceof ServerResponse && !outgoing.headersSent ? outgoing : null;
}

/**
 * Served by Node, the headers go straight onto Node's response: `writeHead` merges
 * them with the response's own (which win), and a JSON answer's single header stays a
 * plain object all the way out, instead of Hono building a fetch `Headers` for every
 * response (~15 µs of a ~180 µs replication request). Otherwise (`app.request`) they
 * are set before the handler runs, so every response the context makes carries them;
 * a Response made outside the context gets them after.
 */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  const headers = isHttps(c) ? [...HEADERS, HSTS] : HEADERS;
  const outgoing = nodeResponse(c);
  if (outgoing) {
    for (const [name, value] of headers) outgoing.setHeader(name, value);
    await next();
    return;
  }
  for (const [name, value] of headers) c.header(name, value);
  await next();
  if (!c.res.headers.has('X-Content-Type-Options')) {
    for (const [name, value] of headers) c.header(name, value);
  }
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
      const forwardedHost = c.get('services').trustProxy
        ? c.req.header('x-forwarded-host')
        : undefined;
      const forwardedProto = c.get('services').trustProxy
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
