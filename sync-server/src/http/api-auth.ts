import type { MiddlewareHandler } from 'hono';
import { forbidden, notFound, unauthorized } from '../errors.ts';
import { SHOP_ID_RE } from '../storage/storage.ts';
import { requireSession } from './auth.ts';
import type { AppEnv } from './types.ts';

const READS = new Set(['GET', 'HEAD']);

/**
 * Who calls the REST API: `Authorization: Bearer <token>` (a program), else the
 * session cookie (the app, or a person trying the API in the browser). A token
 * acts as its user, in its one shop, with its scope.
 */
export const requireApiCaller: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization');
  if (header === undefined) {
    c.set('token', null);
    return requireSession(c, next);
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const token = match?.[1] ? await c.get('services').tokens.validate(match[1]) : null;
  if (!token) throw unauthorized('This API token is not valid: it was revoked or mistyped.');
  c.set('userId', token.userId);
  c.set('sessionId', '');
  c.set('deviceId', null);
  c.set('token', { id: token.id, shopId: token.shopId, scope: token.scope });
  await next();
};

/** A `read` token only reads, everywhere under /api/v1. */
export const readTokensRead: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('token')?.scope === 'read' && !READS.has(c.req.method)) {
    throw forbidden('This token may only read. Make a write token to change anything.');
  }
  await next();
};

/**
 * The shop named by `:shopId`, for a member of it (anyone else gets what a missing
 * shop gets). A token reaches only its own shop.
 * Membership is asked on every request: a removed member's tokens stop at once.
 */
export const apiShop: MiddlewareHandler<AppEnv> = async (c, next) => {
  const shopId = c.req.param('shopId') ?? '';
  const token = c.get('token');
  if (token && token.shopId !== shopId) throw forbidden('This token is for another shop.');
  const role = SHOP_ID_RE.test(shopId)
    ? await c.get('services').shops.roleOf(shopId, c.get('userId'))
    : null;
  if (!role) throw notFound('No such shop.');
  c.set('shopId', shopId);
  c.set('role', role);
  await next();
};
