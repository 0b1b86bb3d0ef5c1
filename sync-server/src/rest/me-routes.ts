import { createRoute } from '@hono/zod-openapi';
import { deleteMeInput, updateAccountInput } from '@stallkeeper/shared';
import { restMe } from '@stallkeeper/shared/rest';
import type { Context } from 'hono';
import { confirmCurrentPassword } from '../account/current-password.ts';
import { updateProfile } from '../account/profile.ts';
import { conflict, unauthorized } from '../errors.ts';
import type { AppEnv } from '../http/types.ts';
import { toPublicUser } from '../auth/users.ts';
import { deleteShop } from '../shops/delete-shop.ts';
import { errors, json, restRouter } from './openapi.ts';

const tags = ['Me'];
const body = <T extends typeof updateAccountInput | typeof deleteMeInput>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});

const read = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'Who the caller is, and its shops',
  responses: { 200: json(restMe, 'The caller'), ...errors(401, 429) },
});
const update = createRoute({
  method: 'patch',
  path: '/',
  tags,
  summary: 'Change the name or the email (an email change needs currentPassword)',
  request: { body: body(updateAccountInput) },
  responses: { 200: json(restMe, 'The caller as it is now'), ...errors(400, 401, 403, 409, 429) },
});
const remove = createRoute({
  method: 'delete',
  path: '/',
  tags,
  summary: 'Delete the account (refused while the last owner of a shop with other members)',
  request: { body: body(deleteMeInput) },
  responses: { 204: { description: 'Deleted' }, ...errors(400, 401, 403, 409, 429) },
});

/** Who the caller is, and the shops they may reach (a token: its one shop). */
async function me(c: Context<AppEnv>) {
  const { users, shops } = c.get('services');
  const user = await users.byId(c.get('userId'));
  if (!user) throw unauthorized();
  const token = c.get('token');
  const all = await shops.forUser(user.id);
  const visible = token ? all.filter((s) => s.id === token.shopId) : all;
  return {
    user: toPublicUser(user),
    shops: visible.map((s) => ({ id: s.id, name: s.name, role: s.role })),
  };
}

/** `/api/v1/me`: seed 003's users — read, change, leave. */
export function meRoutes() {
  const r = restRouter();

  r.openapi(read, async (c) => c.json(await me(c), 200));

  r.openapi(update, async (c) => {
    await updateProfile(c, c.req.valid('json'));
    return c.json(await me(c), 200);
  });

  /**
   * The account goes, with its sessions and tokens. A shop it alone belongs to goes
   * with it; while it is the last owner of a shop others work in, it is refused.
   */
  r.openapi(remove, async (c) => {
    const { currentPassword } = c.req.valid('json');
    const services = c.get('services');
    const { users, shops, sessions, tokens } = services;
    const user = await users.byId(c.get('userId'));
    if (!user) throw unauthorized();
    await confirmCurrentPassword(c, user, currentPassword, {
      missing: 'Enter your password.',
      wrong: 'Your password is not correct.',
    });
    const plans = [];
    for (const s of await shops.forUser(user.id)) {
      const others = (await shops.members(s.id)).filter((m) => m.userId !== user.id);
      plans.push({ shop: s, others });
    }
    const stuck = plans.filter(
      (p) =>
        p.shop.role === 'owner' && p.others.length && !p.others.some((m) => m.role === 'owner'),
    );
    if (stuck.length) {
      throw conflict(
        `You are the last owner of ${stuck.map((p) => p.shop.name).join(', ')}: make another member an owner first.`,
      );
    }
    for (const p of plans) {
      if (p.others.length) await shops.removeMember(p.shop.id, user.id);
      else await deleteShop(services, p.shop.id, user.id);
    }
    await sessions.forgetAll(user.id);
    await tokens.revokeAll(user.id);
    await users.remove(user.id);
    return c.body(null, 204);
  });
  return r;
}
