import { storefrontOwnerRoutes } from '../storefront/owner-routes.ts';
import type { MiddlewareHandler } from 'hono';
import { apiShop, readTokensRead, requireApiCaller } from '../http/api-auth.ts';
import { apiRateLimit } from '../http/api-rate-limit.ts';
import type { AppEnv, Services } from '../http/types.ts';
import { customerRoutes } from './customers.ts';
import { memberRoutes } from './member-routes.ts';
import { meRoutes } from './me-routes.ts';
import { orderChangeRoutes } from './order-changes.ts';
import { orderRoutes } from './orders.ts';
import { restRouter } from './openapi.ts';
import { emailRoutes } from './email-routes.ts';
import { productRoutes } from './products.ts';
import { stockRoutes } from './stock.ts';

export const OPENAPI_INFO = {
  title: 'Stallkeeper API',
  version: '1.0.0',
  description:
    "A shop's catalog, customers, orders and stock for other programs. Authenticate with `Authorization: Bearer <token>` (Settings → API tokens). Money is integer minor units of the shop's currency; quantities are base units (grams for kg, ml for l, mm for m, pieces).",
};

const exceptDocument =
  (m: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> =>
  (c, next) =>
    c.req.path.endsWith('/openapi.json') ? next() : m(c, next);

const DOCUMENT = {
  openapi: '3.1.0',
  info: OPENAPI_INFO,
  servers: [{ url: '/api/v1' }],
  security: [{ bearer: [] }],
};

/** The OpenAPI document of a router made by v1Routes. */
export const documentOf = (r: ReturnType<typeof v1Routes>) => r.getOpenAPI31Document(DOCUMENT);

/** `/api/v1`: the REST API for programs (a token) and the app (its session). */
export function v1Routes(services: Services) {
  const r = restRouter();
  r.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token from Settings → API tokens',
  });
  r.doc31('/openapi.json', DOCUMENT);
  // the document itself is public: a program reads it before it has a token
  r.use(
    '*',
    exceptDocument(requireApiCaller),
    exceptDocument(apiRateLimit(services.apiRate)),
    readTokensRead,
  );

  r.route('/me', meRoutes());
  r.use('/shops/:shopId/*', apiShop);
  r.route('/', memberRoutes());
  r.route('/', productRoutes());
  r.route('/', customerRoutes());
  r.route('/', stockRoutes());
  r.route('/', orderRoutes());
  r.route('/', orderChangeRoutes());
  r.route('/', emailRoutes());
  r.route('/', storefrontOwnerRoutes());
  return r;
}
