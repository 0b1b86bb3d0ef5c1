import { createRoute } from '@hono/zod-openapi';
import { memberParam, restMember, shopParam } from '@stallkeeper/shared/rest';
import { z } from 'zod';
import { forbidden } from '../errors.ts';
import { memberList, removeMember } from '../shops/members.ts';
import { errors, json, restRouter } from './openapi.ts';

const tags = ['Members'];

const list = createRoute({
  method: 'get',
  path: '/shops/{shopId}/members',
  tags,
  summary: "The shop's members (emails for owners only)",
  request: { params: shopParam },
  responses: {
    200: json(z.object({ items: z.array(restMember) }), 'Every member'),
    ...errors(401, 403, 404, 429),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/shops/{shopId}/members/{userId}',
  tags,
  summary: 'Remove a member (owner); their sessions and tokens lose the shop at once',
  request: { params: memberParam },
  responses: { 204: { description: 'Removed' }, ...errors(401, 403, 404, 409, 429) },
});

export function memberRoutes() {
  const r = restRouter();
  r.openapi(list, async (c) => {
    const owner = c.get('role') === 'owner';
    const items = (await memberList(c.get('services'), c.get('shopId'))).map((m) => ({
      id: m.userId,
      name: m.name,
      role: m.role,
      joinedAt: m.joinedAt,
      ...(owner ? { email: m.email } : {}),
    }));
    return c.json({ items }, 200);
  });
  r.openapi(remove, async (c) => {
    if (c.get('role') !== 'owner') throw forbidden('Only an owner can do this.');
    const { userId } = c.req.valid('param');
    await removeMember(c.get('services'), c.get('shopId'), userId, c.get('userId'));
    return c.body(null, 204);
  });
  return r;
}
