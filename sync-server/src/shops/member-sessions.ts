import { Hono, type Context } from 'hono';
import { notFound } from '../errors.ts';
import { sessionView } from '../account/session-view.ts';
import { requireSession } from '../http/auth.ts';
import { memberOf } from '../http/membership.ts';
import type { AppEnv } from '../http/types.ts';

/** The member the route names; someone who is not a member of this shop is a 404. */
async function memberId(c: Context<AppEnv>): Promise<string> {
  const userId = c.req.param('userId') ?? '';
  const role = await c.get('services').shops.roleOf(c.get('shopId'), userId);
  if (!role) throw notFound('No such member.');
  return userId;
}

/**
 * An owner signs out a member's devices (a seller's lost phone) from the team screen:
 * `GET` lists them, `DELETE` ends them all, and the member's next request is a 401
 * `session_revoked`. Owners of that shop only; a user who is not its member is a 404,
 * so no one learns about accounts outside their shop. `place` is null unless a GeoIP
 * database is configured (none is: see account/session-view.ts).
 *
 * Mounted at `/api/shops` beside shopRoutes, so each route takes the session itself:
 * a `use('*')` here would run for every shop route too.
 */
export function memberSessionRoutes() {
  const r = new Hono<AppEnv>();
  const owner = [requireSession, memberOf('shopId', 'owner')] as const;

  r.get('/:shopId/members/:userId/sessions', ...owner, async (c) => {
    const list = await c.get('services').sessions.list(await memberId(c));
    return c.json({ sessions: list.map(sessionView) });
  });

  r.delete('/:shopId/members/:userId/sessions', ...owner, async (c) => {
    const userId = await memberId(c);
    await c.get('services').sessions.revokeAll(userId);
    c.get('services').log.info('member signed out everywhere', {
      shopId: c.get('shopId'),
      userId,
      by: c.get('userId'),
    });
    return c.body(null, 204);
  });

  return r;
}
