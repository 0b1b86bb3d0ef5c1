import {
  acceptInviteInput,
  changeRoleInput,
  createInviteInput,
  createShopInput,
  invitePreview,
  type Role,
} from '@stallkeeper/shared';
import { Hono } from 'hono';
import { notFound } from '../errors.ts';
import { memberOf as shopMember } from '../http/membership.ts';
import { requireSession } from '../http/auth.ts';
import { parseBody } from '../http/parse.ts';
import type { AppEnv } from '../http/types.ts';
import { AuditChain } from '../resolver/audit-chain.ts';
import { deleteShop } from './delete-shop.ts';
import { changeMemberRole, memberList, removeMember } from './members.ts';
import { createShopDatabase } from './shop-db.ts';
import { inviteEmail } from '../mail/templates.ts';
import { mayEmailOthers } from '../mail/sender-rules.ts';

/** Members only; `owner` routes also require the owner role. */
const memberOf = (required: Role | 'any') => shopMember('shopId', required);

/** Shops, members and invites. Sellers can see their shop; only owners manage it. */
export function shopRoutes() {
  const r = new Hono<AppEnv>();
  r.use('*', requireSession);

  r.get('/', async (c) =>
    c.json({ shops: await c.get('services').shops.forUser(c.get('userId')) }),
  );

  r.post('/', async (c) => {
    const { name } = await parseBody(c, createShopInput);
    const { shops, storage } = c.get('services');
    const shop = await shops.create(name, c.get('userId'));
    await createShopDatabase(storage, shop.id, shop.name);
    await c.get('services').resolvers?.ensure(shop.id);
    return c.json({ shop: { id: shop.id, name: shop.name, role: 'owner' } }, 201);
  });

  r.delete('/:shopId', memberOf('owner'), async (c) => {
    await deleteShop(c.get('services'), c.get('shopId'), c.get('userId'));
    return c.body(null, 204);
  });

  r.get('/:shopId/members', memberOf('owner'), async (c) =>
    c.json({ members: await memberList(c.get('services'), c.get('shopId')) }),
  );

  r.patch('/:shopId/members/:userId', memberOf('owner'), async (c) => {
    const { role } = await parseBody(c, changeRoleInput);
    const userId = c.req.param('userId');
    await changeMemberRole(c.get('services'), c.get('shopId'), userId, role);
    return c.json({ userId, role });
  });

  r.delete('/:shopId/members/:userId', memberOf('owner'), async (c) => {
    await removeMember(c.get('services'), c.get('shopId'), c.req.param('userId'), c.get('userId'));
    return c.body(null, 204);
  });

  r.get('/:shopId/audit/verify', memberOf('owner'), async (c) => {
    const { resolvers, storage } = c.get('services');
    const running = resolvers?.get(c.get('shopId'));
    const result = running
      ? await running.verifyAudit()
      : await new AuditChain(storage.system(), c.get('shopId')).verify(
          storage.shop(c.get('shopId')),
        );
    return c.json(result);
  });

  r.get('/:shopId/invites', memberOf('owner'), async (c) => {
    const invites = await c.get('services').invites.forShop(c.get('shopId'));
    return c.json({
      invites: invites.map((i) => ({ code: i.code, role: i.role, expiresAt: i.expiresAt })),
    });
  });

  r.post('/:shopId/invites', memberOf('owner'), async (c) => {
    const { role, email } = await parseBody(c, createInviteInput);
    const services = c.get('services');
    // Mail to an address someone typed: only from a proven sender, a few an hour.
    const inviter = email === undefined ? null : await mayEmailOthers(c);
    const invite = await services.invites.create(c.get('shopId'), role, c.get('userId'));
    const path = `/join?code=${invite.code}`;
    if (email !== undefined && inviter) {
      const shop = await services.shops.byId(c.get('shopId'));
      await services.mail.send(
        inviteEmail(
          email,
          shop?.name ?? 'a shop',
          inviter.name,
          role,
          services.mail.link(path),
          invite.code,
        ),
      );
    }
    return c.json(
      {
        code: invite.code,
        role: invite.role,
        expiresAt: invite.expiresAt,
        path,
        emailed: email !== undefined,
      },
      201,
    );
  });

  r.delete('/:shopId/invites/:code', memberOf('owner'), async (c) => {
    await c.get('services').invites.revoke(c.get('shopId'), c.req.param('code'));
    return c.body(null, 204);
  });

  return r;
}

/**
 * `GET /api/invites/:code` (anyone with the code: the join page shows whose shop it
 * is) and `POST /api/invites/accept` (join the shop an invite code names).
 */
export function inviteRoutes() {
  const r = new Hono<AppEnv>();
  r.get('/:code', async (c) => {
    const { invites, shops } = c.get('services');
    const invite = await invites.usable(c.req.param('code'));
    const shop = await shops.byId(invite.shopId);
    if (!shop) throw notFound('This invite code is not valid or has expired.');
    return c.json(invitePreview.parse({ shopName: shop.name, role: invite.role }));
  });
  r.use('*', requireSession);
  r.post('/accept', async (c) => {
    const { code } = await parseBody(c, acceptInviteInput);
    const { invites, shops } = c.get('services');
    const invite = await invites.consume(code);
    // An invite outliving its shop must not open (and so re-create) the deleted shop's database.
    if (!(await shops.byId(invite.shopId))) {
      throw notFound('This invite code is not valid or has expired.');
    }
    const existing = await shops.roleOf(invite.shopId, c.get('userId'));
    // Joining never demotes an existing owner.
    if (existing !== 'owner') await shops.addMember(invite.shopId, c.get('userId'), invite.role);
    return c.json({ shopId: invite.shopId, shops: await shops.forUser(c.get('userId')) });
  });
  return r;
}
