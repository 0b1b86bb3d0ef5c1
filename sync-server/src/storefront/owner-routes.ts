import { createRoute } from '@hono/zod-openapi';
import { shopParam, storefront, storefrontInput, type Storefront } from '@stallkeeper/shared/rest';
import type { Context } from 'hono';
import type { AppEnv } from '../http/types.ts';
import { sealKeyOf } from '../replication/server-seal.ts';
import { errors, json, mayWrite, restRouter } from '../rest/openapi.ts';
import type { StorefrontConfig } from './storefront-store.ts';

const tags = ['Shop page'];

const read = createRoute({
  method: 'get',
  path: '/shops/{shopId}/storefront',
  tags,
  summary: 'The shop page settings (whether it is published, its address, pickup and delivery)',
  request: { params: shopParam },
  responses: { 200: json(storefront, 'The settings'), ...errors(401, 403, 404, 429) },
});

const write = createRoute({
  method: 'put',
  path: '/shops/{shopId}/storefront',
  tags,
  summary: 'Publish the shop page, or change its settings (owners)',
  description:
    'The page is at PUBLIC_URL/s/<slug>. A slug another shop uses answers 409 slug_taken. Which products are sold online, and how many units online orders may hold at once, are product fields (`online`, `onlineAllowance`).',
  request: {
    params: shopParam,
    body: { content: { 'application/json': { schema: storefrontInput } }, required: true },
  },
  responses: { 200: json(storefront, 'Saved'), ...errors(400, 401, 403, 404, 409, 429) },
});

const UNPUBLISHED: StorefrontConfig = {
  published: false,
  slug: '',
  pickup: null,
  delivery: null,
  minimumOrder: 0,
  timeZone: 'UTC',
  message: '',
};

export function storefrontOwnerRoutes() {
  const r = restRouter();
  const view = (c: Context<AppEnv>, s: StorefrontConfig): Storefront => ({
    ...s,
    url: s.slug ? c.get('services').storefront.mail.link(`/s/${s.slug}`) : '',
  });

  r.openapi(read, async (c) => {
    const config = (await c.get('services').storefront.store.get(c.get('shopId'))) ?? UNPUBLISHED;
    return c.json(view(c, config), 200);
  });

  r.openapi(write, async (c) => {
    mayWrite(c, 'settings', 'update');
    const input = c.req.valid('json');
    const config = await c.get('services').storefront.store.put(c.get('shopId'), input);
    // a shop made before seals existed gets its key with its page, before any online order
    await sealKeyOf(c.get('services').storage.shop(c.get('shopId')));
    return c.json(view(c, config), 200);
  });
  return r;
}
