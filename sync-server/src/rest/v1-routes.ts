import { Hono } from 'hono';
import { forbidden } from '../errors.ts';
import { apiShop, requireApiCaller } from '../http/api-auth.ts';
import { memberList, removeMember } from '../shops/members.ts';
import { meRoutes } from './me-routes.ts';
import type { AppEnv } from '../http/types.ts';

/** `/api/v1`: the REST API for programs (a token) and the app (its session). */
export function v1Routes() {
  const r = new Hono<AppEnv>();
  r.use('*', requireApiCaller);

  r.route('/me', meRoutes());

  r.use('/shops/:shopId/*', apiShop);

  // Every member sees who works in the shop; only owners see the emails.
  r.get('/shops/:shopId/members', async (c) => {
    const owner = c.get('role') === 'owner';
    const items = (await memberList(c.get('services'), c.get('shopId'))).map((m) => ({
      id: m.userId,
      name: m.name,
      role: m.role,
      joinedAt: m.joinedAt,
      ...(owner ? { email: m.email } : {}),
    }));
    return c.json({ items });
  });

  r.delete('/shops/:shopId/members/:userId', async (c) => {
    if (c.get('role') !== 'owner') throw forbidden('Only an owner can do this.');
    await removeMember(c.get('services'), c.get('shopId'), c.req.param('userId'), c.get('userId'));
    return c.body(null, 204);
  });
  return r;
}
