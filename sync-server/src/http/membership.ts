import type { Role } from '@stallkeeper/shared';
import type { MiddlewareHandler } from 'hono';
import { forbidden, notFound } from '../errors.ts';
import { SHOP_ID_RE } from '../storage/storage.ts';
import type { AppEnv } from './types.ts';

/**
 * Members of the shop named by the route's `param` only (anyone else gets what a
 * missing shop gets); `owner` also requires the owner role. Sets `shopId` and `role`.
 */
export function memberOf(
  param: string,
  required: Role | 'any',
  missing = 'No such shop.',
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const shopId = c.req.param(param) ?? '';
    const role = SHOP_ID_RE.test(shopId)
      ? await c.get('services').shops.roleOf(shopId, c.get('userId'))
      : null;
    if (!role) throw notFound(missing);
    if (required === 'owner' && role !== 'owner') throw forbidden('Only an owner can do this.');
    c.set('shopId', shopId);
    c.set('role', role);
    await next();
  };
}
